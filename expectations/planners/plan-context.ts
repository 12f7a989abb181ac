import type { Registry } from '../../model/registry.js';
import type { StoredWaitsFor } from '../../model/waits-for.js';
import type { InstanceSnapshot } from '../../model/tmf-json.js';
import type { ExpectationBody } from '../expectation-schema.js';
import type { Json } from '../operators.js';
import type { Plan, Task, TaskType } from '../tasks.js';
import type { OutstandingSections } from './outstanding-sections.js';

/**
 * What every section planner is given. A section planner looks at one section of the
 * expectation and returns a Plan — a task, or blocked with a reason — or undefined when
 * nothing is outstanding in its section; the planner (expectations/planner.ts) asks them in
 * order and takes the first answer.
 */
export interface PlanBasis {
  expectation: ExpectationBody;
  registry: Registry;
  /** The actual's id. */
  id: string;
  /** The idempotency key of a task planned now. */
  key: (type: TaskType, detail: string) => string;
}

/** What a section planner is given once the actual exists and something is outstanding. */
export interface PlanContext extends PlanBasis {
  actual: InstanceSnapshot;
  /** The actual in the expectation's shape (expectations/actual-document.ts). */
  actualDocument: Record<string, Json>;
  /** The outstanding document, section by section. */
  unmet: OutstandingSections;
}

export type SectionPlanner = (context: PlanContext) => Plan | undefined;

export const planTask = (task: Task): Plan => ({ outcome: 'task', task });

export const blockedBy = (reason: string, waitsFor?: StoredWaitsFor[]): Plan =>
  waitsFor?.length ? { outcome: 'blocked', reason, waitsFor } : { outcome: 'blocked', reason };
