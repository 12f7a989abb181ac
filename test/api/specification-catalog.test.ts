import { describe, expect, it } from 'vitest';
import { exampleKinds } from '../../examples/index.js';
import { Inventory } from '../../graph/inventory.js';
import { createRegistry } from '../../model/registry.js';
import { legacyResourceSpecificationPaths, specificationPaths } from '../../model/tmf/tmf-paths.js';
import { apiServer } from '../support/api-server.js';
import { catalogTestKinds } from '../support/catalog-kinds.js';
import { graphConnection } from '../support/graph.js';
import { graphCounts } from '../support/inventory.js';
import { validateSpecification } from '../support/official-specification.js';
import { reconcileHarness } from '../support/reconcile-harness.js';

/**
 * The specification catalog (TMF633/TMF634, v4 and v5) over the API as the other test/api files
 * build it: lists with the TMF630 rules, what a kind declares in each version's words, every item
 * meeting the official schema, every href answering; and deleting a specification (404, 409, 204,
 * never brought back by registration; what aims at a deleted one refused).
 */
type Json = Record<string, unknown>;

const versions = ['v4', 'v5'] as const;
const gpuId = 'ad50073f-17e0-45cb-b9b1-aa4296876156';
const test = catalogTestKinds('Catalog');

/** Every `href` in a value. */
const hrefsIn = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.flatMap(hrefsIn)
    : typeof value === 'object' && value !== null
      ? [
          ...(typeof (value as Json).href === 'string' ? [(value as Json).href as string] : []),
          ...Object.values(value).flatMap(hrefsIn),
        ]
      : [];

describe('specification catalog, v4 and v5', () => {
  const harness = reconcileHarness([...exampleKinds, test.Line, test.LineV2, test.Probe]);
  const server = apiServer(harness);
  const call = async (path: string, method = 'GET', body?: unknown) => {
    const response = await fetch(path.startsWith('http') ? path : `${server.base}${path}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      json: (text ? JSON.parse(text) : {}) as Json[] & Json,
    };
  };
  const get = (path: string) => call(path);

  it.each(versions)('%s lists the service and resource specifications, every href answering 200', async (version) => {
    const services = await get(specificationPaths[version].service);
    const resources = await get(`${specificationPaths[version].resource}/`);
    expect([services.status, resources.status]).toEqual([200, 200]);
    expect(services.json.map(({ '@type': type }) => type)).toContain('ServiceSpecification');
    expect(new Set(resources.json.map(({ '@type': type }) => type))).toEqual(new Set(['ResourceSpecification']));
    expect(resources.json.map(({ id }) => id)).toContain(gpuId);
    expect(services.headers.get('X-Total-Count')).toBe(String(services.json.length));
    const hrefs = [...hrefsIn(services.json), ...hrefsIn(resources.json)];
    expect(hrefs.every((href) => href.includes(`/${version}/`))).toBe(true);
    for (const href of hrefs) expect((await get(href)).status, href).toBe(200);
  });

  it.each(versions)('%s: every listed and every fetched specification meets the official schema', async (version) => {
    for (const type of ['service', 'resource'] as const) {
      const { json: listed } = await get(specificationPaths[version][type]);
      for (const item of listed) {
        expect(validateSpecification(version, type, item), String(item.name)).toEqual({ valid: true, errors: [] });
        const { json: one } = await get(item.href as string);
        expect(validateSpecification(version, type, one), String(item.name)).toEqual({ valid: true, errors: [] });
      }
    }
  });

  it.each(versions)(
    "%s shows a GPU's characteristics in that version's words, its pools and roles",
    async (version) => {
      const { status, json } = await get(`${specificationPaths[version].resource}/${gpuId}`);
      expect(status).toBe(200);
      expect(json).toMatchObject({ name: 'gpu', version: '1.0.0', lifecycleStatus: 'Active', isBundle: false });
      const values = ['nvidia', 'amd', 'intel'].map((value) => ({
        value,
        valueType: 'string',
        ...(version === 'v5' ? { '@type': 'StringCharacteristicValueSpecification' } : {}),
      }));
      expect(json.resourceSpecCharacteristic).toContainEqual({
        name: 'gpu.family',
        valueType: 'string',
        configurable: true,
        minCardinality: 0,
        maxCardinality: 1,
        ...(version === 'v4'
          ? { resourceSpecCharacteristicValue: values }
          : { characteristicValueSpecification: values, '@type': 'CharacteristicSpecification' }),
      });
      expect(json.poolSpecification).toEqual([{ name: 'cores', thing: 'core' }]);
      expect(json.partyRole).toEqual([{ role: 'operator', kind: 'Tenant', cardinality: 'single' }]);
      const old = await get(`${legacyResourceSpecificationPaths[version]}/${gpuId}`);
      expect(old.json).toEqual(json);
    },
  );

  it('filters, selects fields and pages: Broadband V1 Retired, V2 Active', async () => {
    const path = specificationPaths.v5.service;
    const broadband = await get(`${path}?name=broadband&fields=version,lifecycleStatus`);
    expect(broadband.json).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ version: expect.stringMatching(/^1\./), lifecycleStatus: 'Retired' }),
        expect.objectContaining({ version: expect.stringMatching(/^2\./), lifecycleStatus: 'Active' }),
      ]),
    );
    expect(broadband.json).toHaveLength(2);
    expect(Object.keys(broadband.json[0] ?? {}).sort()).toEqual(['@type', 'href', 'id', 'lifecycleStatus', 'version']);
    const active = await get(`${path}?name=broadband&lifecycleStatus=Active`);
    expect(active.json.map(({ id }) => id)).toEqual(['f6e5d4c3-b2a1-4f0e-9d8c-7b6a5f4e3d2c']);
    const firstPage = await get(`${path}?name=broadband&limit=1`);
    expect(firstPage.status).toBe(206);
    expect([firstPage.headers.get('X-Total-Count'), firstPage.headers.get('X-Result-Count')]).toEqual(['2', '1']);
    expect(firstPage.headers.get('Link')).toContain('rel="next"');
    const secondPage = await get(`${path}?name=broadband&limit=1&offset=1`);
    expect(secondPage.json[0]?.id).not.toBe(firstPage.json[0]?.id);
    const byCharacteristic = await get(`${path}?specCharacteristic.characteristicValueSpecification.value=fttb`);
    expect(byCharacteristic.json.map(({ id }) => id)).toEqual(['a1b2c3d4-e5f6-4a7b-8c9d-e0f1a2b3c4d5']);
    expect((await get(`${path}/${gpuId}`)).status).toBe(404);
  });

  it('DELETE: an unknown id, or one of the other type, is 404; one an instance uses is 409 naming the count, changing nothing', async () => {
    for (const version of versions) {
      const unknown = await call(`${specificationPaths[version].service}/no-such-spec`, 'DELETE');
      expect(unknown.status).toBe(404);
      expect((await call(`${specificationPaths[version].service}/${gpuId}`, 'DELETE')).status).toBe(404);
    }
    const instance = await harness.submit({ kind: test.Probe.name, name: 'probe-1' });
    expect(instance.settled.status).toBe('met');
    const before = await graphCounts(harness.inventory);
    const refused = await call(`${specificationPaths.v4.service}/${test.Probe.specification.id}`, 'DELETE');
    expect(refused.status).toBe(409);
    expect(refused.json).toMatchObject({ code: 'conflict', '@type': 'Error' });
    expect(refused.json.message).toBe(
      `specification ${test.Probe.specification.id} is not deleted, and nothing was changed: 1 instance and 1 expectation use it; ` +
        'expect another major version on each (and wait for them to be met), then delete it',
    );
    expect(await graphCounts(harness.inventory)).toEqual(before);
    expect((await get(`${specificationPaths.v5.service}/${test.Probe.specification.id}`)).status).toBe(200);
  });

  it('DELETE of an unused version: 204, gone from lists and ids, and neither registration nor a build nor an expectation brings it back', async () => {
    const { id } = test.LineV2.specification;
    const one = `${specificationPaths.v5.service}/${id}`;
    expect((await get(one)).json.lifecycleStatus).toBe('Active');
    expect((await get(`${specificationPaths.v4.service}/${test.Line.specification.id}`)).json.lifecycleStatus).toBe(
      'Retired',
    );
    const deleted = await call(one, 'DELETE');
    expect([deleted.status, deleted.json]).toEqual([204, {}]);
    expect((await get(one)).status).toBe(404);
    expect((await call(one, 'DELETE')).status).toBe(404);
    const listed = (await get(`${specificationPaths.v4.service}?name=${test.Line.specification.name}`)).json;
    expect(listed.map((spec) => [spec.id, spec.lifecycleStatus])).toEqual([[test.Line.specification.id, 'Active']]);
    // the catalog reads the stored specifications and the tombstones in one query
    const { registry, specifications, store } = harness.inventory;
    const instanceKinds = registry.all().flatMap((kind) => (kind.category === 'instance' ? [kind] : []));
    const queriesBefore = store.queriesRun;
    const catalog = await specifications.catalog(instanceKinds, 'service');
    expect(store.queriesRun - queriesBefore).toBe(1);
    expect(catalog.map(({ specification }) => specification.id)).not.toContain(id);
    await harness.inventory.bootstrap(); // what the worker does at start
    expect((await get(one)).status).toBe(404);
    await expect(harness.inventory.instances.build(test.LineV2, { name: 'never' })).rejects.toMatchObject({
      code: 'invalidInput',
      fields: ['specification'],
    });
    const onV1 = harness.track.instance(await harness.inventory.instances.build(test.Line, { name: 'stays-v1' }));
    await expect(harness.inventory.instances.respecify(onV1.id, id)).rejects.toMatchObject({
      code: 'invalidInput',
      fields: ['specification'],
    });
    expect((await harness.inventory.instances.get(onV1.id)).specification.id).toBe(test.Line.specification.id);
    const before = await graphCounts(harness.inventory);
    const expectation = await call('/expectations', 'POST', {
      id: harness.track.expectationId('catalog-v2'),
      kind: test.LineV2.name,
    });
    expect(expectation.status).toBe(422);
    expect(expectation.json.message).toContain(
      `specification: ${test.Line.specification.name} major version 2 (${id}) was deleted`,
    );
    const asking = await call('/expectations', 'POST', { kind: test.Line.name, specification: { major: 2 } });
    expect(asking.status).toBe(422);
    const tmfWrite = await call('/tmf-api/serviceInventory/v4/service', 'POST', {
      name: 'never-v2',
      state: 'active',
      serviceSpecification: { id },
    });
    expect([tmfWrite.status, tmfWrite.json.message]).toEqual([422, expect.stringContaining('was deleted')]);
    expect(await graphCounts(harness.inventory)).toEqual(before);
    expect((await get(one)).status).toBe(404);
  });

  it('a specification whose kind is no longer registered stays listed as Obsolete until deleted', async () => {
    const { Gone } = test;
    // an earlier deployment registered Gone; this one (the API's registry) no longer does
    const earlier = new Inventory(harness.driver, graphConnection().database, createRegistry([...exampleKinds, Gone]));
    await earlier.bootstrap();
    const one = `${specificationPaths.v4.service}/${Gone.specification.id}`;
    expect((await get(one)).json).toMatchObject({ name: Gone.specification.name, lifecycleStatus: 'Obsolete' });
    expect(validateSpecification('v4', 'service', (await get(one)).json)).toEqual({ valid: true, errors: [] });
    const obsolete = (await get(`${specificationPaths.v5.service}?lifecycleStatus=Obsolete`)).json.map(({ id }) => id);
    expect(obsolete).toContain(Gone.specification.id);
    expect((await call(one, 'DELETE')).status).toBe(204);
    await earlier.bootstrap();
    expect((await get(one)).status).toBe(404);
  });

  it('describes the lists, the specifications and DELETE in the OpenAPI document', async () => {
    type Operation = { responses: Record<string, { content?: Record<string, { schema: Json }> }> };
    const document = (await get('/openapi.json')).json as unknown as {
      paths: Record<string, { get: Operation; delete: Operation }>;
    };
    for (const version of versions) {
      for (const [type, path] of Object.entries(specificationPaths[version])) {
        const list = document.paths[path]?.get.responses['200']?.content?.['application/json']?.schema;
        const one = document.paths[`${path}/{id}`]?.get.responses['200']?.content?.['application/json']?.schema;
        expect(list?.type).toBe('array');
        const characteristics = type === 'service' ? 'specCharacteristic' : 'resourceSpecCharacteristic';
        expect(Object.keys((one?.properties ?? {}) as Json)).toEqual(
          expect.arrayContaining([characteristics, 'featureSpecification', 'lifecycleStatus', 'isBundle', 'partyRole']),
        );
        const remove = document.paths[`${path}/{id}`]?.delete.responses ?? {};
        expect(Object.keys(remove).sort()).toEqual(['204', '404', '409']);
        expect(Object.keys((remove['409']?.content?.['application/json']?.schema.properties ?? {}) as Json)).toContain(
          'message',
        );
      }
    }
  });
});
