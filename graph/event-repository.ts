import type { InstanceType } from '../model/instance-ref.js';
import type { InstanceSnapshot } from '../model/tmf-json.js';
import type { CarriedWrite, GraphStore } from './graph-store.js';

/**
 * TMF-style events on an instance: what the engine (or anyone) changed, when, and by
 * which task. Keyed by the task's idempotency key, so a retried task records one event.
 * An event carries its instance's id and type and hangs off the instance (`HAS_EVENT`) while
 * it exists; it outlives the instance, so a deleted instance's history (its delete event too)
 * is still listed under its id.
 *
 * Every event gets a `sequence`, one more than the last, allocated in the recording
 * transaction under the write lock of one `EventSequence` node held until that transaction
 * commits: events commit in sequence order, so a reader that has seen every event up to n
 * never finds a later commit below n (`eventsAfter` is gap-free), and events of one instance
 * keep the order their transactions committed in, whoever wrote them. Events recorded before
 * sequences existed have none and are not read in order. An event also keeps the instance as
 * the change left it (as it was, for a delete), so it can be rendered in any TMF version later.
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
  /** The instance after the change (before it, for a delete): what the event's body renders. */
  instance?: InstanceSnapshot | null;
  eventTime?: string;
}

/** An event as read in sequence order: what a hub delivers and `diffo events` prints. */
export interface SequencedEvent extends InstanceEvent {
  sequence: number;
  instanceId: string;
  instanceType: InstanceType;
  /** The instance as the change left it; absent for events recorded before instances were kept. */
  instance?: InstanceSnapshot;
}

/** What an event keeps of its instance: not the values its pools gave out (a list that grows with every assignment). */
function keptInstanceJson(instance: InstanceSnapshot | null | undefined): string | null {
  return instance ? JSON.stringify({ ...instance, givenAssignments: [] }) : null;
}

/**
 * Records events (each once per key), in one statement, as a write another statement can carry;
 * each new event takes the next sequence, in the order of the list.
 */
export function eventsWrite(events: EventToRecord[]): CarriedWrite {
  const now = new Date().toISOString();
  return {
    clause: `UNWIND $events.list AS happened
             OPTIONAL MATCH (eventOn:Instance {id: happened.instanceId})
             MERGE (recorded:Event {key: happened.key})
             ON CREATE SET recorded.instanceId = happened.instanceId, recorded.instanceType = coalesce(happened.instanceType, eventOn.type),
                           recorded.eventType = happened.eventType, recorded.eventTime = happened.now,
                           recorded.changedPaths = happened.changedPaths, recorded.changesJson = happened.changesJson,
                           recorded.instanceJson = happened.instanceJson
             FOREACH (_ IN CASE WHEN eventOn IS NULL THEN [] ELSE [1] END | MERGE (eventOn)-[:HAS_EVENT]->(recorded))
             WITH recorded WHERE recorded.sequence IS NULL
             MERGE (counter:EventSequence {name: 'events'})
             SET counter.locked = true
             WITH recorded, counter
             SET counter.last = coalesce(counter.last, 0) + 1
             SET recorded.sequence = counter.last`,
    params: {
      events: {
        list: events.map((event) => ({
          instanceId: event.instanceId,
          instanceType: event.instanceType ?? null,
          key: event.key,
          eventType: event.eventType,
          changedPaths: event.changedPaths,
          changesJson: JSON.stringify(event.changes),
          instanceJson: keptInstanceJson(event.instance),
          now: event.eventTime ?? now,
        })),
      },
    },
  };
}

/** Which sequenced events to read: of one instance type, of one instance. */
export interface EventSelection {
  instanceType?: InstanceType;
  instanceId?: string;
}

const eventColumns = `e.key AS key, e.eventType AS eventType, e.eventTime AS eventTime, e.changedPaths AS changedPaths,
  e.changesJson AS changesJson`;

interface EventRow extends InstanceEvent {
  changesJson?: string;
}

function eventOf(row: EventRow): InstanceEvent {
  const { changesJson, ...rest } = row;
  return { ...rest, changes: JSON.parse(changesJson ?? '[]') as unknown[] };
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
         RETURN ${eventColumns}
         ORDER BY coalesce(e.sequence, -1), e.eventTime, e.key`,
        { instanceId },
      ),
    );
    return result.records.map((record) => eventOf(record.toObject() as EventRow));
  }

  /**
   * Up to `limit` events with a sequence above `after`, in sequence order (the order they
   * committed in), of the selection. Gap-free: an event committed later has a higher sequence.
   */
  async eventsAfter(after: number, limit: number, selection: EventSelection = {}): Promise<SequencedEvent[]> {
    const result = await this.store.readAutoCommit((tx) =>
      tx.run(
        `MATCH (e:Event) WHERE e.sequence > $after
           AND ($instanceType IS NULL OR e.instanceType = $instanceType)
           AND ($instanceId IS NULL OR e.instanceId = $instanceId)
         RETURN ${eventColumns}, e.sequence AS sequence, e.instanceId AS instanceId, e.instanceType AS instanceType,
                e.instanceJson AS instanceJson
         ORDER BY e.sequence LIMIT $limit`,
        {
          after,
          limit: Math.max(1, Math.trunc(limit)),
          instanceType: selection.instanceType ?? null,
          instanceId: selection.instanceId ?? null,
        },
      ),
    );
    return result.records.map((record) => {
      const { instanceJson, sequence, instanceId, instanceType, ...row } = record.toObject() as EventRow & {
        instanceJson: string | null;
        sequence: number;
        instanceId: string;
        instanceType: InstanceType;
      };
      return {
        ...eventOf(row),
        sequence: Number(sequence),
        instanceId,
        instanceType,
        ...(instanceJson ? { instance: JSON.parse(instanceJson) as InstanceSnapshot } : {}),
      };
    });
  }

  /** The sequence of the last event committed (0: none yet): where a reader that wants only new events starts. */
  async lastSequence(): Promise<number> {
    const result = await this.store.readAutoCommit((tx) =>
      tx.run(`OPTIONAL MATCH (counter:EventSequence {name: 'events'}) RETURN coalesce(counter.last, 0) AS last`),
    );
    return Number(result.records[0]?.get('last') ?? 0);
  }
}
