import type { Registry } from '../model/registry.js';
import type { InstanceSnapshot } from '../model/tmf-json.js';
import { actualDocument } from './actual-document.js';
import { isOwnerSelector, type ExpectationBody } from './expectation-schema.js';
import { isPlainObject, type Json } from './operators.js';
import { outstanding } from './outstanding.js';
import { batchOf } from './batch.js';
import { planAssignments } from './planners/assignments.js';
import { planBuild } from './planners/build.js';
import { planDefine } from './planners/define.js';
import { planDelete } from './planners/existence.js';
import { planInherited } from './planners/inherited.js';
import { planName } from './planners/name.js';
import { outstandingSections } from './planners/outstanding-sections.js';
import { blockedBy, type PlanBasis, type SectionPlanner } from './planners/plan-context.js';
import { planRelationships } from './planners/relationships.js';
import { planRoles } from './planners/roles.js';
import { planRespecify } from './planners/specification.js';
import { planTransition } from './planners/state.js';
import { idempotencyKey, type Plan } from './tasks.js';

/**
 * plan(expectation, actual) → the next task, `met`, or `blocked` with a reason people can
 * act on (planWithOutstanding: with the batch of tasks that can follow it in one transaction). Pure and deterministic: the same input always gives the same answer, so the
 * reconcile workflow may call it. Order: build, respecify, define, parties/places,
 * relationships, assignments, lifecycle state — composition before activation; inherited
 * facts last, and only ever as `blocked` with what their chain lacks. An expectation that the
 * instance must not exist (`exists: false`) is a delete while there is an actual, else met.
 * Each section of the expectation has its own planner (expectations/planners/).
 */
export interface PlanInput {
  expectationId: string;
  generation: number;
  expectation: ExpectationBody;
  actual: InstanceSnapshot | null;
  registry: Registry;
}

/** The section planners, in the order they are asked once the actual exists: the first answer wins. */
const sectionPlanners: SectionPlanner[] = [
  planDelete,
  planRespecify,
  planName,
  planDefine,
  planRoles,
  planRelationships,
  planAssignments,
  planTransition,
  planInherited,
];

/**
 * The part of an expectation that is compared with the actual. An assignment's `from`
 * given as an id (or ids) becomes `{id: …}`, to compare with the owner the actual names.
 * An expectation that the instance must not exist compares that alone: `{exists: false}`.
 */
export function expectedDocument(expectation: ExpectationBody): Record<string, Json> {
  if (expectation.exists === false) return { exists: false };
  const {
    kind: _kind,
    actualId: _actualId,
    driftSeconds: _drift,
    blockedRetrySeconds: _retry,
    ...compared
  } = expectation;
  const document = JSON.parse(JSON.stringify(compared)) as Record<string, Json>; // JSON: without its undefined fields
  if (expectation.assignments) {
    document.assignments = expectation.assignments.map(({ value, from, ...slot }) => ({
      ...slot,
      ...(value === undefined ? {} : { value }),
      from: isOwnerSelector(from) ? from : { id: from },
    }));
  }
  return document;
}

export function actualIdOf(expectationId: string, expectation: ExpectationBody): string {
  return expectation.actualId ?? expectationId;
}

export function plan(input: PlanInput): Plan {
  return planNext(input).plan;
}

/**
 * plan, with the outstanding document it was planned from, and a task's plan with the batch
 * it starts (`tasks`: batchOf, expectations/batch.ts).
 */
export function planWithOutstanding(input: PlanInput): { plan: Plan; outstanding: Json | null } {
  const planned = planNext(input);
  if (planned.plan.outcome !== 'task') return planned;
  const { task } = planned.plan;
  const tasks = batchOf(task, input.actual, input.registry, (actual) => planNext({ ...input, actual }).plan);
  return { plan: { outcome: 'task', task, tasks }, outstanding: planned.outstanding };
}

/**
 * The next task alone, met or blocked, with the outstanding document it was planned from: the
 * whole expectation while there is no actual — unless it says the instance must not exist,
 * which no actual meets.
 */
function planNext(input: PlanInput): { plan: Plan; outstanding: Json | null } {
  const { expectationId, generation, expectation, actual, registry } = input;
  const basis: PlanBasis = {
    expectation,
    registry,
    id: actualIdOf(expectationId, expectation),
    key: (type, detail) => idempotencyKey(expectationId, generation, type, detail),
  };
  const expected = expectedDocument(expectation);
  if (!actual && expectation.exists === false) return { plan: { outcome: 'met' }, outstanding: null };
  if (!actual) return { plan: planBuild(basis), outstanding: expected };
  const document = actualDocument(actual);
  const unmet = outstanding(expected, document);
  if (unmet === null) return { plan: { outcome: 'met' }, outstanding: null };
  const context = {
    ...basis,
    actual,
    actualDocument: document,
    unmet: outstandingSections(isPlainObject(unmet) ? unmet : {}),
  };
  for (const planSection of sectionPlanners) {
    const planned = planSection(context);
    if (planned) return { plan: planned, outstanding: unmet };
  }
  return { plan: blockedBy(`outstanding but no task can reduce it: ${JSON.stringify(unmet)}`), outstanding: unmet };
}
