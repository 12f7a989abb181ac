/**
 * TMF630 query rules on rendered TMF JSON: attribute filters (`state=active`,
 * `serviceSpecification.name=gpu`, …; a comma means any of the values), `fields`
 * attribute selection (id, href and @type always stay), and paging.
 */
const reserved = new Set(['fields', 'offset', 'limit']);

function valueAt(item: Record<string, unknown>, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (value, key) =>
        typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined,
      item,
    );
}

/** Keeps the items whose attributes equal the filter values (string comparison). */
export function filterItems(
  items: Array<Record<string, unknown>>,
  query: Record<string, string>,
): Array<Record<string, unknown>> {
  const filters = Object.entries(query).filter(([key]) => !reserved.has(key));
  return items.filter((item) =>
    filters.every(([path, wanted]) => wanted.split(',').includes(String(valueAt(item, path) ?? ''))),
  );
}

export function selectFields(item: Record<string, unknown>, fields: string | undefined): Record<string, unknown> {
  if (!fields) return item;
  const keep = new Set(['id', 'href', '@type', ...fields.split(',').map((field) => field.trim().split('.')[0]!)]);
  return Object.fromEntries(Object.entries(item).filter(([key]) => keep.has(key)));
}
