import type { InstanceType } from '../instance-ref.js';
import { reservedParameters } from './attribute-filter.js';
import { eventTypesOf } from './event-types.js';

/**
 * What a TMF hub subscription (`POST /hub`, `{callback, query}`) may say, checked before
 * anything is stored. Each function returns the problems, one line per field; none: valid.
 *
 * Callback policy: an absolute `http:` or `https:` URL (nothing else: no `file:`, `ftp:`,
 * `javascript:`…), at most 2048 characters, without user name or password in it (they would
 * be stored and logged; sign-in is what the HMAC signature replaces). Any host is allowed,
 * loopback and private addresses too: diffo runs beside the systems it notifies, and whoever
 * may call its API may subscribe (put the API behind its bearer token, DIFFO_API_TOKEN, to
 * say who).
 *
 * Query: TMF630 attribute filters on the event body as a query string (`eventType=
 * ServiceStateChangeEvent&event.service.state=active`), at most 2048 characters; `eventType`
 * values must be event types of the API's instance type; `fields`, `offset` and `limit` are
 * not filters and are refused.
 */
export const maxCallbackLength = 2048;
export const maxQueryLength = 2048;

export function callbackProblems(callback: unknown): string[] {
  if (typeof callback !== 'string' || callback.length === 0) return ['callback: a URL is required'];
  if (callback.length > maxCallbackLength) return [`callback: longer than ${maxCallbackLength} characters`];
  let url: URL;
  try {
    url = new URL(callback);
  } catch {
    return [`callback: "${callback}" is not an absolute URL`];
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return [`callback: only http and https callbacks are delivered to, not ${url.protocol.slice(0, -1)}`];
  if (url.username || url.password) return ['callback: must not carry a user name or password'];
  return [];
}

/** The query's filters (parameter → comma-separated values), or its problems. */
export function parseSubscriptionQuery(
  query: unknown,
  type: InstanceType,
): { filters: Record<string, string>; problems: string[] } {
  if (query === undefined || query === null || query === '') return { filters: {}, problems: [] };
  if (typeof query !== 'string') return { filters: {}, problems: ['query: must be a string'] };
  if (query.length > maxQueryLength)
    return { filters: {}, problems: [`query: longer than ${maxQueryLength} characters`] };
  const filters: Record<string, string> = {};
  const problems: string[] = [];
  for (const [key, value] of new URLSearchParams(query.startsWith('?') ? query.slice(1) : query)) {
    if (key === '') problems.push('query: a filter without a name');
    else if (reservedParameters.has(key)) problems.push(`query.${key}: not a filter a subscription can use`);
    else if (value === '') problems.push(`query.${key}: no value`);
    else filters[key] = Object.hasOwn(filters, key) ? `${filters[key]},${value}` : value;
  }
  const known = eventTypesOf(type);
  for (const eventType of filters.eventType?.split(',') ?? []) {
    if (!known.includes(eventType))
      problems.push(`query.eventType: "${eventType}" is not an event of this API (${known.join(', ')})`);
  }
  return { filters: problems.length ? {} : filters, problems };
}
