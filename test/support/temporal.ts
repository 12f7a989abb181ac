import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { inject } from 'vitest';

/**
 * A workflow environment on the real Temporal server under test: never one the SDK
 * downloads. The caller tears it down (afterAll(() => env.teardown())).
 */
export function temporalEnvironment(): Promise<TestWorkflowEnvironment> {
  installQuietRuntime();
  const { address, namespace } = inject('servers').temporal;
  return TestWorkflowEnvironment.createFromExistingServer({ address, namespace });
}

let runtimeInstalled = false;

/** Worker state changes are INFO noise in test output; warnings and errors still show. */
export function installQuietRuntime(): void {
  if (runtimeInstalled) return;
  Runtime.install({ logger: new DefaultLogger('WARN') });
  runtimeInstalled = true;
}
