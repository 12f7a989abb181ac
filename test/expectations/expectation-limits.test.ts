import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { exampleKinds } from '../../examples/index.js';
import { expectationIdProblems, expectationProblems } from '../../expectations/expectation-schema.js';
import { defineInstanceKind } from '../../model/instance-kind.js';
import { inputLimits, jsonBytes } from '../../model/input-limits.js';
import { outstandingSummary } from '../../expectations/outstanding-summary.js';
import { createRegistry } from '../../model/registry.js';

/**
 * What the door refuses beyond the envelope and the kind: ids, nesting depth, sizes, names
 * over the build's limit, and pool bounds and values outside what a kind lets a pool hold
 * (issue 16). Each problem names its field.
 */
const Notebook = defineInstanceKind({
  name: 'Notebook',
  specification: { id: '6c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f', name: 'notebook', type: 'serviceSpecification' },
  characteristics: { notes: z.unknown() },
});
const registry = createRegistry([...exampleKinds, Notebook]);
const problemsOf = (body: unknown) => expectationProblems(body, registry);
const nested = (depth: number): unknown => JSON.parse(`${'['.repeat(depth)}1${']'.repeat(depth)}`);

describe('ids', () => {
  it.each([
    ['', 'id: Too small: expected string to have >=1 characters'],
    ['a b', 'id: must not contain spaces, /, ? or #'],
    ['a/b', 'id: must not contain spaces, /, ? or #'],
    ['x'.repeat(300), 'id: Too big: expected string to have <=200 characters'],
    [42, 'id: Invalid input: expected string, received number'],
  ])('refuses %j naming id', (id, problem) => {
    expect(expectationIdProblems(id)).toContain(problem);
  });
  it('takes a plain id', () => expect(expectationIdProblems('my-cluster')).toEqual([]));
});

describe('depth and sizes', () => {
  it('refuses a free field nested deeper than the limit, thousands deep too, naming the field', () => {
    expect(problemsOf({ kind: 'Notebook', characteristics: { notes: nested(20) } })).toEqual([]);
    for (const depth of [40, 5_000, 200_000]) {
      const problems = problemsOf({ kind: 'Notebook', characteristics: { notes: nested(depth) } });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^characteristics\.notes\.0\.0\.[0.]*: nested deeper than 32 levels/);
    }
  });

  it('refuses a string or a list over its limit, and a body over its size', () => {
    expect(problemsOf({ kind: 'Notebook', characteristics: { notes: 'x'.repeat(10_001) } })).toEqual([
      'characteristics.notes: longer than 10000 characters (10001)',
    ]);
    expect(problemsOf({ kind: 'Notebook', characteristics: { notes: Array<number>(1_001).fill(0) } })).toEqual([
      'characteristics.notes: more than 1000 items (1001)',
    ]);
    const big = Array.from({ length: 30 }, () => 'x'.repeat(9_000));
    expect(problemsOf({ kind: 'Notebook', characteristics: { notes: big } })).toEqual([
      `(expectation): ${JSON.stringify({ kind: 'Notebook', characteristics: { notes: big } }).length} bytes as JSON, more than the ${inputLimits.maxExpectationBytes} an expectation may hold`,
    ]);
  });
});

describe('name and specification, as the build and the kind would take them', () => {
  it('refuses a name that is no string, or longer than the build takes', () => {
    expect(problemsOf({ kind: 'Cluster', name: 5 })).toEqual(['name: Invalid input: expected string, received number']);
    expect(problemsOf({ kind: 'Cluster', name: { first: 'a' } })).toEqual([
      'name: Invalid input: expected string, received object',
    ]);
    expect(problemsOf({ kind: 'Cluster', name: 'x'.repeat(inputLimits.maxNameLength + 1) })).toEqual([
      'name: Too big: expected string to have <=500 characters',
    ]);
    expect(problemsOf({ kind: 'Cluster', name: 'x'.repeat(inputLimits.maxNameLength) })).toEqual([]);
  });
  it('refuses a specification selector of the wrong type', () => {
    expect(problemsOf({ kind: 'Cluster', specification: { major: 'two' } })).toEqual([
      'specification.major: Invalid input: expected number, received string',
    ]);
  });
});

describe('pool bounds and values, within the limits the kind declares (a VLAN is 1..4094)', () => {
  it('refuses bounds outside them', () => {
    expect(problemsOf({ kind: 'CVC', pools: { svlans: { first: -5, last: 5_000 } } })).toEqual([
      'pools.svlans.first: -5 is outside the values this pool may hold (1..4094)',
      'pools.svlans.last: 5000 is outside the values this pool may hold (1..4094)',
    ]);
    expect(problemsOf({ kind: 'CVC', pools: { svlans: { first: 1, last: 4094 } } })).toEqual([]);
    // a pool declared without limits takes any integer
    expect(problemsOf({ kind: 'GPU', pools: { cores: { first: -5, last: 5 } } })).toEqual([]);
  });

  it('refuses a value no owner could hold', () => {
    const avc = (from: unknown, value: number) => ({
      kind: 'AVC',
      assignments: [{ alias: 'svlan', pool: 'svlans', from, value }],
    });
    expect(problemsOf(avc('cvc-1', -1))).toEqual([
      'assignments.0.value: -1 is outside the values pool "svlans" may hold (1..4094)',
    ]);
    expect(problemsOf(avc({ kind: 'CVC' }, 4095))).toEqual([
      'assignments.0.value: 4095 is outside the values pool "svlans" may hold (1..4094)',
    ]);
    expect(problemsOf(avc('cvc-1', 4094))).toEqual([]);
  });
});

describe('what a workflow holds of an outstanding document', () => {
  it('is the document while small, else a summary: size, count, sections', () => {
    expect(outstandingSummary(null)).toBeNull();
    expect(outstandingSummary({ state: 'installed' })).toEqual({ state: 'installed' });
    const big = { name: 'n', characteristics: { notes: ['x'.repeat(20_000)] } };
    expect(outstandingSummary(big)).toEqual({
      truncated: true,
      bytes: jsonBytes(big),
      outstandingCount: 2,
      sections: ['name', 'characteristics'],
    });
  });
});

describe('names a client sends that every object has (constructor, toString)', () => {
  it.each([
    [{ kind: 'Cluster', characteristics: { constructor: 1 } }, 'characteristics.constructor: Cluster declares no such'],
    [{ kind: 'GPU', pools: { toString: { first: 1, last: 2 } } }, 'pools.toString: GPU declares no such pool'],
    [
      { kind: 'Cluster', characteristics: { cluster: { toString: 1 } } },
      'characteristics.cluster.toString: not a field of this value',
    ],
    [{ kind: 'Cluster', features: { constructor: { isEnabled: true } } }, 'features.constructor: Cluster declares no'],
    [{ kind: 'Cluster', parties: [{ role: 'constructor', id: 'x' }] }, 'parties.0.role: Cluster declares no role'],
    [{ kind: 'Cluster', places: [{ role: 'toString', id: 'x' }] }, 'places.0.role: Cluster declares no role'],
    [
      { kind: 'Cluster', assignments: [{ alias: 'a', pool: 'constructor', from: { kind: 'GPU' } }] },
      'assignments.0.from.kind: GPU has no pool "constructor"',
    ],
  ])('are undeclared, not inherited from Object: %j', (body, problem) => {
    expect(problemsOf(body).join('\n')).toContain(problem);
  });
});
