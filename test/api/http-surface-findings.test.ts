import type { FastifyInstance } from 'fastify';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi } from '../../api/http-api.js';
import { parseExpectation } from '../../expectations/expectation-schema.js';
import { ExpectationRepository } from '../../graph/expectation-repository.js';
import { uniqueId } from '../support/graph.js';
import { graphCounts, testInventory } from '../support/inventory.js';
import { temporalEnvironment } from '../support/temporal.js';

/**
 * What the property test of the HTTP surface (http-surface.property.test.ts) found, each as a
 * focused regression test: the request it shrank to, and the answer now (a 5xx before).
 */
describe('the HTTP surface: what the property test found', () => {
  const { inventory, track } = testInventory();
  const expectations = new ExpectationRepository(inventory.store, (body) => parseExpectation(body, inventory.registry));
  let env: TestWorkflowEnvironment;
  let app: FastifyInstance;
  beforeAll(async () => {
    env = await temporalEnvironment();
    const taskQueue = uniqueId('nobody-polls');
    app = await buildApi({ inventory, expectations, client: env.client, taskQueue, writeWaitMs: 0 });
  });
  afterAll(() => env?.teardown());

  const get = async (url: string) => {
    const response = await app.inject({ method: 'GET', url });
    return { status: response.statusCode, json: response.json<unknown>() };
  };

  it('a filter named like a key of every object (toString) is a filter, not a graph attribute', async () => {
    const name = uniqueId('prop-filter');
    track.instance(await inventory.instances.build('BroadbandV2', { name }));
    const services = '/tmf-api/serviceInventory/v4/service';
    expect(await get(`${services}?name=${name}&toString=0`)).toEqual({ status: 200, json: [] });
    expect((await get(`${services}?name=${name}&constructor=x`)).status).toBe(200);
  });

  it('a characteristic named like a key of every object (constructor) is undeclared: 422, not a 500', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/expectations',
      payload: { kind: 'Cluster', characteristics: { constructor: 1 } },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json<{ message: string }>().message).toContain('characteristics.constructor: Cluster declares no');
  });

  it('a JSON Patch adding "__proto__" is refused (it would swap the prototype of the document patched)', async () => {
    const broadband = track.instance(await inventory.instances.build('BroadbandV2', { name: uniqueId('prop-proto') }));
    const before = await graphCounts(inventory);
    const response = await app.inject({
      method: 'PATCH',
      url: `/tmf-api/serviceInventory/v4/service/${broadband.id}`,
      headers: { 'content-type': 'application/json-patch+json' },
      payload: JSON.stringify([{ op: 'add', path: '/__proto__', value: { name: 'renamed' } }]),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ message: string }>().message).toContain('no member may be named __proto__');
    expect(await graphCounts(inventory)).toEqual(before);
  });

  it('a filter given twice means either value, on every list (it was an array the filters could not split)', async () => {
    const specifications = '/tmf-api/serviceCatalogManagement/v4/serviceSpecification';
    const either = await get(`${specifications}?name=broadband&name=nothing&fields=name`);
    expect(either.status).toBe(200);
    expect(either.json).toEqual(
      await get(`${specifications}?name=broadband,nothing&fields=name`).then((one) => one.json),
    );
    expect((await get(`${specifications}?fields=name&fields=id`)).status).toBe(400);
    const before = await graphCounts(inventory);
    expect((await get(`/tmf-api/resourceInventoryManagement/v4/resource?id=a&id=b`)).status).toBe(200);
    expect(await graphCounts(inventory)).toEqual(before);
  });
});
