import { describe, expect, it } from 'vitest';
import { yamlFlowDepth } from '../../cli/yaml-flow-depth.js';

/** The CLI's count of YAML flow nesting (what it refuses before the recursive YAML parser runs). */
describe('yamlFlowDepth', () => {
  it('counts [ and { nesting', () => {
    expect(yamlFlowDepth('a: [1, {b: [2]}]\nc: {d: 1}')).toBe(3);
    expect(yamlFlowDepth('a: 1\nb: - c')).toBe(0);
  });

  it('takes an apostrophe inside a plain scalar for a letter, so the nesting after it is counted', () => {
    const deep = `${'['.repeat(100)}${']'.repeat(100)}`;
    expect(yamlFlowDepth(`name: O'Brien\nlist: ${deep}`)).toBe(100);
    expect(yamlFlowDepth(`name: O'Brien\nnote: it's\nlist: ${deep}`)).toBe(100);
    expect(yamlFlowDepth(`name: [O'Brien, {a: [1]}]`)).toBe(3);
  });

  it('skips brackets inside quoted scalars, with their escapes, and in comments', () => {
    expect(yamlFlowDepth(`a: "it's [[[ \\" {{{"\nb: [1]`)).toBe(1);
    expect(yamlFlowDepth(`a: 'don''t [[[ {{{'\nb: [1]`)).toBe(1);
    expect(yamlFlowDepth(`- ['x[', "y{", 'O''Brien']`)).toBe(1);
    expect(yamlFlowDepth(`a: 1 # don't [[[\nb: [[2]]`)).toBe(2);
    expect(yamlFlowDepth(`# {{{ it's\n[1]`)).toBe(1);
    expect(yamlFlowDepth(`a: x#y[1]`)).toBe(1); // a # inside a plain scalar starts no comment
  });
});
