import { createHmac, timingSafeEqual } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { uniqueId } from '../support/graph.js';
import { apiServer } from '../support/api-server.js';
import { deliveryHarness } from '../support/delivery-harness.js';
import { eventually } from '../support/eventually.js';
import { deliveriesOf, eventListener, receivedAt, type Delivery } from '../support/event-listener.js';
import { reconcileHarness } from '../support/reconcile-harness.js';
import { validateAgainstOfficial } from '../support/official-schemas.js';

/**
 * The TMF hub end to end: a real listener in this process, subscribed through the API, gets
 * the change events of expectations the real workflow converges over the real Neo4j — in
 * order, signed, filtered by the subscription's query, through a subscriber outage, and no
 * more once the subscription is deleted.
 */
describe('hub delivery', () => {
  const harness = reconcileHarness();
  const deliveries = deliveryHarness(harness);
  const api = apiServer(harness);
  const listener = eventListener();
  const witness = eventListener();
  const v4 = '/tmf-api/resourceInventoryManagement/v4/hub';
  const v5 = '/tmf-api/resourceInventoryManagement/v5/hub';

  const subscribe = async (path: string, body: Record<string, unknown>) => {
    const response = await fetch(api.base + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const created = (await response.json()) as { id: string; secret: string; callback: string; query?: string };
    if (response.status === 201) deliveries.track(created.id);
    return { status: response.status, created };
  };
  /** A Cluster met at `installed`: created, then its states changed, a few events. */
  const converge = async (name = uniqueId('hub cluster')) => {
    const id = harness.track.expectationId(uniqueId('hub-exp'));
    const { settled } = await harness.submit({ kind: 'Cluster', name, state: 'installed' }, id);
    expect(settled.status).toBe('met');
    const recorded = await harness.inventory.events.eventsAfter(0, 100, { instanceId: settled.actualId ?? id });
    expect(recorded.length).toBeGreaterThan(1);
    return { instanceId: settled.actualId ?? id, eventIds: recorded.map((event) => event.key), recorded };
  };
  /** Waits until the deliveries at `path` hold `count` about the instance (read afresh each time). */
  const arrived = (received: Delivery[], path: string, instanceId: string, count: number) =>
    eventually(
      () => Promise.resolve(deliveriesOf(receivedAt(received, path), instanceId)),
      (found) => found.length >= count,
      60_000,
    );
  const firstOfEach = (found: Delivery[]) => [...new Set(found.map((delivery) => delivery.body.eventId))];

  it('every event of a converging expectation arrives in order, signed, in each version its official shape', async () => {
    const v4Subscription = await subscribe(v4, { callback: `${listener.url}/v4` });
    const v5Subscription = await subscribe(v5, { callback: `${listener.url}/v5`, '@type': 'Hub' });
    expect(v4Subscription.status).toBe(201);
    expect(validateAgainstOfficial('TMF639', 'v4', 'EventSubscription', v4Subscription.created).errors).toEqual([]);
    expect(validateAgainstOfficial('TMF639', 'v5', 'Hub', v5Subscription.created).errors).toEqual([]);
    const { instanceId, eventIds, recorded } = await converge();

    await arrived(listener.received, '/v4', instanceId, eventIds.length);
    await arrived(listener.received, '/v5', instanceId, eventIds.length);
    for (const [version, subscription] of [
      ['v4', v4Subscription.created],
      ['v5', v5Subscription.created],
    ] as const) {
      const mine = deliveriesOf(receivedAt(listener.received, `/${version}`), instanceId);
      expect(firstOfEach(mine)).toEqual(eventIds);
      for (const delivery of mine) {
        expect(verifies(subscription.secret, delivery)).toBe(true);
        expect(verifies('another secret', delivery)).toBe(false);
        const schema = delivery.body.eventType;
        expect(validateAgainstOfficial('TMF639', version, schema, delivery.body).errors).toEqual([]);
        expect(delivery.body.event.resource!.id).toBe(instanceId);
      }
      expect(mine[0]!.body[version === 'v4' ? 'timeOcurred' : 'timeOccurred']).toBe(recorded[0]!.eventTime);
    }
    const state = await (await fetch(`${api.base}${v4}/${v4Subscription.created.id}`)).json();
    expect(state).toMatchObject({ id: v4Subscription.created.id, callback: `${listener.url}/v4` });
    expect(state).not.toHaveProperty('secret');
    expect((state as { delivery: { delivered: number } }).delivery.delivered).toBeGreaterThanOrEqual(eventIds.length);
  });

  it('a listener that answers 500 for a while gets every event once it answers 200, in order, none lost', async () => {
    const { created } = await subscribe(v4, { callback: `${witness.url}/outage` });
    witness.failing = true;
    const { instanceId, eventIds } = await converge();
    await eventually(
      () => Promise.resolve(witness.refused),
      (refused) => refused >= 2,
      60_000,
    );
    const during = (await (await fetch(`${api.base}${v4}/${created.id}`)).json()) as {
      delivery: { lastError?: string; lag: number };
    };
    expect(during.delivery.lastError).toMatch(/callback answered 500/);
    witness.failing = false;
    const found = await arrived(witness.received, '/outage', instanceId, eventIds.length);
    expect(firstOfEach(found)).toEqual(eventIds);
    // duplicates, if any, carry the same eventId: deduplicated they are the events, in order
    expect(found.map((delivery) => delivery.body.eventId).filter((id) => !eventIds.includes(id))).toEqual([]);
  });

  it('a query filter delivers only what it names', async () => {
    const name = uniqueId('filtered cluster');
    await subscribe(v4, {
      callback: `${listener.url}/filtered`,
      query: `eventType=ResourceStateChangeEvent&event.resource.name=${encodeURIComponent(name)}`,
    });
    const other = await converge();
    const { instanceId, recorded } = await converge(name);
    const stateChanges = recorded.filter((event) => event.eventType === 'ResourceStateChangeEvent').map((e) => e.key);
    expect(stateChanges.length).toBeGreaterThan(0);
    const found = await eventually(
      () => Promise.resolve(deliveriesOf(receivedAt(listener.received, '/filtered'), instanceId)),
      (arrivals) => arrivals.length >= stateChanges.length,
      60_000,
    );
    expect(firstOfEach(found)).toEqual(stateChanges);
    // nothing else reached that callback: not the other instance's events, not the other event types
    const atFiltered = receivedAt(listener.received, '/filtered');
    expect(atFiltered.every((delivery) => delivery.body.event.resource!.id === instanceId)).toBe(true);
    expect(atFiltered.every((delivery) => delivery.body.eventType === 'ResourceStateChangeEvent')).toBe(true);
    expect(deliveriesOf(atFiltered, other.instanceId)).toEqual([]);
  });

  it('deleting the subscription stops delivery', async () => {
    const doomed = await subscribe(v4, { callback: `${witness.url}/doomed` });
    const kept = await subscribe(v4, { callback: `${witness.url}/kept` });
    const first = await converge();
    await eventually(
      () => Promise.resolve(deliveriesOf(receivedAt(witness.received, '/doomed'), first.instanceId)),
      (found) => found.length >= first.eventIds.length,
      60_000,
    );
    const deleted = await fetch(`${api.base}${v4}/${doomed.created.id}`, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    expect((await fetch(`${api.base}${v4}/${doomed.created.id}`)).status).toBe(404);
    const second = await converge();
    // the subscription still there has the new events: the deleted one would have had them by now
    await eventually(
      () => Promise.resolve(deliveriesOf(receivedAt(witness.received, '/kept'), second.instanceId)),
      (found) => found.length >= second.eventIds.length,
      60_000,
    );
    expect(deliveriesOf(receivedAt(witness.received, '/doomed'), second.instanceId)).toEqual([]);
    expect(kept.status).toBe(201);
  });

  it('bad subscriptions: 400 naming the field, nothing stored', async () => {
    const before = await subscriptionCount();
    const refusals: Array<[Record<string, unknown>, RegExp]> = [
      [{}, /callback: a URL is required/],
      [{ callback: 'ftp://example.com/in' }, /callback: only http and https/],
      [{ callback: 'not a url' }, /callback: .* is not an absolute URL/],
      [{ callback: 'http://user:pw@example.com/' }, /callback: must not carry a user name/],
      [
        { callback: 'http://example.com/', query: 'eventType=ServiceCreateEvent' },
        /query.eventType: "ServiceCreateEvent"/,
      ],
      [{ callback: 'http://example.com/', query: 'fields=id' }, /query.fields/],
      [{ callback: 'http://example.com/', query: 7 }, /query: must be a string/],
      [{ callback: 'http://example.com/', colour: 'red' }, /colour: not a field/],
    ];
    for (const [body, message] of refusals) {
      const { status, created } = await subscribe(v4, body);
      expect(status).toBe(400);
      expect((created as unknown as { message: string }).message).toMatch(message);
    }
    expect((await fetch(`${api.base}${v4}/nothing-here`)).status).toBe(404);
    expect((await fetch(`${api.base}${v4}/nothing-here`, { method: 'DELETE' })).status).toBe(404);
    expect(await subscriptionCount()).toBe(before);
  });

  async function subscriptionCount(): Promise<number> {
    const result = await harness.inventory.store.read((tx) =>
      tx.run('MATCH (s:EventSubscription) RETURN count(s) AS count'),
    );
    return Number(result.records[0]!.get('count'));
  }
});

/** Whether the delivery's signature header is the HMAC of its raw body under `secret`. */
function verifies(secret: string, delivery: Delivery): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(delivery.raw).digest('hex')}`);
  const given = Buffer.from(String(delivery.headers['x-hub-signature-256']));
  return expected.length === given.length && timingSafeEqual(expected, given);
}
