import { TestWorkflowEnvironment } from '@temporalio/testing';
import { inject } from 'vitest';

/**
 * A workflow environment on the real Temporal server under test: never one the SDK
 * downloads. The caller tears it down (afterAll(() => env.teardown())).
 */
export function temporalEnvironment(): Promise<TestWorkflowEnvironment> {
  const { address, namespace } = inject('servers').temporal;
  return TestWorkflowEnvironment.createFromExistingServer({ address, namespace });
}
