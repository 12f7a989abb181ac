import type { CarriedWrite, GraphStore } from './graph-store.js';

/**
 * TMF-style events on an instance: what the engine (or anyone) changed, when, and by
 * which task. Keyed by the task's idempotency key, so a retried task records one event.
 */
export interface InstanceEvent {
  key: string;
  eventType: string;
  eventTime: string;
  changedPaths: string[];
  changes: unknown[];
}

/** An event to record on an instance. */
export interface EventToRecord extends Omit<InstanceEvent, 'eventTime'> {
  instanceId: string;
}

/** Records an event (once per key) as a write another statement can carry. */
export function eventWrite(event: EventToRecord): CarriedWrite {
  return {
    clause: `MATCH (eventOn:Instance {id: $event.instanceId})
             MERGE (eventOn)-[:HAS_EVENT]->(recorded:Event {key: $event.key})
             ON CREATE SET recorded.eventType = $event.eventType, recorded.eventTime = $event.now,
                           recorded.changedPaths = $event.changedPaths, recorded.changesJson = $event.changesJson`,
    params: {
      event: {
        instanceId: event.instanceId,
        key: event.key,
        eventType: event.eventType,
        changedPaths: event.changedPaths,
        changesJson: JSON.stringify(event.changes),
        now: new Date().toISOString(),
      },
    },
  };
}

export class EventRepository {
  constructor(private readonly store: GraphStore) {}

  async record(instanceId: string, event: Omit<InstanceEvent, 'eventTime'>): Promise<void> {
    const { clause, params } = eventWrite({ instanceId, ...event });
    await this.store.write((tx) => tx.run(clause, params));
  }

  /** Events of an instance, oldest first. */
  async list(instanceId: string): Promise<InstanceEvent[]> {
    const result = await this.store.read((tx) =>
      tx.run(
        `MATCH (:Instance {id: $instanceId})-[:HAS_EVENT]->(e:Event)
         RETURN e.key AS key, e.eventType AS eventType, e.eventTime AS eventTime, e.changedPaths AS changedPaths, e.changesJson AS changesJson
         ORDER BY e.eventTime, e.key`,
        { instanceId },
      ),
    );
    return result.records.map((record) => {
      const { changesJson, ...rest } = record.toObject() as InstanceEvent & { changesJson: string };
      return { ...rest, changes: JSON.parse(changesJson) };
    });
  }
}
