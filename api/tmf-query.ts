/**
 * TMF630 query rules on rendered TMF JSON: attribute filters on any dotted path, through arrays
 * (`state=active`, `relatedParty.role=operator`, `place.place.id=NXTM2`: an item matches when any
 * value the path reaches equals one of the wanted values; a comma means any of them), and
 * `fields` selection, also dotted (`fields=relatedParty.role,serviceSpecification.id`). A selection
 * always keeps `id`, `href`, `@type` and `@referredType`, at every level, so an item and every
 * reference in it stay identifiable.
 */

type Json = Record<string, unknown>;

export const reservedParameters = new Set(['fields', 'offset', 'limit']);

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every value `path` reaches from `value`, stepping into every element of the arrays on the way. */
function valuesAt(value: unknown, path: string[]): unknown[] {
  if (Array.isArray(value)) return value.flatMap((element) => valuesAt(element, path));
  const [key, ...rest] = path;
  if (key === undefined) return [value];
  return isObject(value) && key in value ? valuesAt(value[key], rest) : [];
}

/** Keeps the items where, for every filter, some value at its path equals a wanted value (as a string). */
export function filterItems(items: Json[], filters: Record<string, string>): Json[] {
  const wanted = Object.entries(filters)
    .filter(([path]) => !reservedParameters.has(path))
    .map(([path, values]) => ({ path: path.split('.'), values: new Set(values.split(',')) }));
  return items.filter((item) =>
    wanted.every(({ path, values }) =>
      valuesAt(item, path).some((value) => !isObject(value) && values.has(String(value))),
    ),
  );
}

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
