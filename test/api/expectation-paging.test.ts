import { describe, expect, it } from 'vitest';
import { uniqueId } from '../support/graph.js';
import { apiServer } from '../support/api-server.js';
import { reconcileHarness } from '../support/reconcile-harness.js';

/** `GET /expectations` a page at a time: limit/offset, X-Total-Count, status, kind, search by id or name. */
describe('GET /expectations pages and filters on the server', () => {
  const harness = reconcileHarness();
  const server = apiServer(harness);
  const run = uniqueId('paging');
  const get = async (query: string) => {
    const response = await fetch(`${server.base}/expectations?${query}`);
    return { status: response.status, headers: response.headers, json: JSON.parse(await response.text()) };
  };
  const ids = (json: Array<{ id: string }>) => json.map((expectation) => expectation.id);

  it('gives a page, newest first, with the total that matches', async () => {
    const made: string[] = [];
    for (let index = 1; index <= 5; index++) {
      const id = harness.track.expectationId(`${run}-${index}`);
      const kind = index <= 3 ? 'Cluster' : 'GPU';
      await harness.expectations.create({ kind, name: `${run}-Name-${index}` }, id);
      made.push(id);
    }
    const first = await get(`search=${run}&limit=2`);
    expect(first.status).toBe(200);
    expect(first.headers.get('x-total-count')).toBe('5');
    expect(first.headers.get('x-result-count')).toBe('2');
    expect(ids(first.json)).toEqual([made[4], made[3]]);
    const second = await get(`search=${run}&limit=2&offset=2`);
    expect(ids(second.json)).toEqual([made[2], made[1]]);
    const last = await get(`search=${run}&limit=2&offset=4`);
    expect(ids(last.json)).toEqual([made[0]]);

    const clusters = await get(`search=${run}&kind=Cluster`);
    expect(clusters.headers.get('x-total-count')).toBe('3');
    expect(clusters.json.every((expectation: { kind: string }) => expectation.kind === 'Cluster')).toBe(true);
    expect((await get(`search=${run}&status=met`)).headers.get('x-total-count')).toBe('0');
    expect((await get(`search=${run}&status=pending&kind=GPU`)).headers.get('x-total-count')).toBe('2');
    // by name, any case; the view carries the outstanding count
    const byName = await get(`search=${run.toUpperCase()}-NAME-4`);
    expect(byName.json).toMatchObject([{ id: made[3], outstandingCount: 0, status: 'pending' }]);
  });

  it('refuses a bad query with 400 naming the field', async () => {
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=5000', 'limit'],
      ['offset=-1', 'offset'],
      ['limit=ten', 'limit'],
      ['status=done', 'status'],
      ['colour=red', 'colour'],
    ] as const) {
      const answer = await get(query);
      expect(answer.status, query).toBe(400);
      expect(answer.json).toMatchObject({ '@type': 'Error', status: '400' });
      expect(answer.json.message, query).toContain(field);
    }
  });
});
