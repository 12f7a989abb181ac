import type { StoredWaitsFor } from '../model/waits-for.js';
import type { Task } from './tasks.js';

/**
 * What an expectation whose task failed waits for: what the task needs that someone else can
 * provide, when the failure (its code, `poolExhausted`, `conflict`, …) says that is what was
 * missing. An assignment needs its value free, or a free value in its pool (its owner, the pool
 * and its bounds there, the owner in a state that assigns); a relationship needs its targets, a
 * role its party or place. Any other failure (not permitted, invalid) waits for nothing but a
 * new generation of the expectation itself: nothing is recorded, the back-off still runs.
 */
const waitingCodes: Record<string, Array<Task['type']>> = {
  notFound: ['assign', 'relate', 'addRoles', 'build'],
  conflict: ['assign'],
  poolExhausted: ['assign'],
  invalidState: ['assign'],
};

/**
 * The waits of a task that failed with this reason (`<code>: <message>`): of what the task needs,
 * those the message names — a build lacking its first party waits for that party, not for a
 * place it has not got to — so a reconciler woken for one wakes to a task that can get past it.
 * A pool's capacity is needed for every auto-assign from it in the task's `batch` (all of them
 * rolled back with the failure): one free value would wake it into the same failure.
 */
export function waitsForFailedTask(task: Task, reason: string, batch: Task[] = [task]): StoredWaitsFor[] {
  const code = failureCodeOf(reason);
  if (code === undefined || !waitingCodes[code]?.includes(task.type)) return [];
  return needsOf(task)
    .filter((wait) => !('id' in wait) || reason.includes(wait.id))
    .map((wait) => (wait.cause === 'capacity' ? withNeeded(wait, batch) : wait));
}

/** A capacity wait with how many values the batch takes from that pool (when more than one). */
function withNeeded(wait: Extract<StoredWaitsFor, { cause: 'capacity' }>, batch: Task[]): StoredWaitsFor {
  const needed = batch.filter(
    (task) => task.type === 'assign' && task.value === 'auto' && task.owner === wait.owner && task.pool === wait.pool,
  ).length;
  return needed > 1 ? { ...wait, needed } : wait;
}

/** What a task needs that someone else can provide. */
function needsOf(task: Task): StoredWaitsFor[] {
  switch (task.type) {
    case 'assign': {
      const { owner, pool, value } = task;
      if (typeof owner !== 'string') return [{ cause: 'capacityOfKind', kind: owner.kind, pool }];
      return value === 'auto' ? [{ cause: 'capacity', owner, pool }] : [{ cause: 'value', owner, pool, value }];
    }
    case 'relate':
      return task.relationships.map(({ target }) => ({ cause: 'instance', id: target }));
    case 'addRoles':
      return task.refs.map(({ id }) => ({ cause: task.section === 'parties' ? 'party' : 'place', id }));
    case 'build':
      return [
        ...(task.parties ?? []).map(({ id }) => ({ cause: 'party' as const, id })),
        ...(task.places ?? []).map(({ id }) => ({ cause: 'place' as const, id })),
      ];
    default:
      return [];
  }
}

/**
 * The failure code at the head of a blocked reason, as the reconcile workflow words a failed
 * task: `<code>: <message>` (`failureReason`, workflows/reconcile.ts).
 */
function failureCodeOf(reason: string): string | undefined {
  return /^(\w+): /.exec(reason)?.[1];
}
