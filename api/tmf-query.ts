/**
 * TMF630 query rules on rendered TMF JSON: attribute filters on any dotted path, through arrays
 * (`state=active`, `relatedParty.role=operator`, `place.place.id=NXTM2`; model/tmf/attribute-filter.ts,
 * shared with the hub's subscription queries), and `fields` selection, also dotted
 * (`fields=relatedParty.role,serviceSpecification.id`). A selection always keeps `id`, `href`, `@type` and `@referredType`, at every level, so an item and every
 * reference in it stay identifiable.
 */

import { isJsonObject as isObject } from '../model/tmf/attribute-filter.js';

export { filterItems, reservedParameters } from '../model/tmf/attribute-filter.js';

type Json = Record<string, unknown>;

/** What a selection keeps: `true` for a whole attribute, or a selection of its sub-attributes. */
interface Selection {
  [key: string]: Selection | true;
}

const alwaysKept = ['id', 'href', '@type', '@referredType'];

function selectionOf(fields: string): Selection {
  const selection: Selection = {};
  for (const field of fields
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    let level = selection;
    const keys = field.split('.');
    for (const [index, key] of keys.entries()) {
      if (level[key] === true) break; // the whole attribute is selected already
      if (index === keys.length - 1) level[key] = true;
      else level = (level[key] ??= {}) as Selection;
    }
  }
  return selection;
}

function select(value: unknown, selection: Selection): unknown {
  if (Array.isArray(value)) return value.map((element) => select(element, selection));
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).flatMap(([key, inner]) => {
      const wanted = selection[key];
      if (wanted === true || (wanted === undefined && alwaysKept.includes(key))) return [[key, inner]];
      return wanted === undefined ? [] : [[key, select(inner, wanted)]];
    }),
  );
}

/** The item with only the selected attributes (and id, href, @type, @referredType); all of it without `fields`. */
export function selectFields(item: Json, fields: string | undefined): Json {
  return fields ? (select(item, selectionOf(fields)) as Json) : item;
}
