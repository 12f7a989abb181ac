import type { Registry } from '../../model/registry.js';
import { expectationProblems, type ExpectationBody } from '../expectation-schema.js';
import { isPlainObject } from '../operators.js';
import type { TmfTranslation } from './tmf-write.js';
import { TmfWriteError, writeDescription, type Origins, type TmfWrite } from './write-context.js';

/**
 * The expectation a translated TMF write makes — a POST: a new body; a PATCH: the sections it
 * changed laid over the expectation it changes (characteristics, pools and features by name; the
 * lists and scalars replaced) — checked against the kinds like any expectation, every problem
 * named by the TMF field it came from.
 */

/** A name-keyed section merged name by name; a feature's characteristics merged too. */
function mergeByName(base: unknown, changes: Record<string, unknown>, deep: boolean): Record<string, unknown> {
  const merged: Record<string, unknown> = isPlainObject(base) ? { ...base } : {};
  for (const [name, value] of Object.entries(changes)) {
    const before = merged[name];
    merged[name] =
      deep && isPlainObject(before) && isPlainObject(value)
        ? {
            ...before,
            ...value,
            characteristics: { ...(before.characteristics as object), ...(value.characteristics as object) },
          }
        : value;
  }
  return merged;
}

function laidOver(base: Record<string, unknown>, sections: Record<string, unknown>): Record<string, unknown> {
  const body = { ...base };
  for (const [section, value] of Object.entries(sections)) {
    body[section] =
      (section === 'characteristics' || section === 'pools' || section === 'features') && isPlainObject(value)
        ? mergeByName(base[section], value, section === 'features')
        : value;
  }
  return body;
}

/** A problem's expectation path (`characteristics.broadband.technology`) as the TMF field it came from. */
export function relabel(problem: string, origins: Origins): string {
  const separator = problem.indexOf(': ');
  const path = separator < 0 ? '' : problem.slice(0, separator);
  const origin = [...origins.keys()]
    .filter((key) => path === key || path.startsWith(`${key}.`))
    .sort((a, b) => b.length - a.length)[0];
  if (origin === undefined) return `the expectation's ${problem}`;
  return `${origins.get(origin)}${path.slice(origin.length)}${problem.slice(separator)}`;
}

/**
 * The expectation body of a translated write: `base` is the expectation a PATCH changes (a
 * PATCH of an instance no expectation governs starts from its kind alone). Throws a
 * TmfWriteError naming every problem: what the translation could not express, and what the kinds
 * do not admit.
 */
export function expectationOfWrite(
  translation: TmfTranslation,
  write: TmfWrite,
  registry: Registry,
  base?: ExpectationBody,
): ExpectationBody {
  const start = write.current ? (base ?? { kind: write.current.snapshot.kind }) : { kind: translation.kind.name };
  const body = laidOver(start, translation.sections);
  const checked = expectationProblems(body, registry).map((problem) => relabel(problem, translation.origins));
  const problems = [...new Set([...translation.problems, ...checked])];
  if (problems.length > 0) {
    throw new TmfWriteError(problems, writeDescription(write));
  }
  return body as ExpectationBody;
}
