import type { WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { expect } from 'vitest';
import type { TaskDone } from '../../activities/run-tasks.js';
import type { Task } from '../../expectations/tasks.js';
import { eventually } from './eventually.js';

/** Reading a reconciler's history: the activities it scheduled, the tasks they were given and what they did. */

export type HistoryEvent = NonNullable<Awaited<ReturnType<WorkflowHandle['fetchHistory']>>['events']>[number];

const decoded = <T>(payloads: { payloads?: Payload[] | null } | null | undefined): T[] =>
  (payloads?.payloads ?? []).map((payload) => defaultPayloadConverter.fromPayload<T>(payload));

/**
 * The activities a reconciler scheduled (the local `observe` is a marker: not among them), each
 * with the tasks it was given (a `runTasks` batch); the `done` of each completed batch; the
 * attempt each started activity was on.
 */
export function activitiesIn(events: HistoryEvent[]) {
  const scheduled = events.flatMap((event) => {
    const attributes = event.activityTaskScheduledEventAttributes;
    if (!attributes) return [];
    const name = attributes.activityType?.name ?? '';
    return [{ name, tasks: name === 'runTasks' ? (decoded<Task[]>(attributes.input)[0] ?? []) : [] }];
  });
  const results = events.flatMap((event) => {
    const attributes = event.activityTaskCompletedEventAttributes;
    return attributes ? decoded<{ done?: TaskDone[] } | undefined>(attributes.result) : [];
  });
  const attempts = events.flatMap((event) => event.activityTaskStartedEventAttributes?.attempt ?? []);
  return { scheduled, results, attempts };
}

/** The task types a reconciler's batches were given, in order. */
export async function tasksScheduled(handle: WorkflowHandle): Promise<string[]> {
  const { scheduled } = activitiesIn((await handle.fetchHistory()).events ?? []);
  return scheduled.flatMap((activity) => activity.tasks.map((task) => task.type));
}

/** The reconciler's history once it has settled after its last activity (a timer started after that activity closed). */
export async function settledHistory(handle: WorkflowHandle): Promise<HistoryEvent[]> {
  const settled = (events: HistoryEvent[]) => {
    const closed = events.findLastIndex(
      (event) => event.activityTaskCompletedEventAttributes || event.activityTaskFailedEventAttributes,
    );
    return closed >= 0 && events.slice(closed).some((event) => event.timerStartedEventAttributes);
  };
  const events = await eventually(async () => (await handle.fetchHistory()).events ?? [], settled, 30_000, 100);
  expect(settled(events)).toBe(true);
  return events;
}
