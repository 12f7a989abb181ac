import type { ExpectationRepository, StoredExpectation } from '../graph/expectation-repository.js';
import { signalReconciler, type SubmissionDependencies } from './submission.js';

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
  for (const expectation of stored) await signalReconciler(deps, expectation);
  return stored.length;
}
