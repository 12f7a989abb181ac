import { ApplicationFailure, Context } from '@temporalio/activity';
import type { EventRepository, SequencedEvent } from '../graph/event-repository.js';
import type { EventSubscription, SubscriptionRepository } from '../graph/subscription-repository.js';
import { attributeFilter } from '../model/tmf/attribute-filter.js';
import { renderTmfEvent } from '../model/tmf/event-json.js';
import { parseSubscriptionQuery } from '../model/tmf/hub-subscription.js';
import { signatureHeader, signatureOf } from './delivery-signature.js';

/**
 * The hub's delivery activity: one round of one subscription. It reads the subscription once,
 * waits (polling Neo4j, up to `waitMs`) for events after its cursor, then posts each — rendered
 * in the subscription's TMF version, when its query matches the body — to the callback, in
 * sequence order, one at a time, signed (activities/delivery-signature.ts), each only while the
 * subscription still exists. A 2xx answer is delivered; anything else (or no answer within
 * `callbackTimeoutMs`) stops the round: the progress so far and the error are recorded on the
 * subscription and the activity fails, for Temporal to retry with back-off. Progress is recorded
 * once per round, so a round cut short by a crash is sent again from its start — at-least-once,
 * the same eventIds.
 */
export interface DeliveryDependencies {
  events: EventRepository;
  subscriptions: SubscriptionRepository;
  /** Events read per round (default 100). */
  batchSize?: number;
  /** How long a round waits for an event before it ends empty (default 20 s). */
  waitMs?: number;
  /** How often a waiting round looks for events (default 100 ms). */
  pollMs?: number;
  /** How long a callback may take to answer (default 10 s). */
  callbackTimeoutMs?: number;
}

/** What one round did: the subscription is gone, or delivery reached `cursor`. */
export type BatchOutcome = { outcome: 'gone' } | { outcome: 'delivered'; delivered: number; cursor: number };

export type DeliveryActivities = ReturnType<typeof createDeliveryActivities>;

export function createDeliveryActivities(deps: DeliveryDependencies) {
  const { events, subscriptions } = deps;
  const batchSize = deps.batchSize ?? 100;
  const waitMs = deps.waitMs ?? 20_000;
  const pollMs = deps.pollMs ?? 100;

  /** The subscription (read once) and the events after its cursor, once there are some or the wait is over. */
  async function nextEvents(subscriptionId: string) {
    const subscription = await subscriptions.get(subscriptionId);
    if (!subscription) return undefined;
    const context = Context.current();
    const deadline = Date.now() + waitMs;
    for (;;) {
      const found = await events.eventsAfter(subscription.cursor, batchSize, {
        instanceType: subscription.instanceType,
      });
      if (found.length > 0 || Date.now() >= deadline) return { subscription, found };
      context.heartbeat();
      await context.sleep(pollMs);
    }
  }

  return {
    async deliverEventBatch(subscriptionId: string): Promise<BatchOutcome> {
      const next = await nextEvents(subscriptionId);
      if (!next) return { outcome: 'gone' };
      const { subscription, found } = next;
      const progress = {
        cursor: subscription.cursor,
        delivered: 0,
        lastDeliveredEventId: undefined as string | undefined,
      };
      const wanted = attributeFilter(parseSubscriptionQuery(subscription.query, subscription.instanceType).filters);
      for (const event of found) {
        const body = renderTmfEvent(event, subscription.version, { baseUrl: subscription.baseUrl });
        if (wanted(body)) {
          // deleted meanwhile: nothing more goes out
          if (!(await subscriptions.get(subscriptionId))) return { outcome: 'gone' };
          const failure = await post(subscription, event, JSON.stringify(body), deps.callbackTimeoutMs ?? 10_000);
          if (failure) {
            await subscriptions.recordProgress(subscriptionId, { ...progress, error: failure });
            throw ApplicationFailure.retryable(failure, 'CallbackFailed');
          }
          progress.delivered += 1;
          progress.lastDeliveredEventId = event.key;
        }
        progress.cursor = event.sequence;
        Context.current().heartbeat();
      }
      const stillThere = await subscriptions.recordProgress(subscriptionId, progress);
      return stillThere
        ? { outcome: 'delivered', delivered: progress.delivered, cursor: progress.cursor }
        : { outcome: 'gone' };
    },
  };
}

/** Posts one event; what went wrong, or undefined when the callback took it (2xx). */
async function post(
  subscription: EventSubscription,
  event: SequencedEvent,
  body: string,
  timeoutMs: number,
): Promise<string | undefined> {
  try {
    const response = await fetch(subscription.callback, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [signatureHeader]: signatureOf(subscription.secret, body),
        'x-event-id': event.key,
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.any([Context.current().cancellationSignal, AbortSignal.timeout(timeoutMs)]),
    });
    await response.body?.cancel();
    if (response.ok) return undefined;
    return `callback answered ${response.status} to event ${event.key}`;
  } catch (error) {
    const { message, cause } = error as Error;
    return `callback unreachable for event ${event.key}: ${message}${cause instanceof Error ? ` (${cause.message})` : ''}`;
  }
}
