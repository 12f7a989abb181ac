import type { EventRepository, SequencedEvent } from '../graph/event-repository.js';
import type { ExpectationDeletion, ExpectationRepository, StoredExpectation } from '../graph/expectation-repository.js';

/**
 * What the live view is told as the engine works: an expectation written (created, changed,
 * observed: its status, generation, outstanding count) or deleted, or an event recorded on an
 * instance. One feed per API process, whatever the number of pages open: while anyone listens it
 * reads the graph after its cursors every `intervalMs` and hands each change to every listener
 * once; with no listener it reads nothing.
 *
 * Events are read in sequence order after the last one sent (`EventRepository.eventsAfter`,
 * gap-free), from the last sequence committed when the first page subscribes. Expectations are
 * read after their `updatedAt` and deletions after their `deletedAt`, sent in the order of those
 * times: a writer stamps its time before it commits, so a change may commit with a time a little
 * behind the cursor; each read looks `lookbackMs` behind it and drops what it has sent already
 * (unless the feed is behind by more than a read's limit: then it reads on from the cursor itself,
 * and sends nothing past the last time a full read returned).
 */
export type LiveEvent = Pick<SequencedEvent, 'key' | 'instanceId' | 'eventType' | 'eventTime' | 'changedPaths'>;

export type LiveMessage =
  | { type: 'expectation'; expectation: StoredExpectation }
  | { type: 'expectationDeleted'; id: string }
  | { type: 'event'; event: LiveEvent };

export interface LiveListener {
  send(message: LiveMessage): void;
  end(): void;
}

const lookbackMs = 5_000;
const readLimit = 500;

const behind = (time: string, ms: number) => new Date(Date.parse(time) - ms).toISOString();

/** What a page is told of an event: not its changes or the instance it left. */
const liveEvent = ({ key, instanceId, eventType, eventTime, changedPaths }: SequencedEvent): LiveEvent => ({
  key,
  instanceId,
  eventType,
  eventTime,
  changedPaths,
});

/** Expectations written and deleted, in the order of their times, each with the key it is sent once by. */
function expectationMessages(
  changed: StoredExpectation[],
  deleted: ExpectationDeletion[],
): Array<{ key: string; time: string; message: LiveMessage }> {
  return [
    ...changed.map((expectation) => ({
      key: `expectation ${expectation.id} ${expectation.updatedAt} ${expectation.generation} ${expectation.status}`,
      time: expectation.updatedAt,
      message: { type: 'expectation' as const, expectation },
    })),
    ...deleted.map(({ id, deletedAt }) => ({
      key: `deleted ${id} ${deletedAt}`,
      time: deletedAt,
      message: { type: 'expectationDeleted' as const, id },
    })),
  ].sort((one, other) => one.time.localeCompare(other.time));
}

export class LiveFeed {
  private readonly listeners = new Set<LiveListener>();
  private readonly sent = new Map<string, string>();
  private cursor = new Date().toISOString();
  /** The sequence of the last event sent; unknown until the last committed one is read. */
  private eventCursor: number | undefined;
  /** The read of the last sequence committed, started when the first page subscribes. */
  private eventStart: Promise<number> | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** The last read filled its limit: the next reads straight after the cursor, or it would read the same rows again. */
  private behindByMore = false;

  constructor(
    private readonly events: EventRepository,
    private readonly expectations: ExpectationRepository,
    private readonly intervalMs = 300,
  ) {}

  /** Starts telling `listener` what changes from now on; the function it returns stops that. */
  subscribe(listener: LiveListener): () => void {
    if (this.listeners.size === 0) {
      this.cursor = new Date().toISOString();
      this.eventCursor = undefined;
      this.eventStart = this.events.lastSequence();
      // a failed read is read again by the next tick
      this.eventStart.catch(() => undefined);
      this.schedule();
    }
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  /** Ends every listener's stream (the server is closing). */
  close(): void {
    for (const listener of this.listeners) listener.end();
    this.listeners.clear();
    this.stop();
  }

  private stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.sent.clear();
  }

  private schedule(): void {
    this.timer = setTimeout(() => void this.tick(), this.intervalMs);
  }

  private async tick(): Promise<void> {
    try {
      await this.readOnce();
    } catch {
      // the graph is out of reach for a moment: the next tick reads from the same cursors
    }
    if (this.listeners.size > 0) this.schedule();
  }

  private tell(message: LiveMessage): void {
    for (const listener of this.listeners) listener.send(message);
  }

  private async eventsAfterCursor(): Promise<SequencedEvent[]> {
    if (this.eventCursor === undefined) {
      const start = this.eventStart ?? this.events.lastSequence();
      this.eventStart = undefined;
      this.eventCursor = await start;
    }
    return this.events.eventsAfter(this.eventCursor, readLimit);
  }

  private async readOnce(): Promise<void> {
    const since = this.behindByMore ? this.cursor : behind(this.cursor, lookbackMs);
    const [changed, deleted, events] = await Promise.all([
      this.expectations.changedSince(since, readLimit),
      this.expectations.deletedSince(since, readLimit),
      this.eventsAfterCursor(),
    ]);
    const full = [changed.at(readLimit - 1)?.updatedAt, deleted.at(readLimit - 1)?.deletedAt].filter(
      (time) => time !== undefined,
    );
    this.behindByMore = full.length > 0;
    // a full read may have more at its last time and after: nothing later goes before those
    const upTo = full.sort()[0];
    for (const { key, time, message } of expectationMessages(changed, deleted)) {
      if (upTo !== undefined && time > upTo) break;
      if (this.sent.has(key)) continue;
      this.sent.set(key, time);
      this.tell(message);
      if (time > this.cursor) this.cursor = time;
    }
    for (const event of events) {
      this.tell({ type: 'event', event: liveEvent(event) });
      this.eventCursor = event.sequence;
    }
    const forgotten = behind(this.cursor, 2 * lookbackMs);
    for (const [key, time] of this.sent) if (time < forgotten) this.sent.delete(key);
  }
}
