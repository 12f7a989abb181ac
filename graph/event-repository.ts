import type { InstanceType } from '../model/instance-ref.js';
import type { CarriedWrite, GraphStore } from './graph-store.js';

/**
 * TMF-style events on an instance: what the engine (or anyone) changed, when, and by
 * which task. Keyed by the task's idempotency key, so a retried task records one event.
 * An event carries its instance's id and type and hangs off the instance (`HAS_EVENT`) while
 * it exists; it outlives the instance, so a deleted instance's history (its delete event too)
 * is still listed under its id.
 */
export interface InstanceEvent {
  key: string;
  eventType: string;
  eventTime: string;
  changedPaths: string[];
  changes: unknown[];
}

/**
 * An event to record on an instance; `instanceType` is read from the instance when not given,
 * `eventTime` is now when not given (tasks run in one transaction give each its own, in order).
 */
export interface EventToRecord extends Omit<InstanceEvent, 'eventTime'> {
  instanceId: string;
  instanceType?: InstanceType;
  eventTime?: string;
}

/** Records events (each once per key), in one statement, as a write another statement can carry. */
export function eventsWrite(events: EventToRecord[]): CarriedWrite {
  const now = new Date().toISOString();
  return {
    clause: `UNWIND $events.list AS happened
             OPTIONAL MATCH (eventOn:Instance {id: happened.instanceId})
             MERGE (recorded:Event {key: happened.key})
             ON CREATE SET recorded.instanceId = happened.instanceId, recorded.instanceType = coalesce(happened.instanceType, eventOn.type),
                           recorded.eventType = happened.eventType, recorded.eventTime = happened.now,
                           recorded.changedPaths = happened.changedPaths, recorded.changesJson = happened.changesJson
             FOREACH (_ IN CASE WHEN eventOn IS NULL THEN [] ELSE [1] END | MERGE (eventOn)-[:HAS_EVENT]->(recorded))`,
    params: {
      events: {
        list: events.map((event) => ({
          instanceId: event.instanceId,
          instanceType: event.instanceType ?? null,
          key: event.key,
          eventType: event.eventType,
          changedPaths: event.changedPaths,
          changesJson: JSON.stringify(event.changes),
          now: event.eventTime ?? now,
        })),
      },
    },
  };
}

export class EventRepository {
  constructor(private readonly store: GraphStore) {}

  async record(instanceId: string, event: Omit<EventToRecord, 'instanceId'>): Promise<void> {
    await this.recordAll([{ instanceId, ...event }]);
  }

  /** Records events (each once per key) in one statement. */
  async recordAll(events: EventToRecord[]): Promise<void> {
    const { clause, params } = eventsWrite(events);
    await this.store.write((tx) => tx.run(clause, params));
  }

  /** Events of an instance id, oldest first — also after the instance was deleted. */
  async list(instanceId: string): Promise<InstanceEvent[]> {
    const result = await this.store.read((tx) =>
      tx.run(
        // events recorded before events carried their instance's id are found along HAS_EVENT
        `CALL () {
           MATCH (e:Event {instanceId: $instanceId}) RETURN e
           UNION
           MATCH (:Instance {id: $instanceId})-[:HAS_EVENT]->(e:Event) RETURN e
         }
         RETURN e.key AS key, e.eventType AS eventType, e.eventTime AS eventTime, e.changedPaths AS changedPaths, e.changesJson AS changesJson
         ORDER BY e.eventTime, e.key`,
        { instanceId },
      ),
    );
    return result.records.map((record) => {
      const { changesJson, ...rest } = record.toObject() as InstanceEvent & { changesJson: string };
      return { ...rest, changes: JSON.parse(changesJson) as unknown[] };
    });
  }
}
