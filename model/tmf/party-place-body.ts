import { partyTypes, placeTypes } from '../party-kind.js';
import type { PartyOrPlaceInput, RelatedRef } from '../party-place-input.js';
import { isPartyOrPlaceType, requiredOnCreate, type PartyOrPlaceType } from '../party-place-attributes.js';
import type { RegisteredPartyOrPlaceKind, Registry } from '../registry.js';
import { characteristicListKey, nameKeyOf } from './party-place-json.js';

/**
 * A TMF party or place body (what `POST` sends, or a `PATCH`ed representation) as the input of a
 * party or place write. The kind is the body's `kind` (a diffo extension; it may be left out when
 * only one kind of the TMF type is registered); `@type`, when given, is the TMF type (for a
 * location, its geometry: `GeoJsonPoint`, `GeoJsonPolygon`). The name is `name` (an Individual's
 * `fullName`); the characteristics are `partyCharacteristic` / `placeCharacteristic` entries
 * (`name`, `value`); `relatedParty` entries (v4: `id`, `role`; v5: `role`, `partyOrPartyRole.id`)
 * and `place` entries with an `id` and a `role` relate it to other parties and places (a site's
 * `place` entries without an `id` are its address and location values); every other field is a
 * TMF attribute, which the type's schema checks (model/party-place-attributes.ts). `href`,
 * `@baseType` and `@schemaLocation` are read-only and ignored.
 */
interface PartyOrPlaceBody {
  kind: RegisteredPartyOrPlaceKind;
  input: PartyOrPlaceInput;
}

type Json = Record<string, unknown>;

const ignored = new Set(['href', '@baseType', '@schemaLocation', 'kind', 'id']);

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The kind a body names, of the TMF type and category; or why none. */
function kindOf(
  registry: Registry,
  category: 'party' | 'place',
  type: string,
  named: unknown,
): RegisteredPartyOrPlaceKind | string {
  const kinds = registry.all().flatMap((kind) => (kind.category === category && kind.type === type ? [kind] : []));
  const known = `${type} kinds: ${kinds.map((kind) => kind.name).join(', ') || 'none'}`;
  if (named === undefined) {
    if (kinds.length === 1) return kinds[0]!;
    return `kind: name the kind of this ${type} (${known})`;
  }
  const found = kinds.find((kind) => kind.name === named);
  return found ?? `kind: no ${type} kind named ${JSON.stringify(named)} is registered (${known})`;
}

/** `partyCharacteristic` / `placeCharacteristic` entries as a record by name. */
function characteristicsOf(entries: unknown, key: string, problems: string[]): Json {
  if (entries === undefined) return {};
  if (!Array.isArray(entries)) {
    problems.push(`${key}: a list of {name, value}`);
    return {};
  }
  const values = Object.create(null) as Json; // no prototype: `toString` or `__proto__` are names like any other
  entries.forEach((entry, index) => {
    if (!isObject(entry) || typeof entry.name !== 'string')
      problems.push(`${key}.${index}.name: a characteristic needs a name`);
    else if (Object.hasOwn(values, entry.name)) problems.push(`${key}.${index}.name: ${entry.name} is given twice`);
    else values[entry.name] = entry.value;
  });
  return values;
}

/** A related party or place entry: its id (v5 parties: under partyOrPartyRole) and role. */
function relatedOf(entry: unknown, field: string, section: RelatedRef['section'], problems: string[]): RelatedRef[] {
  const ref = isObject(entry) && isObject(entry.partyOrPartyRole) ? entry.partyOrPartyRole : entry;
  if (!isObject(entry) || !isObject(ref) || typeof ref.id !== 'string') {
    problems.push(`${field}.id: a related ${section === 'parties' ? 'party' : 'place'} needs an id`);
    return [];
  }
  if (typeof entry.role !== 'string') {
    problems.push(`${field}.role: give the role ${ref.id} plays`);
    return [];
  }
  return [{ role: entry.role, section, id: ref.id }];
}

/** The `place` entries: relations (with an id), and a site's values (without). */
function placesOf(entries: unknown, type: string, problems: string[]): { related: RelatedRef[]; values: unknown[] } {
  if (entries === undefined) return { related: [], values: [] };
  if (!Array.isArray(entries)) {
    problems.push('place: a list');
    return { related: [], values: [] };
  }
  const related: RelatedRef[] = [];
  const values: unknown[] = [];
  entries.forEach((entry, index) => {
    if (type === 'GeographicSite' && isObject(entry) && entry.id === undefined) values.push(entry);
    else related.push(...relatedOf(entry, `place.${index}`, 'places', problems));
  });
  return { related, values };
}

/** Checks `@type` against the TMF type; a location's `@type` is its geometry, kept as an attribute. */
function checkType(body: Json, type: PartyOrPlaceType, problems: string[]) {
  const given = body['@type'];
  if (type === 'GeographicLocation' || given === undefined || given === type) return;
  problems.push(
    `@type: this is ${type === 'Organization' || type === 'Individual' ? 'an' : 'a'} ${type}, not ${JSON.stringify(given)}`,
  );
}

/**
 * The kind and input of a body at a TMF type, or the problems: an invalidInput list, each
 * naming its field. `creating` adds the attributes TMF requires when one is created.
 */
export function partyOrPlaceBody(
  registry: Registry,
  category: 'party' | 'place',
  type: string,
  body: Json,
  creating: boolean,
): PartyOrPlaceBody | { problems: string[] } {
  if (!isPartyOrPlaceType(type)) return { problems: [`@type: ${type} is no party or place type`] };
  const problems: string[] = [];
  checkType(body, type, problems);
  const kind = kindOf(registry, category, type, body.kind);
  if (typeof kind === 'string') problems.push(kind);
  const nameKey = nameKeyOf(type);
  const listKey = characteristicListKey[category];
  const characteristics = characteristicsOf(body[listKey], listKey, problems);
  const parties = Array.isArray(body.relatedParty)
    ? body.relatedParty.flatMap((entry, index) => relatedOf(entry, `relatedParty.${index}`, 'parties', problems))
    : [];
  if (body.relatedParty !== undefined && !Array.isArray(body.relatedParty)) problems.push('relatedParty: a list');
  const places = placesOf(body.place, type, problems);
  const attributes = Object.fromEntries(
    Object.entries(body).filter(
      ([key]) =>
        !ignored.has(key) &&
        ![nameKey, listKey, 'relatedParty', 'place'].includes(key) &&
        (key !== '@type' || type === 'GeographicLocation'),
    ),
  );
  if (places.values.length > 0) attributes.place = places.values;
  if (creating) {
    for (const required of requiredOnCreate[type])
      if (body[required] === undefined) problems.push(`${required}: required`);
  }
  if (typeof body[nameKey] !== 'string' && body[nameKey] !== undefined) problems.push(`${nameKey}: a string`);
  if (typeof body.id !== 'string' && body.id !== undefined) problems.push('id: a string');
  if (problems.length > 0 || typeof kind === 'string') return { problems };
  return {
    kind,
    input: {
      ...(typeof body.id === 'string' ? { id: body.id } : {}),
      ...(typeof body[nameKey] === 'string' ? { name: body[nameKey] } : {}),
      attributes,
      characteristics,
      related: [...parties, ...places.related],
    },
  };
}

/**
 * The TMF type a body is written at when no route says it (the CLI): its kind's type, else its
 * `@type` when that is a TMF type of the category (a GeoJSON geometry: GeographicLocation).
 */
export function typeOfBody(registry: Registry, category: 'party' | 'place', body: Json): string | undefined {
  const named = registry.all().find((kind) => kind.category === category && kind.name === body.kind);
  if (named && named.category !== 'instance') return named.type;
  const type = body['@type'];
  if (category === 'place' && (type === 'GeoJsonPoint' || type === 'GeoJsonPolygon')) return 'GeographicLocation';
  const types: readonly string[] = category === 'party' ? partyTypes : placeTypes;
  return typeof type === 'string' && types.includes(type) ? type : undefined;
}
