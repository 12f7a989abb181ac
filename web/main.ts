import { html } from 'htm/preact';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ExpectationPage } from './expectation-page.js';
import { routes } from './format.js';
import { GraphPage } from './graph-page.js';
import { keepToken, onTokenNeeded, storedToken } from './http.js';
import { ListPage } from './list-page.js';
import { connectLive } from './live.js';
import { SubmitPage } from './submit-page.js';

/**
 * The live view (issue 19): one page, four views by the address's hash — the list (`#/`), one
 * expectation (`#/expectations/{id}`), the graph around an instance (`#/instances/{id}`) and
 * the submit form (`#/submit`) — over one live stream. Asks for the API's token when it needs one.
 */
interface Config {
  tokenRequired: boolean;
  temporalWorkflows: string;
}

function useHash(): string {
  const [hash, setHash] = useState(location.hash || routes.list);
  useEffect(() => {
    const changed = () => {
      setHash(location.hash || routes.list);
      document.querySelector<HTMLElement>('main')?.focus();
    };
    window.addEventListener('hashchange', changed);
    return () => window.removeEventListener('hashchange', changed);
  }, []);
  return hash;
}

function TokenPrompt() {
  const [token, setToken] = useState('');
  return html`<form
    class="token"
    onSubmit=${(event: Event) => {
      event.preventDefault();
      keepToken(token);
    }}
  >
    <h1>This API needs a token</h1>
    <label
      >Bearer token (DIFFO_API_TOKEN), kept for this browser session
      <input
        type="password"
        name="token"
        autofocus
        autocomplete="off"
        value=${token}
        onInput=${(event: Event) => setToken((event.target as HTMLInputElement).value)}
    /></label>
    <button type="submit">Use it</button>
  </form>`;
}

function View({ hash, config }: { hash: string; config: Config }) {
  const [, view, id] = /^#\/(expectations|instances|submit)?\/?(.*)$/.exec(hash) ?? [];
  const decoded = id ? decodeURIComponent(id) : '';
  if (view === 'expectations' && decoded)
    return html`<${ExpectationPage} key=${decoded} id=${decoded} temporalWorkflows=${config.temporalWorkflows} />`;
  if (view === 'instances' && decoded) return html`<${GraphPage} key=${decoded} id=${decoded} />`;
  if (view === 'submit') return html`<${SubmitPage} />`;
  // a new address is a new filter (a link to `#/?search=…` followed from the list itself)
  return html`<${ListPage} key=${hash} />`;
}

function App({ config }: { config: Config }) {
  const hash = useHash();
  const [needToken, setNeedToken] = useState(config.tokenRequired && !storedToken());
  const [live, setLive] = useState<'live' | 'reconnecting'>('reconnecting');
  useEffect(() => onTokenNeeded(setNeedToken), []);
  useEffect(() => {
    if (!needToken) connectLive(setLive);
  }, [needToken]);
  return html`<a class="skip" href="#main">skip to content</a>
    <header>
      <a class="brand" href=${routes.list}>diffo</a>
      <nav aria-label="views"><a href=${routes.list}>Expectations</a> <a href=${routes.submit}>Submit</a></nav>
      <span class=${`live live-${live}`} role="status" data-live=${live}
        >${live === 'live' ? '● live' : '○ connecting…'}</span
      >
    </header>
    <main id="main" tabindex="-1">
      ${needToken ? html`<${TokenPrompt} />` : html`<${View} hash=${hash} config=${config} />`}
    </main>`;
}

const config = (await (await fetch('/view/config')).json()) as Config;
render(html`<${App} config=${config} />`, document.body);
