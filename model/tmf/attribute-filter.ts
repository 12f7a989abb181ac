/**
 * TMF630 attribute filters on rendered TMF JSON, on any dotted path, through arrays
 * (`state=active`, `relatedParty.role=operator`, `event.service.state=active`): an item matches
 * when, for every filter, some value the path reaches equals one of the wanted values (as a
 * string; a comma means any of them). The list routes filter items with it; a hub subscription's
 * `query` filters event bodies with it.
 */

type Json = Record<string, unknown>;

/** Parameters of a list request that are not attribute filters. */
export const reservedParameters = new Set(['fields', 'offset', 'limit']);

export const isJsonObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every value `path` reaches from `value`, stepping into every element of the arrays on the way. */
function valuesAt(value: unknown, path: string[]): unknown[] {
  if (Array.isArray(value)) return value.flatMap((element) => valuesAt(element, path));
  const [key, ...rest] = path;
  if (key === undefined) return [value];
  return isJsonObject(value) && key in value ? valuesAt(value[key], rest) : [];
}

/** A predicate over items: true when every filter (reserved parameters aside) finds a wanted value at its path. */
export function attributeFilter(filters: Record<string, string>): (item: Json) => boolean {
  const wanted = Object.entries(filters)
    .filter(([path]) => !reservedParameters.has(path))
    .map(([path, values]) => ({ path: path.split('.'), values: new Set(values.split(',')) }));
  return (item) =>
    wanted.every(({ path, values }) =>
      valuesAt(item, path).some((value) => !isJsonObject(value) && values.has(String(value))),
    );
}

/** Keeps the items where, for every filter, some value at its path equals a wanted value (as a string). */
export function filterItems(items: Json[], filters: Record<string, string>): Json[] {
  return items.filter(attributeFilter(filters));
}
