import { z } from 'zod';
import { identifier } from '../model/identifier.js';
import { instanceIdSchema, instanceNameSchema } from '../model/instance-input.js';
import { InventoryError } from '../model/inventory-error.js';
import { resourceLifecycleStates, serviceStates } from '../model/lifecycle.js';
import { poolBoundsSchema } from '../model/pool.js';
import { permits } from '../model/relationship-permissions.js';
import type { Registry, RegisteredInstanceKind } from '../model/registry.js';
import type { Role } from '../model/roles.js';
import { instanceTypeOf, specificationSchema } from '../model/specification.js';
import { expectedValueProblems } from './expected-value.js';
import { isPlainObject, operatorOf, operatorProblems, type Json } from './operators.js';

/**
 * An expectation: the partial, TMF-shaped instance someone wants to exist. The envelope is
 * checked here; every expected value is then checked against the kind's own declaration
 * (characteristic schemas, roles, relationship permissions, states), so an expected value
 * is validated by the same schema as an actual one.
 */
const json: z.ZodType<Json> = z.lazy(() =>
  z.union([z.null(), z.boolean(), z.number(), z.string(), z.array(json), z.record(z.string(), json)]),
);

const roleExpectation = z.strictObject({ role: identifier, id: instanceIdSchema.optional() });

export const expectationBodySchema = z.strictObject({
  kind: identifier,
  /** The actual instance's id: meaningful if you give one, otherwise derived from the expectation id. */
  actualId: instanceIdSchema.optional(),
  name: json.optional(),
  specification: z.strictObject({ name: json.optional(), major: json.optional(), version: json.optional() }).optional(),
  state: json.optional(),
  characteristics: z.record(identifier, json).optional(),
  features: z
    .record(
      identifier,
      z.strictObject({ isEnabled: json.optional(), characteristics: z.record(identifier, json).optional() }),
    )
    .optional(),
  /** Pool bounds this instance should offer, e.g. `{"cores": {"first": 1, "last": 680}}`. */
  pools: z
    .record(
      identifier,
      z.strictObject({
        first: json.optional(),
        last: json.optional(),
        algorithm: json.optional(),
        assignableType: json.optional(),
      }),
    )
    .optional(),
  parties: z.array(roleExpectation).optional(),
  places: z.array(roleExpectation).optional(),
  relationships: z.array(z.strictObject({ alias: identifier, type: identifier, target: instanceIdSchema })).optional(),
  assignments: z
    .array(
      z.strictObject({
        alias: identifier,
        pool: identifier,
        /**
         * The pool's owner: an instance id, `{"$anyOf": [ids…]}`, or a description of any owner
         * that will do — `{"kind": "GPU", "places": [{"role": "dataCentre", "id": "NXTM2"}]}`.
         */
        from: json,
        value: json.optional(),
      }),
    )
    .optional(),
  /**
   * Inherited facts the kind declares (inherited places, parties, characteristics; field
   * reads), by name: a place/party id (or a list of them), a value (or a list). Met only when
   * the chain delivers it; the engine never writes an inherited fact.
   */
  inherited: z.record(identifier, json).optional(),
  /** How often the reconcile workflow re-observes a met expectation, in seconds (default 300). */
  driftSeconds: z.number().int().min(1).max(86_400).optional(),
  /** How long a blocked expectation waits for a change before trying again, in seconds (default 60). */
  blockedRetrySeconds: z.number().int().min(1).max(86_400).optional(),
});

export type ExpectationBody = z.output<typeof expectationBodySchema>;

/** Problems of an expectation body against the registered kinds, each with its field path. */
export function expectationProblems(body: unknown, registry: Registry): string[] {
  return checked(body, registry).problems;
}

/** The body parsed once, and its problems: the envelope's, then those against the kind. */
function checked(body: unknown, registry: Registry): { problems: string[]; expectation?: ExpectationBody } {
  const parsed = expectationBodySchema.safeParse(body);
  if (!parsed.success)
    return {
      problems: parsed.error.issues.map((issue) => `${issue.path.join('.') || '(expectation)'}: ${issue.message}`),
    };
  // a bad operator is found both in the whole body and where its value is checked: say it once
  return { problems: [...new Set(kindProblems(parsed.data, registry))], expectation: parsed.data };
}

function kindProblems(expectation: ExpectationBody, registry: Registry): string[] {
  const problems = operatorProblems(expectation as unknown as Json);
  let kind: RegisteredInstanceKind;
  try {
    kind = registry.instanceKind(expectation.kind);
  } catch (error) {
    return [...problems, `kind: ${(error as Error).message}`];
  }
  if (expectation.name !== undefined) {
    problems.push(...expectedValueProblems(instanceNameSchema, expectation.name, ['name']));
  }
  problems.push(...fieldProblems(specificationField, expectation.specification ?? {}, ['specification']));
  const type = instanceTypeOf(kind.specification.type);
  const states: readonly string[] = type === 'service' ? serviceStates : resourceLifecycleStates;
  if (expectation.state !== undefined) {
    problems.push(...expectedValueProblems(z.enum(states as [string, ...string[]]), expectation.state, ['state']));
  }
  for (const [name, value] of Object.entries(expectation.characteristics ?? {})) {
    const schema = kind.characteristics[name];
    if (!schema)
      problems.push(
        `characteristics.${name}: ${kind.name} declares no such characteristic (declared: ${Object.keys(kind.characteristics).join(', ') || 'none'})`,
      );
    else problems.push(...expectedValueProblems(schema, value, ['characteristics', name]));
  }
  for (const [name, feature] of Object.entries(expectation.features ?? {})) {
    const declared = kind.features[name];
    if (!declared) {
      problems.push(`features.${name}: ${kind.name} declares no such feature`);
      continue;
    }
    if (feature.isEnabled !== undefined)
      problems.push(...expectedValueProblems(z.boolean(), feature.isEnabled, ['features', name, 'isEnabled']));
    for (const [characteristic, value] of Object.entries(feature.characteristics ?? {})) {
      const schema = declared.characteristics[characteristic];
      if (!schema) problems.push(`features.${name}.characteristics.${characteristic}: no such feature characteristic`);
      else
        problems.push(...expectedValueProblems(schema, value, ['features', name, 'characteristics', characteristic]));
    }
  }
  for (const [name, bounds] of Object.entries(expectation.pools ?? {})) {
    if (!(name in kind.pools)) {
      problems.push(
        `pools.${name}: ${kind.name} declares no such pool (pools: ${Object.keys(kind.pools).join(', ') || 'none'})`,
      );
      continue;
    }
    problems.push(...fieldProblems(poolBoundsSchema.shape, bounds, ['pools', name]));
    const { first, last } = bounds;
    if (typeof first === 'number' && typeof last === 'number' && first > last)
      problems.push(`pools.${name}.first: first must be ≤ last`);
  }
  for (const section of ['parties', 'places'] as const) {
    (expectation[section] ?? []).forEach((ref, index) => {
      const role = kind[section][ref.role];
      if (!role)
        problems.push(
          `${section}.${index}.role: ${kind.name} declares no role "${ref.role}" (declared: ${Object.keys(kind[section]).join(', ') || 'none'})`,
        );
      else if (role.cardinality === 'reference')
        problems.push(
          `${section}.${index}.role: "${ref.role}" is reference-only and cannot be expected as a direct edge`,
        );
    });
    problems.push(...roleCountProblems(expectation[section] ?? [], kind[section], section));
  }
  (expectation.relationships ?? []).forEach((relationship, index) => {
    if (!permits(kind.relationships.source, relationship.alias)) {
      problems.push(
        `relationships.${index}.alias: ${kind.name} may not be the source of a relationship with alias "${relationship.alias}"`,
      );
    }
  });
  problems.push(...repeatedAliasProblems(expectation.relationships ?? [], 'relationships'));
  problems.push(...inheritedProblems(expectation.inherited ?? {}, kind));
  problems.push(...repeatedAliasProblems(expectation.assignments ?? [], 'assignments'));
  (expectation.assignments ?? []).forEach((assignment, index) => {
    problems.push(...fromProblems(assignment.from, assignment.pool, registry, `assignments.${index}.from`));
    if (assignment.value !== undefined)
      problems.push(
        ...expectedValueProblems(z.number().int(), assignment.value, ['assignments', String(index), 'value']),
      );
  });
  return problems;
}

/** What an expectation may say of its specification: as declared, and the version as the actual reads it. */
const specificationField = {
  name: specificationSchema.shape.name,
  major: specificationSchema.shape.major,
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'must be major.minor.patch, e.g. 1.0.0'),
};

/** Each given field of an object checked by the schema of the same name. */
function fieldProblems(schemas: Record<string, z.ZodType>, values: Record<string, Json | undefined>, path: string[]) {
  return Object.entries(values).flatMap(([field, value]) =>
    value === undefined ? [] : expectedValueProblems(schemas[field]!, value, [...path, field]),
  );
}

/** A single role holds one, a plural role at most its max: expecting more could never be met. */
function roleCountProblems(refs: Array<{ role: string }>, roles: Record<string, Role>, section: string): string[] {
  return Object.entries(roles).flatMap(([name, role]) => {
    const count = refs.filter((ref) => ref.role === name).length;
    const max = role.cardinality === 'single' ? 1 : role.cardinality === 'plural' ? role.max : undefined;
    if (max === undefined || count <= max) return [];
    return [`${section}: role "${name}" holds at most ${max === 1 ? 'one' : max}, got ${count}`];
  });
}

/** An alias names one slot or one relationship of the instance: a repeated alias could never be met. */
function repeatedAliasProblems(items: Array<{ alias: string }>, section: string): string[] {
  return items.flatMap((item, index) =>
    items.findIndex((other) => other.alias === item.alias) < index
      ? [`${section}.${index}.alias: "${item.alias}" is expected twice`]
      : [],
  );
}

function inheritedProblems(inherited: Record<string, Json>, kind: RegisteredInstanceKind): string[] {
  return Object.entries(inherited).flatMap(([name, value]) => {
    const fact = kind.inheritedFacts.find((candidate) => candidate.name === name);
    if (!fact)
      return [
        `inherited.${name}: ${kind.name} declares no inherited fact named "${name}" (inherited: ${kind.inheritedFacts.map((candidate) => candidate.name).join(', ') || 'none'})`,
      ];
    const one = fact.category === 'place' || fact.category === 'party' ? instanceIdSchema : json;
    return expectedValueProblems(fact.collapse ? one : z.array(one), value, ['inherited', name]);
  });
}

/** An owner selector: any instance of a kind (with a pool of that name) at the given places. */
export function isOwnerSelector(
  from: Json,
): from is { kind: string; places?: Array<{ role: string; id: string }> } & Record<string, Json> {
  return isPlainObject(from) && typeof from.kind === 'string';
}

function fromProblems(from: Json, pool: string, registry: Registry, where: string): string[] {
  const operator = operatorOf(from);
  const ids = operator?.name === '$anyOf' ? operator.operand : [from];
  if (!Array.isArray(ids)) return []; // a $anyOf that is not a list: operatorProblems says so
  if (ids.every((id) => typeof id === 'string' && instanceIdSchema.safeParse(id).success)) return [];
  if (!isOwnerSelector(from))
    return [`${where}: expects an instance id, {"$anyOf": [ids…]} or {"kind": …, "places": […]}`];
  const selector = z
    .strictObject({
      kind: identifier,
      places: z.array(z.strictObject({ role: identifier, id: instanceIdSchema })).optional(),
    })
    .safeParse(from);
  if (!selector.success)
    return selector.error.issues.map((issue) => `${[where, ...issue.path].join('.')}: ${issue.message}`);
  let ownerKind: RegisteredInstanceKind;
  try {
    ownerKind = registry.instanceKind(selector.data.kind);
  } catch (error) {
    return [`${where}.kind: ${(error as Error).message}`];
  }
  const problems: string[] = [];
  if (!(pool in ownerKind.pools))
    problems.push(
      `${where}.kind: ${ownerKind.name} has no pool "${pool}" (pools: ${Object.keys(ownerKind.pools).join(', ') || 'none'})`,
    );
  (selector.data.places ?? []).forEach((place, index) => {
    if (!(place.role in ownerKind.places))
      problems.push(`${where}.places.${index}.role: ${ownerKind.name} declares no place role "${place.role}"`);
  });
  return problems;
}

/**
 * The one error for an invalid expectation, wherever it is found (submission, the CLI, an
 * observation of a stored body the kinds no longer admit): every problem with its field path.
 * An `invalidInput` InventoryError, so HTTP answers 422 and the CLI exits 2; as a Temporal
 * failure its type is `invalidExpectation` (activities/domain-failure.ts).
 */
export class InvalidExpectationError extends InventoryError {
  constructor(readonly problems: string[]) {
    const fields = problems.map((problem) => problem.split(':')[0]!);
    super('invalidInput', `invalid expectation: ${problems.join('; ')}`, fields);
    this.name = 'InvalidExpectationError';
  }
}

/** Parses and checks an expectation body, or throws an InvalidExpectationError listing every problem. */
export function parseExpectation(body: unknown, registry: Registry): ExpectationBody {
  const { problems, expectation } = checked(body, registry);
  if (problems.length > 0) throw new InvalidExpectationError(problems);
  return expectation!;
}
