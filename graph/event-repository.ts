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
    clause: `UNWIND range(0, size($events.list) - 1) AS at
             WITH $events.list[at] AS happened, at
             OPTIONAL MATCH (eventOn:Instance {id: happened.instanceId})
             MERGE (recorded:Event {key: happened.key})
             ON CREATE SET recorded.instanceId = happened.instanceId, recorded.instanceType = coalesce(happened.instanceType, eventOn.type),
                           recorded.eventType = happened.eventType, recorded.eventTime = happened.now,
                           recorded.changedPaths = happened.changedPaths, recorded.changesJson = happened.changesJson,
                           recorded.instanceJson = happened.instanceJson
             FOREACH (_ IN CASE WHEN eventOn IS NULL THEN [] ELSE [1] END | MERGE (eventOn)-[:HAS_EVENT]->(recorded))
             WITH recorded, at WHERE recorded.sequence IS NULL
             WITH recorded ORDER BY at
             WITH collect(DISTINCT recorded) AS fresh WHERE size(fresh) > 0
             MERGE (counter:EventSequence {name: 'events'})
             SET counter.locked = true
             WITH fresh, counter, coalesce(counter.last, 0) AS base
             SET counter.last = base + size(fresh)
             WITH fresh, base
             UNWIND range(0, size(fresh) - 1) AS index
             WITH fresh[index] AS recorded, base + index + 1 AS sequence
             SET recorded.sequence = sequence`,
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
  eventTypes?: string[];
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

/** The filter of a selection, on `e`, with its parameters (`selectionParams`). */
const selectionClause = `($instanceType IS NULL OR e.instanceType = $instanceType)
  AND ($eventTypes IS NULL OR e.eventType IN $eventTypes)
  AND ($instanceId IS NULL OR e.instanceId = $instanceId)`;

const selectionParams = (selection: EventSelection) => ({
  instanceType: selection.instanceType ?? null,
  eventTypes: selection.eventTypes ?? null,
  instanceId: selection.instanceId ?? null,
});

/** `e`: each event of the instance `$instanceId`; events recorded before they carried their instance's id are found along HAS_EVENT. */
const eventsOfInstance = `CALL () {
  MATCH (e:Event {instanceId: $instanceId}) RETURN e
  UNION
  MATCH (:Instance {id: $instanceId})-[:HAS_EVENT]->(e:Event) RETURN e
}`;
/** An instance's events in the order they were recorded (those from before sequences existed first). */
const instanceEventOrder = 'coalesce(e.sequence, -1), e.eventTime, e.key';

const sequencedColumns = `${eventColumns}, e.sequence AS sequence, e.instanceId AS instanceId,
  e.instanceType AS instanceType, e.instanceJson AS instanceJson`;

/** An event of one instance as a page lists it: one recorded before sequences existed has none. */
export type ListedEvent = Omit<SequencedEvent, 'sequence'> & { sequence?: number };

export interface EventPage {
  items: ListedEvent[];
  total: number;
}

interface SequencedRow extends EventRow {
  sequence: unknown;
  instanceId: string;
  instanceType: InstanceType;
  instanceJson: string | null;
}

function listedEventOf(row: SequencedRow): ListedEvent {
  const { instanceJson, sequence, instanceId, instanceType, ...rest } = row;
  return {
    ...eventOf(rest),
    ...(sequence === null || sequence === undefined ? {} : { sequence: Number(sequence) }),
    instanceId,
    instanceType,
    ...(instanceJson ? { instance: JSON.parse(instanceJson) as InstanceSnapshot } : {}),
  };
}

const sequencedEventOf = (row: SequencedRow): SequencedEvent => ({
  ...listedEventOf(row),
  sequence: Number(row.sequence),
});

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
        `${eventsOfInstance}
         RETURN ${eventColumns}
         ORDER BY ${instanceEventOrder}`,
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
        `MATCH (e:Event) WHERE e.sequence > $after AND ${selectionClause}
         RETURN ${sequencedColumns}
         ORDER BY e.sequence LIMIT $limit`,
        { after, limit: Math.max(1, Math.trunc(limit)), ...selectionParams(selection) },
      ),
    );
    return result.records.map((record) => sequencedEventOf(record.toObject() as SequencedRow));
  }

  /** The last `limit` events of the selection, oldest first: what `diffo events` shows before anything new. */
  async latestEvents(limit: number, selection: EventSelection = {}): Promise<SequencedEvent[]> {
    const result = await this.store.readAutoCommit((tx) =>
      tx.run(
        `MATCH (e:Event) WHERE e.sequence IS NOT NULL AND ${selectionClause}
         RETURN ${sequencedColumns}
         ORDER BY e.sequence DESC LIMIT $limit`,
        { limit: Math.max(1, Math.trunc(limit)), ...selectionParams(selection) },
      ),
    );
    return result.records.map((record) => sequencedEventOf(record.toObject() as SequencedRow)).reverse();
  }

  /**
   * A page of an instance's events in the order `list` gives (sequence order; events recorded
   * before sequences existed first, without one), each with its instance, and how many there are.
   */
  async pageOf(instanceId: string, page: { offset: number; limit: number }): Promise<EventPage> {
    const result = await this.store.read((tx) =>
      tx.run(
        `${eventsOfInstance}
         WITH e ORDER BY ${instanceEventOrder}
         WITH collect(e) AS listed
         OPTIONAL MATCH (instance:Instance {id: $instanceId})
         RETURN size(listed) AS total,
                [e IN listed[toInteger($offset)..toInteger($offset + $limit)] | e {
                  .key, .eventType, .eventTime, .changedPaths, .changesJson, .sequence, .instanceJson,
                  instanceId: $instanceId, instanceType: coalesce(e.instanceType, instance.type)
                }] AS page`,
        { instanceId, offset: page.offset, limit: page.limit },
      ),
    );
    const record = result.records[0];
    const rows = (record?.get('page') ?? []) as SequencedRow[];
    return { items: rows.map(listedEventOf), total: Number(record?.get('total') ?? 0) };
  }

  /** The sequence of the last event committed (0: none yet): where a reader that wants only new events starts. */
  async lastSequence(): Promise<number> {
    const result = await this.store.readAutoCommit((tx) =>
      tx.run(`OPTIONAL MATCH (counter:EventSequence {name: 'events'}) RETURN coalesce(counter.last, 0) AS last`),
    );
    return Number(result.records[0]?.get('last') ?? 0);
  }
}
