import { randomBytes, randomUUID } from 'node:crypto';
import type { InstanceType } from '../model/instance-ref.js';
import type { TmfVersion } from '../model/tmf/state-vocabulary.js';
import type { GraphStore } from './graph-store.js';

/**
 * TMF hub subscriptions (`EventSubscription` nodes): where an inventory API's change events
 * go, and how far delivery has come. A subscription belongs to one API — an instance type and
 * a TMF version — and starts at the events committed after it: its `cursor` is the sequence of
 * the last event delivery has passed (delivered, or left out by the query), and only grows.
 * The `secret` signs every delivery (HMAC); it is made here, shown once by the API, and never
 * read back out through it.
 */
export interface EventSubscription {
  id: string;
  instanceType: InstanceType;
  version: TmfVersion;
  callback: string;
  /** TMF630 filters on the event body, as given (model/tmf/hub-subscription.ts). */
  query: string;
  secret: string;
  /** The base URL of the API it was made at: the hrefs of the events it receives start with it. */
  baseUrl: string;
  createdAt: string;
  cursor: number;
  delivered: number;
  lastDeliveredEventId?: string;
  lastDeliveredAt?: string;
  lastError?: string;
  lastErrorAt?: string;
}

export type NewSubscription = Pick<EventSubscription, 'instanceType' | 'version' | 'callback' | 'query' | 'baseUrl'>;

/** How delivery went since it last said: the cursor it reached, what it delivered, the error it stopped at. */
export interface DeliveryProgress {
  cursor: number;
  delivered: number;
  lastDeliveredEventId?: string;
  error?: string;
}

const optionalFields = ['lastDeliveredEventId', 'lastDeliveredAt', 'lastError', 'lastErrorAt'] as const;

function subscriptionOf(properties: Record<string, unknown>): EventSubscription {
  const subscription = {
    id: String(properties.id),
    instanceType: properties.instanceType as InstanceType,
    version: properties.version as TmfVersion,
    callback: String(properties.callback),
    query: typeof properties.query === 'string' ? properties.query : '',
    secret: String(properties.secret),
    baseUrl: typeof properties.baseUrl === 'string' ? properties.baseUrl : '',
    createdAt: String(properties.createdAt),
    cursor: Number(properties.cursor ?? 0),
    delivered: Number(properties.delivered ?? 0),
  } as EventSubscription;
  for (const field of optionalFields) {
    if (typeof properties[field] === 'string') subscription[field] = properties[field];
  }
  return subscription;
}

export class SubscriptionRepository {
  constructor(private readonly store: GraphStore) {}

  /** Stores a subscription that starts after the last event committed now, with a new id and secret. */
  async create(input: NewSubscription): Promise<EventSubscription> {
    const result = await this.store.write((tx) =>
      tx.run(
        `OPTIONAL MATCH (counter:EventSequence {name: 'events'})
         CREATE (s:EventSubscription {id: $id, instanceType: $instanceType, version: $version, callback: $callback,
                 query: $query, baseUrl: $baseUrl, secret: $secret, createdAt: $now,
                 cursor: coalesce(counter.last, 0), delivered: 0})
         RETURN properties(s) AS s`,
        { ...input, id: randomUUID(), secret: randomBytes(32).toString('base64url'), now: new Date().toISOString() },
      ),
    );
    return subscriptionOf(result.records[0]!.get('s') as Record<string, unknown>);
  }

  async get(id: string): Promise<EventSubscription | undefined> {
    const result = await this.store.readAutoCommit((tx) =>
      tx.run('MATCH (s:EventSubscription {id: $id}) RETURN properties(s) AS s', { id }),
    );
    const found = result.records[0]?.get('s') as Record<string, unknown> | undefined;
    return found && subscriptionOf(found);
  }

  async list(): Promise<EventSubscription[]> {
    const result = await this.store.readAutoCommit((tx) =>
      tx.run('MATCH (s:EventSubscription) RETURN properties(s) AS s ORDER BY s.createdAt, s.id'),
    );
    return result.records.map((record) => subscriptionOf(record.get('s') as Record<string, unknown>));
  }

  /** Deletes a subscription; false when there was none. */
  async delete(id: string): Promise<boolean> {
    const result = await this.store.write((tx) =>
      tx.run('MATCH (s:EventSubscription {id: $id}) DELETE s RETURN count(*) AS deleted', { id }),
    );
    return Number(result.records[0]?.get('deleted') ?? 0) > 0;
  }

  /** Records delivery's progress (the cursor never goes back); false when the subscription is gone. */
  async recordProgress(id: string, progress: DeliveryProgress): Promise<boolean> {
    const result = await this.store.write((tx) =>
      tx.run(
        `MATCH (s:EventSubscription {id: $id})
         SET s.cursor = CASE WHEN $cursor > s.cursor THEN $cursor ELSE s.cursor END,
             s.delivered = s.delivered + $delivered,
             s.lastDeliveredEventId = coalesce($lastDeliveredEventId, s.lastDeliveredEventId),
             s.lastDeliveredAt = CASE WHEN $lastDeliveredEventId IS NULL THEN s.lastDeliveredAt ELSE $now END,
             s.lastError = coalesce($error, s.lastError),
             s.lastErrorAt = CASE WHEN $error IS NULL THEN s.lastErrorAt ELSE $now END
         RETURN s.id AS id`,
        {
          id,
          cursor: progress.cursor,
          delivered: progress.delivered,
          lastDeliveredEventId: progress.lastDeliveredEventId ?? null,
          error: progress.error ?? null,
          now: new Date().toISOString(),
        },
      ),
    );
    return result.records.length > 0;
  }

  /** Events of the subscription's instance type committed after its cursor: what delivery has still to look at. */
  async lag(subscription: Pick<EventSubscription, 'instanceType' | 'cursor'>): Promise<number> {
    const result = await this.store.readAutoCommit((tx) =>
      tx.run(`MATCH (e:Event) WHERE e.sequence > $cursor AND e.instanceType = $instanceType RETURN count(e) AS lag`, {
        cursor: subscription.cursor,
        instanceType: subscription.instanceType,
      }),
    );
    return Number(result.records[0]?.get('lag') ?? 0);
  }
}
