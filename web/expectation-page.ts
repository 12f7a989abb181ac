import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { debounced } from './debounce.js';
import { routes } from './format.js';
import { api } from './http.js';
import { JsonView } from './json-view.js';
import { onLive, type ExpectationSummary } from './live.js';
import { bodyPaths, tmfPaths } from './outstanding-paths.js';
import { Story } from './story.js';

/**
 * One expectation: as submitted, the actual as TMF JSON, and what is outstanding, side by side,
 * with the outstanding paths highlighted in the other two; the reason when blocked; links to its
 * workflow in the Temporal UI, the TMF URL of the actual and the graph around it; its story.
 * Read again (debounced) whenever the live stream tells of a change to it or to its actual; says
 * so when it tells of its deletion.
 */
interface Expectation extends ExpectationSummary {
  body: Record<string, unknown>;
  outstanding: unknown;
}

function useExpectation(id: string) {
  const [state, setState] = useState<{ expectation?: Expectation; actual?: unknown; error?: string }>({});
  useEffect(() => {
    let current = true;
    let actualId: string | undefined;
    const read = async () => {
      try {
        const { json: expectation } = await api<Expectation>(`/expectations/${encodeURIComponent(id)}`);
        actualId = expectation.actual?.id;
        const actual = expectation.actual ? (await api<unknown>(expectation.actual.href)).json : undefined;
        if (current) setState({ expectation, actual });
      } catch (error) {
        if (current) setState({ error: (error as Error).message });
      }
    };
    const readSoon = debounced(() => void read());
    void read();
    const stop = onLive((message) => {
      if (message.type === 'expectationDeleted' && message.id === id) return setState({ error: `${id} was deleted` });
      const ours =
        message.type === 'reconnected' ||
        (message.type === 'expectation' && message.expectation.id === id) ||
        (message.type === 'event' && message.event.instanceId === actualId);
      if (ours) readSoon();
    });
    return () => {
      current = false;
      readSoon.cancel();
      stop();
    };
  }, [id]);
  return state;
}

function Links({ expectation, temporalWorkflows }: { expectation: Expectation; temporalWorkflows: string }) {
  const { actual } = expectation;
  return html`<ul class="links">
    <li>
      <a href=${`${temporalWorkflows}/${encodeURIComponent(expectation.workflowId)}`} target="_blank" rel="noopener"
        >workflow ${expectation.workflowId} in the Temporal UI</a
      >
    </li>
    ${actual && html`<li><a href=${actual.href} target="_blank" rel="noopener" class="tmf-link">TMF: ${actual.href}</a></li>`}
    ${actual && html`<li><a href=${routes.instance(actual.id)}>the graph around ${actual.id}</a></li>`}
  </ul>`;
}

export function ExpectationPage({ id, temporalWorkflows }: { id: string; temporalWorkflows: string }) {
  const { expectation, actual, error } = useExpectation(id);
  if (error) return html`<p class="problem" role="alert">${error}</p>`;
  if (!expectation) return html`<p aria-busy="true">reading ${id}…</p>`;
  const outstanding = expectation.outstanding;
  return html`<article class="expectation" data-status=${expectation.status}>
    <h1>
      ${expectation.id} <span class="kind">${expectation.kind}${expectation.name ? ` “${expectation.name}”` : ''}</span>
    </h1>
    <p class="summary">
      <span class=${`status status-${expectation.status}`}>${expectation.status}</span>
      ${` generation ${expectation.generation}, observed ${expectation.observedGeneration}; ${expectation.outstandingCount} outstanding`}
    </p>
    ${expectation.reason && html`<p class="reason-banner" role="alert"><strong>Blocked:</strong> ${expectation.reason}</p>`}
    <${Links} expectation=${expectation} temporalWorkflows=${temporalWorkflows} />
    <div class="panes">
      <section aria-labelledby="submitted-title" class="pane pane-submitted">
        <h2 id="submitted-title">As submitted</h2>
        <${JsonView}
          label="the expectation as submitted"
          value=${expectation.body}
          marked=${bodyPaths(outstanding, expectation.body)}
        />
      </section>
      <section aria-labelledby="actual-title" class="pane pane-actual">
        <h2 id="actual-title">Actual (TMF)</h2>
        ${
          actual === undefined
            ? html`<p class="quiet">not built yet</p>`
            : html`<${JsonView}
                label="the actual as TMF JSON"
                value=${actual}
                marked=${tmfPaths(outstanding, actual)}
              />`
        }
      </section>
      <section aria-labelledby="outstanding-title" class="pane pane-outstanding">
        <h2 id="outstanding-title">Outstanding</h2>
        ${
          outstanding === null
            ? html`<p class="quiet">nothing: met</p>`
            : html`<${JsonView} label="what is outstanding" value=${outstanding} />`
        }
      </section>
    </div>
    <${Story} instanceId=${expectation.actual?.id} />
  </article>`;
}
