import { z } from 'zod';
import { nearSchema } from '../model/geo.js';
import { identifier } from '../model/identifier.js';
import { inputLimits, jsonBytes, jsonLimitProblems } from '../model/input-limits.js';
import { instanceIdSchema, instanceNameSchema } from '../model/instance-input.js';
import { InventoryError } from '../model/inventory-error.js';
import { resourceLifecycleStates, serviceStates } from '../model/lifecycle.js';
import { boundsLimitProblems, limitsText, poolBoundsSchema, withinLimits } from '../model/pool.js';
import { permits } from '../model/relationship-permissions.js';
import type { Registry, RegisteredInstanceKind } from '../model/registry.js';
import type { Role } from '../model/roles.js';
import { instanceTypeOf, specificationSchema } from '../model/specification.js';
import { expectedValueProblems } from './expected-value.js';
import { isPlainObject, operatorOf, operatorProblems, type Json } from './operators.js';
import type { OwnerPlace } from './tasks.js';

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
  /**
   * `false`: the instance must not exist — the engine deletes the actual (refused while other
   * instances relate to it or hold values of its pools) and is met once it is gone. Such an
   * expectation carries only kind, actualId and name (and driftSeconds, blockedRetrySeconds).
   * Default `true`.
   */
  exists: z.boolean().optional(),
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
         * that will do — `{"kind": "GPU", "places": [{"role": "dataCentre", "id": "NXTM2"}]}`, or
         * at any place within a distance of a point: `{"role": "dataCentre", "location": {"$near":
         * {"longitude": 144.96, "latitude": -37.81, "km": 20}}}`.
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

/**
 * The body parsed once, and its problems: the limits' (depth, sizes: measured first, so a body
 * nested thousands deep is refused, not a stack overflow), the envelope's, then those against the kind.
 */
function checked(body: unknown, registry: Registry): { problems: string[]; expectation?: ExpectationBody } {
  const limits = limitProblems(body);
  if (limits.length > 0) return { problems: limits };
  const parsed = expectationBodySchema.safeParse(body);
  if (!parsed.success)
    return {
      problems: parsed.error.issues.map((issue) => `${issue.path.join('.') || '(expectation)'}: ${issue.message}`),
    };
  // a bad operator is found both in the whole body and where its value is checked: say it once
  const problems = [...existenceProblems(parsed.data), ...kindProblems(parsed.data, registry)];
  return { problems: [...new Set(problems)], expectation: parsed.data };
}

function limitProblems(body: unknown): string[] {
  const problems = jsonLimitProblems(body, '(expectation)');
  if (problems.length > 0) return problems;
  const bytes = jsonBytes(body);
  return bytes > inputLimits.maxExpectationBytes
    ? [
        `(expectation): ${bytes} bytes as JSON, more than the ${inputLimits.maxExpectationBytes} an expectation may hold`,
      ]
    : [];
}

/** Problems of an expectation id (the id of its actual, unless it names another): `id: …`. */
export function expectationIdProblems(id: unknown): string[] {
  const parsed = instanceIdSchema.safeParse(id);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `id: ${issue.message}`);
}

/** The sections an expectation that the instance must not exist (`exists: false`) may not carry. */
const sectionsOfAnInstance = [
  'specification',
  'state',
  'characteristics',
  'features',
  'pools',
  'parties',
  'places',
  'relationships',
  'assignments',
  'inherited',
] as const;

function existenceProblems(expectation: ExpectationBody): string[] {
  if (expectation.exists !== false) return [];
  const why =
    'an expectation with exists: false says the instance must not exist, so it carries only kind, actualId and name';
  return sectionsOfAnInstance.flatMap((section) =>
    expectation[section] === undefined ? [] : [`${section}: ${why}; remove ${section}`],
  );
}

/**
 * One checker per section of an expectation, against the kind it names: each returns the
 * section's problems with their field paths. Asked in this order; every problem is kept.
 */
type SectionChecker = (expectation: ExpectationBody, kind: RegisteredInstanceKind, registry: Registry) => string[];

const sectionCheckers: SectionChecker[] = [
  nameProblems,
  specificationProblems,
  stateProblems,
  characteristicsProblems,
  featuresProblems,
  poolsProblems,
  roleProblems,
  relationshipsProblems,
  inheritedProblems,
  assignmentsProblems,
];

function kindProblems(expectation: ExpectationBody, registry: Registry): string[] {
  const problems = operatorProblems(expectation);
  const kind = instanceKindOf(registry, expectation.kind);
  if (typeof kind === 'string') return [...problems, `kind: ${kind}`];
  return [...problems, ...sectionCheckers.flatMap((check) => check(expectation, kind, registry))];
}

/** The registered instance kind of that name, or why there is none. */
function instanceKindOf(registry: Registry, name: string): RegisteredInstanceKind | string {
  try {
    return registry.instanceKind(name);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function nameProblems({ name }: ExpectationBody): string[] {
  return name === undefined ? [] : expectedValueProblems(instanceNameSchema, name, ['name']);
}

function specificationProblems({ specification }: ExpectationBody): string[] {
  return fieldProblems(specificationField, specification ?? {}, ['specification']);
}

function stateProblems({ state }: ExpectationBody, kind: RegisteredInstanceKind): string[] {
  if (state === undefined) return [];
  const service = instanceTypeOf(kind.specification.type) === 'service';
  return expectedValueProblems(service ? z.enum(serviceStates) : z.enum(resourceLifecycleStates), state, ['state']);
}

function characteristicsProblems({ characteristics }: ExpectationBody, kind: RegisteredInstanceKind): string[] {
  return Object.entries(characteristics ?? {}).flatMap(([name, value]) => {
    const schema = kind.characteristics[name];
    if (schema) return expectedValueProblems(schema, value, ['characteristics', name]);
    const declared = Object.keys(kind.characteristics).join(', ') || 'none';
    return [`characteristics.${name}: ${kind.name} declares no such characteristic (declared: ${declared})`];
  });
}

function featuresProblems({ features }: ExpectationBody, kind: RegisteredInstanceKind): string[] {
  return Object.entries(features ?? {}).flatMap(([name, feature]) => {
    const declared = kind.features[name];
    if (!declared) return [`features.${name}: ${kind.name} declares no such feature`];
    const problems =
      feature.isEnabled === undefined
        ? []
        : expectedValueProblems(z.boolean(), feature.isEnabled, ['features', name, 'isEnabled']);
    for (const [characteristic, value] of Object.entries(feature.characteristics ?? {})) {
      const schema = declared.characteristics[characteristic];
      if (!schema) problems.push(`features.${name}.characteristics.${characteristic}: no such feature characteristic`);
      else
        problems.push(...expectedValueProblems(schema, value, ['features', name, 'characteristics', characteristic]));
    }
    return problems;
  });
}

function poolsProblems({ pools }: ExpectationBody, kind: RegisteredInstanceKind): string[] {
  return Object.entries(pools ?? {}).flatMap(([name, bounds]) => {
    if (!(name in kind.pools)) {
      const declared = Object.keys(kind.pools).join(', ') || 'none';
      return [`pools.${name}: ${kind.name} declares no such pool (pools: ${declared})`];
    }
    const problems = fieldProblems(poolBoundsSchema.shape, bounds, ['pools', name]);
    for (const { field, message } of boundsLimitProblems(bounds, kind.poolLimits[name] ?? {}))
      problems.push(`pools.${name}.${field}: ${message}`);
    const { first, last } = bounds;
    if (typeof first === 'number' && typeof last === 'number' && first > last) {
      problems.push(`pools.${name}.first: first must be ≤ last`);
    }
    return problems;
  });
}

function roleProblems(expectation: ExpectationBody, kind: RegisteredInstanceKind): string[] {
  return (['parties', 'places'] as const).flatMap((section) => {
    const refs = expectation[section] ?? [];
    const problems = refs.flatMap((ref, index) => {
      const role = kind[section][ref.role];
      if (!role) {
        const declared = Object.keys(kind[section]).join(', ') || 'none';
        return [`${section}.${index}.role: ${kind.name} declares no role "${ref.role}" (declared: ${declared})`];
      }
      if (role.cardinality === 'reference') {
        return [`${section}.${index}.role: "${ref.role}" is reference-only and cannot be expected as a direct edge`];
      }
      return [];
    });
    return [...problems, ...roleCountProblems(refs, kind[section], section)];
  });
}

function relationshipsProblems({ relationships = [] }: ExpectationBody, kind: RegisteredInstanceKind): string[] {
  const forbidden = relationships.flatMap((relationship, index) =>
    permits(kind.relationships.source, relationship.alias)
      ? []
      : [
          `relationships.${index}.alias: ${kind.name} may not be the source of a relationship with alias "${relationship.alias}"`,
        ],
  );
  return [...forbidden, ...repeatedAliasProblems(relationships, 'relationships')];
}

function assignmentsProblems(
  { assignments = [] }: ExpectationBody,
  _kind: RegisteredInstanceKind,
  registry: Registry,
): string[] {
  return [
    ...repeatedAliasProblems(assignments, 'assignments'),
    ...assignments.flatMap((assignment, index) => [
      ...fromProblems(assignment.from, assignment.pool, registry, `assignments.${index}.from`),
      ...(assignment.value === undefined
        ? []
        : expectedValueProblems(z.number().int(), assignment.value, ['assignments', String(index), 'value'])),
      ...valueLimitProblems(assignment, registry, `assignments.${index}.value`),
    ]),
  ];
}

/**
 * A literal value no owner could hold: outside the limits of the pool of that name of the
 * owner's kind (a selector names it), else of every kind that declares a pool of that name.
 */
function valueLimitProblems(
  { from, pool, value }: { from: Json; pool: string; value?: Json | undefined },
  registry: Registry,
  where: string,
): string[] {
  if (typeof value !== 'number') return [];
  const ownerKinds = registry
    .all()
    .filter((kind): kind is RegisteredInstanceKind => kind.category === 'instance' && pool in kind.pools)
    .filter((kind) => !isOwnerSelector(from) || kind.name === from.kind);
  const limits = ownerKinds.map((kind) => kind.poolLimits[pool] ?? {});
  if (limits.length === 0 || limits.some((each) => withinLimits(value, each))) return [];
  return [`${where}: ${value} is outside the values pool "${pool}" may hold (${limits.map(limitsText).join(' or ')})`];
}

/** What an expectation may say of its specification: as declared, and the version as the actual reads it. */
const specificationField = {
  name: specificationSchema.shape.name,
  major: specificationSchema.shape.major,
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'must be major.minor.patch, e.g. 1.0.0'),
};

/** Each given field of an object checked by the schema of the same name. */
function fieldProblems(schemas: Record<string, z.ZodType>, values: Record<string, Json | undefined>, path: string[]) {
  return Object.entries(values).flatMap(([field, value]) => {
    const schema = schemas[field];
    return value === undefined || !schema ? [] : expectedValueProblems(schema, value, [...path, field]);
  });
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

function inheritedProblems({ inherited }: ExpectationBody, kind: RegisteredInstanceKind): string[] {
  return Object.entries(inherited ?? {}).flatMap(([name, value]) => {
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
export function isOwnerSelector(from: Json): from is { kind: string; places?: OwnerPlace[] } & Record<string, Json> {
  return isPlainObject(from) && typeof from.kind === 'string';
}

/** A place of an owner selector: its id, or `location: {"$near": …}` for any place within a distance of a point. */
const ownerPlaceSchema = z
  .strictObject({
    role: identifier,
    id: instanceIdSchema.optional(),
    location: z.strictObject({ $near: nearSchema }).optional(),
  })
  .refine((place) => (place.id === undefined) !== (place.location === undefined), {
    message: 'give the place\'s id, or location {"$near": {"longitude", "latitude", "km"}}: one of them',
    path: ['id'],
  });

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
      places: z.array(ownerPlaceSchema).optional(),
    })
    .safeParse(from);
  if (!selector.success)
    return selector.error.issues.map((issue) => `${[where, ...issue.path].join('.')}: ${issue.message}`);
  const ownerKind = instanceKindOf(registry, selector.data.kind);
  if (typeof ownerKind === 'string') return [`${where}.kind: ${ownerKind}`];
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
