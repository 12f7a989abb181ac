import { z } from 'zod';
import { selectFields } from './tmf-query.js';

/**
 * TMF630 paging of a list: the query's `fields`, `offset` and `limit`, and the answer to a page:
 * `fields` applied, `X-Total-Count` and `X-Result-Count`, and a 206 with a `Link` header when the
 * page is not all there is.
 */
export const listQuery = z
  .object({
    fields: z.string().optional(),
    offset: z.coerce.number().int().min(0).default(0),
    limit: z.coerce.number().int().min(0).max(1000).default(100),
  })
  // every other parameter is a filter; one given twice (`state=a&state=b`) means either, as `state=a,b` does
  .catchall(z.union([z.string(), z.array(z.string()).transform((values) => values.join(','))]));

export type ListQuery = z.output<typeof listQuery> & Record<string, string>;

export interface ListAnswer {
  items: Array<Record<string, unknown>>;
  status: 200 | 206;
  headers: Record<string, string>;
}

/** The RFC 8288 `Link` header of a partial page: first, and next and prev where there are such pages. */
function pageLinks(
  collection: string,
  query: Record<string, string>,
  offset: number,
  limit: number,
  total: number,
): string {
  const link = (at: number, rel: string) =>
    `<${collection}?${new URLSearchParams({ ...query, offset: String(at), limit: String(limit) }).toString()}>; rel="${rel}"`;
  return [
    link(0, 'first'),
    ...(offset + limit < total ? [link(offset + limit, 'next')] : []),
    ...(offset > 0 ? [link(Math.max(0, offset - limit), 'prev')] : []),
  ].join(', ');
}

/** The answer to a list request whose page (of `total` matching items) is read already. */
export function pageAnswer(
  page: Array<Record<string, unknown>>,
  total: number,
  query: ListQuery,
  collectionUrl: string,
): ListAnswer {
  const { fields, offset, limit, ...filters } = query;
  const items = page.map((found) => selectFields(found, fields));
  const headers: Record<string, string> = { 'X-Total-Count': String(total), 'X-Result-Count': String(items.length) };
  if (items.length === 0 || items.length === total) return { items, status: 200, headers };
  const linked = { ...filters, ...(fields ? { fields } : {}) };
  return { items, status: 206, headers: { ...headers, Link: pageLinks(collectionUrl, linked, offset, limit, total) } };
}
