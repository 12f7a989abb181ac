/**
 * Where what is outstanding shows in the other two panes, as JSON Pointers to highlight: in the
 * expectation as submitted (the outstanding document has the expectation's own shape; a list's
 * elements are matched by their key — alias, role, name, id — else by equality), and in the
 * actual's TMF JSON (each section of the expectation to the TMF attribute that shows it:
 * state, characteristics, features, parties, places, relationships, specification, name).
 */
import { isJsonObject } from '../model/tmf/attribute-filter.js';
import { pointer } from './json-pointer.js';

type Json = unknown;
type JsonObject = Record<string, unknown>;
const isOperator = (value: Json) => isJsonObject(value) && Object.keys(value).some((key) => key.startsWith('$'));
const keyFields = ['alias', 'role', 'name', 'id'];

/** The key field an element of a list is known by (alias, role, name, id), if it has one. */
const keyOf = (element: Json) =>
  isJsonObject(element) ? keyFields.find((key) => typeof element[key] === 'string') : undefined;

/** The index in `list` of the element `wanted` stands for: same key field, else equal, else -1. */
function matchingIndex(list: Json[], wanted: Json): number {
  const field = keyOf(wanted);
  if (field)
    return list.findIndex((element) => isJsonObject(element) && element[field] === (wanted as JsonObject)[field]);
  return list.findIndex((element) => JSON.stringify(element) === JSON.stringify(wanted));
}

/** The paths of the submitted body that are outstanding. */
export function bodyPaths(outstanding: Json, body: Json, at = '', found = new Set<string>()): Set<string> {
  if (outstanding === null || outstanding === undefined) return found;
  if (isJsonObject(outstanding) && isJsonObject(body) && !isOperator(outstanding)) {
    for (const [key, inner] of Object.entries(outstanding))
      if (key in body) bodyPaths(inner, body[key], pointer(at, key), found);
  } else if (Array.isArray(outstanding) && Array.isArray(body)) {
    for (const element of outstanding) {
      const index = matchingIndex(body, element);
      // an unmet keyed element (a slot, a role, a relationship) is outstanding as a whole
      if (index >= 0 && keyOf(element)) found.add(pointer(at, index));
      else if (index >= 0) bodyPaths(element, body[index], pointer(at, index), found);
    }
  } else found.add(at);
  return found;
}

const stateKeys = [
  'state',
  'resourceStatus',
  'lifecycleState',
  'operationalState',
  'administrativeState',
  'usageState',
];

/** Each element of the TMF list at `key` whose `field` is one of `wanted`, marked. */
function markElements(tmf: JsonObject, key: string, field: string, wanted: unknown[], found: Set<string>): void {
  const list = tmf[key];
  if (isJsonObject(list) && wanted.includes(list[field])) found.add(pointer('', key));
  if (!Array.isArray(list)) return;
  list.forEach((element, index) => {
    if (isJsonObject(element) && wanted.includes(element[field])) found.add(pointer(pointer('', key), index));
  });
}

const listKeyEnding = (tmf: JsonObject, ending: string) => Object.keys(tmf).filter((key) => key.endsWith(ending));
const valuesOf = (section: Json, field: string) =>
  Array.isArray(section) ? section.map((element) => (isJsonObject(element) ? element[field] : undefined)) : [];

/** The alias a TMF relationship carries in its relationship characteristics, if any. */
function aliasOf(relationship: Json): unknown {
  if (!isJsonObject(relationship)) return undefined;
  const characteristics = Object.entries(relationship).find(([key]) => key.endsWith('RelationshipCharacteristic'))?.[1];
  return Array.isArray(characteristics)
    ? (characteristics.find((item) => isJsonObject(item) && item.name === 'alias') as JsonObject | undefined)?.value
    : undefined;
}

/** The paths of the actual's TMF JSON that show what is outstanding. */
export function tmfPaths(outstanding: Json, tmf: Json): Set<string> {
  const found = new Set<string>();
  if (!isJsonObject(outstanding) || !isJsonObject(tmf)) return found;
  const mark = (key: string) => key in tmf && found.add(pointer('', key));
  for (const [section, inner] of Object.entries(outstanding)) {
    if (section === 'state') stateKeys.forEach(mark);
    if (section === 'name') mark('name');
    if (section === 'specification') listKeyEnding(tmf, 'Specification').forEach(mark);
    if (section === 'characteristics' && isJsonObject(inner))
      for (const key of listKeyEnding(tmf, 'Characteristic')) markElements(tmf, key, 'name', Object.keys(inner), found);
    if (section === 'features' && isJsonObject(inner)) markElements(tmf, 'feature', 'name', Object.keys(inner), found);
    if (section === 'parties') markElements(tmf, 'relatedParty', 'role', valuesOf(inner, 'role'), found);
    if (section === 'places') markElements(tmf, 'place', 'role', valuesOf(inner, 'role'), found);
    if (section === 'relationships') {
      const aliases = valuesOf(inner, 'alias');
      for (const key of listKeyEnding(tmf, 'Relationship')) {
        const list = tmf[key];
        if (Array.isArray(list))
          list.forEach((element, index) => {
            if (aliases.includes(aliasOf(element))) found.add(pointer(pointer('', key), index));
          });
      }
    }
  }
  return found;
}
