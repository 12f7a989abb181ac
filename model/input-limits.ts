/**
 * The limits every input meets at the door (an expectation, a TMF write, any JSON body), so
 * nothing accepted is refused later and nothing a user submits can push a reconcile workflow's
 * payloads near Temporal's 2 MB limit: an expectation is at most `maxExpectationBytes` as JSON,
 * and a workflow carries ids, counts and a summary capped at `maxSummaryBytes`, never the
 * document itself. One constant per limit, used by the door and by the write it guards.
 */
export const inputLimits = {
  /** An instance's (and so an expectation's) name, in characters: the build refuses longer ones. */
  maxNameLength: 500,
  /** Objects and lists inside one another, counted from the body: deeper input is refused. */
  maxNestingDepth: 32,
  /** Any one string value or key, in characters. */
  maxStringLength: 10_000,
  /** Items in any one list, keys in any one object. */
  maxListLength: 1_000,
  /** An expectation body, as JSON, in bytes (UTF-8). */
  maxExpectationBytes: 256 * 1024,
  /** What a workflow holds of a document (the outstanding summary a query answers), as JSON, in bytes. */
  maxSummaryBytes: 16 * 1024,
} as const;

/** A field path as problems name it: `characteristics.cluster.gpuCores`, `(body)` for the whole. */
const pathOf = (path: ReadonlyArray<string | number>, root: string) => (path.length ? path.join('.') : root);

/**
 * Problems of a parsed JSON value against the depth, string and list limits, each with its
 * field path (`root` names the whole value). Walks without recursion, so a value nested
 * thousands deep is measured, not a stack overflow; stops at the first problem of each kind.
 */
export function jsonLimitProblems(value: unknown, root = '(body)', limits = inputLimits): string[] {
  const problems = new Map<string, string>();
  const stack: Array<{ value: unknown; path: Array<string | number> }> = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    const where = pathOf(path, root);
    if (typeof current === 'string' && current.length > limits.maxStringLength && !problems.has('string'))
      problems.set('string', `${where}: longer than ${limits.maxStringLength} characters (${current.length})`);
    if (typeof current !== 'object' || current === null) continue;
    if (path.length >= limits.maxNestingDepth) {
      if (!problems.has('depth'))
        problems.set('depth', `${where}: nested deeper than ${limits.maxNestingDepth} levels of objects and lists`);
      continue;
    }
    const entries: Array<[string | number, unknown]> = Array.isArray(current)
      ? current.map((item, index) => [index, item])
      : Object.entries(current);
    if (entries.length > limits.maxListLength && !problems.has('list'))
      problems.set('list', `${where}: more than ${limits.maxListLength} items (${entries.length})`);
    for (const [key, item] of entries) {
      if (typeof key === 'string' && key.length > limits.maxStringLength && !problems.has('key'))
        problems.set('key', `${where}: a key longer than ${limits.maxStringLength} characters`);
      stack.push({ value: item, path: [...path, key] });
    }
  }
  return [...problems.values()];
}

/** Bytes of a value as JSON (UTF-8). */
export function jsonBytes(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value) ?? '').length;
}
