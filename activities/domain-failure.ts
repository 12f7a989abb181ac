import { ApplicationFailure } from '@temporalio/common';
import { InvalidExpectationError } from '../expectations/expectation-schema.js';
import { InventoryError } from '../model/inventory-error.js';
import { UnknownKindError } from '../model/registry.js';

/**
 * Domain errors become non-retryable ApplicationFailures whose type names the problem
 * (`poolExhausted`, `notPermitted`, `invalidInput`, …) and whose message people can act
 * on; anything else (a Neo4j connection dropped, a deadlock) stays retryable.
 */
export function asDomainFailure(error: unknown): unknown {
  if (error instanceof InvalidExpectationError) {
    return ApplicationFailure.nonRetryable(error.message, 'invalidExpectation', { problems: error.problems });
  }
  if (error instanceof InventoryError)
    return ApplicationFailure.nonRetryable(error.message, error.code, { fields: error.fields });
  if (error instanceof UnknownKindError) return ApplicationFailure.nonRetryable(error.message, 'unknownKind');
  return error;
}

/** Runs `work`, rethrowing domain errors as non-retryable failures. */
export async function domainFailures<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw asDomainFailure(error);
  }
}
