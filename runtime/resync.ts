import type { ExpectationRepository, StoredExpectation } from '../graph/expectation-repository.js';
import { signalReconciler, type SubmissionDependencies } from './submission.js';

/** How many signals a resync has in flight at once. */
const resyncConcurrency = 8;

/**
 * The sweeper: makes sure every stored expectation has a running reconcile workflow —
 * covering expectations written while the worker or Temporal was down, or a lost signal.
 * Signal-with-start wakes a running workflow (harmless: it observes again) and starts a
 * missing one.
 */
export async function resyncReconcilers(
  deps: SubmissionDependencies & { expectations: ExpectationRepository },
  only: (expectation: StoredExpectation) => boolean = () => true,
): Promise<number> {
  const stored = (await deps.expectations.list()).filter(only);
  // a few signals at a time: hundreds one after another take seconds on a busy server, all at once swamp it
  const queue = [...stored];
  const signalling = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) await signalReconciler(deps, next);
  };
  await Promise.all(Array.from({ length: resyncConcurrency }, signalling));
  return stored.length;
}
