import { html } from 'htm/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { debounced } from './debounce.js';
import { age, routes } from './format.js';
import { api } from './http.js';
import { onLive, type ExpectationSummary } from './live.js';
import { useNow } from './use-now.js';

/**
 * The expectations, a page at a time (the server pages, filters and counts: `GET /expectations`
 * with limit/offset, status, kind, search), so 10,000 expectations load as fast as 10. Rows
 * change in place as the live stream tells of them, and go when it tells of their deletion; a new
 * expectation on the first page reloads it. Ages tick every second.
 */
const pageSize = 50;
const statuses = ['pending', 'progressing', 'met', 'blocked'];

interface Filter {
  search: string;
  status: string;
  kind: string;
  offset: number;
}

const queryOf = (filter: Filter) =>
  new URLSearchParams({
    limit: String(pageSize),
    offset: String(filter.offset),
    ...(filter.search ? { search: filter.search } : {}),
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.kind ? { kind: filter.kind } : {}),
  }).toString();

const matches = (filter: Filter, expectation: ExpectationSummary) =>
  (!filter.status || expectation.status === filter.status) &&
  (!filter.kind || expectation.kind === filter.kind) &&
  (!filter.search ||
    `${expectation.id}\n${expectation.name ?? ''}`.toLowerCase().includes(filter.search.toLowerCase()));

/** The filter the address names (`#/?search=…&status=…&kind=…`), so a filtered list can be linked to. */
function filterInAddress(): Filter {
  const query = new URLSearchParams(location.hash.split('?')[1] ?? '');
  return {
    search: query.get('search') ?? '',
    status: query.get('status') ?? '',
    kind: query.get('kind') ?? '',
    offset: Number(query.get('offset') ?? 0) || 0,
  };
}

function usePage(filter: Filter) {
  const [page, setPage] = useState<{ rows: ExpectationSummary[]; total: number; error?: string }>();
  const [reloads, setReloads] = useState(0);
  useEffect(() => {
    let current = true;
    api<ExpectationSummary[]>(`/expectations?${queryOf(filter)}`)
      .then(({ json, headers }) => current && setPage({ rows: json, total: Number(headers.get('x-total-count')) }))
      .catch((error: Error) => current && setPage({ rows: [], total: 0, error: error.message }));
    return () => void (current = false);
  }, [filter.search, filter.status, filter.kind, filter.offset, reloads]);
  useEffect(() => {
    const reload = debounced(() => setReloads((count) => count + 1));
    const stop = onLive((message) => {
      if (message.type === 'reconnected') return reload();
      if (message.type === 'expectationDeleted') {
        // dropped at once; the page is read again to fill its place and count
        setPage((before) =>
          before?.rows.some((row) => row.id === message.id)
            ? { ...before, rows: before.rows.filter((row) => row.id !== message.id), total: before.total - 1 }
            : before,
        );
        return reload();
      }
      if (message.type !== 'expectation') return;
      const changed = message.expectation;
      setPage((before) => {
        if (!before) return before;
        if (before.rows.some((row) => row.id === changed.id))
          return { ...before, rows: before.rows.map((row) => (row.id === changed.id ? changed : row)) };
        if (filter.offset === 0 && matches(filter, changed)) reload();
        return before;
      });
    });
    return () => {
      reload.cancel();
      stop();
    };
  }, [filter.search, filter.status, filter.kind, filter.offset]);
  return page;
}

function Row({ expectation, now }: { expectation: ExpectationSummary; now: number }) {
  return html`<tr data-id=${expectation.id} data-status=${expectation.status}>
    <td><a href=${routes.expectation(expectation.id)}>${expectation.id}</a></td>
    <td>${expectation.kind}</td>
    <td>${expectation.name ?? ''}</td>
    <td><span class=${`status status-${expectation.status}`}>${expectation.status}</span></td>
    <td class="number">${expectation.outstandingCount}</td>
    <td class="number">${expectation.generation}/${expectation.observedGeneration}</td>
    <td class="number age" title=${expectation.createdAt}>${age(expectation.createdAt, now)}</td>
    <td class="reason">${expectation.reason ?? ''}</td>
  </tr>`;
}

function Filters({ filter, change }: { filter: Filter; change: (next: Partial<Filter>) => void }) {
  const search = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const slash = (event: KeyboardEvent) => {
      if (event.key === '/' && document.activeElement?.tagName !== 'INPUT') {
        event.preventDefault();
        search.current?.focus();
      }
    };
    document.addEventListener('keydown', slash);
    return () => document.removeEventListener('keydown', slash);
  }, []);
  return html`<form class="filters" role="search" onSubmit=${(event: Event) => event.preventDefault()}>
    <label
      >Search
      <input
        ref=${search}
        type="search"
        name="search"
        placeholder="id or name (press /)"
        value=${filter.search}
        onInput=${(event: Event) => change({ search: (event.target as HTMLInputElement).value })}
    /></label>
    <label
      >Status
      <select
        name="status"
        value=${filter.status}
        onChange=${(event: Event) => change({ status: (event.target as HTMLSelectElement).value })}
      >
        <option value="">any</option>
        ${statuses.map((status) => html`<option value=${status}>${status}</option>`)}
      </select></label
    >
    <label
      >Kind
      <input
        name="kind"
        placeholder="e.g. Cluster"
        value=${filter.kind}
        onChange=${(event: Event) => change({ kind: (event.target as HTMLInputElement).value.trim() })}
    /></label>
  </form>`;
}

export function ListPage() {
  const [filter, setFilter] = useState<Filter>(filterInAddress);
  const page = usePage(filter);
  const now = useNow();
  const change = (next: Partial<Filter>) => setFilter((before) => ({ ...before, offset: 0, ...next }));
  const total = page?.total ?? 0;
  const shown = page?.rows.length ?? 0;
  return html`<section aria-labelledby="list-title">
    <h1 id="list-title">Expectations</h1>
    <${Filters} filter=${filter} change=${change} />
    ${page?.error && html`<p class="problem" role="alert">${page.error}</p>`}
    <table class="expectations" aria-busy=${page ? 'false' : 'true'}>
      <thead>
        <tr>
          <th>id</th>
          <th>kind</th>
          <th>name</th>
          <th>status</th>
          <th>outstanding</th>
          <th>gen/observed</th>
          <th>age</th>
          <th>reason</th>
        </tr>
      </thead>
      <tbody>
        ${page?.rows.map((expectation) => html`<${Row} key=${expectation.id} expectation=${expectation} now=${now} />`)}
      </tbody>
    </table>
    <nav class="pager" aria-label="pages">
      <button
        type="button"
        disabled=${filter.offset === 0}
        onClick=${() => setFilter({ ...filter, offset: Math.max(0, filter.offset - pageSize) })}
      >
        ← newer
      </button>
      <span class="count" data-total=${total}
        >${shown === 0 ? `none of ${total}` : `${filter.offset + 1}–${filter.offset + shown} of ${total}`}</span
      >
      <button
        type="button"
        disabled=${filter.offset + shown >= total}
        onClick=${() => setFilter({ ...filter, offset: filter.offset + pageSize })}
      >
        older →
      </button>
    </nav>
  </section>`;
}
