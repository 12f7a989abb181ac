import { describe, expect, it, test } from 'vitest';
import { z } from 'zod';
import { computeKinds } from '../../examples/compute/index.js';
import { nbnKinds } from '../../examples/nbn/index.js';
import { wholesaleKinds } from '../../examples/wholesale/index.js';
import {
  InvalidExpectationError,
  expectationProblems,
  isOwnerSelector,
  parseExpectation,
} from '../../expectations/expectation-schema.js';
import { defineInstanceKind } from '../../model/instance-kind.js';
import { definePartyKind, definePlaceKind } from '../../model/party-kind.js';
import { createRegistry } from '../../model/registry.js';

/**
 * The expectation body's validation: the envelope, then every expected value against the
 * kind's own declaration. The problem strings (field path first) are what HTTP 400/422
 * bodies and the CLI show, so they are asserted exactly.
 */

/** A service kind with what the examples lack: features, a reference-only role, a plural role with a max. */
const Router = defineInstanceKind({
  name: 'Router',
  specification: { id: '0b6f3c2e-5d1a-4e8b-9c7f-2a4d6e8f0b13', name: 'router', type: 'serviceSpecification' },
  characteristics: { tags: z.array(z.string()), ports: z.number().int().min(1) },
  features: { wifi: { enabled: true, characteristics: { channel: z.number().int().min(1).max(13) } } },
  pools: { vlans: 'vlan' },
  parties: { owner: { kind: 'Household', cardinality: 'reference' }, payer: { kind: 'Household' } },
  places: { cabinets: { kind: 'Cabinet', cardinality: 'plural', max: 2 } },
  relationships: { source: ['uplink'] },
});
const Household = definePartyKind({ name: 'Household', type: 'Entity' });
const Cabinet = definePlaceKind({ name: 'Cabinet', type: 'GeographicSite' });

const registry = createRegistry([...computeKinds, ...nbnKinds, ...wholesaleKinds, Router, Household, Cabinet]);
const problemsOf = (body: unknown) => expectationProblems(body, registry);

const knownOperators =
  'unknown operator (known: ' +
  '$anyOf, $oneOf, $allOf, $noneOf, $range, $regex, $exists, $absent, $any, $ordered, $near)';
const resourceStates = 'Invalid option: expected one of "planned"|"installed"|"pendingRemoval"';
const serviceStates =
  'Invalid option: expected one of ' +
  '"initial"|"feasibilityChecked"|"designed"|"reserved"|"inactive"|"active"|"suspended"|"cancelled"|"terminated"';
const fromForms = 'expects an instance id, {"$anyOf": [ids…]} or {"kind": …, "places": […]}';

type Case = [description: string, body: unknown, problems: string[]];

/** Bodies that differ in one place: a value inside the Cluster's object, a Router's tags or wifi, a GPU's cores… */
const clusterName = (name: unknown) => ({ kind: 'Cluster', characteristics: { cluster: { name } } });
const gpuCores = (value: unknown) => ({ kind: 'Cluster', characteristics: { cluster: { gpuCores: value } } });
const tags = (value: unknown) => ({ kind: 'Router', characteristics: { tags: value } });
const wifi = (feature: unknown) => ({ kind: 'Router', features: { wifi: feature } });
const cores = (bounds: unknown) => ({ kind: 'GPU', pools: { cores: bounds } });
const avc = (inherited: unknown) => ({ kind: 'AVC', inherited });
const assign = (...assignments: unknown[]) => ({ kind: 'Cluster', assignments });
const assignFrom = (from: unknown, pool = 'cores') => assign({ alias: 'core1', pool, from });
const melbourne = (km: number) => ({ longitude: 144.96, latitude: -37.81, km });

describe('a valid expectation', () => {
  const full = {
    kind: 'Router',
    actualId: 'router-1',
    name: { $regex: '^rt-' },
    specification: { name: 'router', major: { $range: { min: 1 } }, version: '1.0.0' },
    state: { $anyOf: ['active', 'inactive'] },
    characteristics: { tags: { $ordered: ['edge', { $regex: '^zone-' }] }, ports: { $range: { min: 4, max: 48 } } },
    features: { wifi: { isEnabled: true, characteristics: { channel: { $oneOf: [1, 6, 11] } } } },
    pools: { vlans: { first: 100, last: 199, algorithm: 'highest', assignableType: 'vlan' } },
    parties: [{ role: 'payer', id: 'house-7' }],
    places: [{ role: 'cabinets', id: 'CAB-1' }, { role: 'cabinets' }],
    relationships: [{ alias: 'uplink', type: 'connectsTo', target: 'sw-1' }],
    assignments: [{ alias: 'core1', pool: 'cores', from: { $anyOf: ['gpu-1', 'gpu-2'] }, value: 7 }],
    driftSeconds: 86_400,
    blockedRetrySeconds: 1,
  };

  test.each<[string, Record<string, unknown>]>([
    ['minimal', { kind: 'Cluster' }],
    ['full, with operators in place of values', full],
    ['with inherited facts', avc({ provider: ['AS-1'], exchange: '2BLT', svlanId: { $exists: true } })],
  ])('%s: has no problems and parses to itself', (_, body) => {
    expect(problemsOf(body)).toEqual([]);
    expect(parseExpectation(body, registry)).toEqual(body);
  });
});

describe('the envelope', () => {
  test.each<Case>([
    ['not an object', 'Cluster', ['(expectation): Invalid input: expected object, received string']],
    ['null', null, ['(expectation): Invalid input: expected object, received null']],
    ['a list', [{ kind: 'Cluster' }], ['(expectation): Invalid input: expected object, received array']],
    ['no kind', {}, ['kind: Invalid input: expected string, received undefined']],
    [
      'unknown top-level fields, named',
      { kind: 'Cluster', colour: 'red', size: 2 },
      ['(expectation): Unrecognized keys: "colour", "size"'],
    ],
    [
      'kind not an identifier',
      { kind: 'my-kind' },
      ['kind: must start with a letter and hold only letters, digits and _'],
    ],
    ['actualId with a slash', { kind: 'Cluster', actualId: 'a/b' }, ['actualId: must not contain spaces, /, ? or #']],
    ['driftSeconds 0', { kind: 'Cluster', driftSeconds: 0 }, ['driftSeconds: Too small: expected number to be >=1']],
    [
      'driftSeconds over a day',
      { kind: 'Cluster', driftSeconds: 86_401 },
      ['driftSeconds: Too big: expected number to be <=86400'],
    ],
    [
      'driftSeconds not whole',
      { kind: 'Cluster', driftSeconds: 1.5 },
      ['driftSeconds: Invalid input: expected int, received number'],
    ],
    [
      'blockedRetrySeconds 0',
      { kind: 'Cluster', blockedRetrySeconds: 0 },
      ['blockedRetrySeconds: Too small: expected number to be >=1'],
    ],
    [
      'blockedRetrySeconds over a day',
      { kind: 'Cluster', blockedRetrySeconds: 100_000 },
      ['blockedRetrySeconds: Too big: expected number to be <=86400'],
    ],
    [
      'blockedRetrySeconds a string',
      { kind: 'Cluster', blockedRetrySeconds: '5' },
      ['blockedRetrySeconds: Invalid input: expected number, received string'],
    ],
    [
      'unknown field in specification',
      { kind: 'Cluster', specification: { id: 'x' } },
      ['specification: Unrecognized key: "id"'],
    ],
    [
      'characteristic name not an identifier',
      { kind: 'Cluster', characteristics: { $x: 1 } },
      ['characteristics.$x: Invalid key in record'],
    ],
    [
      'assignment without from',
      { kind: 'Cluster', assignments: [{ alias: 'c', pool: 'cores' }] },
      ['assignments.0.from: Invalid input'],
    ],
    [
      'every envelope problem at once',
      { kind: 7, driftSeconds: 0, extra: true },
      [
        'kind: Invalid input: expected string, received number',
        'driftSeconds: Too small: expected number to be >=1',
        '(expectation): Unrecognized key: "extra"',
      ],
    ],
  ])('%s', (_, body, problems) => expect(problemsOf(body)).toEqual(problems));
});

describe('the kind', () => {
  test.each<Case>([
    ['not registered', { kind: 'Nope' }, ['kind: no instance kind named "Nope" is registered']],
    ['a party kind, not an instance kind', { kind: 'Tenant' }, ['kind: no instance kind named "Tenant" is registered']],
    [
      'not registered, with a bad operator elsewhere',
      { kind: 'Nope', name: { $like: 'x' } },
      [`name.$like: ${knownOperators}`, 'kind: no instance kind named "Nope" is registered'],
    ],
  ])('%s', (_, body, problems) => expect(problemsOf(body)).toEqual(problems));
});

describe('name and specification', () => {
  test.each<Case>([
    ['name not a string', { kind: 'Cluster', name: 5 }, ['name: Invalid input: expected string, received number']],
    ['name empty', { kind: 'Cluster', name: '' }, ['name: Too small: expected string to have >=1 characters']],
    ['name: bad operator', { kind: 'Cluster', name: { $like: 'c%' } }, [`name.$like: ${knownOperators}`]],
    [
      'specification name not camelCase',
      { kind: 'Broadband', specification: { name: 'Broadband' } },
      ['specification.name: must be camelCase (e.g. gpu, broadbandService)'],
    ],
    [
      'specification major 0',
      { kind: 'Broadband', specification: { major: 0 } },
      ['specification.major: Too small: expected number to be >=1'],
    ],
    [
      'specification major a string',
      { kind: 'Broadband', specification: { major: '2' } },
      ['specification.major: Invalid input: expected number, received string'],
    ],
    [
      'specification version not major.minor.patch',
      { kind: 'Broadband', specification: { version: '1.0' } },
      ['specification.version: must be major.minor.patch, e.g. 1.0.0'],
    ],
    [
      'specification by operators',
      { kind: 'Broadband', specification: { major: { $anyOf: [1, 2] }, version: { $regex: '^1\\.' } } },
      [],
    ],
  ])('%s', (_, body, problems) => expect(problemsOf(body)).toEqual(problems));
});

describe("state, from the kind's lifecycle", () => {
  test.each<Case>([
    ['resource state on a resource', { kind: 'Cluster', state: 'installed' }, []],
    ['service state on a service', { kind: 'Broadband', state: 'active' }, []],
    ['service state on a resource', { kind: 'Cluster', state: 'active' }, [`state: ${resourceStates}`]],
    ['resource state on a service', { kind: 'Broadband', state: 'installed' }, [`state: ${serviceStates}`]],
    ['not a string', { kind: 'Cluster', state: 3 }, [`state: ${resourceStates}`]],
    ['$anyOf of valid states', { kind: 'Broadband', state: { $anyOf: ['active', 'suspended'] } }, []],
    [
      '$anyOf with a bad member',
      { kind: 'Broadband', state: { $anyOf: ['active', 'planned'] } },
      [`state.$anyOf.1: ${serviceStates}`],
    ],
    [
      '$noneOf with a bad member',
      { kind: 'Cluster', state: { $noneOf: ['gone'] } },
      [`state.$noneOf.0: ${resourceStates}`],
    ],
    ['$anyOf of nothing', { kind: 'Cluster', state: { $anyOf: [] } }, ['state.$anyOf: expects a non-empty list']],
    [
      '$ordered of a value that is not a list',
      { kind: 'Cluster', state: { $ordered: ['planned'] } },
      ['state.$ordered: the value is not a list'],
    ],
  ])('%s', (_, body, problems) => expect(problemsOf(body)).toEqual(problems));
});

describe("characteristics, checked by the kind's own schemas", () => {
  test.each<Case>([
    [
      'undeclared: lists the declared ones',
      { kind: 'Cluster', characteristics: { cores: 4 } },
      ['characteristics.cores: Cluster declares no such characteristic (declared: cluster)'],
    ],
    [
      'undeclared on a kind with none',
      { kind: 'UNI', characteristics: { speed: 1 } },
      ['characteristics.speed: UNI declares no such characteristic (declared: none)'],
    ],
    [
      'wrong type for the whole value',
      { kind: 'Cluster', characteristics: { cluster: 5 } },
      ['characteristics.cluster: Invalid input: expected object, received number'],
    ],
    [
      'a field failing its schema, by field path',
      gpuCores(-1),
      ['characteristics.cluster.gpuCores: Too small: expected number to be >=0'],
    ],
    [
      'a field that is not in the value',
      { kind: 'Cluster', characteristics: { cluster: { cores: 1 } } },
      ['characteristics.cluster.cores: not a field of this value (fields: name, gpuCores, npuCores)'],
    ],
    [
      'a scalar characteristic',
      { kind: 'NNI', characteristics: { capacityGbps: 0 } },
      ['characteristics.capacityGbps: Too small: expected number to be >0'],
    ],
    [
      'an enum characteristic',
      { kind: 'AVC', characteristics: { speedTier: '10/1' } },
      ['characteristics.speedTier: Invalid option: expected one of "25/5"|"50/20"|"100/40"|"1000/50"'],
    ],
    [
      'a list element, by index',
      tags(['a', 2]),
      ['characteristics.tags.1: Invalid input: expected string, received number'],
    ],
    ['a partial value: required fields may be left out', gpuCores(4), []],
  ])('%s', (_, body, problems) => expect(problemsOf(body)).toEqual(problems));

  test.each<[string, unknown]>([
    ['$range with both bounds', { $range: { min: 1, max: 8 } }],
    ['$range with one bound', { $range: { max: 8 } }],
    ['$anyOf', { $anyOf: [0, 4, 8] }],
    ['$oneOf', { $oneOf: [4, { $range: { min: 6 } }] }],
    ['$allOf', { $allOf: [{ $range: { min: 1 } }, { $noneOf: [3] }] }],
    ['$exists', { $exists: true }],
    ['$absent', { $absent: true }],
    ['$any', { $any: 'integer' }],
  ])('operator in place of a value, valid: %s', (_, value) => expect(problemsOf(gpuCores(value))).toEqual([]));

  test.each<[string, unknown]>([
    ['$regex', { $regex: '^c[0-9]+$' }],
    ['$regex with groups that cannot backtrack', { $regex: '^(?:ab)+-(x{2})+(?<site>[a-z]+)?$' }],
    ['$any', { $any: 'string' }],
    ['$noneOf', { $noneOf: ['a', 'b'] }],
  ])('operator on a string field, valid: %s', (_, value) => expect(problemsOf(clusterName(value))).toEqual([]));

  const at = 'characteristics.cluster.gpuCores';
  test.each<[string, unknown, string[]]>([
    ['unknown operator', { $between: [1, 2] }, [`${at}.$between: ${knownOperators}`]],
    ['$range not an object', { $range: 3 }, [`${at}.$range: expects {"min": number, "max": number}`]],
    ['$range with no bound', { $range: {} }, [`${at}.$range: give min, max or both`]],
    ['$range with min over max', { $range: { min: 5, max: 1 } }, [`${at}.$range: min 5 is greater than max 1`]],
    [
      '$range with a string bound and an extra key',
      { $range: { min: 'a', step: 1 } },
      [`${at}.$range.step: only min and max are allowed`, `${at}.$range.min: must be a number`],
    ],
    ['$regex not a string', { $regex: 5 }, [`${at}.$regex: expects a pattern string`]],
    [
      '$regex not a valid pattern',
      { $regex: '(' },
      [`${at}.$regex: not a valid pattern (Invalid regular expression: /(/u: Unterminated group)`],
    ],
    [
      '$regex that backtracks exponentially (a nested quantifier)',
      { $regex: '^(a+)+$' },
      [
        `${at}.$regex: a repeated group holds a quantifier or an alternative (at 5: ^(a+)+), which can take exponential time; use a character class, or repeat the inner part alone`,
      ],
    ],
    [
      '$regex that backtracks exponentially (a repeated alternative)',
      { $regex: '^(?:a|aa)*b' },
      [
        `${at}.$regex: a repeated group holds a quantifier or an alternative (at 9: ^(?:a|aa)*), which can take exponential time; use a character class, or repeat the inner part alone`,
      ],
    ],
    [
      '$regex with a backreference',
      { $regex: '(x)\\1' },
      [`${at}.$regex: a backreference (at 3: \\1) can take exponential time`],
    ],
    ['$exists not true', { $exists: false }, [`${at}.$exists: expects true`]],
    ['$absent not true', { $absent: 1 }, [`${at}.$absent: expects true`]],
    [
      '$any of an unknown type',
      { $any: 'date' },
      [`${at}.$any: expects one of string, number, integer, boolean, object, array`],
    ],
    ['$anyOf of nothing', { $anyOf: [] }, [`${at}.$anyOf: expects a non-empty list`]],
    ['$oneOf not a list', { $oneOf: 4 }, [`${at}.$oneOf: expects a non-empty list`]],
    [
      '$anyOf with a member failing the schema',
      { $anyOf: [4, -1] },
      [`${at}.$anyOf.1: Too small: expected number to be >=0`],
    ],
    [
      '$allOf with a bad nested operator',
      { $allOf: [{ $range: { min: 1 } }, { $nope: 1 }] },
      [`${at}.$allOf.1.$nope: ${knownOperators}`],
    ],
    [
      'an operator with other keys',
      { $exists: true, x: 1 },
      [
        `${at}: an operator ($exists) must be the only key of its object`,
        `${at}: Invalid input: expected number, received object`,
      ],
    ],
    ['$ordered on a value that is not a list', { $ordered: [1] }, [`${at}.$ordered: the value is not a list`]],
  ])('operator in place of a value, invalid: %s', (_, value, problems) => {
    expect(problemsOf(gpuCores(value))).toEqual(problems);
  });

  test.each<Case>([
    ['$ordered on a list, valid', tags({ $ordered: ['a', { $regex: '^b' }] }), []],
    [
      '$ordered on a list, with an element failing the schema',
      tags({ $ordered: ['a', 1] }),
      ['characteristics.tags.$ordered.1: Invalid input: expected string, received number'],
    ],
    ['$ordered not a list', tags({ $ordered: 'a' }), ['characteristics.tags.$ordered: expects a list']],
  ])('%s', (_, body, problems) => expect(problemsOf(body)).toEqual(problems));
});

describe('features', () => {
  test.each<Case>([
    [
      'undeclared feature',
      { kind: 'Router', features: { bluetooth: { isEnabled: true } } },
      ['features.bluetooth: Router declares no such feature'],
    ],
    [
      'on a kind with none',
      { kind: 'Cluster', features: { wifi: {} } },
      ['features.wifi: Cluster declares no such feature'],
    ],
    [
      'isEnabled not a boolean',
      wifi({ isEnabled: 'yes' }),
      ['features.wifi.isEnabled: Invalid input: expected boolean, received string'],
    ],
    ['isEnabled by operator', wifi({ isEnabled: { $anyOf: [true, false] } }), []],
    [
      'undeclared feature characteristic',
      wifi({ characteristics: { band: 5 } }),
      ['features.wifi.characteristics.band: no such feature characteristic'],
    ],
    [
      'feature characteristic failing its schema',
      wifi({ characteristics: { channel: 14 } }),
      ['features.wifi.characteristics.channel: Too big: expected number to be <=13'],
    ],
    [
      'feature characteristic with a bad operator',
      wifi({ characteristics: { channel: { $range: [] } } }),
      ['features.wifi.characteristics.channel.$range: expects {"min": number, "max": number}'],
    ],
    ['unknown field of a feature', wifi({ enabled: true }), ['features.wifi: Unrecognized key: "enabled"']],
  ])('%s', (_, body, problems) => expect(problemsOf(body)).toEqual(problems));
});

describe('pools', () => {
  test.each<Case>([
    [
      'undeclared pool: lists the declared ones',
      { kind: 'GPU', pools: { threads: { first: 1 } } },
      ['pools.threads: GPU declares no such pool (pools: cores)'],
    ],
    [
      'on a kind with none',
      { kind: 'Cluster', pools: { cores: {} } },
      ['pools.cores: Cluster declares no such pool (pools: none)'],
    ],
    ['first over last', cores({ first: 9, last: 1 }), ['pools.cores.first: first must be ≤ last']],
    [
      'bounds not whole numbers',
      cores({ first: 1.5, last: '9' }),
      [
        'pools.cores.first: Invalid input: expected int, received number',
        'pools.cores.last: Invalid input: expected number, received string',
      ],
    ],
    [
      'unknown algorithm',
      cores({ algorithm: 'best' }),
      ['pools.cores.algorithm: Invalid option: expected one of "lowest"|"highest"|"random"'],
    ],
    [
      'assignableType empty, as the pool itself refuses',
      cores({ assignableType: '' }),
      ['pools.cores.assignableType: Too small: expected string to have >=1 characters'],
    ],
    ['bounds by operator', cores({ first: { $range: { min: 1 } }, algorithm: { $anyOf: ['lowest'] } }), []],
    [
      'a bound with a bad operator',
      cores({ last: { $range: { min: 2, max: 1 } } }),
      ['pools.cores.last.$range: min 2 is greater than max 1'],
    ],
    ['unknown field of a pool', cores({ size: 3 }), ['pools.cores: Unrecognized key: "size"']],
  ])('%s', (_, body, problems) => expect(problemsOf(body)).toEqual(problems));
});

describe('parties and places', () => {
  test.each<Case>([
    [
      'role not declared: lists the declared ones',
      { kind: 'Cluster', parties: [{ role: 'owner', id: 'acme' }] },
      ['parties.0.role: Cluster declares no role "owner" (declared: operator, manager)'],
    ],
    [
      'place role not declared',
      { kind: 'UNI', places: [{ role: 'site' }, { role: 'room', id: 'r1' }] },
      ['places.1.role: UNI declares no role "room" (declared: site)'],
    ],
    [
      'role on a kind with none',
      { kind: 'UNI', parties: [{ role: 'provider', id: 'x' }] },
      ['parties.0.role: UNI declares no role "provider" (declared: none)'],
    ],
    [
      'a reference-only role',
      { kind: 'Router', parties: [{ role: 'owner', id: 'house-1' }] },
      ['parties.0.role: "owner" is reference-only and cannot be expected as a direct edge'],
    ],
    [
      'a single role expected twice',
      {
        kind: 'Cluster',
        parties: [
          { role: 'operator', id: 'a' },
          { role: 'operator', id: 'b' },
        ],
      },
      ['parties: role "operator" holds at most one, got 2'],
    ],
    [
      'a plural role over its max',
      { kind: 'Router', places: [1, 2, 3].map((n) => ({ role: 'cabinets', id: `CAB-${n}` })) },
      ['places: role "cabinets" holds at most 2, got 3'],
    ],
    [
      'a plural role at its max',
      { kind: 'Router', places: [{ role: 'cabinets', id: 'CAB-1' }, { role: 'cabinets' }] },
      [],
    ],
    [
      'id with a space',
      { kind: 'Cluster', places: [{ role: 'dataCentre', id: 'NXT M2' }] },
      ['places.0.id: must not contain spaces, /, ? or #'],
    ],
    [
      'role not an identifier',
      { kind: 'Cluster', places: [{ role: 'data centre' }] },
      ['places.0.role: must start with a letter and hold only letters, digits and _'],
    ],
    [
      'unknown field of a role',
      { kind: 'Cluster', parties: [{ role: 'operator', kind: 'Tenant' }] },
      ['parties.0: Unrecognized key: "kind"'],
    ],
  ])('%s', (_, body, problems) => expect(problemsOf(body)).toEqual(problems));
});

describe('relationships', () => {
  const relate = (kind: string, ...relationships: unknown[]) => ({ kind, relationships });
  test.each<Case>([
    ['the source may relate by any alias', relate('Cluster', { alias: 'any', type: 'connectsTo', target: 'x' }), []],
    ['an alias in the permitted list', relate('Router', { alias: 'uplink', type: 'connectsTo', target: 'sw-1' }), []],
    [
      'not permitted at all',
      relate('GPU', { alias: 'uplink', type: 'connectsTo', target: 'x' }),
      ['relationships.0.alias: GPU may not be the source of a relationship with alias "uplink"'],
    ],
    [
      'an alias outside the permitted list',
      relate('Router', { alias: 'downlink', type: 'connectsTo', target: 'x' }),
      ['relationships.0.alias: Router may not be the source of a relationship with alias "downlink"'],
    ],
    [
      'target only, not source',
      relate('CVC', { alias: 'carries', type: 'carries', target: 'nni-1' }),
      ['relationships.0.alias: CVC may not be the source of a relationship with alias "carries"'],
    ],
    [
      'the same alias twice',
      relate('Cluster', { alias: 'up', type: 't', target: 'a' }, { alias: 'up', type: 't', target: 'b' }),
      ['relationships.1.alias: "up" is expected twice'],
    ],
    [
      'a bad target id',
      relate('Cluster', { alias: 'up', type: 'connectsTo', target: 'sw/1' }),
      ['relationships.0.target: must not contain spaces, /, ? or #'],
    ],
    [
      'an empty target id',
      relate('Cluster', { alias: 'up', type: 'connectsTo', target: '' }),
      [
        'relationships.0.target: Too small: expected string to have >=1 characters',
        'relationships.0.target: must not contain spaces, /, ? or #',
      ],
    ],
    [
      'a type that is not an identifier',
      relate('Cluster', { alias: 'up', type: 'connects-to', target: 'a' }),
      ['relationships.0.type: must start with a letter and hold only letters, digits and _'],
    ],
    [
      'no alias',
      relate('Cluster', { type: 'connectsTo', target: 'a' }),
      ['relationships.0.alias: Invalid input: expected string, received undefined'],
    ],
  ])('%s', (_, body, problems) => expect(problemsOf(body)).toEqual(problems));
});

describe('assignments', () => {
  test.each<Case>([
    ['from an instance id', assignFrom('gpu-1'), []],
    ['from any of some ids', assignFrom({ $anyOf: ['gpu-1', 'gpu-2'] }), []],
    ['from an owner selector', assignFrom({ kind: 'GPU', places: [{ role: 'dataCentre', id: 'NXTM2' }] }), []],
    ['from an owner selector without places', assignFrom({ kind: 'GPU' }), []],
    ['from a number', assignFrom(5), [`assignments.0.from: ${fromForms}`]],
    ['from a bad id', assignFrom('gpu 1'), [`assignments.0.from: ${fromForms}`]],
    ['from $anyOf with a non-id', assignFrom({ $anyOf: ['gpu-1', 3] }), [`assignments.0.from: ${fromForms}`]],
    ['from another operator', assignFrom({ $oneOf: ['gpu-1'] }), [`assignments.0.from: ${fromForms}`]],
    ['from $anyOf of nothing', assignFrom({ $anyOf: [] }), ['assignments.0.from.$anyOf: expects a non-empty list']],
    [
      'from $anyOf that is not a list',
      assignFrom({ $anyOf: 'gpu-1' }),
      ['assignments.0.from.$anyOf: expects a non-empty list'],
    ],
    ['from $anyOf of null', assignFrom({ $anyOf: null }), ['assignments.0.from.$anyOf: expects a non-empty list']],
    [
      'from an unknown owner kind',
      assignFrom({ kind: 'Nope' }),
      ['assignments.0.from.kind: no instance kind named "Nope" is registered'],
    ],
    [
      'from a party kind',
      assignFrom({ kind: 'Tenant' }),
      ['assignments.0.from.kind: no instance kind named "Tenant" is registered'],
    ],
    [
      'from an owner kind without the pool',
      assignFrom({ kind: 'GPU' }, 'threads'),
      ['assignments.0.from.kind: GPU has no pool "threads" (pools: cores)'],
    ],
    [
      'from an owner kind with no pools',
      assignFrom({ kind: 'Cluster' }),
      ['assignments.0.from.kind: Cluster has no pool "cores" (pools: none)'],
    ],
    [
      'from an owner at a place role it lacks',
      assignFrom({ kind: 'GPU', places: [{ role: 'room', id: 'r1' }] }),
      ['assignments.0.from.places.0.role: GPU declares no place role "room"'],
    ],
    [
      'from a malformed owner selector',
      assignFrom({ kind: 'GPU', near: 'x', places: [{ role: 'dataCentre' }] }),
      [
        'assignments.0.from.places.0.id: give the place\'s id, or location {"$near": {"longitude", "latitude", "km"}}: one of them',
        'assignments.0.from: Unrecognized key: "near"',
      ],
    ],
    [
      'from an owner at a place near a point',
      assignFrom({ kind: 'GPU', places: [{ role: 'dataCentre', location: { $near: melbourne(20) } }] }),
      [],
    ],
    [
      'from an owner near a point with no distance',
      assignFrom({ kind: 'GPU', places: [{ role: 'dataCentre', location: { $near: melbourne(0) } }] }),
      ['assignments.0.from.places.0.location.$near.km: Too small: expected number to be >0'],
    ],
    [
      'from an owner near a point off the earth',
      assignFrom({
        kind: 'GPU',
        places: [{ role: 'dataCentre', location: { $near: { longitude: 181, latitude: -37.81, km: 5 } } }],
      }),
      ['assignments.0.from.places.0.location.$near.longitude: Too big: expected number to be <=180'],
    ],
    [
      'from an owner near a point, missing the km',
      assignFrom({
        kind: 'GPU',
        places: [{ role: 'dataCentre', location: { $near: { longitude: 144.96, latitude: -37.81 } } }],
      }),
      ['assignments.0.from.places.0.location.$near.km: Invalid input: expected number, received undefined'],
    ],
    [
      'from an owner at a place given both by id and near a point',
      assignFrom({ kind: 'GPU', places: [{ role: 'dataCentre', id: 'NXTM2', location: { $near: melbourne(5) } }] }),
      [
        'assignments.0.from.places.0.id: give the place\'s id, or location {"$near": {"longitude", "latitude", "km"}}: one of them',
      ],
    ],
    [
      'from an owner at a location that is no $near',
      assignFrom({ kind: 'GPU', places: [{ role: 'dataCentre', location: { longitude: 144.96, latitude: -37.81 } }] }),
      [
        'assignments.0.from.places.0.location.$near: Invalid input: expected object, received undefined',
        'assignments.0.from.places.0.location: Unrecognized keys: "longitude", "latitude"',
      ],
    ],
    [
      'from an owner kind that is not an identifier',
      assignFrom({ kind: 'G P U' }),
      ['assignments.0.from.kind: must start with a letter and hold only letters, digits and _'],
    ],
    [
      'a value that is not whole',
      assign({ alias: 'c', pool: 'cores', from: 'g', value: 1.5 }),
      ['assignments.0.value: Invalid input: expected int, received number'],
    ],
    ['a value by operator', assign({ alias: 'c', pool: 'cores', from: 'g', value: { $range: { min: 1 } } }), []],
    [
      'the same alias twice',
      assign({ alias: 'c', pool: 'cores', from: 'g1' }, { alias: 'c', pool: 'cores', from: 'g2' }),
      ['assignments.1.alias: "c" is expected twice'],
    ],
    [
      'a pool that is not an identifier',
      assignFrom('gpu-1', 'co res'),
      ['assignments.0.pool: must start with a letter and hold only letters, digits and _'],
    ],
  ])('%s', (_, body, problems) => expect(problemsOf(body)).toEqual(problems));

  test.each<[unknown, boolean]>([
    [{ kind: 'GPU' }, true],
    [{ kind: 'GPU', places: [{ role: 'dataCentre', id: 'NXTM2' }] }, true],
    [{ kind: 'GPU', places: [{ role: 'dataCentre', location: { $near: melbourne(20) } }] }, true],
    ['gpu-1', false],
    [{ $anyOf: ['gpu-1'] }, false],
    [{ kind: 5 }, false],
    [null, false],
    [[{ kind: 'GPU' }], false],
  ])('isOwnerSelector(%j) is %s', (from, selector) => expect(isOwnerSelector(from as never)).toBe(selector));
});

describe('inherited facts, by the names the kind declares', () => {
  test.each<Case>([
    [
      'a name the kind does not declare: lists those it does',
      avc({ site: 'LOC1' }),
      [
        'inherited.site: AVC declares no inherited fact named "site" (inherited: ' +
          'installationSite, exchange, provider, cvcBandwidthMbps, svlanId, uniPort, cvcName)',
      ],
    ],
    [
      'on a kind that inherits nothing',
      { kind: 'Cluster', inherited: { exchange: '2BLT' } },
      ['inherited.exchange: Cluster declares no inherited fact named "exchange" (inherited: none)'],
    ],
    [
      'a collapsed place given as a list',
      avc({ installationSite: ['LOC1'] }),
      ['inherited.installationSite: Invalid input: expected string, received array'],
    ],
    [
      'a listed party given as one id',
      avc({ provider: 'AS-1' }),
      ['inherited.provider: Invalid input: expected array, received string'],
    ],
    ['a place id with a space', avc({ exchange: '2 BLT' }), ['inherited.exchange: must not contain spaces, /, ? or #']],
    [
      'operators with a bad member',
      avc({ provider: { $anyOf: [['AS-1'], 'AS-2'] } }),
      ['inherited.provider.$anyOf.1: Invalid input: expected array, received string'],
    ],
    ['a collapsed field read by operator', avc({ cvcBandwidthMbps: { $range: { min: 100 } } }), []],
  ])('%s', (_, body, problems) => expect(problemsOf(body)).toEqual(problems));
});

describe('several problems at once', () => {
  it('reports each once, in the order of the fields, a bad operator not twice', () => {
    expect(
      problemsOf({
        kind: 'Cluster',
        state: 'active',
        characteristics: { cluster: { gpuCores: { $range: { min: 5, max: 1 } } }, cores: 2 },
        places: [{ role: 'room', id: 'r1' }],
        assignments: [{ alias: 'c', pool: 'cores', from: 5 }],
      }),
    ).toEqual([
      'characteristics.cluster.gpuCores.$range: min 5 is greater than max 1',
      `state: ${resourceStates}`,
      'characteristics.cores: Cluster declares no such characteristic (declared: cluster)',
      'places.0.role: Cluster declares no role "room" (declared: dataCentre)',
      `assignments.0.from: ${fromForms}`,
    ]);
  });
});

describe('parseExpectation', () => {
  it('returns the parsed body when it has no problems', () => {
    const body = { ...cores({ first: 1, last: 680 }), characteristics: { gpu: { family: 'nvidia' } } };
    expect(parseExpectation(body, registry)).toEqual(body);
  });

  test.each<[string, unknown, string[]]>([
    ['an envelope problem', { kind: 'Cluster', colour: 'red' }, ['(expectation): Unrecognized key: "colour"']],
    [
      'problems against the kind',
      { kind: 'Cluster', state: 'active', characteristics: { cores: 2 } },
      [
        `state: ${resourceStates}`,
        'characteristics.cores: Cluster declares no such characteristic (declared: cluster)',
      ],
    ],
  ])('throws an InvalidExpectationError listing every problem: %s', (_, body, problems) => {
    let thrown: unknown;
    try {
      parseExpectation(body, registry);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidExpectationError);
    const message = `invalid expectation: ${problems.join('; ')}`;
    expect(thrown).toMatchObject({
      name: 'InvalidExpectationError',
      problems,
      message,
      code: 'invalidInput',
      status: 422,
    });
    expect(expectationProblems(body, registry)).toEqual(problems);
  });
});

describe('exists', () => {
  it('admits exists: false with only kind, actualId and name (and the reconciler settings)', () => {
    const body = {
      kind: 'Cluster',
      actualId: 'c-1',
      name: 'old cluster',
      exists: false,
      driftSeconds: 60,
      blockedRetrySeconds: 5,
    };
    expect(problemsOf(body)).toEqual([]);
    expect(parseExpectation(body, registry)).toEqual(body);
    expect(problemsOf({ kind: 'Cluster', exists: true, state: 'installed' })).toEqual([]);
  });

  it('refuses every other section beside exists: false, naming the field', () => {
    const body = {
      kind: 'Cluster',
      exists: false,
      state: 'installed',
      characteristics: { cluster: { gpuCores: 2 } },
      relationships: [{ alias: 'uplink', type: 'uses', target: 'sw-1' }],
    };
    const why =
      'an expectation with exists: false says the instance must not exist, so it carries only kind, actualId and name';
    expect(problemsOf(body)).toEqual([
      `state: ${why}; remove state`,
      `characteristics: ${why}; remove characteristics`,
      `relationships: ${why}; remove relationships`,
    ]);
    expect(() => parseExpectation({ kind: 'Cluster', exists: false, inherited: {} }, registry)).toThrow(
      expect.objectContaining({ code: 'invalidInput', fields: ['inherited'] }),
    );
  });

  it('takes only a boolean', () => {
    expect(problemsOf({ kind: 'Cluster', exists: 'no' })).toEqual([
      'exists: Invalid input: expected boolean, received string',
    ]);
  });
});
