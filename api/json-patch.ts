import { isPlainObject } from '../expectations/operators.js';
import { sameJson } from '../expectations/tmf/write-context.js';
import { RequestError } from './request-error.js';

/**
 * JSON Patch (RFC 6902) over a JSON document, with JSON Pointers (RFC 6901: `~1` is `/`, `~0`
 * is `~`, `-` appends to an array): add, remove, replace, move, copy, test, applied in order to
 * a copy, all or nothing. An operation that does not apply is a 400 naming it; a failed `test`
 * is a 409.
 */
export interface JsonPatchOperation {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  value?: unknown;
  from?: string;
}

type Container = Record<string, unknown> | unknown[];

function tokensOf(pointer: string, where: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/'))
    throw new RequestError(400, 'invalidRequest', `${where}: "${pointer}" is no JSON Pointer`);
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function child(container: unknown, token: string, where: string): unknown {
  if (Array.isArray(container) && /^(0|[1-9]\d*)$/.test(token) && Number(token) < container.length) {
    return container[Number(token)];
  }
  if (isPlainObject(container) && Object.hasOwn(container, token)) return container[token];
  throw new RequestError(400, 'invalidRequest', `${where}: nothing at "${token}"`);
}

/** The container a pointer's last token is in, and that token. */
function parentOf(document: unknown, pointer: string, where: string): { container: Container; token: string } {
  const tokens = tokensOf(pointer, where);
  const token = tokens.pop();
  if (token === undefined)
    throw new RequestError(400, 'invalidRequest', `${where}: the whole document cannot be changed`);
  const container = tokens.reduce((at, inner) => child(at, inner, where), document);
  if (!Array.isArray(container) && !isPlainObject(container)) {
    throw new RequestError(
      400,
      'invalidRequest',
      `${where}: "${pointer}" is inside a value that is no object or array`,
    );
  }
  return { container, token };
}

function arrayIndex(array: unknown[], token: string, where: string, adding: boolean): number {
  if (adding && token === '-') return array.length;
  const index = /^(0|[1-9]\d*)$/.test(token) ? Number(token) : Number.NaN;
  if (Number.isNaN(index) || index > array.length || (!adding && index === array.length)) {
    throw new RequestError(400, 'invalidRequest', `${where}: no index ${token} in an array of ${array.length}`);
  }
  return index;
}

function add(document: unknown, pointer: string, value: unknown, where: string): void {
  const { container, token } = parentOf(document, pointer, where);
  if (Array.isArray(container)) container.splice(arrayIndex(container, token, where, true), 0, value);
  // assigning "__proto__" would give the object another prototype, not a member of that name
  else if (token === '__proto__')
    throw new RequestError(400, 'invalidRequest', `${where}: no member may be named __proto__`);
  else container[token] = value;
}

function remove(document: unknown, pointer: string, where: string): unknown {
  const { container, token } = parentOf(document, pointer, where);
  if (Array.isArray(container)) return container.splice(arrayIndex(container, token, where, false), 1)[0];
  const removed = child(container, token, where);
  delete container[token];
  return removed;
}

const valueAt = (document: unknown, pointer: string, where: string) =>
  tokensOf(pointer, where).reduce((at, token) => child(at, token, where), document);

function applyOne(document: unknown, operation: JsonPatchOperation, where: string): void {
  const { op, path } = operation;
  const from = () => {
    if (operation.from === undefined) throw new RequestError(400, 'invalidRequest', `${where}: ${op} needs "from"`);
    return operation.from;
  };
  if ((op === 'add' || op === 'replace' || op === 'test') && !('value' in operation)) {
    throw new RequestError(400, 'invalidRequest', `${where}: ${op} needs "value"`);
  }
  switch (op) {
    case 'add':
      return add(document, path, structuredClone(operation.value), where);
    case 'remove':
      return void remove(document, path, where);
    case 'replace':
      remove(document, path, where);
      return add(document, path, structuredClone(operation.value), where);
    case 'move':
      return add(document, path, remove(document, from(), where), where);
    case 'copy':
      return add(document, path, structuredClone(valueAt(document, from(), where)), where);
    case 'test':
      if (!sameJson(valueAt(document, path, where), operation.value)) {
        throw new RequestError(409, 'patchTestFailed', `${where}: the value at "${path}" is not the one tested`);
      }
  }
}

/** The document with the operations applied (the document itself is left as it is). */
export function applyJsonPatch<T>(document: T, operations: JsonPatchOperation[]): T {
  const copy = structuredClone(document);
  operations.forEach((operation, index) =>
    applyOne(copy, operation, `operation ${index} (${operation.op} ${operation.path})`),
  );
  return copy;
}
