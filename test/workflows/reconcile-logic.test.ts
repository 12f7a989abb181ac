import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Observation,
  ObservationOrDeleted,
  ReconcileActivities,
  TaskOutcome,
  TasksOutcome,
} from '../../activities/reconcile-activities.js';
import type { Json } from '../../expectations/operators.js';
import { outstandingCount } from '../../expectations/outstanding.js';
import type { Plan, Task } from '../../expectations/tasks.js';
import { reconcileWorkflowBundle } from '../../runtime/reconcile-worker.js';
import {
  expectationChanged,
  expectationDeleted,
  lastTaskQuery,
  outstandingQuery,
  statusQuery,
  workflowIdOf,
  type ReconcileState,
} from '../../workflows/reconcile-messages.js';
import { reconcile, type ReconcileInput } from '../../workflows/reconcile.js';
import { eventually } from '../support/eventually.js';
import { uniqueId } from '../support/graph.js';
import { temporalEnvironment } from '../support/temporal.js';

/**
 * The reconcile workflow's own logic — what it does with each observation, task result,
 * failure, signal and timer — with stub activities that follow a script per expectation and
 * log every call. The workflow is the real one, on the Temporal server under test, on a task
 * queue of this file's own; no graph is involved.
 */

/** A step a stub answers with: a value, an error it throws, or a value it waits for. */
type Step<T> = T | Error | (() => Promise<T>);

interface Script {
  /** What `observe` answers, in turn; the last one answers every later call. */
  observations: Array<Step<ObservationOrDeleted>>;
  /** What the task activity answers for a batch (each of its tasks with this outcome), in turn; the last one answers every later call. */
  tasks: Array<Step<TaskOutcome>>;
  /** Every activity call: `observe`, the batch's task types (joined by `+`), `recordBlocked: <reason>`. */
  calls: string[];
}

const scripts = new Map<string, Script>();
const scriptOf = (expectationId: string): Script => {
  const script = scripts.get(expectationId);
  if (!script) throw ApplicationFailure.nonRetryable(`no script for ${expectationId}`);
  return script;
};
const answer = async <T>(steps: Array<Step<T>>): Promise<T> => {
  const step = steps.length > 1 ? steps.shift()! : steps[0]!;
  if (step instanceof Error) throw step;
  return typeof step === 'function' ? (step as () => Promise<T>)() : step;
};
const stubTasks = async (tasks: Task[], expectationId: string): Promise<TasksOutcome> => {
  const script = scriptOf(expectationId);
  script.calls.push(tasks.map((task) => task.type).join('+'));
  const { outcome, observation } = await answer(script.tasks);
  return { done: tasks.map(({ type, key }) => ({ type, key, outcome })), observation };
};
const stubActivities = {
  async observe(expectationId: string) {
    const script = scriptOf(expectationId);
    script.calls.push('observe');
    return answer(script.observations);
  },
  recordBlocked(expectationId, blocked) {
    scriptOf(expectationId).calls.push(`recordBlocked: ${blocked.reason}`);
    return Promise.resolve();
  },
  runTasks: stubTasks,
} satisfies Partial<ReconcileActivities>;

/** An observation of a Cluster expectation, generation 1, with the plan and what is outstanding. */
const observed = (id: string, plan: Plan, outstanding: Json | null = null, extra: Partial<Observation> = {}) =>
  ({
    deleted: false,
    expectationId: id,
    generation: 1,
    kind: 'Cluster',
    name: 'stubbed',
    actualId: id,
    status: plan.outcome === 'task' ? 'progressing' : plan.outcome,
    outstanding,
    outstandingCount: outstandingCount(outstanding),
    plan,
    ...extra,
  }) satisfies Observation;
const met = (id: string, extra: Partial<Observation> = {}) => observed(id, { outcome: 'met' }, null, extra);
const buildTask = (id: string): Task => ({
  type: 'build',
  key: `${id}/g1/build/${id}`,
  kind: 'Cluster',
  id,
  name: 'stubbed',
});
const building = (id: string) =>
  observed(id, { outcome: 'task', task: buildTask(id) }, { name: 'stubbed', state: 'installed' });
const assignTask = (id: string, alias: string): Task => ({
  type: 'assign',
  key: `${id}/g1/assign/${alias}`,
  owner: 'gpu-1',
  pool: 'cores',
  assignee: id,
  alias,
  value: 'auto',
});
const assigning = (id: string, alias: string) => {
  const outstanding = { assignments: [{ alias, pool: 'cores', from: { id: 'gpu-1' } }] };
  return observed(id, { outcome: 'task', task: assignTask(id, alias) }, outstanding);
};
/** A latch the test opens: `after(value)` is a stub step that answers `value` once it is open. */
const latch = () => {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const after =
    <T>(value: T) =>
    async (): Promise<T> => {
      await opened;
      return value;
    };
  return { open, after };
};

describe('the reconcile workflow with stub activities', () => {
  const taskQueue = uniqueId('reconcile-logic');
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;

  beforeAll(async () => {
    env = await temporalEnvironment();
    const workflowBundle = await reconcileWorkflowBundle();
    worker = await Worker.create({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue,
      workflowBundle,
      activities: stubActivities,
    });
    running = worker.run();
  });
  afterAll(async () => {
    // reconcilers wait on their timers forever: end the ones still running with the file
    const handles = [...scripts.keys()].map((id) => env.client.workflow.getHandle(workflowIdOf(id)));
    await Promise.allSettled(handles.map((handle) => handle.terminate('test finished')));
    worker?.shutdown();
    await running;
    await env?.teardown();
  });

  type Scripted = Pick<Script, 'observations'> & Partial<Pick<Script, 'tasks'>>;
  /** Scripts a new expectation's activities (given its id) and starts its reconciler. */
  const reconciler = async (name: string, script: (id: string) => Scripted, input: Partial<ReconcileInput> = {}) => {
    const id = uniqueId(`logic-${name}`);
    const calls: string[] = [];
    scripts.set(id, { tasks: [], ...script(id), calls });
    const workflowId = workflowIdOf(id);
    const args: [ReconcileInput] = [{ expectationId: id, ...input }];
    const handle = await env.client.workflow.start(reconcile, { workflowId, taskQueue, args });
    /** Waits until the status query says `done`; returns that state. */
    const until = async (done: (state: ReconcileState) => boolean) => {
      // not answered before the workflow's first task
      const read = () => handle.query(statusQuery).catch(() => undefined);
      const state = await eventually(read, (current) => current !== undefined && done(current), 10_000, 50);
      expect(state && done(state), `${id} is ${JSON.stringify(state)}`).toBe(true);
      return state!;
    };
    /** Waits until the activities were called `count` times; returns the calls. */
    const callsUntil = (count: number) =>
      eventually(
        () => Promise.resolve([...calls]),
        (made) => made.length >= count,
        10_000,
        50,
      );
    return { id, handle, calls, until, callsUntil };
  };

  it("carries out the planned task and is met: the task's own observation spares observing again", async () => {
    const { id, handle, calls, until } = await reconciler('task', (id) => ({
      observations: [building(id)],
      tasks: [{ outcome: `built Cluster ${id}`, observation: met(id) }],
    }));
    const state = await until((current) => current.status === 'met');
    expect(state).toMatchObject({ generation: 1, outstandingCount: 0, iterations: 2 });
    expect(await handle.query(outstandingQuery)).toBeNull();
    expect(await handle.query(lastTaskQuery)).toEqual({
      type: 'build',
      key: buildTask(id).key,
      ok: true,
      result: `built Cluster ${id}`,
    });
    expect(calls).toEqual(['observe', 'build']);
  });

  it('blocked by the plan, it waits with the reason; a change signal has it observe again, and it is met', async () => {
    const reason = 'name: expected "renamed" but the actual is named "stubbed"';
    const { handle, calls, until } = await reconciler(
      'plan-blocked',
      (id) => ({
        observations: [observed(id, { outcome: 'blocked', reason }, { name: 'renamed' }), met(id)],
      }),
      { blockedRetrySeconds: 3600 },
    );
    const blocked = await until((state) => state.status === 'blocked');
    expect(blocked).toMatchObject({ reason, outstandingCount: 1, iterations: 1 });
    expect(await handle.query(outstandingQuery)).toEqual({ name: 'renamed' });
    expect(calls).toEqual(['observe']);
    await handle.signal(expectationChanged);
    const state = await until((current) => current.status === 'met');
    expect(state.reason).toBeUndefined();
    expect(await handle.query(outstandingQuery)).toBeNull();
    expect(await handle.query(lastTaskQuery)).toBeUndefined();
    expect(calls).toEqual(['observe', 'observe']);
  });

  it('a task that fails for good blocks it with the reason, recorded; after a change the task succeeds', async () => {
    const failure = ApplicationFailure.nonRetryable('pool: gpu-1 "cores" is exhausted (1..1)', 'poolExhausted');
    const reason = `poolExhausted: ${failure.message}`;
    const { id, handle, calls, until, callsUntil } = await reconciler(
      'task-failed',
      (id) => ({
        observations: [assigning(id, 'core1')],
        tasks: [failure, { outcome: 'assigned core 1 of gpu-1 to slot core1', observation: met(id) }],
      }),
      { blockedRetrySeconds: 3600 },
    );
    expect(await until((state) => state.status === 'blocked')).toMatchObject({ reason, outstandingCount: 1 });
    expect(await handle.query(lastTaskQuery)).toEqual({
      type: 'assign',
      key: assignTask(id, 'core1').key,
      ok: false,
      result: reason,
    });
    expect(await handle.query(outstandingQuery)).toEqual({
      assignments: [{ alias: 'core1', pool: 'cores', from: { id: 'gpu-1' } }],
    });
    expect(await callsUntil(3)).toEqual(['observe', 'assign', `recordBlocked: ${reason}`]);
    await handle.signal(expectationChanged);
    expect(await until((state) => state.status === 'met')).toMatchObject({ outstandingCount: 0 });
    expect(await handle.query(lastTaskQuery)).toMatchObject({
      type: 'assign',
      ok: true,
      result: 'assigned core 1 of gpu-1 to slot core1',
    });
    expect(calls).toEqual(['observe', 'assign', `recordBlocked: ${reason}`, 'observe', 'assign']);
  });

  it('an observation that fails blocks it as "cannot observe: …"; on the back-off timer it recovers', async () => {
    const recovery = latch();
    const unknown = ApplicationFailure.nonRetryable('kind "Router" is not registered', 'unknownKind');
    const { handle, calls, until, callsUntil } = await reconciler(
      'observe-failed',
      (id) => ({
        observations: [unknown, recovery.after(met(id))],
      }),
      { blockedRetrySeconds: 1 },
    );
    // the second observation waits for the latch: until it opens, the queries say blocked
    expect(await until((state) => state.status === 'blocked')).toMatchObject({
      reason: 'cannot observe: unknownKind: kind "Router" is not registered',
      iterations: 0,
    });
    expect(await handle.query(outstandingQuery)).toBeNull();
    expect(await callsUntil(2)).toEqual(['observe', 'observe']); // no signal: the timer
    recovery.open();
    const state = await until((current) => current.status === 'met');
    expect(state).toMatchObject({ iterations: 1, generation: 1 });
    expect(state.reason).toBeUndefined();
    expect(calls).toEqual(['observe', 'observe']);
  });

  it("a change signalled while a task runs: the task's own observation is set aside, it observes again", async () => {
    const task = latch();
    const { handle, calls, until, callsUntil } = await reconciler('changed-mid-task', (id) => ({
      observations: [building(id), met(id)],
      // the build's own observation plans an assignment: stale, since the expectation changed meanwhile
      tasks: [task.after({ outcome: `built Cluster ${id}`, observation: assigning(id, 'core1') })],
    }));
    expect(await callsUntil(2)).toEqual(['observe', 'build']);
    expect(await until((state) => state.status === 'progressing')).toMatchObject({ outstandingCount: 2 });
    await handle.signal(expectationChanged);
    task.open();
    const state = await until((current) => current.status === 'met');
    expect(state).toMatchObject({ outstandingCount: 0, iterations: 2 });
    expect(await handle.query(lastTaskQuery)).toMatchObject({ type: 'build', ok: true });
    expect(calls).toEqual(['observe', 'build', 'observe']);
  });

  it("met, it observes again on the drift timer and repairs; the expectation's driftSeconds wins", async () => {
    const { handle, calls, until } = await reconciler(
      'drift',
      (id) => ({
        // met, then drifted: a core was unassigned out of band; once repaired, the expectation says 3600 s
        observations: [met(id), assigning(id, 'core2')],
        tasks: [{ outcome: 'assigned core 2 of gpu-1 to slot core2', observation: met(id, { driftSeconds: 3600 }) }],
      }),
      { driftSeconds: 1 },
    );
    const repaired = await until((state) => state.lastTask !== undefined && state.status === 'met');
    expect(repaired).toMatchObject({ iterations: 3 });
    expect(await handle.query(lastTaskQuery)).toMatchObject({
      type: 'assign',
      ok: true,
      result: 'assigned core 2 of gpu-1 to slot core2',
    });
    expect(await handle.query(outstandingQuery)).toBeNull();
    expect(calls).toEqual(['observe', 'observe', 'assign']);
  });

  it('a deleted signal completes the workflow, and so does an observation that finds it deleted', async () => {
    const signalled = await reconciler('deleted-signal', (id) => ({ observations: [met(id)] }));
    await signalled.until((state) => state.status === 'met');
    await signalled.handle.signal(expectationDeleted);
    await expect(signalled.handle.result()).resolves.toBeUndefined();
    expect(signalled.calls).toEqual(['observe']);

    const observedGone = await reconciler('deleted-observed', (id) => ({
      observations: [building(id)],
      tasks: [{ outcome: `built Cluster ${id}`, observation: { deleted: true, expectationId: id } }],
    }));
    await expect(observedGone.handle.result()).resolves.toBeUndefined();
    expect(observedGone.calls).toEqual(['observe', 'build']);
  });

  it('continues as new after iterationsPerRun observations, with the same input, and goes on reconciling', async () => {
    const { id, handle, calls, until } = await reconciler(
      'continued',
      (id) => ({
        // the run's two observations a second apart; the next run's first one says to wait an hour
        observations: [met(id), met(id), met(id, { driftSeconds: 3600 })],
      }),
      { driftSeconds: 1, iterationsPerRun: 2 },
    );
    const firstRun = env.client.workflow.getHandle(workflowIdOf(id), handle.firstExecutionRunId, { followRuns: false });
    const ended = await eventually(
      () => firstRun.describe(),
      (run) => run.status.name !== 'RUNNING',
      10_000,
      50,
    );
    expect(ended.status.name).toBe('CONTINUED_AS_NEW');
    expect(await firstRun.query(statusQuery)).toMatchObject({ status: 'met', iterations: 2 });
    // the new run, for the same expectation, counts its own observations
    expect(await until((state) => state.status === 'met')).toMatchObject({ expectationId: id, iterations: 1 });
    const latest = await env.client.workflow.getHandle(workflowIdOf(id)).describe();
    expect(latest.runId).not.toBe(handle.firstExecutionRunId);
    expect(calls).toEqual(['observe', 'observe', 'observe']);
  });
});
