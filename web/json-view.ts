import { html } from 'htm/preact';
import type { VNode } from 'preact';
import { pointer } from './json-pointer.js';

/**
 * JSON, pretty-printed, with the values at `marked` (JSON Pointers) highlighted: a `<mark>`
 * around each, carrying its path (`data-path`), so a reader (and a test) sees what is outstanding.
 */
const pad = (depth: number) => '  '.repeat(depth);

interface Node {
  value: unknown;
  path: string;
  depth: number;
  key: string | undefined;
  last: boolean;
}

function jsonNode(node: Node, marked: Set<string>): VNode {
  const { value, path, depth, key, last } = node;
  const label = key === undefined ? '' : html`<span class="json-key">${JSON.stringify(key)}</span>: `;
  const comma = last ? '' : ',';
  const container = typeof value === 'object' && value !== null;
  const entries: Array<[string | number, unknown]> = !container
    ? []
    : Array.isArray(value)
      ? value.map((element, index) => [index, element])
      : Object.entries(value);
  const content =
    entries.length > 0
      ? html`${pad(depth)}${label}${Array.isArray(value) ? '[' : '{'}${'\n'}${entries.map(([inner, element], index) =>
          jsonNode(
            {
              value: element,
              path: pointer(path, inner),
              depth: depth + 1,
              key: Array.isArray(value) ? undefined : String(inner),
              last: index === entries.length - 1,
            },
            marked,
          ),
        )}${pad(depth)}${Array.isArray(value) ? ']' : '}'}${comma}${'\n'}`
      : html`${pad(depth)}${label}<span class=${`json-${value === null ? 'null' : typeof value}`}
            >${container ? (Array.isArray(value) ? '[]' : '{}') : JSON.stringify(value)}</span
          >${comma}${'\n'}`;
  return marked.has(path) ? html`<mark class="outstanding" data-path=${path}>${content}</mark>` : content;
}

export function JsonView({ value, marked, label }: { value: unknown; marked?: Set<string>; label: string }) {
  return html`<pre class="json" tabindex="0" aria-label=${label}>
${jsonNode({ value, path: '', depth: 0, key: undefined, last: true }, marked ?? new Set())}</pre>`;
}
