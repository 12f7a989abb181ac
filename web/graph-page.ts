import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { debounced } from './debounce.js';
import { routes } from './format.js';
import { api } from './http.js';
import { onLive } from './live.js';

/**
 * The graph around an instance (`GET /view/instances/{id}/graph`): the instance in the middle;
 * what it relates to and what relates to it; the values it holds (owner, pool, value, slot) and
 * those its pools gave out; its parties, places and specification; its inherited facts with the
 * instances they came from. Every instance named is a link: Enter or a click moves there.
 */
interface Ref {
  id: string;
  kind: string;
  name?: string;
  href: string;
}
interface RoleRef extends Ref {
  role: string;
}
interface Neighbourhood {
  instance: Ref & { states: Record<string, string | undefined> };
  specification: { id: string; name: string; version: string; href: string };
  relationships: Array<{ type: string; alias?: string; target: Ref }>;
  relatedFrom: Array<{ type: string; alias?: string; source: Ref }>;
  assignments: Array<{ pool: string; thing: string; value: number; alias?: string; owner: Ref }>;
  givenAssignments: Array<{ pool: string; thing: string; value: number; alias?: string; assignee: Ref }>;
  parties: RoleRef[];
  places: RoleRef[];
  inherited: Array<{
    name: string;
    category: string;
    status: string;
    value?: unknown;
    reason?: string;
    from?: string[];
  }>;
}

const move = (ref: Ref) =>
  html`<a class="node" href=${routes.instance(ref.id)} data-node=${ref.id}
    ><span class="kind">${ref.kind}</span> ${ref.name ?? ref.id}</a
  >`;
const outside = (ref: { href: string; id: string; name?: string; kind: string }) =>
  html`<a class="node outside" href=${ref.href} target="_blank" rel="noopener"
    ><span class="kind">${ref.kind}</span> ${ref.name ?? ref.id}</a
  >`;

function Group({ title, items }: { title: string; items: unknown[] }) {
  if (items.length === 0) return null;
  return html`<section class="group" aria-label=${title}>
    <h3>${title}</h3>
    <ul>
      ${items.map((item) => html`<li>${item}</li>`)}
    </ul>
  </section>`;
}

function inheritedLine(fact: Neighbourhood['inherited'][number]) {
  const from = (fact.from ?? []).map((id) => html` <a href=${routes.instance(id)} data-node=${id}>${id}</a>`);
  return fact.status === 'known'
    ? html`<span
        >${fact.category} <strong>${fact.name}</strong> = <code>${JSON.stringify(fact.value)}</code> from${from}</span
      >`
    : html`<span class="problem">${fact.category} <strong>${fact.name}</strong>: ${fact.reason}</span>`;
}

/** The neighbourhood of `id`, read again (debounced) when the live stream tells of an event on it. */
function useNeighbourhood(id: string) {
  const [graph, setGraph] = useState<{ data?: Neighbourhood; error?: string }>({});
  useEffect(() => {
    const read = () =>
      void api<Neighbourhood>(`/view/instances/${encodeURIComponent(id)}/graph`)
        .then(({ json }) => setGraph({ data: json }))
        .catch((error: Error) => setGraph({ error: error.message }));
    const readSoon = debounced(read);
    read();
    const stop = onLive((message) => {
      if (message.type === 'reconnected' || (message.type === 'event' && message.event.instanceId === id)) readSoon();
    });
    return () => {
      readSoon.cancel();
      stop();
    };
  }, [id]);
  return graph;
}

export function GraphPage({ id }: { id: string }) {
  const graph = useNeighbourhood(id);
  if (graph.error) return html`<p class="problem" role="alert">${graph.error}</p>`;
  const data = graph.data;
  if (!data) return html`<p aria-busy="true">reading ${id}…</p>`;
  const states = Object.entries(data.instance.states).filter(([, value]) => value);
  return html`<article class="graph">
    <h1>Around ${data.instance.name ?? data.instance.id}</h1>
    <div class="graph-layout">
      <div class="side">
        <${Group}
          title="Related from"
          items=${data.relatedFrom.map((r) => html`${move(r.source)} <em>${r.type}${r.alias ? ` as ${r.alias}` : ''}</em>`)}
        />
        <${Group}
          title="Gave values"
          items=${data.givenAssignments.map((a) => html`<span class="value">${a.pool} #${a.value}</span> → ${move(a.assignee)}${a.alias ? html` <em>as ${a.alias}</em>` : ''}`)}
        />
      </div>
      <section class="centre" aria-label="the instance" data-instance=${data.instance.id}>
        <p class="kind">${data.instance.kind}</p>
        <h2>${data.instance.id}</h2>
        <p>${states.map(([key, value]) => html`<span class="state">${key}: ${value}</span> `)}</p>
        <p>specification ${outside({ ...data.specification, kind: 'spec' })} v${data.specification.version}</p>
        <p>
          <a href=${data.instance.href} target="_blank" rel="noopener">TMF JSON</a>${' · '}<a
            href=${routes.expectation(data.instance.id)}
            >its expectation</a
          >
        </p>
      </section>
      <div class="side">
        <${Group}
          title="Relates to"
          items=${data.relationships.map((r) => html`<em>${r.type}${r.alias ? ` as ${r.alias}` : ''}</em> ${move(r.target)}`)}
        />
        <${Group}
          title="Holds values"
          items=${data.assignments.map((a) => html`<span class="value" data-assignment=${a.alias ?? ''}>${a.alias ?? a.thing} = ${a.pool} #${a.value}</span> of ${move(a.owner)}`)}
        />
        <${Group} title="Parties" items=${data.parties.map((p) => html`<em>${p.role}</em> ${outside(p)}`)} />
        <${Group} title="Places" items=${data.places.map((p) => html`<em>${p.role}</em> ${outside(p)}`)} />
        <${Group} title="Inherited" items=${data.inherited.map(inheritedLine)} />
      </div>
    </div>
  </article>`;
}
