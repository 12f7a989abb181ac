import type { Near } from '../model/geo.js';
import type { RoleRef } from '../model/instance-input.js';
import type { StoredWaitsFor } from '../model/waits-for.js';
import type { Json } from './operators.js';

/**
 * The tasks the planner hands to the reconcile loop: each one step that reduces what is
 * outstanding, over one inventory operation; the tasks that can be done together are carried
 * out by one activity, in one transaction. Every task has an idempotency key derived from
 * the expectation id, its generation and the task itself.
 */
export type Task =
  | {
      type: 'build';
      key: string;
      kind: string;
      id: string;
      name?: string;
      characteristics?: Record<string, Json>;
      features?: Record<string, { isEnabled?: boolean; characteristics?: Record<string, Json> }>;
      parties?: RoleRef[];
      places?: RoleRef[];
    }
  | { type: 'respecify'; key: string; id: string; specificationId: string; toKind: string }
  | {
      type: 'define';
      key: string;
      kind: string;
      id: string;
      characteristics?: Record<string, Json>;
      features?: Record<string, { isEnabled?: boolean; characteristics?: Record<string, Json> }>;
      pools?: Record<string, Record<string, Json>>;
    }
  | { type: 'addRoles'; key: string; id: string; section: 'parties' | 'places'; refs: RoleRef[] }
  | { type: 'removeRoles'; key: string; id: string; section: 'parties' | 'places'; refs: RoleRef[] }
  | { type: 'relate'; key: string; id: string; relationships: Array<{ alias: string; type: string; target: string }> }
  | { type: 'unrelate'; key: string; id: string; alias: string }
  | {
      type: 'assign';
      key: string;
      owner: string | OwnerSelector;
      pool: string;
      assignee: string;
      alias: string;
      value: number | 'auto';
    }
  | { type: 'unassign'; key: string; assignee: string; alias: string }
  | { type: 'transition'; key: string; id: string; to: string }
  | { type: 'delete'; key: string; id: string };

/** Any instance of a kind at the given places: the activity picks one with a free value. */
export interface OwnerSelector {
  kind: string;
  places: OwnerPlace[];
}

/**
 * A place an owner must be at, in a role: this place (`id`), or any place within a distance of a
 * point (`location: {"$near": {longitude, latitude, km}}`, the `$near` operator on the place's location).
 */
export type OwnerPlace = RoleRef | { role: string; location: { $near: Near } };

export type TaskType = Task['type'];

/**
 * The next step: met, blocked with a reason — and what the expectation waits for when something
 * else can end it (model/waits-for.ts) —, or a task with `tasks`, the batch it starts: every task
 * one activity can carry out with it in one transaction (`task` first; see expectations/batch.ts).
 * An observation recorded before batching has no `tasks`.
 */
export type Plan =
  | { outcome: 'met' }
  | { outcome: 'task'; task: Task; tasks?: Task[] }
  | { outcome: 'blocked'; reason: string; waitsFor?: StoredWaitsFor[] };

/** A key that is the same whenever the same task is planned for the same generation. */
export function idempotencyKey(expectationId: string, generation: number, type: TaskType, detail: string): string {
  return `${expectationId}/g${generation}/${type}/${detail}`;
}
