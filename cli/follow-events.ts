import { setTimeout as sleep } from 'node:timers/promises';
import type { EventRepository, EventSelection, SequencedEvent } from '../graph/event-repository.js';

/** How many events one read takes while catching up. */
const batchSize = 500;

/**
 * Prints the events of the selection committed after sequence `after`, in commit order, as
 * they are recorded: reads what is there, then looks again every `intervalMs`, until `stop`
 * is aborted. Gap-free: `eventsAfter` never finds a later commit below a sequence it has seen.
 */
export async function followEvents(
  events: EventRepository,
  after: number,
  selection: EventSelection,
  { intervalMs, stop, print }: { intervalMs: number; stop: AbortSignal; print: (event: SequencedEvent) => void },
): Promise<void> {
  let seen = after;
  while (!stop.aborted) {
    const batch = await events.eventsAfter(seen, batchSize, selection);
    for (const event of batch) print(event);
    seen = batch.at(-1)?.sequence ?? seen;
    if (batch.length < batchSize) await sleep(intervalMs, undefined, { signal: stop }).catch(() => undefined);
  }
}

/** A signal aborted by Ctrl-C (SIGINT) or SIGTERM while `work` runs: a follower's clean end. */
export async function untilInterrupted<T>(work: (stop: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const abort = () => controller.abort();
  process.once('SIGINT', abort);
  process.once('SIGTERM', abort);
  try {
    return await work(controller.signal);
  } finally {
    process.off('SIGINT', abort);
    process.off('SIGTERM', abort);
  }
}
