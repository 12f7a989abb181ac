import type { RoleRef } from '../model/instance-input.js';
import type { Registry } from '../model/registry.js';
import type { InstanceSnapshot } from '../model/tmf-json.js';
import { actualDocument } from './actual-document.js';
import { isOwnerSelector, type ExpectationBody } from './expectation-schema.js';
import { inheritedBlockedReason } from './inherited-reason.js';
import { isPlainObject, operatorOf, type Json } from './operators.js';
import { outstanding } from './outstanding.js';
import { nextStateToward } from './state-path.js';
import { idempotencyKey, type OwnerSelector, type Plan, type Task, type TaskType } from './tasks.js';

/**
 * plan(expectation, actual) → the next task, `met`, or `blocked` with a reason people can
 * act on. Pure and deterministic: the same input always gives the same answer, so the
 * reconcile workflow may call it. Order: build, respecify, define, parties/places,
 * relationships, assignments, lifecycle state — composition before activation; inherited
 * facts last, and only ever as `blocked` with what their chain lacks.
 */
export interface PlanInput {
  expectationId: string;
  generation: number;
  expectation: ExpectationBody;
  actual: InstanceSnapshot | null;
  registry: Registry;
}

/**
 * The part of an expectation that is compared with the actual. An assignment's `from`
 * given as an id (or ids) becomes `{id: …}`, to compare with the owner the actual names.
 */
export function expectedDocument(expectation: ExpectationBody): Json {
  const {
    kind: _kind,
    actualId: _actualId,
    driftSeconds: _drift,
    blockedRetrySeconds: _retry,
    ...compared
  } = expectation;
  const document = JSON.parse(JSON.stringify(compared)) as Record<string, Json>;
  if (expectation.assignments) {
    document.assignments = expectation.assignments.map((assignment) => ({
      ...(assignment as unknown as Record<string, Json>),
      from: isOwnerSelector(assignment.from) ? assignment.from : { id: assignment.from },
    }));
  }
  return document;
}

export function actualIdOf(expectationId: string, expectation: ExpectationBody): string {
  return expectation.actualId ?? expectationId;
}

/** A literal to write for an expected value: itself, the first literal of an $anyOf, or undefined. */
function literalOf(expected: Json | undefined): Json | undefined {
  if (expected === undefined) return undefined;
  const operator = operatorOf(expected);
  if (operator) {
    if (operator.name !== '$anyOf') return undefined;
    for (const option of operator.operand as Json[]) {
      const literal = literalOf(option);
      if (literal !== undefined) return literal;
    }
    return undefined;
  }
  if (Array.isArray(expected)) {
    const items = expected.map(literalOf);
    return items.every((item) => item !== undefined) ? (items as Json[]) : undefined;
  }
  if (isPlainObject(expected)) {
    const entries = Object.entries(expected).map(([key, value]) => [key, literalOf(value)] as const);
    return entries.every(([, value]) => value !== undefined)
      ? Object.fromEntries(entries as Array<[string, Json]>)
      : undefined;
  }
  return expected;
}

/** The actual value with the expected literal laid over it (objects merge; everything else is replaced). */
function overlay(actual: Json | undefined, expected: Json): Json {
  if (isPlainObject(actual) && isPlainObject(expected)) {
    const merged: Record<string, Json> = { ...actual };
    for (const [key, value] of Object.entries(expected)) merged[key] = overlay(actual[key], value);
    return merged;
  }
  return expected;
}

class Blocked extends Error {}

export function plan(input: PlanInput): Plan {
  return planWithOutstanding(input).plan;
}

/** plan, with the outstanding document it was planned from (the whole expectation while there is no actual). */
export function planWithOutstanding(input: PlanInput): { plan: Plan; outstanding: Json | null } {
  const expected = expectedDocument(input.expectation);
  const actualDoc = input.actual && (actualDocument(input.actual) as Record<string, Json>);
  const unmet = actualDoc ? outstanding(expected, actualDoc) : expected;
  try {
    return { plan: planOrThrow(input, actualDoc, unmet as Record<string, Json> | null), outstanding: unmet };
  } catch (error) {
    if (error instanceof Blocked) return { plan: { outcome: 'blocked', reason: error.message }, outstanding: unmet };
    throw error;
  }
}

function planOrThrow(
  { expectationId, generation, expectation, actual, registry }: PlanInput,
  actualDocOrNull: Record<string, Json> | null,
  unmet: Record<string, Json> | null,
): Plan {
  const id = actualIdOf(expectationId, expectation);
  const key = (type: TaskType, detail: string) => idempotencyKey(expectationId, generation, type, detail);
  const literals = (values: Record<string, Json> | undefined) =>
    Object.fromEntries(
      Object.entries(values ?? {}).flatMap(([name, value]) => {
        const literal = literalOf(value);
        return literal === undefined ? [] : [[name, literal]];
      }),
    );
  const withIds = (refs: Array<{ role: string; id?: string | undefined }> | undefined): RoleRef[] =>
    (refs ?? []).flatMap((ref) => (ref.id ? [{ role: ref.role, id: ref.id }] : []));

  if (!actual) {
    const name = typeof expectation.name === 'string' ? expectation.name : undefined;
    const features = Object.fromEntries(
      Object.entries(expectation.features ?? {}).map(([feature, value]) => [
        feature,
        {
          ...(typeof value.isEnabled === 'boolean' ? { isEnabled: value.isEnabled } : {}),
          characteristics: literals(value.characteristics),
        },
      ]),
    );
    const task: Task = {
      type: 'build',
      key: key('build', id),
      kind: expectation.kind,
      id,
      ...(name ? { name } : {}),
      characteristics: literals(expectation.characteristics),
      features,
      parties: withIds(expectation.parties),
      places: withIds(expectation.places),
    };
    return { outcome: 'task', task };
  }

  if (unmet === null) return { outcome: 'met' };
  const actualDoc = actualDocOrNull!; // there is an actual from here on

  if (unmet.specification) return { outcome: 'task', task: respecify(expectation, actual, registry, id, key) };
  if (unmet.name !== undefined)
    throw new Blocked(
      `name: expected ${JSON.stringify(expectation.name)} but the actual is named ${JSON.stringify(actual.name ?? null)}; names are set at build and not changed by the engine`,
    );

  if (unmet.characteristics || unmet.features || unmet.pools) {
    const characteristics: Record<string, Json> = {};
    for (const name of Object.keys((unmet.characteristics as Record<string, Json>) ?? {})) {
      const literal = literalOf(expectation.characteristics![name]!);
      if (literal === undefined)
        throw new Blocked(
          `characteristics.${name}: expected ${JSON.stringify(expectation.characteristics![name])} is not met by ${JSON.stringify((actualDoc.characteristics as Record<string, Json>)[name] ?? null)}, and there is no literal value to set`,
        );
      characteristics[name] = overlay((actualDoc.characteristics as Record<string, Json>)[name], literal);
    }
    const features: Record<string, { isEnabled?: boolean; characteristics?: Record<string, Json> }> = {};
    for (const name of Object.keys((unmet.features as Record<string, Json>) ?? {})) {
      const expected = expectation.features![name]!;
      const isEnabled = literalOf(expected.isEnabled);
      const featureCharacteristics: Record<string, Json> = {};
      for (const [characteristic, value] of Object.entries(expected.characteristics ?? {})) {
        const literal = literalOf(value);
        if (literal === undefined)
          throw new Blocked(
            `features.${name}.characteristics.${characteristic}: no literal value to set for ${JSON.stringify(value)}`,
          );
        featureCharacteristics[characteristic] = literal;
      }
      features[name] = {
        ...(typeof isEnabled === 'boolean' ? { isEnabled } : {}),
        characteristics: featureCharacteristics,
      };
    }
    const pools: Record<string, Record<string, Json>> = {};
    for (const name of Object.keys((unmet.pools as Record<string, Json>) ?? {})) {
      const current = actual.pools.find((pool) => pool.name === name);
      const literal = literalOf(expectation.pools![name] as Json);
      if (literal === undefined)
        throw new Blocked(`pools.${name}: no literal bounds to set in ${JSON.stringify(expectation.pools![name])}`);
      const merged = overlay(
        {
          first: current?.first ?? null,
          last: current?.last ?? null,
          algorithm: current?.algorithm ?? 'lowest',
          ...(current?.assignableType ? { assignableType: current.assignableType } : {}),
        },
        literal,
      ) as Record<string, Json>;
      if (typeof merged.first !== 'number' || typeof merged.last !== 'number')
        throw new Blocked(`pools.${name}: give both first and last for a pool that has no bounds yet`);
      pools[name] = merged;
    }
    const detail = [...Object.keys(characteristics), ...Object.keys(features), ...Object.keys(pools)].join(',');
    return {
      outcome: 'task',
      task: {
        type: 'define',
        key: key('define', detail),
        kind: actual.kind,
        id,
        characteristics,
        features,
        ...(Object.keys(pools).length ? { pools } : {}),
      },
    };
  }

  for (const section of ['parties', 'places'] as const) {
    const missing = unmet[section] as Array<{ role: string; id?: string }> | undefined;
    if (!missing) continue;
    const first = missing[0]!;
    if (!first.id)
      throw new Blocked(
        `${section}: expects a ${section === 'parties' ? 'party' : 'place'} in role "${first.role}" without saying which; give its id`,
      );
    const role = registry.instanceKind(actual.kind)[section][first.role];
    const holder = actual[section].find((ref) => ref.role === first.role && ref.id !== first.id);
    if (role?.cardinality === 'single' && holder) {
      return {
        outcome: 'task',
        task: {
          type: 'removeRoles',
          key: key('removeRoles', `${section}/${first.role}/${holder.id}`),
          id,
          section,
          refs: [{ role: first.role, id: holder.id }],
        },
      };
    }
    return {
      outcome: 'task',
      task: {
        type: 'addRoles',
        key: key('addRoles', `${section}/${first.role}/${first.id}`),
        id,
        section,
        refs: [{ role: first.role, id: first.id }],
      },
    };
  }

  const relationships = unmet.relationships as Array<{ alias: string }> | undefined;
  if (relationships) {
    const alias = relationships[0]!.alias;
    if (actual.relationships.some((relationship) => relationship.alias === alias)) {
      return { outcome: 'task', task: { type: 'unrelate', key: key('unrelate', alias), id, alias } };
    }
    const wanted = expectation.relationships!.find((relationship) => relationship.alias === alias)!;
    return { outcome: 'task', task: { type: 'relate', key: key('relate', alias), id, relationships: [wanted] } };
  }

  const assignments = unmet.assignments as Array<{ alias: string }> | undefined;
  if (assignments) {
    const alias = assignments[0]!.alias;
    if (actual.assignments.some((assignment) => assignment.alias === alias)) {
      return { outcome: 'task', task: { type: 'unassign', key: key('unassign', alias), assignee: id, alias } };
    }
    const wanted = expectation.assignments!.find((assignment) => assignment.alias === alias)!;
    const owner = isOwnerSelector(wanted.from)
      ? { kind: wanted.from.kind, places: wanted.from.places ?? [] }
      : literalOf(wanted.from);
    if (typeof owner !== 'string' && !isOwnerSelector(owner ?? null))
      throw new Blocked(`assignments.${alias}.from: no instance to assign from in ${JSON.stringify(wanted.from)}`);
    let value: number | 'auto' = 'auto';
    if (wanted.value !== undefined) {
      const literal = literalOf(wanted.value);
      if (typeof literal !== 'number')
        throw new Blocked(
          `assignments.${alias}.value: ${JSON.stringify(wanted.value)} gives no value to ask the pool for`,
        );
      value = literal;
    }
    return {
      outcome: 'task',
      task: {
        type: 'assign',
        key: key('assign', alias),
        owner: owner as string | OwnerSelector,
        pool: wanted.pool,
        assignee: id,
        alias,
        value,
      },
    };
  }

  if (unmet.state !== undefined) {
    const type = actual.type;
    const current = (type === 'service' ? actual.states.state : actual.states.lifecycleState) ?? '';
    const operator = operatorOf(expectation.state!);
    const targets = (operator?.name === '$anyOf' ? (operator.operand as Json[]) : [expectation.state!]).filter(
      (target): target is string => typeof target === 'string',
    );
    for (const target of targets) {
      const next = nextStateToward(type, current, target);
      if (next)
        return {
          outcome: 'task',
          task: { type: 'transition', key: key('transition', `${current}->${next}`), id, to: next },
        };
    }
    throw new Blocked(`state: ${JSON.stringify(expectation.state)} cannot be reached from ${current}`);
  }

  if (unmet.inherited)
    throw new Blocked(inheritedBlockedReason(unmet.inherited as Record<string, Json>, actual, registry));

  throw new Blocked(`outstanding but no task can reduce it: ${JSON.stringify(unmet)}`);
}

function respecify(
  expectation: ExpectationBody,
  actual: InstanceSnapshot,
  registry: Registry,
  id: string,
  key: (type: TaskType, detail: string) => string,
): Task {
  const expected = expectation.specification ?? {};
  const name = typeof expected.name === 'string' ? expected.name : actual.specification.name;
  const candidates = registry
    .all()
    .flatMap((kind) => (kind.category === 'instance' && kind.specification.name === name ? [kind] : []))
    .filter((kind) => outstanding(expected.major ?? null, kind.specification.major) === null)
    .sort((a, b) => b.specification.major - a.specification.major);
  const target = candidates[0];
  if (!target)
    throw new Blocked(
      `specification: no registered kind declares ${name} with a major version meeting ${JSON.stringify(expected.major ?? null)}`,
    );
  if (target.specification.id === actual.specification.id) {
    throw new Blocked(
      `specification: ${JSON.stringify(expected)} is not met by ${actual.specification.name} ${actual.specification.major}.${actual.specification.minor}.${actual.specification.patch}, and no other specification would meet it`,
    );
  }
  return {
    type: 'respecify',
    key: key('respecify', target.specification.id),
    id,
    specificationId: target.specification.id,
    toKind: target.name,
  };
}
