import { z } from 'zod';
import type { GeoPoint } from './geo.js';
import { instanceIdSchema } from './instance-input.js';
import { InventoryError } from './inventory-error.js';
import { attributeSchemas, individualNameOf, isPartyOrPlaceType, placePosition } from './party-place-attributes.js';
import type { RegisteredPartyOrPlaceKind } from './registry.js';

/**
 * What a party or place is written with — id, name, TMF attributes, characteristics, the parties
 * and places it is related to by role — and its check against its kind, done before anything is
 * written: the attributes by the TMF type's schema, the characteristics by the kind's, each role
 * by the kind's roles. Every problem is named by its field; one problem refuses the write.
 */
export interface RelatedRef {
  role: string;
  section: 'parties' | 'places';
  id: string;
}

export interface PartyOrPlaceInput {
  id?: string;
  name?: string;
  attributes?: Record<string, unknown>;
  characteristics?: Record<string, unknown>;
  related?: RelatedRef[];
}

/** An input as its kind checked it: what is stored, and where a place is (for `location` / `geometry`). */
export interface CheckedPartyOrPlace {
  id?: string;
  name?: string;
  attributes: Record<string, unknown>;
  characteristics: Record<string, unknown>;
  related: RelatedRef[];
  position?: { location: GeoPoint; geometry?: unknown };
}

const inputSchema = z.strictObject({
  id: instanceIdSchema.optional(),
  name: z.string().min(1).max(500).optional(),
  attributes: z.record(z.string(), z.unknown()).default({}),
  characteristics: z.record(z.string(), z.unknown()).default({}),
  related: z
    .array(z.strictObject({ role: z.string().min(1), section: z.enum(['parties', 'places']), id: z.string().min(1) }))
    .default([]),
});

const issuesAt = (prefix: string, error: z.ZodError) =>
  error.issues.map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    const keys = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => `${path ? `${path}.` : ''}${key}`) : [];
    return {
      fields: keys.length > 0 ? keys : [path],
      message: keys.length > 0 ? `${keys.join(', ')}: not an attribute of this type` : `${path}: ${issue.message}`,
    };
  });

/** The characteristics by the kind's schemas: unknown names and bad values are problems. */
function checkCharacteristics(kind: RegisteredPartyOrPlaceKind, values: Record<string, unknown>, at: string) {
  const problems: Array<{ fields: string[]; message: string }> = [];
  const checked: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    const schema = kind.characteristics[name];
    if (!schema) {
      const declared = Object.keys(kind.characteristics).join(', ') || 'none';
      problems.push({
        fields: [`${at}.${name}`],
        message: `${at}.${name}: ${kind.name} declares no characteristic "${name}" (declared: ${declared})`,
      });
      continue;
    }
    const parsed = schema.safeParse(value);
    if (parsed.success) checked[name] = parsed.data;
    else problems.push(...issuesAt(`${at}.${name}`, parsed.error));
  }
  return { checked, problems };
}

/** Each related ref's role must be one the kind declares towards that section. */
function roleProblems(kind: RegisteredPartyOrPlaceKind, related: RelatedRef[]) {
  return related.flatMap(({ role, section }, index) => {
    if (kind.roles[section][role]) return [];
    const declared = Object.keys(kind.roles[section]).join(', ') || 'none';
    return [
      {
        fields: [`related.${index}.role`],
        message: `related.${index}.role: ${kind.name} declares no role "${role}" towards ${section} (declared: ${declared})`,
      },
    ];
  });
}

/** Where the attributes are in the input as a caller sees it: `attributes` (library), `` (a TMF body's top level). */
export interface InputPaths {
  attributes: string;
  characteristics: string;
}

/** The input checked against its kind, or an invalidInput InventoryError naming every problem. */
export function checkPartyOrPlace(
  kind: RegisteredPartyOrPlaceKind,
  input: unknown,
  paths: InputPaths = { attributes: 'attributes', characteristics: 'characteristics' },
): CheckedPartyOrPlace {
  const what = `${kind.name} ${kind.category}`;
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) throw refusal(what, issuesAt('', parsed.error));
  const { id, name, related } = parsed.data;
  if (!isPartyOrPlaceType(kind.type)) throw new Error(`no TMF attributes for type ${kind.type}`);
  const attributes = attributeSchemas[kind.type].safeParse(parsed.data.attributes);
  const characteristics = checkCharacteristics(kind, parsed.data.characteristics, paths.characteristics);
  const problems = [
    ...(attributes.success ? [] : issuesAt(paths.attributes, attributes.error)),
    ...characteristics.problems,
    ...roleProblems(kind, related),
  ];
  if (problems.length > 0 || !attributes.success) throw refusal(what, problems);
  const checked = attributes.data as Record<string, unknown>;
  const shownName = name ?? (kind.type === 'Individual' ? individualNameOf(checked) : undefined);
  const position = placePosition(kind.type, checked);
  return {
    ...(id ? { id } : {}),
    ...(shownName ? { name: shownName } : {}),
    attributes: checked,
    characteristics: characteristics.checked,
    related,
    ...(position ? { position } : {}),
  };
}

function refusal(what: string, problems: Array<{ fields: string[]; message: string }>): InventoryError {
  return new InventoryError(
    'invalidInput',
    `invalid ${what}: ${problems.map((problem) => problem.message).join('; ')}`,
    problems.flatMap((problem) => problem.fields),
  );
}
