import { ApplicationFailure } from '@temporalio/common';
import { InvalidExpectationError } from '../expectations/expectation-schema.js';
import { isGraphUnavailable } from '../graph/graph-health.js';
import { InventoryError } from '../model/inventory-error.js';
import { UnknownKindError } from '../model/registry.js';

/**
 * Domain errors become non-retryable ApplicationFailures whose type names the problem
 * (`poolExhausted`, `notPermitted`, `invalidInput`, …) and whose message people can act
 * on; anything else (a deadlock, a lost race) stays retryable. Neo4j down is not retried
 * either: the reconciler is blocked with `neo4jUnavailable: Neo4j is down or unreachable (…)` at once, and the worker's
 * outage watcher wakes it when Neo4j answers again (runtime/outage-watcher.ts) — sooner than
 * any retry back-off would.
 */
export function asDomainFailure(error: unknown): unknown {
  if (isGraphUnavailable(error)) {
    return ApplicationFailure.nonRetryable(
      `Neo4j is down or unreachable (${(error as Error).message})`,
      'neo4jUnavailable',
    );
  }
  if (error instanceof InvalidExpectationError) {
    return ApplicationFailure.nonRetryable(error.message, 'invalidExpectation', { problems: error.problems });
  }
  if (error instanceof InventoryError)
    return ApplicationFailure.nonRetryable(error.message, error.code, { fields: error.fields });
  if (error instanceof UnknownKindError) return ApplicationFailure.nonRetryable(error.message, 'unknownKind');
  return error;
}

/** Runs `work`, rethrowing domain errors as non-retryable failures; `graphUnavailable` hears of Neo4j down. */
export async function domainFailures<T>(work: () => Promise<T>, graphUnavailable?: () => void): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isGraphUnavailable(error)) graphUnavailable?.();
    throw asDomainFailure(error);
  }
}
