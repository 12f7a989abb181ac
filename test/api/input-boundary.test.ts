import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApi } from '../../api/http-api.js';
import { inputLimits } from '../../model/input-limits.js';
import { graphCounts } from '../support/inventory.js';
import { reconcileHarness } from '../support/reconcile-harness.js';

/**
 * The classes of bad input issue 16 found past the door, over HTTP on the real stack: each is
 * refused with a 4xx TMF Error naming the field, and the graph (nodes and relationships) is
 * unchanged. Before: 500 (a raw ZodError for ids, a stack overflow for deep nesting).
 */
describe('the HTTP door refuses what the engine would refuse later', () => {
  const harness = reconcileHarness();
  let app: FastifyInstance;
  beforeAll(async () => {
    const { inventory, expectations, taskQueue } = harness;
    app = await buildApi({ inventory, expectations, client: harness.env().client, taskQueue });
  });

  /** Sends a raw JSON text; the answer, and whether the graph stayed as it was. */
  const send = async (method: 'POST' | 'PATCH', url: string, text: string, type = 'application/json') => {
    const before = await graphCounts(harness.inventory);
    const response = await app.inject({ method, url, headers: { 'content-type': type }, payload: text });
    const after = await graphCounts(harness.inventory);
    return { status: response.statusCode, json: response.json<Record<string, string>>(), unchanged: before, after };
  };
  const refused = async (call: Promise<Awaited<ReturnType<typeof send>>>, status: number, message: RegExp) => {
    const answer = await call;
    expect(answer.status).toBe(status);
    expect(answer.json).toMatchObject({ '@type': 'Error', status: String(status) });
    expect(answer.json.message).toMatch(message);
    expect(answer.after).toEqual(answer.unchanged);
  };
  const deep = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;

  it.each([[''], ['has spaces'], ['a/b'], ['x'.repeat(300)]])(
    'a bad expectation id with a valid body (%j) → 422 naming id',
    async (id) => {
      await refused(
        send('POST', '/expectations', JSON.stringify({ id, kind: 'Cluster', name: 'fine' })),
        422,
        /invalid expectation: id: /,
      );
    },
  );

  it('deeply nested JSON in a free field → 400 naming the field, thousands deep too', async () => {
    for (const depth of [inputLimits.maxNestingDepth + 1, 5_000, 100_000]) {
      const body = `{"kind": "Cluster", "characteristics": {"cluster": ${deep(depth)}}}`;
      await refused(
        send('POST', '/expectations', body),
        400,
        /^characteristics\.cluster\.0\.0\..*nested deeper than 32/,
      );
    }
    const service = '/tmf-api/serviceInventory/v4/service';
    const tmf = `{"name": "n", "serviceCharacteristic": [{"name": "x", "value": ${deep(5_000)}}]}`;
    await refused(send('POST', service, tmf), 400, /^serviceCharacteristic\.0\.value\.0\..*nested deeper/);
    const patch = `{"characteristics": {"cluster": ${deep(5_000)}}}`;
    await refused(send('PATCH', '/expectations/anything', patch, 'application/merge-patch+json'), 400, /nested/);
  });

  it('a name that is no string or longer than a build takes, a mistyped specification → 422 at the door', async () => {
    const post = (body: object) => send('POST', '/expectations', JSON.stringify(body));
    await refused(post({ kind: 'Cluster', name: 5 }), 422, /name: Invalid input: expected string, received number/);
    await refused(post({ kind: 'Cluster', name: { a: 1 } }), 422, /name: Invalid input: expected string/);
    await refused(post({ kind: 'Cluster', specification: { major: 'two' } }), 422, /specification\.major: /);
    await refused(post({ kind: 'Cluster', name: 'x'.repeat(501) }), 422, /name: Too big: .*<=500 characters/);
    // the million-character name, which once reached a workflow and left it pending forever
    await refused(post({ kind: 'Cluster', name: 'x'.repeat(1_000_000) }), 400, /^name: longer than 10000 characters/);
    await refused(post({ kind: 'Cluster', name: 'x'.repeat(2_000_000) }), 413, /body/i);
  });

  it('strings, lists and a whole expectation over their limits → 4xx naming where', async () => {
    const post = (body: object) => send('POST', '/expectations', JSON.stringify(body));
    await refused(post({ kind: 'Cluster', name: 'x'.repeat(10_001) }), 400, /^name: longer than 10000 characters/);
    await refused(post({ kind: 'Cluster', parties: Array(1_001).fill({}) }), 400, /^parties: more than 1000 items/);
    const notes = Array.from({ length: 40 }, () => 'x'.repeat(9_000));
    await refused(post({ kind: 'Cluster', characteristics: { cluster: { notes } } }), 422, /bytes as JSON, more than/);
  });

  it("pool bounds and values outside the kind's limits (a VLAN is 1..4094) → 422 naming the field", async () => {
    const post = (body: object) => send('POST', '/expectations', JSON.stringify(body));
    await refused(
      post({ kind: 'CVC', pools: { svlans: { first: -5, last: 10 } } }),
      422,
      /pools\.svlans\.first: -5 is outside the values this pool may hold \(1\.\.4094\)/,
    );
    await refused(
      post({ kind: 'AVC', assignments: [{ alias: 'svlan', pool: 'svlans', from: 'some-cvc', value: 0 }] }),
      422,
      /assignments\.0\.value: 0 is outside/,
    );
  });
});
