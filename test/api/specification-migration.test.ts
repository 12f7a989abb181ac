import { describe, expect, it } from 'vitest';
import { exampleKinds } from '../../examples/index.js';
import { collectionPath, specificationPaths } from '../../model/tmf/tmf-paths.js';
import { apiServer } from '../support/api-server.js';
import { catalogTestKinds } from '../support/catalog-kinds.js';
import { eventually } from '../support/eventually.js';
import { uniqueId } from '../support/graph.js';
import { reconcileHarness } from '../support/reconcile-harness.js';

/**
 * The migration recipe of docs/specification-migration.md, end to end through the public HTTP API
 * only (real Neo4j, real Temporal worker): 50 instances on major version 1 of a specification; the
 * version cannot be deleted while they (and their expectations) use it; every expectation is asked
 * for major 2 and met; version 1 is deleted, is gone from the catalog, and stays gone when the
 * worker registers its kinds again.
 */
type Json = Record<string, unknown>;

const count = 50;
const { Line, LineV2 } = catalogTestKinds('Migration');
const v1 = Line.specification.id;
const v2 = LineV2.specification.id;

describe('migrating 50 instances from major version 1 to 2, then deleting version 1', () => {
  const harness = reconcileHarness([...exampleKinds, Line, LineV2]);
  const server = apiServer(harness);
  const call = async (path: string, method = 'GET', body?: unknown, contentType = 'application/json') => {
    const response = await fetch(`${server.base}${path}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': contentType } }),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      json: (text ? JSON.parse(text) : {}) as Json & Json[],
    };
  };
  const ids = Array.from({ length: count }, (_, index) => harness.track.expectationId(uniqueId(`migrate-${index}`)));
  /** Every expectation met at `generation` (or later), read over the API; the last reads either way. */
  const allMet = (generation: number) =>
    eventually(
      () => Promise.all(ids.map(async (id) => (await call(`/expectations/${id}`)).json)),
      (all) => all.every((one) => one.status === 'met' && (one.observedGeneration as number) >= generation),
      150_000,
      500,
    );
  /** How many services the inventory lists on a specification. */
  const servicesOn = async (specificationId: string) =>
    (
      await call(`${collectionPath('v4', 'service')}?serviceSpecification.id=${specificationId}&fields=id&limit=1`)
    ).headers.get('X-Total-Count');
  const v1Path = `${specificationPaths.v4.service}/${v1}`;

  it('runs the recipe', { timeout: 400_000 }, async () => {
    for (const id of ids) {
      const posted = await call('/expectations', 'POST', {
        id,
        kind: Line.name,
        name: id,
        characteristics: { line: { speed: '100' } },
      });
      expect(posted.status, id).toBe(201);
    }
    const built = await allMet(1);
    expect(built.map(({ status }) => status)).toEqual(ids.map(() => 'met'));
    expect(await servicesOn(v1)).toBe(String(count));

    // before the migration: refused, naming how many use it, and nothing changes
    const early = await call(v1Path, 'DELETE');
    expect(early.status).toBe(409);
    expect(early.json.message).toContain(`${count} instances and ${count} expectations use it`);
    expect((await call(v1Path)).json.lifecycleStatus).toBe('Retired');

    // expect major 2 on every instance
    for (const id of ids) {
      const patched = await call(`/expectations/${id}`, 'PATCH', { specification: { major: 2 } });
      expect(patched.status, id).toBe(200);
    }
    const migrated = await allMet(2);
    expect(migrated.map(({ status }) => status)).toEqual(ids.map(() => 'met'));
    expect([await servicesOn(v1), await servicesOn(v2)]).toEqual(['0', String(count)]);
    const one = (await call(`${collectionPath('v4', 'service')}/${ids[0]}`)).json;
    expect(one.serviceSpecification).toMatchObject({ id: v2, version: '2.0.0' });

    // delete version 1: gone from the catalog
    expect((await call(v1Path, 'DELETE')).status).toBe(204);
    expect((await call(v1Path)).status).toBe(404);
    const listed = await call(`${specificationPaths.v5.service}?name=${Line.specification.name}`);
    expect(listed.json.map((spec) => [spec.id, spec.lifecycleStatus])).toEqual([[v2, 'Active']]);

    // the worker registers its kinds again at start: version 1 stays deleted
    await harness.inventory.bootstrap();
    expect((await call(v1Path)).status).toBe(404);
    expect((await call(`${specificationPaths.v4.service}?name=${Line.specification.name}`)).json).toHaveLength(1);

    // the migrated expectations are still reconciled
    const changed = await call(`/expectations/${ids[0]}`, 'PATCH', { characteristics: { line: { speed: '1000' } } });
    expect(changed.status).toBe(200);
    const settled = await eventually(
      async () => (await call(`/expectations/${ids[0]}`)).json,
      (expectation) => expectation.status === 'met' && expectation.observedGeneration === 3,
      60_000,
    );
    expect(settled.status).toBe('met');
    const speed = (await call(`${collectionPath('v4', 'service')}/${ids[0]}`)).json.serviceCharacteristic;
    expect(speed).toContainEqual(expect.objectContaining({ name: 'line', value: { speed: '1000' } }));
  });
});
