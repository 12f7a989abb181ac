import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { parse } from 'yaml';
import { routes } from './format.js';
import { api, ApiError } from './http.js';

/**
 * Submit an intent from the page: YAML or JSON (JSON is YAML too), sent to `POST /expectations`.
 * The API's refusal is shown as it reports it, one problem per line with its field path first.
 */
const example = `id: my-cluster
kind: Cluster
name: my-cluster
characteristics: { cluster: { gpuCores: 1 } }
state: installed
`;

type Outcome =
  { ok: true; id: string; status: number } | { ok: false; problems: Array<{ path?: string; text: string }> };

/** A TMF Error's message as its problems: "invalid expectation: a.b: why; c: why" → each path and why. */
export function problemsOf(message: string): Array<{ path?: string; text: string }> {
  const list = message.replace(/^invalid expectation: /, '');
  return list.split('; ').map((problem) => {
    const match = /^([^\s:]+): (.*)$/s.exec(problem);
    return match ? { path: match[1]!, text: match[2]! } : { text: problem };
  });
}

async function submit(text: string): Promise<Outcome> {
  let intent: unknown;
  try {
    intent = parse(text);
  } catch (error) {
    return { ok: false, problems: [{ text: `not YAML or JSON: ${(error as Error).message}` }] };
  }
  if (typeof intent !== 'object' || intent === null || Array.isArray(intent))
    return { ok: false, problems: [{ text: 'an intent is one object (id, kind, name, …)' }] };
  try {
    const { json, status } = await api<{ id: string }>('/expectations', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(intent),
    });
    return { ok: true, id: json.id, status };
  } catch (error) {
    return { ok: false, problems: problemsOf(error instanceof ApiError ? error.message : String(error)) };
  }
}

export function SubmitPage() {
  const [text, setText] = useState(example);
  const [outcome, setOutcome] = useState<Outcome>();
  const [busy, setBusy] = useState(false);
  const send = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setOutcome(await submit(text));
    setBusy(false);
  };
  return html`<section aria-labelledby="submit-title">
    <h1 id="submit-title">Submit an intent</h1>
    <form class="submit" onSubmit=${send}>
      <label for="intent">An expectation, in YAML or JSON (Ctrl+Enter submits)</label>
      <textarea
        id="intent"
        name="intent"
        rows="16"
        spellcheck="false"
        value=${text}
        onInput=${(event: Event) => setText((event.target as HTMLTextAreaElement).value)}
        onKeyDown=${(event: KeyboardEvent) => event.key === 'Enter' && (event.ctrlKey || event.metaKey) && void send(event)}
      ></textarea>
      <button type="submit" disabled=${busy}>Submit</button>
    </form>
    ${
      outcome?.ok === true &&
      html`<p class="accepted" role="status">
        Submitted
        <a href=${routes.expectation(outcome.id)}>${outcome.id}</a>
        (${outcome.status === 202 ? 'stored; its reconciler starts when Temporal answers' : 'its reconciler is on it'}).
      </p>`
    }
    ${
      outcome?.ok === false &&
      html`<div class="problems" role="alert">
        <p>Nothing was written:</p>
        <ul>
          ${outcome.problems.map((problem) => html`<li>${problem.path && html`<code class="field-path">${problem.path}</code>: `}${problem.text}</li>`)}
        </ul>
      </div>`
    }
  </section>`;
}
