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
  if (error instanceof TaskFailure) return namingTask(asDomainFailure(error.cause), error.task);
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

/** The task of a batch that failed (activities/run-tasks.ts), as a failure names it: its type and idempotency key. */
export interface FailedTask {
  type: string;
  key: string;
}

/** A task of a batch failed with `cause`: the failure is the cause's, with the task named in its details. */
export class TaskFailure extends Error {
  constructor(
    readonly task: FailedTask,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
  }
}

/**
 * A domain failure of a batch's task keeps its type and message (the reason the expectation is
 * blocked with), and names the task in its first detail (`task`); any other error stays as it is.
 */
function namingTask(failure: unknown, task: FailedTask): unknown {
  if (!(failure instanceof ApplicationFailure)) return failure;
  const [first, ...rest] = failure.details ?? [];
  return ApplicationFailure.create({
    message: failure.message,
    type: failure.type ?? undefined,
    nonRetryable: failure.nonRetryable ?? undefined,
    details: [{ ...(typeof first === 'object' && first !== null ? first : {}), task }, ...rest],
  });
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
