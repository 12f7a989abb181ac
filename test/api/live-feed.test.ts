import { afterEach, describe, expect, it, vi } from 'vitest';
import { LiveFeed, type LiveMessage } from '../../api/live-feed.js';
import { parseExpectation } from '../../expectations/expectation-schema.js';
import { ExpectationRepository } from '../../graph/expectation-repository.js';
import { uniqueId } from '../support/graph.js';
import { testInventory } from '../support/inventory.js';

/**
 * The live view's feed over the shared Neo4j: events in sequence order after the last one sent
 * (an event stamped before the feed's time cursor is sent all the same: it committed after), each
 * once, none recorded before the first listener came; expectations deleted.
 */
describe('the live feed', () => {
  const { inventory, track } = testInventory();
  const expectations = new ExpectationRepository(inventory.store, (body) => parseExpectation(body, inventory.registry));
  const feed = new LiveFeed(inventory.events, expectations, 50);
  afterEach(() => feed.close());

  /** A listener that keeps what it is told. */
  const listening = () => {
    const told: LiveMessage[] = [];
    const stop = feed.subscribe({ send: (message) => told.push(message), end: () => undefined });
    return { told, stop };
  };
  const eventOf = (instanceId: string, key: string, eventTime?: string) => ({
    key,
    eventType: 'ResourceAttributeValueChangeEvent',
    changedPaths: ['name'],
    changes: [],
    instanceType: 'resource' as const,
    ...(eventTime ? { eventTime } : {}),
  });

  /** Records probe events until the feed sends one: it has read where to start, and follows. */
  const started = async (told: LiveMessage[]) => {
    const probe = track.instanceId(uniqueId('live-probe'));
    let attempt = 0;
    await vi.waitFor(
      async () => {
        await inventory.events.record(probe, eventOf(probe, `${probe}/${(attempt += 1)}`));
        expect(told.some((message) => message.type === 'event' && message.event.instanceId === probe)).toBe(true);
      },
      { timeout: 10_000, interval: 200 },
    );
  };

  it('sends each event recorded while it listens once, in sequence order, however old its time', async () => {
    const [before, during] = ['before', 'during'].map((name) => track.instanceId(uniqueId(`live-${name}`))) as [
      string,
      string,
    ];
    await inventory.events.record(before, eventOf(before, `${before}/0`));
    const { told } = listening();
    await started(told);
    const aMinuteAgo = new Date(Date.now() - 60_000).toISOString();
    const keys = Array.from({ length: 12 }, (_, index) => `${during}/${index}`);
    for (const [index, key] of keys.entries())
      await inventory.events.record(during, eventOf(during, key, index % 3 === 0 ? aMinuteAgo : undefined));
    const ours = () =>
      told.flatMap((message) =>
        message.type === 'event' && [before, during].includes(message.event.instanceId) ? [message.event.key] : [],
      );
    await vi.waitFor(() => expect(ours()).toHaveLength(keys.length), { timeout: 10_000 });
    expect(ours()).toEqual(keys);
  });

  it('tells of an expectation deleted while it listens', async () => {
    const id = track.expectationId(uniqueId('live-deleted'));
    await expectations.create({ kind: 'Cluster', name: id }, id);
    const { told } = listening();
    await started(told);
    await expectations.delete(id);
    await vi.waitFor(() => expect(told).toContainEqual({ type: 'expectationDeleted', id }), { timeout: 10_000 });
    expect(await expectations.deletedSince(new Date(Date.now() - 60_000).toISOString(), 1000)).toContainEqual({
      id,
      deletedAt: expect.any(String),
    });
  });
});
