import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll } from 'vitest';
import { parseExpectation, type ExpectationBody } from '../../expectations/expectation-schema.js';
import { specificationAimOf } from '../../expectations/specification-aim.js';
import type { Kind } from '../../model/registry.js';
import { ExpectationRepository } from '../../graph/expectation-repository.js';
import { createReconcileWorker } from '../../runtime/reconcile-worker.js';
import { resyncReconcilers } from '../../runtime/resync.js';
import { signalReconcilers } from '../../runtime/signal-reconcilers.js';
import { statusQuery, workflowIdOf, type ReconcileState } from '../../workflows/reconcile-messages.js';
import { submitExpectation, waitForSettled, type SubmissionDependencies } from '../../runtime/submission.js';
import { eventually } from './eventually.js';
import { uniqueId } from './graph.js';
import { testInventory } from './inventory.js';
import { temporalEnvironment } from './temporal.js';

/**
 * Real reconcile workflows on the real Temporal server, with a worker in this process on a
 * task queue of the file's own, and activities on the real Neo4j.
 */
export function reconcileHarness(kinds?: Kind[]) {
  const { inventory, track, driver } = testInventory(kinds);
  const expectations = new ExpectationRepository(
    inventory.store,
    (body) => parseExpectation(body, inventory.registry),
    (body) => specificationAimOf(body as ExpectationBody, inventory.registry),
  );
  const taskQueue = uniqueId('reconcile-test');
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  const deps = (): SubmissionDependencies => ({ client: env.client, expectations, taskQueue });

  // resync only this file's expectations: the others in the database belong to other runs
  const resync = () => resyncReconcilers(deps(), (expectation) => track.expectationIds().includes(expectation.id));
  const startWorker = async () => {
    worker = await createReconcileWorker({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue,
      inventory,
      expectations,
      resync,
      wake: (expectationIds) => signalReconcilers(env.client, expectationIds),
    });
    running = worker.run();
  };

  beforeAll(async () => {
    env = await temporalEnvironment();
    await startWorker();
  });
  afterAll(async () => {
    // the file's reconcilers would wait on their timers forever: end them with the file
    await Promise.all(
      track.expectationIds().map((id) =>
        env.client.workflow
          .getHandle(workflowIdOf(id))
          .terminate('test finished')
          .catch(() => undefined),
      ),
    );
    worker?.shutdown();
    await running;
    await env?.teardown();
  });

  return {
    inventory,
    track,
    driver,
    expectations,
    env: () => env,
    /** Submits an intent under a tracked id and waits until its reconciler settles on it. */
    async submit(intent: unknown, id = track.expectationId(uniqueId('exp')), timeoutMs = 60_000) {
      const submission = await submitExpectation(deps(), intent, id);
      const settled = await waitForSettled(expectations, id, { generation: submission.generation, timeoutMs });
      return { submission, settled };
    },
    submitOnly: (intent: unknown, id: string) => submitExpectation(deps(), intent, id),
    /**
     * The reconciler's own status once it has settled on `generation`: the graph says settled
     * when the activity commits, the workflow a moment later (when it has the activity's result).
     */
    reconcilerSettled: (id: string, generation: number): Promise<ReconcileState> =>
      eventually(
        () => env.client.workflow.getHandle(workflowIdOf(id)).query(statusQuery),
        (state) => state.status !== 'progressing' && state.generation >= generation,
        10_000,
        50,
      ),
    deps,
    taskQueue,
    /** The sweep over this file's expectations, as the worker runs it. */
    resync,
    /** Stops the file's worker (its cache of workflows goes with it) and starts a new one on the same task queue. */
    async restartWorker() {
      worker.shutdown();
      await running;
      await startWorker();
    },
  };
}
