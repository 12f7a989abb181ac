import { describe, expect, it } from 'vitest';
import { defineInstanceKind } from '../../model/instance-kind.js';
import { defineInputSchema } from '../../model/instance-input.js';
import { inputLimits, jsonBytes, jsonLimitProblems } from '../../model/input-limits.js';
import { createRegistry, KindRegistrationError } from '../../model/registry.js';

/** A value nested `depth` levels of lists deep, built without recursion. */
const nestedLists = (depth: number): unknown => JSON.parse(`${'['.repeat(depth)}1${']'.repeat(depth)}`);

describe('the input limits', () => {
  it('refuse nesting deeper than the limit, naming where, even thousands deep (no stack overflow)', () => {
    expect(jsonLimitProblems({ a: nestedLists(inputLimits.maxNestingDepth - 1) })).toEqual([]);
    const deepPath = ['a', ...Array<string>(inputLimits.maxNestingDepth - 1).fill('0')].join('.');
    expect(jsonLimitProblems({ a: nestedLists(inputLimits.maxNestingDepth) })).toEqual([
      `${deepPath}: nested deeper than ${inputLimits.maxNestingDepth} levels of objects and lists`,
    ]);
    expect(jsonLimitProblems({ characteristics: { free: nestedLists(200_000) } }, '(expectation)')[0]).toMatch(
      /^characteristics\.free\.0\.0\..*: nested deeper than 32 levels/,
    );
  });

  it('refuse a string, a key or a list over its limit, naming the field', () => {
    const long = 'x'.repeat(inputLimits.maxStringLength + 1);
    expect(jsonLimitProblems({ name: long })).toEqual([`name: longer than 10000 characters (10001)`]);
    expect(jsonLimitProblems({ [long]: 1 })).toEqual([`(body): a key longer than 10000 characters`]);
    expect(jsonLimitProblems({ tags: Array<number>(1001).fill(1) })).toEqual([`tags: more than 1000 items (1001)`]);
    expect(jsonLimitProblems({ tags: Array<number>(1000).fill(1), name: 'x'.repeat(10_000) })).toEqual([]);
  });

  it('measure JSON in UTF-8 bytes', () => {
    expect(jsonBytes({ a: 'é' })).toBe(10);
  });
});

describe('pool limits a kind declares', () => {
  const Switch = defineInstanceKind({
    name: 'LimitedSwitch',
    specification: { id: '3f0c1a2b-4d5e-4f60-8a7b-9c0d1e2f3a4b', name: 'limitedSwitch', type: 'resourceSpecification' },
    pools: { vlans: { thing: 'vlan', min: 1, max: 4094 }, ports: 'port' },
  });
  const kind = createRegistry([Switch]).instanceKind('LimitedSwitch');

  it('registers the thing and the limits; the string form has none', () => {
    expect(kind.pools).toEqual({ vlans: 'vlan', ports: 'port' });
    expect(kind.poolLimits).toEqual({ vlans: { min: 1, max: 4094 }, ports: {} });
  });

  it('refuses a declaration whose min is above its max, or whose thing is no identifier', () => {
    const bad = defineInstanceKind({
      name: 'BadSwitch',
      specification: { id: '4a0c1a2b-4d5e-4f60-8a7b-9c0d1e2f3a4b', name: 'badSwitch', type: 'resourceSpecification' },
      pools: { vlans: { thing: 'vlan', min: 10, max: 1 }, ports: { thing: 'a port' } },
    });
    const error = (() => {
      try {
        createRegistry([bad]);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(KindRegistrationError);
    expect((error as KindRegistrationError).problems.join('\n')).toMatch(/BadSwitch\.pools/);
  });

  it('keeps the bounds a define writes within them', () => {
    const schema = defineInputSchema(kind);
    expect(schema.safeParse({ pools: { vlans: { first: 1, last: 4094 } } }).success).toBe(true);
    const refused = schema.safeParse({ pools: { vlans: { first: 0, last: 5000 } } });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)).toEqual([
      'pools.vlans.first: 0 is outside the values this pool may hold (1..4094)',
      'pools.vlans.last: 5000 is outside the values this pool may hold (1..4094)',
    ]);
    expect(schema.safeParse({ pools: { ports: { first: -5, last: 5 } } }).success).toBe(true);
  });
});
