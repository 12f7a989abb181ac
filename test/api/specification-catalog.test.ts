import { describe, expect, it } from 'vitest';
import { specificationPaths } from '../../model/tmf/tmf-paths.js';
import { apiServer } from '../support/api-server.js';
import { reconcileHarness } from '../support/reconcile-harness.js';

/**
 * The specification catalog (TMF633/TMF634, v4 and v5) over the API as the other test/api files
 * build it: lists with the TMF630 rules, what a kind declares, and every href answering.
 */
type Json = Record<string, unknown>;

const versions = ['v4', 'v5'] as const;
const gpuId = 'ad50073f-17e0-45cb-b9b1-aa4296876156';

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
  const server = apiServer(reconcileHarness());
  const get = async (path: string) => {
    const response = await fetch(path.startsWith('http') ? path : `${server.base}${path}`);
    return { status: response.status, headers: response.headers, json: (await response.json()) as Json[] & Json };
  };

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

  it.each(versions)("%s shows a GPU's characteristics, pools and roles", async (version) => {
    const { status, json } = await get(`${specificationPaths[version].resource}/${gpuId}`);
    expect(status).toBe(200);
    expect(json).toMatchObject({ name: 'gpu', version: '1.0.0', lifecycleStatus: 'Active' });
    expect(json.specCharacteristic).toContainEqual({
      name: 'gpu.family',
      valueType: 'string',
      configurable: true,
      minCardinality: 0,
      maxCardinality: 1,
      specCharacteristicValue: ['nvidia', 'amd', 'intel'].map((value) => ({ value, valueType: 'string' })),
    });
    expect(json.poolSpecification).toEqual([{ name: 'cores', thing: 'core' }]);
    expect(json.partyRole).toEqual([{ role: 'operator', kind: 'Tenant', cardinality: 'single' }]);
  });

  it('filters, selects fields and pages: Broadband V1 Obsolete, V2 Active', async () => {
    const path = specificationPaths.v5.service;
    const broadband = await get(`${path}?name=broadband&fields=version,lifecycleStatus`);
    expect(broadband.json).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ version: '1.0.0', lifecycleStatus: 'Obsolete' }),
        expect.objectContaining({ version: '2.0.0', lifecycleStatus: 'Active' }),
      ]),
    );
    expect(broadband.json).toHaveLength(2);
    expect(Object.keys(broadband.json[0] ?? {}).sort()).toEqual(['@type', 'href', 'id', 'lifecycleStatus', 'version']);
    const active = await get(`${path}?name=broadband&lifecycleStatus=Active`);
    expect(active.json.map(({ version }) => version)).toEqual(['2.0.0']);
    const firstPage = await get(`${path}?name=broadband&limit=1`);
    expect(firstPage.status).toBe(206);
    expect([firstPage.headers.get('X-Total-Count'), firstPage.headers.get('X-Result-Count')]).toEqual(['2', '1']);
    expect(firstPage.headers.get('Link')).toContain('rel="next"');
    const secondPage = await get(`${path}?name=broadband&limit=1&offset=1`);
    expect(secondPage.json[0]?.id).not.toBe(firstPage.json[0]?.id);
    const byCharacteristic = await get(`${path}?specCharacteristic.specCharacteristicValue.value=fttb`);
    expect(byCharacteristic.json.map(({ version }) => version)).toEqual(['1.0.0']);
    expect((await get(`${path}/${gpuId}`)).status).toBe(404);
  });

  it('describes the lists and specifications in the OpenAPI document', async () => {
    const document = (await get('/openapi.json')).json as unknown as {
      paths: Record<string, { get: { responses: Record<string, { content: Record<string, { schema: Json }> }> } }>;
    };
    for (const version of versions) {
      for (const path of Object.values(specificationPaths[version])) {
        const list = document.paths[path]?.get.responses['200']?.content['application/json']?.schema;
        const one = document.paths[`${path}/{id}`]?.get.responses['200']?.content['application/json']?.schema;
        expect(list?.type).toBe('array');
        expect(Object.keys((one?.properties ?? {}) as Json)).toEqual(
          expect.arrayContaining(['specCharacteristic', 'featureSpecification', 'lifecycleStatus', 'partyRole']),
        );
      }
    }
  });
});
