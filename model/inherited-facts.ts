import { z } from 'zod';
import { identifier } from './identifier.js';

/**
 * Inherited facts: facts an instance takes from the graph around it instead of holding them
 * itself. An AVC is at the site of the UNI that assigned it a slot, its provider is the
 * provider of the CVC that assigned it an S-VLAN, its exchange is two hops away. Nothing is
 * stored for an inherited fact; it is computed whenever the instance is read.
 *
 * A kind declares them as
 * - `inherited.places` / `inherited.parties`: a role name → `{ via, sourceRole }` — the
 *   place/party refs in role `sourceRole` of the instances at the end of `via`;
 * - `inherited.characteristics`: a name → `{ via, characteristic }`;
 * - `fields`: a name → `{ via, field }` (a field of the instances at the end of `via`) or
 *   `{ assignment: { alias }, field }` (a field of a value assigned to this instance). These
 *   field reads are inherited facts too: the `/inherited` route, `--inherited` and an
 *   expectation's `inherited` name them with the rest.
 *
 * Every inherited fact is a list; `collapse: 'first' | 'last'` turns it into one value (or no
 * value). Lists are ordered by the source instance's id, then by value.
 */

/**
 * One step along the graph. A bare string is an alias: "the instance that assigned me this
 * slot" (an assignment, walked in reverse). Assignments default to reverse (towards the pool
 * owner); relationships default to forward (from source to target).
 */
export type HopDeclaration =
  | string
  | { over: 'assignment'; alias?: string; pool?: string; direction?: 'forward' | 'reverse' }
  | { over: 'relationship'; alias?: string; type?: string; direction?: 'forward' | 'reverse' };

export type Collapse = 'first' | 'last';

export interface InheritedRoleDeclaration {
  /** The path to the source instances; defaults to `[role name]` (the instance that assigned me that slot). */
  via?: HopDeclaration[];
  /** The place/party role to read on the source instances. */
  sourceRole: string;
  collapse?: Collapse;
}

export interface InheritedCharacteristicDeclaration {
  via: HopDeclaration[];
  /** The characteristic to read on the source instances. */
  characteristic: string;
  collapse?: Collapse;
}

/** Fields of an instance a field read may return. */
export const instanceFields = [
  'id',
  'name',
  'kind',
  'type',
  'state',
  'operatingStatus',
  'startDate',
  'endDate',
  'lifecycleState',
  'administrativeState',
  'operationalState',
  'usageState',
] as const;
export type InstanceField = (typeof instanceFields)[number];

/** Fields of a value assigned to this instance. */
export const assignmentFields = ['value', 'pool', 'alias', 'thing'] as const;
export type AssignmentField = (typeof assignmentFields)[number];

export type FieldReadDeclaration =
  | { via: HopDeclaration[]; field: InstanceField; collapse?: Collapse }
  | { assignment: { alias?: string; pool?: string }; field: AssignmentField; collapse?: Collapse };

export interface InheritedFactsDeclaration {
  inherited?: {
    places?: Record<string, InheritedRoleDeclaration>;
    parties?: Record<string, InheritedRoleDeclaration>;
    characteristics?: Record<string, InheritedCharacteristicDeclaration>;
  };
  fields?: Record<string, FieldReadDeclaration>;
}

/** A hop with its defaults filled in. */
export interface Hop {
  over: 'assignment' | 'relationship';
  direction: 'forward' | 'reverse';
  alias?: string;
  /** Relationship hops only. */
  type?: string;
  /** Assignment hops only. */
  pool?: string;
}

export type InheritedCategory = 'place' | 'party' | 'characteristic' | 'field';

/** What to read at the end of the path. */
export type InheritedRead =
  { role: string } | { characteristic: string } | { field: InstanceField } | { assignmentField: AssignmentField };

/** An inherited fact as registered: its path and what it reads, ready to become Cypher. */
export interface InheritedFact {
  name: string;
  category: InheritedCategory;
  hops: Hop[];
  read: InheritedRead;
  collapse?: Collapse;
}

const direction = z.enum(['forward', 'reverse']);
const hopSchema = z.union([
  identifier,
  z.strictObject({
    over: z.literal('assignment'),
    alias: identifier.optional(),
    pool: identifier.optional(),
    direction: direction.optional(),
  }),
  z.strictObject({
    over: z.literal('relationship'),
    alias: identifier.optional(),
    type: identifier.optional(),
    direction: direction.optional(),
  }),
]);
/** Paths longer than this are almost certainly a mistake, and each hop is a subquery. */
export const maxHops = 6;
const via = z
  .array(hopSchema)
  .min(1, 'a path needs at least one hop')
  .max(maxHops, `a path may have at most ${maxHops} hops`);
const collapse = z.enum(['first', 'last']).optional();

const inheritedRoleSchema = z.strictObject({ via: via.optional(), sourceRole: identifier, collapse });
const inheritedCharacteristicSchema = z.strictObject({ via, characteristic: identifier, collapse });
const viaFieldSchema = z.strictObject({ via, field: z.enum(instanceFields), collapse });
const assignmentFieldSchema = z.strictObject({
  assignment: z.strictObject({ alias: identifier.optional(), pool: identifier.optional() }),
  field: z.enum(assignmentFields),
  collapse,
});
/** A field read is one shape or the other, told apart by `assignment`, so a problem is reported on its own field. */
const fieldReadSchema = z
  .unknown()
  .transform((value, context): z.output<typeof viaFieldSchema> | z.output<typeof assignmentFieldSchema> => {
    const schema =
      typeof value === 'object' && value !== null && 'assignment' in value ? assignmentFieldSchema : viaFieldSchema;
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues)
      context.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    return z.NEVER;
  });

export const inheritedFactsSchema = z.strictObject({
  inherited: z
    .strictObject({
      places: z.record(identifier, inheritedRoleSchema).optional(),
      parties: z.record(identifier, inheritedRoleSchema).optional(),
      characteristics: z.record(identifier, inheritedCharacteristicSchema).optional(),
    })
    .optional(),
  fields: z.record(identifier, fieldReadSchema).optional(),
});

function normalHop(hop: z.output<typeof hopSchema>): Hop {
  if (typeof hop === 'string') return { over: 'assignment', direction: 'reverse', alias: hop };
  const { direction: given, ...rest } = hop;
  return { ...rest, direction: given ?? (hop.over === 'assignment' ? 'reverse' : 'forward') };
}

/** One declared fact; `collapse` only when declared. */
function fact(
  name: string,
  category: InheritedCategory,
  hops: Hop[],
  read: InheritedRead,
  collapse: Collapse | undefined,
): InheritedFact {
  return { name, category, hops, read, ...(collapse ? { collapse } : {}) };
}

/** The declared inherited facts, with defaults filled in, in declaration order. */
export function normalInheritedFacts(declaration: z.output<typeof inheritedFactsSchema>): InheritedFact[] {
  const facts: InheritedFact[] = [];
  const { places = {}, parties = {}, characteristics = {} } = declaration.inherited ?? {};
  for (const [category, roles] of [
    ['place', places],
    ['party', parties],
  ] as const) {
    for (const [name, role] of Object.entries(roles)) {
      facts.push(fact(name, category, (role.via ?? [name]).map(normalHop), { role: role.sourceRole }, role.collapse));
    }
  }
  for (const [name, inherited] of Object.entries(characteristics)) {
    const read = { characteristic: inherited.characteristic };
    facts.push(fact(name, 'characteristic', inherited.via.map(normalHop), read, inherited.collapse));
  }
  for (const [name, read] of Object.entries(declaration.fields ?? {})) {
    const fromAssignment = 'assignment' in read;
    const hops: Hop[] = fromAssignment
      ? [{ over: 'assignment', direction: 'reverse', ...read.assignment }]
      : read.via.map(normalHop);
    const field = fromAssignment ? { assignmentField: read.field } : { field: read.field };
    facts.push(fact(name, 'field', hops, field, read.collapse));
  }
  return facts;
}

/** A hop in words, for reasons people read: `held assignment with alias "uni"`. */
export function describeHop(hop: Hop): string {
  const filters = [
    hop.alias ? `alias "${hop.alias}"` : '',
    hop.type ? `type "${hop.type}"` : '',
    hop.pool ? `pool "${hop.pool}"` : '',
  ]
    .filter(Boolean)
    .join(' and ');
  const what =
    hop.over === 'assignment'
      ? hop.direction === 'reverse'
        ? 'held assignment'
        : 'given assignment'
      : hop.direction === 'forward'
        ? 'outgoing relationship'
        : 'incoming relationship';
  return `${what}${filters ? ` with ${filters}` : ''}`;
}

/** What an inherited fact reads, in words. */
export function describeRead(fact: InheritedFact): string {
  const read = fact.read;
  if ('role' in read) return `${fact.category} role "${read.role}"`;
  if ('characteristic' in read) return `characteristic "${read.characteristic}"`;
  if ('field' in read) return `field "${read.field}"`;
  return `the assignment's ${read.assignmentField}`;
}
