import { describe, expect, it } from 'vitest';
import { uniqueId } from '../support/graph.js';
import { apiServer } from '../support/api-server.js';
import { reconcileHarness } from '../support/reconcile-harness.js';

/** `GET /expectations/{id}` links to `GET /expectations/{id}/events`: its actual's change events, a page at a time. */
describe("an expectation's events over HTTP", () => {
  const harness = reconcileHarness();
  const { inventory, track } = harness;
  const server = apiServer(harness);
  const get = async (url: string) => {
    const response = await fetch(url.startsWith('http') ? url : `${server.base}${url}`);
    return { status: response.status, headers: response.headers, json: JSON.parse(await response.text()) };
  };

  it('links to the events of the actual, which list every event oldest first as a hub delivers it, a page at a time', async () => {
    const id = track.expectationId(uniqueId('api-events'));
    await harness.submit({ kind: 'Cluster', name: 'api-events', state: 'installed' }, id);
    const expectation = await get(`/expectations/${id}`);
    expect(expectation.json.events).toEqual({ href: `${server.base}/expectations/${id}/events` });

    const recorded = await inventory.events.list(id);
    expect(recorded.length).toBeGreaterThan(1);
    const all = await get(expectation.json.events.href);
    expect(all.status).toBe(200);
    expect(all.headers.get('x-total-count')).toBe(String(recorded.length));
    expect(all.headers.get('x-result-count')).toBe(String(recorded.length));
    expect(all.json.map((event: { eventId: string }) => event.eventId)).toEqual(recorded.map((event) => event.key));
    expect(all.json[0]).toMatchObject({
      '@type': 'ResourceCreateEvent',
      eventType: 'ResourceCreateEvent',
      eventTime: recorded[0]!.eventTime,
      event: { resource: { id, href: `${server.base}/tmf-api/resourceInventoryManagement/v5/resource/${id}` } },
    });
    expect(all.json.at(-1)).toMatchObject({ eventType: 'ResourceStateChangeEvent' });

    const second = await get(`/expectations/${id}/events?offset=1&limit=1&apiVersion=v4`);
    expect(second.headers.get('x-total-count')).toBe(String(recorded.length));
    expect(second.headers.get('x-result-count')).toBe('1');
    expect(second.json).toHaveLength(1);
    expect(second.json[0]).toMatchObject({
      eventId: recorded[1]!.key,
      timeOcurred: recorded[1]!.eventTime,
      event: { resource: { href: `${server.base}/tmf-api/resourceInventoryManagement/v4/resource/${id}` } },
    });
    const past = await get(`/expectations/${id}/events?offset=${recorded.length}`);
    expect(past).toMatchObject({ status: 200, json: [] });
    expect(past.headers.get('x-total-count')).toBe(String(recorded.length));
  });

  it('an expectation whose actual is not built yet links to an empty list', async () => {
    const id = track.expectationId(uniqueId('api-events-pending'));
    await harness.expectations.create({ kind: 'Cluster', name: 'not yet' }, id);
    const expectation = await get(`/expectations/${id}`);
    const events = await get(expectation.json.events.href);
    expect(events).toMatchObject({ status: 200, json: [] });
    expect(events.headers.get('x-total-count')).toBe('0');
  });

  it('an actual deleted by its expectation (exists: false) still lists its events, its delete event last', async () => {
    const id = track.expectationId(uniqueId('api-events-deleted'));
    await harness.submit({ kind: 'Cluster', name: 'doomed' }, id);
    const { settled } = await harness.submit({ kind: 'Cluster', name: 'doomed', exists: false }, id);
    expect(settled.status).toBe('met');
    const events = await get(`/expectations/${id}/events`);
    expect(events.json.map((event: { eventType: string }) => event.eventType)).toEqual([
      'ResourceCreateEvent',
      'ResourceDeleteEvent',
    ]);
    expect(events.json.at(-1)).toMatchObject({ event: { resource: { id, name: 'doomed' } } });
  });

  it('an unknown expectation is a 404, a bad query a 400 naming the field', async () => {
    const missing = await get(`/expectations/${uniqueId('nobody')}/events`);
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({ '@type': 'Error', code: 'notFound', status: '404' });
    const id = track.expectationId(uniqueId('api-events-bad'));
    await harness.expectations.create({ kind: 'Cluster', name: 'bad queries' }, id);
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=5000', 'limit'],
      ['limit=ten', 'limit'],
      ['offset=-1', 'offset'],
      ['apiVersion=v6', 'apiVersion'],
      ['eventType=ResourceCreateEvent', 'eventType'],
    ] as const) {
      const answer = await get(`/expectations/${id}/events?${query}`);
      expect(answer.status, query).toBe(400);
      expect(answer.json).toMatchObject({ '@type': 'Error', status: '400' });
      expect(answer.json.message, query).toContain(field);
    }
  });
});
