import type { Client } from '@temporalio/client';
import { isTemporalUnreachable } from './temporal-availability.js';

/**
 * Signals that failed because Temporal could not be reached, tried again in this process every
 * `retryEveryMs` until they get through. The worker's outage watcher resyncs every reconciler
 * after an outage it saw, but one shorter than its probes (under 2-4 s) it does not see: without
 * this, a submission made then would wait for the scheduled resync (10 minutes) for its
 * reconciler. One queue per client, the latest signal per expectation, tried in turn until one
 * finds Temporal still unreachable; a refusal from a Temporal that answered ends the retries of
 * that one (the next submission says so). The timer keeps no
 * process alive: a CLI that exits leaves the rest to the worker's resync.
 */
const retryEveryMs = 1_000;

/** The signals still to get through, by expectation id. */
type Queue = Map<string, () => Promise<unknown>>;

const queues = new WeakMap<Client, Queue>();

/** Tries `signal` again (every second) until it gets through; a later one for the same expectation replaces it. */
export function signalAgainLater(client: Client, expectationId: string, signal: () => Promise<unknown>): void {
  const queue: Queue = queues.get(client) ?? new Map<string, () => Promise<unknown>>();
  queues.set(client, queue);
  const wasIdle = queue.size === 0;
  queue.set(expectationId, signal);
  if (wasIdle) retryLater(queue);
}

function retryLater(queue: Queue): void {
  setTimeout(() => void retry(queue), retryEveryMs).unref();
}

/**
 * One round: the queued signals in turn, until one finds Temporal unreachable — the rest would
 * each wait out the signal deadline for the same answer, so they wait for the next round.
 */
async function retry(queue: Queue): Promise<void> {
  for (const [expectationId, signal] of [...queue]) {
    const outcome = await signal().then(
      () => 'through' as const,
      // refused by a Temporal that answered: no retry fixes that
      (error: unknown) => (isTemporalUnreachable(error) ? ('unreachable' as const) : ('refused' as const)),
    );
    if (outcome === 'unreachable') break;
    if (queue.get(expectationId) === signal) queue.delete(expectationId);
  }
  if (queue.size > 0) retryLater(queue);
}
