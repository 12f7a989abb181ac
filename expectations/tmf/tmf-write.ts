import { instanceIdSchema } from '../../model/instance-input.js';
import type { RegisteredInstanceKind, Registry } from '../../model/registry.js';
import type { Json } from '../operators.js';
import { translateCharacteristics, translateFeatures } from './write-characteristics.js';
import {
  baseTypeOf,
  refuse,
  TmfWriteError,
  untouched,
  writeDescription,
  type ExpectationSections,
  type Origins,
  type TmfWrite,
  type WriteContext,
} from './write-context.js';
import { resolveKind } from './write-kind.js';
import { translateRelationships } from './write-relationships.js';
import { translateRoles } from './write-roles.js';
import { stateFields, translateStates } from './write-states.js';

/**
 * A TMF638/TMF639 write (v4 or v5) as expectation sections: the pure translation behind `POST`
 * and `PATCH` on the inventory APIs, which never write an instance themselves — the expectation
 * they make is what the engine builds or changes. A POST gives the body; a PATCH gives the
 * instance's representation with the patch applied, and only what it changed becomes a section
 * (so values the representation shows but the instance does not hold — inherited facts, pool
 * counts, derived states — never become expected values). Everything the kind or the engine
 * cannot express is refused, naming the TMF field (`serviceCharacteristic[2].name: Broadband
 * declares no characteristic "colour"`). Which TMF field maps to which section, and why:
 * docs/tmf-inventory.md.
 */
export interface TmfTranslation {
  kind: RegisteredInstanceKind;
  /** POST: the id the client gave the instance. */
  id?: string;
  /** The sections the write sets: every one a POST gives; those a PATCH changes. */
  sections: ExpectationSections;
  origins: Origins;
  /** What the write says that the kind or the engine cannot express, each naming its TMF field. */
  problems: string[];
}

export type { TmfWrite } from './write-context.js';
export { TmfWriteError } from './write-context.js';

/** The fields a write may carry, each with its translation (those of the kind, read before, do nothing). */
function fieldTranslations(context: WriteContext): Record<string, (context: WriteContext, field: string) => void> {
  const { type, version } = context.write;
  const nothing = () => undefined;
  const featureField = type === 'resource' && version === 'v5' ? 'activationFeature' : 'feature';
  const relationships = once(translateRelationships);
  const states = once(translateStates);
  return {
    id: translateId,
    href: nothing,
    '@schemaLocation': nothing,
    '@type': nothing,
    [`${type}Specification`]: nothing,
    '@baseType': translateBaseType,
    name: translateName,
    description: translateSpecificationText,
    category: translateSpecificationText,
    ...Object.fromEntries(stateFields(context).map((field) => [field, states])),
    [`${type}Characteristic`]: translateCharacteristics,
    [featureField]: translateFeatures,
    serviceRelationship: relationships,
    resourceRelationship: relationships,
    supportingService: relationships,
    supportingResource: relationships,
    relatedParty: (inner) => translateRoles(inner, 'parties'),
    place: (inner) => translateRoles(inner, 'places'),
    note: translateNotKept,
    externalIdentifier: translateNotKept,
  };
}

/** A translation that reads several fields (states, relationships): it runs for the first of them only. */
function once(translate: (context: WriteContext) => void): (context: WriteContext) => void {
  let ran = false;
  return (context) => {
    if (!ran) translate(context);
    ran = true;
  };
}

function translateId(context: WriteContext, field: string): void {
  if (untouched(context, field)) return;
  if (context.write.current) return refuse(context, field, "an instance's id does not change");
  const id = context.write.document.id;
  if (!instanceIdSchema.safeParse(id).success) {
    refuse(context, field, 'an id is 1 to 200 characters without spaces, /, ? or #');
  }
}

function translateBaseType(context: WriteContext, field: string): void {
  const value = context.write.document[field];
  if (untouched(context, field) || value === undefined || value === baseTypeOf(context.write.type)) return;
  refuse(context, field, `a ${context.write.type} is a ${baseTypeOf(context.write.type)}`);
}

function translateName(context: WriteContext, field: string): void {
  if (untouched(context, field)) return;
  if (context.write.current) {
    return refuse(context, field, 'names are set when an instance is built: the engine does not rename one');
  }
  context.sections.name = context.write.document.name as Json;
  context.origins.set('name', field);
}

function translateSpecificationText(context: WriteContext, field: string): void {
  const value = context.write.document[field];
  const specification = context.kind.specification as Record<string, unknown>;
  if (untouched(context, field) || value === specification[field]) return;
  const shown = specification[field] === undefined ? 'none' : JSON.stringify(specification[field]);
  refuse(context, field, `it is the specification's (${shown}): a write may only repeat it`);
}

function translateNotKept(context: WriteContext, field: string): void {
  const value = context.write.document[field];
  if (untouched(context, field) || (!context.write.current && Array.isArray(value) && value.length === 0)) return;
  refuse(
    context,
    field,
    `expectations do not carry ${field === 'note' ? 'notes' : 'external identifiers'}, so a write cannot set them`,
  );
}

/**
 * Translates a TMF write into expectation sections and the problems of what it cannot express;
 * throws a TmfWriteError when it names no kind it can build.
 */
export function translateTmfWrite(write: TmfWrite, registry: Registry): TmfTranslation {
  const resolved = resolveKind(write, registry);
  if ('problems' in resolved) throw new TmfWriteError(resolved.problems, writeDescription(write));
  const { kind } = resolved;
  const context: WriteContext = { write, registry, kind, sections: {}, origins: new Map(), problems: [] };
  if (write.current && kind.name !== write.current.snapshot.kind) {
    context.sections.kind = kind.name;
    context.sections.specification = { name: kind.specification.name, major: kind.specification.major };
    context.origins.set('specification', `${write.type}Specification`);
  }
  const translations = fieldTranslations(context);
  const fields = new Set([...Object.keys(write.document), ...Object.keys(write.current?.representation ?? {})]);
  for (const field of fields) {
    const translate = translations[field];
    if (translate) translate(context, field);
    else if (!untouched(context, field)) {
      refuse(context, field, `diffo keeps no such attribute of a ${baseTypeOf(write.type)}`);
    }
  }
  const id = typeof write.document.id === 'string' && !write.current ? write.document.id : undefined;
  const { sections, origins, problems } = context;
  return { kind, ...(id ? { id } : {}), sections, origins, problems };
}
