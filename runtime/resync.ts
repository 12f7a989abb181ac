import type { ExpectationRepository, StoredExpectation } from '../graph/expectation-repository.js';
import { forEachAtMost } from './at-most-at-once.js';
import { signalReconciler, startReconciler, type SubmissionDependencies } from './submission.js';

/** Expectations the sweep reads at a time. */
const pageSize = 200;
/** Reconcilers the sweep asks Temporal about at once. */
const atOnce = 8;

/**
 * The sweeper: makes sure every stored expectation has a running reconcile workflow — covering
 * expectations written while the worker or Temporal was down, and lost signals — and wakes
 * none that needs no waking, so a sweep over expectations whose reconcilers all run costs no
 * workflow task. An expectation whose latest generation its reconciler has observed gets a
 * start that leaves a running reconciler alone (`startReconciler`: WorkflowIdConflictPolicy
 * USE_EXISTING, nothing in its history) and starts a missing one; one whose latest generation
 * is not observed yet (its change signal may have been lost) gets signal-with-start, which wakes
 * a running one. Drift stays each reconciler's own timer. It reads the expectations a page at a
 * time, by id, and asks Temporal about `atOnce` at a time. Returns how many it visited.
 */
export async function resyncReconcilers(
  deps: SubmissionDependencies & { expectations: ExpectationRepository },
  only: (expectation: StoredExpectation) => boolean = () => true,
): Promise<number> {
  let visited = 0;
  for (let afterId: string | undefined; ;) {
    const page = await deps.expectations.listAfter(afterId, pageSize);
    const mine = page.filter(only);
    await forEachAtMost(atOnce, mine, (expectation) =>
      expectation.observedGeneration < expectation.generation
        ? signalReconciler(deps, expectation)
        : startReconciler(deps, expectation),
    );
    visited += mine.length;
    if (page.length < pageSize) return visited;
    afterId = page.at(-1)!.id;
  }
}
