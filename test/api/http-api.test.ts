import { describe, expect, it } from 'vitest';
import { buildApi } from '../../api/http-api.js';
import { uniqueId } from '../support/graph.js';
import { graphCounts } from '../support/inventory.js';
import { apiServer } from '../support/api-server.js';
import { reconcileHarness } from '../support/reconcile-harness.js';

/** The HTTP API on a real port, over the real stack (Neo4j, Temporal, the harness's worker). */
describe('HTTP API', () => {
  const harness = reconcileHarness();
  const { inventory, track } = harness;
  const server = apiServer(harness);
  const resources = '/tmf-api/resourceInventoryManagement/v4/resource';

  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${server.base}${path}`, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined };
  };
  const settled = async (id: string, generation: number) => {
    for (let attempt = 0; attempt < 200; attempt += 1) {
      const { json } = await call('GET', `/expectations/${id}`);
      if (json.observedGeneration >= generation && (json.status === 'met' || json.status === 'blocked')) return json;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    throw new Error(`${id} did not settle`);
  };

  it('POST an expectation → 201; it converges; GET shows status and the actual; PATCH makes a new generation; DELETE ends it', async () => {
    const id = track.expectationId(uniqueId('api-exp'));
    const created = await call('POST', '/expectations', {
      id,
      kind: 'Cluster',
      name: 'api-cluster',
      state: 'installed',
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/expectations/${id}`);
    expect(created.json).toEqual({ id, generation: 1, workflowId: `reconcile-${id}`, reconciler: 'signalled' });
    expect(await settled(id, 1)).toMatchObject({
      status: 'met',
      outstanding: null,
      actual: { id, href: `${server.base}${resources}/${id}` },
    });

    const patched = await call('PATCH', `/expectations/${id}`, { characteristics: { cluster: { gpuCores: 2 } } });
    expect(patched).toMatchObject({ status: 200, json: { id, generation: 2 } });
    expect(await settled(id, 2)).toMatchObject({
      status: 'met',
      body: { kind: 'Cluster', name: 'api-cluster', state: 'installed', characteristics: { cluster: { gpuCores: 2 } } },
    });
    const listed = await call('GET', '/expectations?status=met&kind=Cluster');
    expect(listed.json.map((expectation: { id: string }) => expectation.id)).toContain(id);

    expect((await call('DELETE', `/expectations/${id}`)).status).toBe(204);
    expect((await call('GET', `/expectations/${id}`)).json).toMatchObject({
      '@type': 'Error',
      code: 'notFound',
      status: '404',
    });
    expect((await call('GET', `${resources}/${id}`)).json).toMatchObject({ id, name: 'api-cluster' });
  });

  it('refuses invalid intents with a TMF Error naming every field, and stores nothing', async () => {
    const before = await graphCounts(inventory);
    const invalid = await call('POST', '/expectations', {
      kind: 'Cluster',
      state: 'active',
      characteristics: { cluster: { gpuCores: 'many' } },
      bogus: 1,
    });
    expect(invalid.status).toBe(422);
    expect(invalid.json).toMatchObject({
      '@type': 'Error',
      code: 'invalidInput',
      status: '422',
      reason: 'Unprocessable Entity',
    });
    expect(invalid.json.message).toContain('Unrecognized key: "bogus"');
    const malformed = await call('POST', '/expectations', '{"kind": ');
    expect(malformed).toMatchObject({ status: 400, json: { '@type': 'Error', status: '400' } });
    const notObject = await call('POST', '/expectations', [1, 2]);
    expect(notObject.status).toBe(400);
    expect(notObject.json.message).toContain('body');
    expect(await graphCounts(inventory)).toEqual(before);
  });

  it('serves TMF639 resources with filters, fields, paging headers and 404s', async () => {
    const name = uniqueId('api-listed');
    for (let index = 0; index < 3; index += 1) track.instance(await inventory.instances.build('Cluster', { name }));
    const all = await call('GET', `${resources}?name=${name}`);
    expect(all.status).toBe(200);
    expect(all.headers.get('x-total-count')).toBe('3');
    expect(all.json).toHaveLength(3);
    const page = await call(
      'GET',
      `${resources}?name=${name}&resourceStatus=reserved&fields=name,resourceStatus&offset=1&limit=1`,
    );
    expect(page.status).toBe(206);
    expect(page.headers.get('x-total-count')).toBe('3');
    expect(page.headers.get('x-result-count')).toBe('1');
    expect(page.headers.get('link')).toContain(
      `<${server.base}${resources}?name=${name}&resourceStatus=reserved&fields=name%2CresourceStatus&offset=2&limit=1>; rel="next"`,
    );
    expect(Object.keys(page.json[0]).sort()).toEqual(['@type', 'href', 'id', 'name', 'resourceStatus']);
    expect((await call('GET', `${resources}?name=${name}&resourceStatus=available`)).json).toEqual([]);
    expect((await call('GET', `${resources}?name=${name}&resourceSpecification.name=cluster`)).json).toHaveLength(3);
    // an attribute outside the Cypher-filterable list is matched on the rendered JSON
    const byVersion = await call('GET', `${resources}?name=${name}&resourceSpecification.version=1.0.0,9.9.9&limit=2`);
    expect(byVersion.status).toBe(206);
    expect(byVersion.headers.get('x-total-count')).toBe('3');
    expect((await call('GET', `${resources}?name=${name}&resourceSpecification.version=9.9.9`)).json).toEqual([]);
    const missing = await call('GET', `${resources}/${uniqueId('nothing')}`);
    expect(missing).toMatchObject({
      status: 404,
      json: { '@type': 'Error', code: 'notFound', reason: 'Not Found', status: '404' },
    });
    expect((await call('GET', `/tmf-api/serviceInventory/v4/service/${all.json[0].id}`)).status).toBe(404);
    expect((await call('GET', `${resources}?limit=-1`)).status).toBe(400);
  });

  it("serves an instance's inherited facts: each value with where it came from, or unknown and why", async () => {
    const uni = track.instance(await inventory.instances.build('UNI', { name: uniqueId('api-uni') }));
    await inventory.instances.define('UNI', uni.id, { pools: { ports: { first: 1, last: 4 } } });
    const avc = track.instance(await inventory.instances.build('AVC', { name: uniqueId('api-avc') }));
    await inventory.assignments.assign({ owner: uni.id, pool: 'ports', assignee: avc.id, alias: 'uni' });
    const services = '/tmf-api/serviceInventory/v4/service';
    const { status, json } = await call('GET', `${services}/${avc.id}/inherited`);
    expect(status).toBe(200);
    expect(json.find((fact: { name: string }) => fact.name === 'uniPort')).toEqual({
      name: 'uniPort',
      category: 'field',
      status: 'known',
      value: 1,
      from: [uni.id],
    });
    expect(json.find((fact: { name: string }) => fact.name === 'installationSite')).toEqual({
      name: 'installationSite',
      category: 'place',
      status: 'known',
      value: null,
      from: [],
    });
    expect(json.find((fact: { name: string }) => fact.name === 'provider')).toEqual({
      name: 'provider',
      category: 'party',
      status: 'unknown',
      reason: 'inherited party "provider" is unknown: this instance has no held assignment with alias "svlan" yet',
    });
    expect((await call('GET', `${resources}/${avc.id}/inherited`)).status).toBe(404);
  });

  it('publishes an OpenAPI 3 document, and answers unknown routes with a TMF Error', async () => {
    const openapi = await call('GET', '/openapi.json');
    expect(openapi.json.openapi).toMatch(/^3\./);
    expect(Object.keys(openapi.json.paths)).toEqual(
      expect.arrayContaining([resources, '/expectations', '/expectations/{id}']),
    );
    expect((await call('GET', '/nowhere')).json).toMatchObject({ '@type': 'Error', status: '404' });
  });

  it('requires the bearer token when one is configured', async () => {
    const guarded = await buildApi({
      inventory,
      expectations: harness.expectations,
      client: harness.env().client,
      taskQueue: harness.taskQueue,
      token: 'a-long-enough-secret-token',
    });
    const address = await guarded.listen({ host: '127.0.0.1', port: 0 });
    try {
      const denied = await fetch(`${address}/expectations`);
      expect(denied.status).toBe(401);
      expect(await denied.json()).toMatchObject({ '@type': 'Error', code: 'unauthorized' });
      const allowed = await fetch(`${address}/expectations`, {
        headers: { authorization: 'Bearer a-long-enough-secret-token' },
      });
      expect(allowed.status).toBe(200);
    } finally {
      await guarded.close();
    }
  });
});
