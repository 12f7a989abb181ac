import { permits } from '../../model/relationship-permissions.js';
import {
  currentOf,
  elementAt,
  objectsOf,
  refuse,
  sameJson,
  textOf,
  untouched,
  type WriteContext,
} from './write-context.js';

/**
 * `serviceRelationship` and `resourceRelationship` of a TMF write, and the `supportingService`
 * / `supportingResource` lists derived from them. An expected relationship is an alias bound to
 * a type and a target: the alias is the relationship characteristic named `alias` (as diffo
 * renders it), else the relationshipType when the kind lets the instance use it as an alias.
 * `assignedTo` relationships are the values of the instance's pools others hold (the holder's
 * expectation assigns them) and relationships without an alias are not the engine's: a write
 * may repeat them as they are. A PATCH gives the whole list: the engine re-points an alias, it
 * removes no relationship.
 */
const relationshipFields = ['serviceRelationship', 'resourceRelationship'] as const;
type RelationshipField = (typeof relationshipFields)[number];

interface RelationshipEntry {
  entry: Record<string, unknown>;
  field: RelationshipField;
  where: string;
  type?: string;
  target?: string;
  alias?: string;
  /** The names of its characteristics other than `alias`. */
  others: string[];
}

function entriesOf(context: WriteContext, field: RelationshipField, value: unknown): RelationshipEntry[] {
  const nested = field === 'serviceRelationship' || context.write.version === 'v5';
  const targetKey = field === 'serviceRelationship' ? 'service' : 'resource';
  return objectsOf(value).map((entry, index) => {
    const characteristics = objectsOf(entry[`${targetKey}RelationshipCharacteristic`]);
    const alias = characteristics.find((characteristic) => characteristic.name === 'alias')?.value;
    const type = textOf(entry, 'relationshipType');
    const target = textOf(nested ? entry[targetKey] : entry, 'id');
    return {
      entry,
      field,
      where: elementAt(field, index),
      ...(type ? { type } : {}),
      ...(target ? { target } : {}),
      ...(typeof alias === 'string' ? { alias } : {}),
      others: characteristics.flatMap((characteristic) =>
        characteristic.name === 'alias' ? [] : [String(characteristic.name)],
      ),
    };
  });
}

const allEntries = (context: WriteContext, read: (field: string) => unknown) =>
  relationshipFields.flatMap((field) => entriesOf(context, field, read(field)));

/** The alias of an entry that names none: its relationshipType, when the kind permits it. */
function defaultAlias(context: WriteContext, entry: RelationshipEntry): string | undefined {
  const { source } = context.kind.relationships;
  if (entry.type && permits(source, entry.type)) return entry.type;
  const allowed =
    source === 'all' ? 'any alias' : source === 'none' ? 'no relationship' : `aliases ${source.join(', ')}`;
  refuse(
    context,
    entry.where,
    `give the relationship its alias (a ${entry.field}Characteristic named "alias"): ${context.kind.name} may use ${allowed}`,
  );
  return undefined;
}

/** The expected relationships the entries give; those that are not the engine's must be shown as they are. */
function wantedRelationships(context: WriteContext, entries: RelationshipEntry[]) {
  const shown = allEntries(context, (field) => currentOf(context, field));
  const asShown = (entry: RelationshipEntry) => shown.some((candidate) => sameJson(candidate.entry, entry.entry));
  const wanted: Array<{ alias: string; type: string; target: string }> = [];
  const unaliased: RelationshipEntry[] = [];
  for (const entry of entries) {
    if (entry.type === 'assignedTo') {
      if (!asShown(entry)) {
        refuse(
          context,
          entry.where,
          `assignedTo relationships are values of this instance's pools that others hold: the holder's expectation assigns them`,
        );
      }
      continue;
    }
    if (entry.alias === undefined && asShown(entry)) {
      unaliased.push(entry);
      continue;
    }
    if (entry.others.length > 0 && !asShown(entry)) {
      refuse(
        context,
        entry.where,
        `diffo's expected relationships carry only an alias (not ${entry.others.join(', ')})`,
      );
      continue;
    }
    const alias = entry.alias ?? defaultAlias(context, entry);
    if (alias === undefined || !entry.type || !entry.target) continue;
    context.origins.set(`relationships.${wanted.length}`, entry.where);
    wanted.push({ alias, type: entry.type, target: entry.target });
  }
  return { wanted, unaliased };
}

function checkRemovals(context: WriteContext, wanted: Array<{ alias: string }>, unaliased: RelationshipEntry[]): void {
  const current = context.write.current?.snapshot.relationships ?? [];
  for (const held of current) {
    const kept = held.alias
      ? wanted.some((relationship) => relationship.alias === held.alias)
      : unaliased.some((entry) => entry.target === held.target.id && entry.type === held.type);
    if (kept) continue;
    const field = held.target.type === 'service' ? 'serviceRelationship' : 'resourceRelationship';
    refuse(
      context,
      field,
      `the relationship ${held.alias ? `"${held.alias}" ` : ''}to ${held.target.id} is missing: the engine re-points an alias and removes no relationship, so a write keeps it`,
    );
  }
}

/** supportingService / supportingResource list the instances it relates to: each must be a target in the write. */
function checkSupporting(context: WriteContext, entries: RelationshipEntry[]): void {
  const targets = new Set(entries.map((entry) => entry.target));
  for (const field of ['supportingService', 'supportingResource']) {
    if (untouched(context, field)) continue;
    objectsOf(context.write.document[field]).forEach((ref, index) => {
      const id = textOf(ref, 'id');
      if (id !== undefined && targets.has(id)) return;
      refuse(
        context,
        `${elementAt(field, index)}.id`,
        `diffo derives ${field} from the relationships: relate to ${id ?? 'it'} in serviceRelationship or resourceRelationship`,
      );
    });
  }
}

export function translateRelationships(context: WriteContext): void {
  const entries = allEntries(context, (field) => context.write.document[field]);
  checkSupporting(context, entries);
  if (relationshipFields.every((field) => untouched(context, field))) return;
  const { wanted, unaliased } = wantedRelationships(context, entries);
  checkRemovals(context, wanted, unaliased);
  const held = (context.write.current?.snapshot.relationships ?? []).flatMap((relationship) =>
    relationship.alias ? [{ alias: relationship.alias, type: relationship.type, target: relationship.target.id }] : [],
  );
  const sorted = (list: typeof wanted) => [...list].sort((a, b) => a.alias.localeCompare(b.alias));
  if (sameJson(sorted(wanted), sorted(held))) return;
  context.origins.set('relationships', relationshipFields.join(' and '));
  context.sections.relationships = wanted;
}
