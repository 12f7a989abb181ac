import type { GraphStore } from '../graph/graph-store.js';
import { askedWhetherEndedAlready, WaitsForRepository } from '../graph/waits-for-repository.js';
import type { StoredWaitsFor } from '../model/waits-for.js';

/**
 * Wake-ups by cause, controller-runtime's watches on secondary objects: a blocked expectation
 * records what it waits for (graph/waits-for-repository.ts); a task that changes that thing
 * wakes exactly the reconcilers whose wait it ended, with the `expectationChanged` signal their
 * `waitForChange` listens for. The back-off timer stays, as the safety net.
 *
 * The signal is sent from the activity, after its transaction committed, through the worker's
 * Temporal client (`wake`, given by the worker process) — not by the workflow signalling
 * external workflows with ids an activity returns: that would add a command, a history event
 * and a workflow task to every task of every reconciler (and change the workflow's shape, so
 * old histories would need a patch), to do what one client call does. A signal lost with a
 * worker that dies between the commit and the call is what the timer is for.
 */

/** Signals these expectations' reconcilers (`expectationChanged`); one that ended meanwhile is skipped. */
export type Wake = (expectationIds: string[]) => Promise<void>;

export interface Waking {
  store: GraphStore;
  wake?: Wake;
  /** Told when waking failed (an activity's logger, the API's). */
  warn: (line: string) => void;
}

/**
 * After a change of these anchors committed (model/waits-for.ts `touchedBy`): wakes the
 * reconcilers whose wait it ended, other than `except` (the one that made the change). Best
 * effort: the change stands whatever happens here, and the timer wakes whoever this missed.
 */
export async function wakeWaitingOn(waking: Waking, anchors: string[], except?: string): Promise<void> {
  const { store, wake, warn } = waking;
  if (!wake) return;
  try {
    const ended = (await new WaitsForRepository(store).endedOn(anchors)).filter((id) => id !== except);
    if (ended.length > 0) await wake(ended);
  } catch (error) {
    warn(`waking reconcilers waiting on ${anchors.join(', ')} failed (their back-off timers remain): ${String(error)}`);
  }
}

/**
 * After a blocked expectation's `waits` were recorded: when one is over already — its value
 * freed, say, between the task that failed and this record, so the change found no one to
 * wake — the reconciler wakes itself. Without a wait that can be asked, the graph is not.
 */
export async function wakeIfEndedAlready(
  waking: Waking,
  expectationId: string,
  waits: StoredWaitsFor[],
): Promise<void> {
  const { store, wake, warn } = waking;
  if (!wake || !waits.some(askedWhetherEndedAlready)) return;
  try {
    if (await new WaitsForRepository(store).endedAlready(expectationId)) await wake([expectationId]);
  } catch (error) {
    warn(`checking what ${expectationId} waits for failed (its back-off timer remains): ${String(error)}`);
  }
}
