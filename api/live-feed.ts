import type { ExpectationRepository, StoredExpectation } from '../graph/expectation-repository.js';
import type { GraphStore } from '../graph/graph-store.js';
import { eventsRecordedSince, type EventOnInstance } from '../graph/live-view-reads.js';

/**
 * What the live view is told as the engine works: an expectation written (created, changed,
 * observed: its status, generation, outstanding count) or an event recorded on an instance.
 * One feed per API process, whatever the number of pages open: while anyone listens it reads the
 * graph after its cursor (the expectations' `updatedAt`, the events' `eventTime`) every
 * `intervalMs` and hands each change to every listener once; with no listener it reads nothing.
 *
 * A writer stamps its time before it commits, so a change may commit with a time a little behind
 * the cursor: each read looks `lookbackMs` behind it and drops what it has sent already (unless the
 * feed is behind by more than a read's limit: then it reads on from the cursor itself).
 */
export type LiveMessage =
  { type: 'expectation'; expectation: StoredExpectation } | { type: 'event'; event: EventOnInstance };

export interface LiveListener {
  send(message: LiveMessage): void;
  end(): void;
}

const lookbackMs = 5_000;
const readLimit = 500;

const behind = (time: string, ms: number) => new Date(Date.parse(time) - ms).toISOString();

export class LiveFeed {
  private readonly listeners = new Set<LiveListener>();
  private readonly sent = new Map<string, string>();
  private cursor = new Date().toISOString();
  private timer: NodeJS.Timeout | undefined;
  /** The last read filled its limit: the next reads straight after the cursor, or it would read the same rows again. */
  private behindByMore = false;

  constructor(
    private readonly store: GraphStore,
    private readonly expectations: ExpectationRepository,
    private readonly intervalMs = 300,
  ) {}

  /** Starts telling `listener` what changes from now on; the function it returns stops that. */
  subscribe(listener: LiveListener): () => void {
    if (this.listeners.size === 0) {
      this.cursor = new Date().toISOString();
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
      // the graph is out of reach for a moment: the next tick reads from the same cursor
    }
    if (this.listeners.size > 0) this.schedule();
  }

  private async readOnce(): Promise<void> {
    const since = this.behindByMore ? this.cursor : behind(this.cursor, lookbackMs);
    const [expectations, events] = await Promise.all([
      this.expectations.changedSince(since, readLimit),
      eventsRecordedSince(this.store, since, readLimit),
    ]);
    this.behindByMore = expectations.length === readLimit || events.length === readLimit;
    const messages: Array<{ key: string; time: string; message: LiveMessage }> = [
      ...expectations.map((expectation) => ({
        key: `expectation ${expectation.id} ${expectation.updatedAt} ${expectation.generation} ${expectation.status}`,
        time: expectation.updatedAt,
        message: { type: 'expectation' as const, expectation },
      })),
      ...events.map((event) => ({
        key: `event ${event.key}`,
        time: event.eventTime,
        message: { type: 'event' as const, event },
      })),
    ].sort((one, other) => one.time.localeCompare(other.time));
    for (const { key, time, message } of messages) {
      if (this.sent.has(key)) continue;
      this.sent.set(key, time);
      for (const listener of this.listeners) listener.send(message);
      if (time > this.cursor) this.cursor = time;
    }
    const forgotten = behind(this.cursor, 2 * lookbackMs);
    for (const [key, time] of this.sent) if (time < forgotten) this.sent.delete(key);
  }
}
