import { isPlainObject } from '../operators.js';
import { checkInherited } from './write-characteristics.js';
import { currentOf, elementAt, objectsOf, refuse, textOf, untouched, type WriteContext } from './write-context.js';

/**
 * `relatedParty` and `place` of a TMF write: the instance's own parties and places by role
 * (v4 flat, v5 under `partyOrPartyRole` / `place`; TMF639 v4 has ONE place, an object). An entry
 * with `inheritedFrom` is computed from other instances (repeat it as it is, or leave it out). A
 * PATCH gives the whole list: a party or place missing from it is removed only where another
 * takes its single role — the engine replaces, it removes none.
 */
type Section = 'parties' | 'places';

interface RoleEntry {
  entry: Record<string, unknown>;
  where: string;
  role?: string;
  id?: string;
}

const fieldOf = (section: Section) => (section === 'parties' ? 'relatedParty' : 'place');

/** The entries of the field, each with where it is and the role and id it names. */
function entriesOf(context: WriteContext, section: Section, value: unknown): RoleEntry[] {
  const field = fieldOf(section);
  const { version, type } = context.write;
  const single = section === 'places' && type === 'resource' && version === 'v4';
  const entries = single ? (isPlainObject(value) ? [value] : []) : objectsOf(value);
  return entries.map((entry, index) => {
    const ref = version === 'v5' ? entry[section === 'parties' ? 'partyOrPartyRole' : 'place'] : entry;
    const role = textOf(entry, 'role');
    const id = textOf(ref, 'id');
    return { entry, where: single ? field : elementAt(field, index), ...(role ? { role } : {}), ...(id ? { id } : {}) };
  });
}

const key = (ref: { role?: string; id?: string }) => `${ref.role}\u0000${ref.id}`;

/** The own refs a PATCH leaves alone: TMF639 v4 shows one place, so the resource's others stay. */
function unshown(context: WriteContext, section: Section): Array<{ role: string; id: string }> {
  const { current, type, version } = context.write;
  if (!current || section !== 'places' || type !== 'resource' || version !== 'v4') return [];
  const shown = entriesOf(context, section, current.representation.place).filter(
    (entry) => entry.entry.inheritedFrom === undefined,
  );
  return current.snapshot.places.filter((place) => !shown.some((entry) => key(entry) === key(place)));
}

function checkRemovals(context: WriteContext, section: Section, wanted: Array<{ role: string; id: string }>): void {
  const current = context.write.current?.snapshot[section] ?? [];
  const kept = new Set(wanted.map(key));
  for (const held of current) {
    if (kept.has(key(held))) continue;
    const role = context.kind[section][held.role];
    const replaced = role?.cardinality === 'single' && wanted.some((ref) => ref.role === held.role);
    if (replaced) continue;
    refuse(
      context,
      fieldOf(section),
      `${held.id} (role ${held.role}) is missing: the engine replaces the ${section === 'parties' ? 'party' : 'place'} in a single role and removes none, so a write keeps it`,
    );
  }
}

export function translateRoles(context: WriteContext, section: Section): void {
  const field = fieldOf(section);
  if (untouched(context, field)) return;
  const shown = entriesOf(context, section, currentOf(context, field)).map((entry) => entry.entry);
  const own: Array<{ role: string; id: string; where: string }> = [];
  for (const { entry, where, role, id } of entriesOf(context, section, context.write.document[field])) {
    if (entry.inheritedFrom !== undefined) {
      checkInherited(context, entry, shown, where);
      continue;
    }
    const declared = Object.keys(context.kind[section]).join(', ') || 'none';
    if (!role) {
      refuse(
        context,
        `${where}.role`,
        `diffo holds ${section} by role: give one (${context.kind.name} declares: ${declared})`,
      );
      continue;
    }
    if (!id) {
      refuse(
        context,
        `${where}${context.write.version === 'v5' ? (section === 'parties' ? '.partyOrPartyRole' : '.place') : ''}.id`,
        'give the id',
      );
      continue;
    }
    own.push({ role, id, where });
  }
  const kept = unshown(context, section);
  own.forEach((ref, index) => context.origins.set(`${section}.${kept.length + index}`, ref.where));
  // the section's own origin: role counts are checked over the whole list
  context.origins.set(section, field);
  const wanted = [...kept, ...own.map(({ role, id }) => ({ role, id }))];
  checkRemovals(context, section, wanted);
  context.sections[section] = wanted;
}
