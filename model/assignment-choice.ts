import type { AssignmentAlgorithm } from './pool.js';

/**
 * Picks a free value of a pool without materialising its range: it walks only the values
 * already taken (sorted), so the cost grows with the assignments, not the pool size.
 * `skip` passes over that many free values first, which spreads concurrent assigners that
 * lost a race across different values instead of sending them all to the same one.
 */
export function chooseFreeValue(
  first: number,
  last: number,
  taken: readonly number[],
  algorithm: AssignmentAlgorithm,
  skip = 0,
  random: () => number = Math.random,
): number | undefined {
  const sorted = [...new Set(taken.filter((value) => value >= first && value <= last))].sort((a, b) => a - b);
  const free = last - first + 1 - sorted.length;
  if (free <= 0) return undefined;
  const rank = algorithm === 'random' ? Math.floor(random() * free) : Math.min(skip, free - 1);
  return algorithm === 'highest' ? nthFreeFromTop(last, sorted, rank) : nthFreeFromBottom(first, sorted, rank);
}

/** The rank-th (0-based) free value counting up from `first`. */
function nthFreeFromBottom(first: number, sortedTaken: readonly number[], rank: number): number {
  let candidate = first + rank;
  for (const value of sortedTaken) {
    if (value <= candidate) candidate += 1;
    else break;
  }
  return candidate;
}

/** The rank-th (0-based) free value counting down from `last`. */
function nthFreeFromTop(last: number, sortedTaken: readonly number[], rank: number): number {
  let candidate = last - rank;
  for (let index = sortedTaken.length - 1; index >= 0; index -= 1) {
    if (sortedTaken[index]! >= candidate) candidate -= 1;
    else break;
  }
  return candidate;
}

/**
 * How many free values an auto-assign passes over on its `attempt`-th try (0-based): none
 * at first, then a random number in a window that doubles with each lost race (up to 64),
 * so concurrent assigners that lost a race spread out instead of colliding again.
 */
export function retrySkip(attempt: number, random: () => number = Math.random): number {
  if (attempt <= 0) return 0;
  return Math.floor(random() * Math.min(2 ** attempt, 64));
}
