import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { operatorProblems, isPlainObject, type Json } from '../../expectations/operators.js';
import { outstanding, outstandingCount } from '../../expectations/outstanding.js';

describe('outstanding: plain values', () => {
  it('null or absent expectations are met; extra actual data is fine', () => {
    expect(outstanding(null, 5)).toBeNull();
    expect(outstanding(undefined, { a: 1 })).toBeNull();
    expect(outstanding({ a: 1 }, { a: 1, b: 2 })).toBeNull();
  });

  it('scalars are equal or outstanding; numbers compare numerically', () => {
    expect(outstanding('active', 'active')).toBeNull();
    expect(outstanding('active', 'inactive')).toBe('active');
    expect(outstanding(4, 4.0)).toBeNull();
    expect(outstanding(4, '4')).toBe(4);
    expect(outstanding(true, undefined)).toBe(true);
  });

  it('objects keep only unmet keys, deeply', () => {
    expect(
      outstanding(
        { name: 'c1', cluster: { gpuCores: 4, npuCores: 0 } },
        { name: 'c1', cluster: { gpuCores: 3, npuCores: 0 } },
      ),
    ).toEqual({ cluster: { gpuCores: 4 } });
    expect(outstanding({ cluster: { gpuCores: 4 } }, undefined)).toEqual({ cluster: { gpuCores: 4 } });
  });

  it('lists of things with identity match by key, not by position', () => {
    const expected: Json = [{ role: 'operator', id: 'acme' }, { role: 'manager' }];
    expect(
      outstanding(expected, [
        { role: 'manager', id: 'alice' },
        { role: 'operator', id: 'acme' },
      ]),
    ).toBeNull();
    expect(outstanding(expected, [{ role: 'operator', id: 'beta' }])).toEqual([
      { role: 'operator', id: 'acme' },
      { role: 'manager' },
    ]);
    expect(
      outstanding(
        [{ alias: 'core1', pool: 'cores', from: 'gpu1' }],
        [{ alias: 'core1', pool: 'cores', from: 'gpu2', value: 7 }],
      ),
    ).toEqual([{ alias: 'core1', from: 'gpu1' }]);
    expect(outstanding([{ name: 'voice', isEnabled: true }], [{ name: 'voice', isEnabled: false }])).toEqual([
      { name: 'voice', isEnabled: true },
    ]);
    // two actual elements with one key (two parties in a role): any of them meets it (found by the x = x property)
    const twoInARole: Json = [{ role: 'b' }, { name: 'a', role: 'b' }];
    expect(outstanding(twoInARole, twoInARole)).toBeNull();
    expect(outstanding([{ role: 'b', name: 'c' }], twoInARole)).toEqual([{ role: 'b', name: 'c' }]);
  });

  it('plain value lists compare as sets unless ordered', () => {
    expect(outstanding([1, 2], [2, 3, 1])).toBeNull();
    expect(outstanding([1, 2, 5], [2, 3, 1])).toEqual([5]);
    expect(outstanding({ $ordered: [1, 2] }, [2, 1])).toEqual({ $ordered: [1, 2] });
    expect(outstanding({ $ordered: [1, 2] }, [1, 2, 3])).toBeNull();
  });
});

describe('outstanding: operators', () => {
  const cases: Array<[string, Json, unknown, boolean]> = [
    ['anyOf met', { $anyOf: ['fttp', 'fttc'] }, 'fttc', true],
    ['anyOf unmet', { $anyOf: ['fttp', 'fttc'] }, 'fttb', false],
    ['oneOf exactly one', { $oneOf: [{ $range: { min: 1 } }, { $range: { max: 0 } }] }, 5, true],
    ['oneOf two match', { $oneOf: [{ $range: { min: 1 } }, { $range: { max: 9 } }] }, 5, false],
    ['allOf', { $allOf: [{ $range: { min: 1 } }, { $regex: '.' }] }, 5, false],
    ['noneOf met', { $noneOf: ['fttb'] }, 'fttp', true],
    ['noneOf unmet', { $noneOf: ['fttb'] }, 'fttb', false],
    ['range inclusive', { $range: { min: 1, max: 680 } }, 680, true],
    ['range below', { $range: { min: 1, max: 680 } }, 0, false],
    ['range not a number', { $range: { min: 1 } }, '5', false],
    ['regex', { $regex: '^NXT' }, 'NXTM2', true],
    ['regex unmet', { $regex: '^NXT' }, 'SYD1', false],
    ['exists', { $exists: true }, 0, true],
    ['exists unmet', { $exists: true }, null, false],
    ['absent', { $absent: true }, undefined, true],
    ['absent unmet', { $absent: true }, 'x', false],
    ['any integer', { $any: 'integer' }, 3, true],
    ['any integer unmet', { $any: 'integer' }, 3.5, false],
    ['any object', { $any: 'object' }, [], false],
    // Melbourne to Geelong: about 64 km
    ['near', { $near: { longitude: 144.96, latitude: -37.81, km: 70 } }, { longitude: 144.36, latitude: -38.15 }, true],
    [
      'near unmet',
      { $near: { longitude: 144.96, latitude: -37.81, km: 60 } },
      { longitude: 144.36, latitude: -38.15 },
      false,
    ],
    ['near, no point', { $near: { longitude: 144.96, latitude: -37.81, km: 60 } }, 'Melbourne', false],
    ['near, no location', { $near: { longitude: 144.96, latitude: -37.81, km: 60 } }, undefined, false],
  ];
  it.each(cases)('%s', (_, expected, actual, met) => {
    expect(outstanding(expected, actual)).toEqual(met ? null : expected);
  });

  it('operators inside objects and keyed lists return the unmet operator in place', () => {
    expect(outstanding({ cluster: { gpuCores: { $range: { min: 4 } } } }, { cluster: { gpuCores: 3 } })).toEqual({
      cluster: { gpuCores: { $range: { min: 4 } } },
    });
    expect(outstanding([{ alias: 'core1', from: { $anyOf: ['g1', 'g2'] } }], [{ alias: 'core1', from: 'g3' }])).toEqual(
      [{ alias: 'core1', from: { $anyOf: ['g1', 'g2'] } }],
    );
  });

  it('a place selected near a point: any place of the role within the distance meets it', () => {
    const selector = {
      kind: 'GPU',
      places: [{ role: 'dataCentre', location: { $near: { longitude: 0, latitude: 0, km: 120 } } }],
    };
    const owner = (latitude: number) => ({
      id: 'gpu-1',
      kind: 'GPU',
      places: [{ role: 'dataCentre', id: 'dc', location: { longitude: 0, latitude } }],
    });
    expect(outstanding(selector, owner(1))).toBeNull();
    expect(outstanding(selector, owner(2))).toEqual({ places: selector.places });
    expect(operatorProblems({ location: { $near: { longitude: 0, latitude: 91, km: 1, x: 1 } } })).toEqual([
      'location.$near.latitude: Too big: expected number to be <=90',
      'location.$near: Unrecognized key: "x"',
    ]);
  });

  it('validation refuses unknown or malformed operators, naming the path', () => {
    expect(operatorProblems({ cluster: { gpuCores: { $between: [1, 2] } } })).toEqual([
      'cluster.gpuCores.$between: unknown operator (known: $anyOf, $oneOf, $allOf, $noneOf, $range, $regex, $exists, $absent, $any, $ordered, $near)',
    ]);
    expect(
      operatorProblems({
        a: { $range: { min: 5, max: 1 } },
        b: { $regex: '(' },
        c: { $anyOf: [] },
        d: { $any: 'date' },
        e: { $exists: false, x: 1 },
      }),
    ).toEqual([
      'a.$range: min 5 is greater than max 1',
      expect.stringContaining('b.$regex: not a valid pattern'),
      'c.$anyOf: expects a non-empty list',
      'd.$any: expects one of string, number, integer, boolean, object, array',
      'e: an operator ($exists) must be the only key of its object',
    ]);
    expect(operatorProblems([{ alias: 'x', from: { $anyOf: [{ $nope: 1 }] } }])).toEqual([
      expect.stringMatching(/^0\.from\.\$anyOf\.0\.\$nope: unknown operator/),
    ]);
    expect(() => outstanding({ $nope: 1 }, 1)).toThrow('unknown operator $nope');
  });

  it('counts the unmet facts, not the key fields', () => {
    expect(outstandingCount(null)).toBe(0);
    expect(outstandingCount({ cluster: { gpuCores: 4, npuCores: 2 }, state: 'active' })).toBe(3);
    expect(
      outstandingCount([
        { alias: 'core1', from: 'g1' },
        { role: 'operator', id: 'acme' },
      ]),
    ).toBe(2);
  });
});

/** JSON without operators: keys never start with `$`. */
const plainJson: fc.Arbitrary<Json> = fc.letrec<{ json: Json }>((tie) => ({
  json: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.integer({ min: -5, max: 5 }),
    fc.constantFrom('a', 'b', 'c'),
    fc.array(tie('json'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom('name', 'role', 'alias', 'id', 'x', 'y', 'value'), tie('json'), { maxKeys: 4 }),
  ),
})).json;

/** Adds data to a document: new keys in objects, new elements in lists; never changes what is there. */
function addData(value: Json, extra: Json): Json {
  if (Array.isArray(value)) return [...value.map((item) => addData(item, extra)), extra];
  if (isPlainObject(value)) {
    return {
      ...Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, addData(inner, extra)])),
      extraKey: extra,
    };
  }
  return value;
}

/** Is `part` a sub-shape of `whole`: same structure with parts left out? */
function isSubShape(part: Json | null, whole: Json | undefined): boolean {
  if (part === null) return true;
  if (Array.isArray(part))
    return Array.isArray(whole) && part.every((item) => whole.some((candidate) => isSubShape(item, candidate)));
  if (isPlainObject(part))
    return (
      isPlainObject(whole) &&
      Object.entries(part).every(([key, inner]) => key in whole && isSubShape(inner, whole[key]))
    );
  return part === whole;
}

describe('outstanding: properties', () => {
  it('outstanding(x, x) is null for any x', () => {
    fc.assert(
      fc.property(plainJson, (x) => outstanding(x, x) === null),
      { numRuns: 2000 },
    );
  });

  it('adding data to the actual never makes an expectation more outstanding', () => {
    fc.assert(
      fc.property(plainJson, plainJson, plainJson, (expected, actual, extra) => {
        const before = outstanding(expected, actual);
        const after = outstanding(expected, addData(actual, extra));
        return isSubShape(after, before ?? undefined) || after === null;
      }),
      { numRuns: 2000 },
    );
  });

  it('the result is always a sub-shape of the expectation', () => {
    fc.assert(
      fc.property(plainJson, plainJson, (expected, actual) => isSubShape(outstanding(expected, actual), expected)),
      { numRuns: 2000 },
    );
  });
});
