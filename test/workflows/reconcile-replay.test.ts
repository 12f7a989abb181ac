import { readdirSync, readFileSync } from 'node:fs';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { reconcileWorkflowBundle } from '../../runtime/reconcile-worker.js';
import { installQuietRuntime } from '../support/temporal.js';

/**
 * Every recorded reconcile history (test/workflows/histories, including the folders of released
 * versions) replays on today's workflow code: a change that would break a running reconciler
 * (a non-deterministic one) fails here, without any server. The histories at the top of the
 * folder are recorded from today's workflow by `npx tsx test/workflows/record-histories.ts`;
 * record them again only after a deliberate change, as docs/workflow-versioning.md says.
 */
const folder = new URL('./histories/', import.meta.url);
const files = readdirSync(folder, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.json'))
  .sort();

describe('recorded reconcile histories', () => {
  it('are there: met, blocked, changed while a task ran, could not observe, continued as new', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'met-drift-deleted.json',
        'blocked-changed-met.json',
        'changed-while-a-task-ran.json',
        'cannot-observe-then-changed.json',
        'continued-as-new.json',
        'continued-run-deleted.json',
      ]),
    );
  });

  it("keep 0.1.0's one-activity-per-task histories, which replay through the batched-tasks patch's old branch", () => {
    expect(files).toEqual(
      expect.arrayContaining(['v0.1.0/met-drift-deleted.json', 'v0.1.0/changed-while-a-task-ran.json']),
    );
  });

  it("replay deterministically on today's workflow code", async () => {
    const histories = files.map((file) => ({
      workflowId: file, // names the file in a failure
      history: JSON.parse(readFileSync(new URL(file, folder), 'utf8')) as unknown,
    }));
    installQuietRuntime();
    const failures: Record<string, string> = {};
    let replayed = 0;
    const workflowBundle = await reconcileWorkflowBundle();
    for await (const result of Worker.runReplayHistories({ workflowBundle }, histories)) {
      replayed += 1;
      if (result.error) failures[result.workflowId] = `${result.error.name}: ${result.error.message}`;
    }
    expect(failures).toEqual({});
    expect(replayed).toBe(files.length);
  });
});
