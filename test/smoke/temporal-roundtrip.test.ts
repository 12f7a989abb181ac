import { fileURLToPath } from 'node:url';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleWorkflows } from '../../runtime/workflow-bundle.js';
import { uniqueId } from '../support/graph.js';
import { temporalEnvironment } from '../support/temporal.js';
import * as activities from './fixtures/greeting-activities.js';
import { greetingWorkflow } from './fixtures/greeting-workflow.js';

describe('Temporal smoke', () => {
  let env: TestWorkflowEnvironment;
  let workflowBundle: WorkflowBundleWithSourceMap;

  beforeAll(async () => {
    env = await temporalEnvironment();
    workflowBundle = await bundleWorkflows(fileURLToPath(new URL('./fixtures/greeting-workflow.ts', import.meta.url)));
  });

  afterAll(async () => {
    await env?.teardown();
  });

  it('runs a bundled workflow that calls a real activity through a worker on the server', async () => {
    const taskQueue = uniqueId('smoke');
    const workflowId = uniqueId('greeting');
    const worker = await Worker.create({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue,
      workflowBundle,
      activities,
    });
    const result = await worker.runUntil(
      env.client.workflow.execute(greetingWorkflow, { taskQueue, workflowId, args: [['gpu_1', 'gpu_2']] }),
    );
    expect(result).toEqual([`greet: hello gpu_1 from ${workflowId}`, `greet: hello gpu_2 from ${workflowId}`]);

    const history = await env.client.workflow.getHandle(workflowId).fetchHistory();
    const completedActivities = (history.events ?? []).filter((event) => event.activityTaskCompletedEventAttributes);
    expect(completedActivities).toHaveLength(2);
  });
});
