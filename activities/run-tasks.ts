import { parseExpectation } from '../expectations/expectation-schema.js';
import { plan } from '../expectations/planner.js';
import type { Task, TaskType } from '../expectations/tasks.js';
import type { ExpectationRepository, StoredExpectation } from '../graph/expectation-repository.js';
import type { EventToRecord } from '../graph/event-repository.js';
import type { Inventory } from '../graph/inventory.js';
import { InventoryError } from '../model/inventory-error.js';
import type { InstanceSnapshot } from '../model/tmf-json.js';
import { touchedBy } from '../model/waits-for.js';
import { TaskFailure } from './domain-failure.js';
import { observeExpectation, type ObservationOrDeleted } from './observe-expectation.js';
import { readSubject, retryingLostRaces, runTaskAgainst, subjectOf } from './run-task.js';

/** What one task of a batch did: what the activity's result names. */
export interface TaskDone {
  type: TaskType;
  key: string;
  outcome: string;
}

/** What a batch activity returns: the tasks it carried out, in order, and the observation that follows them. */
export interface TasksOutcome {
  done: TaskDone[];
  observation: ObservationOrDeleted;
}

/** A batch carried out: its outcome, and what its tasks touched (model/waits-for.ts), for waking whoever waited on it. */
export interface TasksRun extends TasksOutcome {
  touched: string[];
}

/**
 * Carries out a batch of planned tasks (a plan's `tasks`, expectations/batch.ts) for an
 * expectation in ONE transaction, with each task's change event (keyed by its own idempotency
 * key) and the observation that follows: all of it commits, or — a task failing, or the
 * worker dying — none of it. A task that fails is named in the failure (TaskFailure), whose
 * reason is that task's own.
 *
 * Each task is carried out only while the planner, asked again against the subject as the
 * task before really left it, plans exactly that task; where it plans anything else (the
 * prediction was wrong, the actual changed, or the batch already ran: a Temporal retry after
 * the transaction committed) the batch stops, and the observation it ends with plans the rest.
 * So running a batch again does nothing twice: no task, no event, no value assigned again.
 */
export async function runTasks(
  inventory: Inventory,
  expectations: ExpectationRepository,
  expectationId: string,
  tasks: Task[],
): Promise<TasksRun> {
  const running: { task?: Task } = {};
  try {
    // another attempt of this batch (Temporal ran it again while this one was slow) may build the
    // instance first: run again, the batch finds its work done
    return await retryingLostRaces(
      () => inventory.store.transaction(() => runTasksOnce(inventory, expectations, expectationId, tasks, running)),
      (error) => builtMeanwhile(error, running.task),
    );
  } catch (error) {
    if (running.task) throw new TaskFailure({ type: running.task.type, key: running.task.key }, error);
    throw error;
  }
}

/** Whether a build failed because an instance with its id was committed since the batch read it. */
const builtMeanwhile = (error: unknown, task: Task | undefined) =>
  task?.type === 'build' && error instanceof InventoryError && error.code === 'conflict';

/** One attempt at the batch in the caller's transaction; `running.task` is the task under way (when one fails, the failing one). */
async function runTasksOnce(
  inventory: Inventory,
  expectations: ExpectationRepository,
  expectationId: string,
  tasks: Task[],
  running: { task?: Task },
): Promise<TasksRun> {
  running.task = undefined;
  const subject = subjectOf(tasks[0]!);
  const read = await readSubject(inventory, subject, { expectations, expectationId });
  const stored = read.expectation ?? null;
  const stillPlanned = stored && stillPlannedFor(inventory, stored);
  const done: TaskDone[] = [];
  const events = eventTimes();
  const happened: EventToRecord[] = [];
  const touched = new Set<string>();
  let current = read.current;
  for (const task of tasks) {
    // (the planner plans against the subject: a task of any other is never still planned)
    if (!stillPlanned?.(current, task)) break;
    running.task = task;
    const run = await runTaskAgainst(inventory, task, current);
    running.task = undefined;
    done.push({ type: task.type, key: task.key, outcome: run.outcome });
    if (run.after !== undefined) current = run.after;
    if (!run.event) continue; // it changed nothing: it touched nothing
    happened.push(events.timed(run.event)); // each task its own event, timed in order
    touchedBy(subject, run.before, run.after).forEach((anchor) => touched.add(anchor));
  }
  // the events ride along with the observation's record: one statement
  const afterTask = { subject: { id: subject, instance: current }, stored, events: happened };
  const observation = await observeExpectation(inventory, expectations, expectationId, afterTask);
  return { done, observation, touched: [...touched] };
}

/** Whether the planner, asked against an actual, plans exactly this task for the stored expectation (its body parsed once). */
function stillPlannedFor({ registry }: Inventory, stored: StoredExpectation) {
  const expectation = parseExpectation(stored.body, registry);
  const { id: expectationId, generation } = stored;
  return (actual: InstanceSnapshot | null, task: Task): boolean => {
    const next = plan({ expectationId, generation, expectation, actual, registry });
    return next.outcome === 'task' && JSON.stringify(next.task) === JSON.stringify(task);
  };
}

/** Event times in the order the batch's tasks ran, a millisecond apart at least, so events list in that order. */
function eventTimes() {
  let previous = 0;
  return {
    timed(event: EventToRecord): EventToRecord {
      previous = Math.max(Date.now(), previous + 1);
      return { ...event, eventTime: new Date(previous).toISOString() };
    },
  };
}
