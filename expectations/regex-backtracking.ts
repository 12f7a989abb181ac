/**
 * Whether a `$regex` pattern could make the regular-expression engine backtrack exponentially
 * on a string a user controls (V8's engine backtracks: `(a+)+$` against 30 a's and a b takes
 * seconds, against 40 hours). Refused at the door, so the planner never runs one:
 *
 * - a repeated group (`*`, `+`, `{n,}`, `{n,m}` with m > 1) that holds a quantifier or an
 *   alternative: `(a+)+`, `(a*b)*`, `(a?)+`, `(a|aa)*`, `(?:x|y){2,}` — write a character class
 *   (`[ab]*`), or repeat the inner part alone;
 * - a backreference (`\1`, `\k<name>`): matching one is NP-hard.
 *
 * This is a syntactic rule, so it also refuses some harmless patterns (`(ab|cd)+`), and it
 * lets polynomial ones through (`\d+\d+x`); those are bounded by the input limits (a string of
 * at most 10,000 characters). Node has no linear-time engine built in; the npm ones (re2) are
 * native builds, which this project does not take on for one operator.
 */
export function backtrackingProblem(pattern: string): string | undefined {
  /** Per open group: whether it holds a quantifier (any: `?` too) or an alternative so far. */
  const groups: Array<{ quantified: boolean; alternates: boolean }> = [{ quantified: false, alternates: false }];
  /** Whether the atom just read was a group that holds a quantifier or an alternative. */
  let lastGroupRisky = false;
  for (let index = 0; index < pattern.length; index += 1) {
    const char = pattern[index]!;
    const group = groups.at(-1)!;
    const repetition = repetitionAt(pattern, index);
    if (repetition) {
      if (repetition.repeats && lastGroupRisky)
        return `a repeated group holds a quantifier or an alternative (at ${index}: ${pattern.slice(0, index + repetition.length)}), which can take exponential time; use a character class, or repeat the inner part alone`;
      group.quantified ||= !repetition.exact; // a{3} is no choice: it cannot backtrack
      index += repetition.length - 1;
      lastGroupRisky = false;
      continue;
    }
    lastGroupRisky = false;
    if (char === '\\') {
      const next = pattern[index + 1] ?? '';
      if (/[1-9]/.test(next) || (next === 'k' && pattern[index + 2] === '<'))
        return `a backreference (at ${index}: \\${next}) can take exponential time`;
      index += 1;
    } else if (char === '[') {
      index = classEnd(pattern, index);
    } else if (char === '(') {
      groups.push({ quantified: false, alternates: false });
      index = groupBodyStart(pattern, index) - 1;
    } else if (char === ')' && groups.length > 1) {
      const closed = groups.pop()!;
      lastGroupRisky = closed.quantified || closed.alternates;
      groups.at(-1)!.quantified ||= closed.quantified; // what a group holds, its enclosing group holds too
      groups.at(-1)!.alternates ||= closed.alternates;
    } else if (char === '|') {
      group.alternates = true;
    }
  }
  return undefined;
}

/** The quantifier at `index`, if one starts there: its length, whether it repeats (more than once), whether it is `{n}`. */
function repetitionAt(
  pattern: string,
  index: number,
): { length: number; repeats: boolean; exact?: boolean } | undefined {
  const char = pattern[index]!;
  const lazy = (length: number) => (pattern[index + length] === '?' ? length + 1 : length);
  if (char === '*' || char === '+') return { length: lazy(1), repeats: true };
  if (char === '?') return { length: 1, repeats: false };
  const braces = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(index));
  if (!braces) return undefined;
  const max = braces[2] === undefined ? Number(braces[1]) : braces[3] === '' ? Infinity : Number(braces[3]);
  return { length: lazy(braces[0].length), repeats: max > 1, exact: braces[2] === undefined };
}

/** Where the body of the group opening at `index` starts: after `(`, `(?:`, `(?=`, `(?!`, `(?<=`, `(?<!` or `(?<name>`. */
function groupBodyStart(pattern: string, index: number): number {
  if (pattern[index + 1] !== '?') return index + 1;
  if (pattern[index + 2] !== '<' || '=!'.includes(pattern[index + 3] ?? ''))
    return index + (pattern[index + 2] === '<' ? 4 : 3);
  const nameEnd = pattern.indexOf('>', index);
  return nameEnd === -1 ? pattern.length : nameEnd + 1;
}

/** The index of the `]` that ends the character class opening at `index`. */
function classEnd(pattern: string, index: number): number {
  let at = index + 1;
  while (at < pattern.length && pattern[at] !== ']') at += pattern[at] === '\\' ? 2 : 1;
  return at;
}
