import fc from 'fast-check';
import { exampleKinds } from '../../examples/index.js';
import type { Route } from './http-routes.js';

/**
 * Arbitrary requests for one route: path ids (known ones, odd ones), query strings, content
 * types and bodies — raw text, any JSON, and bodies shaped like expectations, TMF items, JSON
 * Patches and merge patches with arbitrary values in every field, so the checks far inside
 * (operators, owner selectors, pools, TMF translation) are reached, not only the envelope.
 */
export interface Sample {
  method: string;
  url: string;
  /** The path id, when the route has one. */
  id?: string;
  contentType?: string;
  payload?: string;
}

const anyJson = fc.jsonValue({ maxDepth: 3 });

/** Ids as a client might send them: known ones, plain ones, and the odd ones the door must refuse. */
const oddIds = fc.constantFrom('', ' ', 'a b', 'a/b', '..', '%', '?', '#', 'x'.repeat(300), 'é', '\u0000', 'null');
/** Path segments sent as they are, not encoded: bad percent-encoding, encoded slashes and dots. */
const rawIds = ['%', '%E0%A4%A', '%00', '..%2F..%2Fexpectations', '%2e%2e', '%C0%AF', '%FF'];
const idArbitrary = (known: string[]) =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom(...rawIds) },
    { weight: 3, arbitrary: fc.constantFrom(...known) },
    { weight: 2, arbitrary: fc.stringMatching(/^[a-z0-9-]{1,12}$/) },
    { weight: 1, arbitrary: oddIds },
    { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
  );

const words = fc.constantFrom(
  'cores',
  'svlans',
  'ports',
  'cluster',
  'gpu',
  'broadband',
  'operator',
  'provider',
  'dataCentre',
  'site',
  'uni',
  'svlan',
  'core1',
  'avc',
  'reliesOn',
  'bad name',
  '',
  '$anyOf',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
);
const kindNames = fc.constantFrom(...exampleKinds.map((kind) => kind.name), 'GenericService', 'Nothing');
const states = fc.constantFrom('active', 'inactive', 'installed', 'reserved', 'terminated', 'designed', 'suspended');

/** An operator where a value would go, well-formed or not. */
const operator = fc.oneof(
  fc.record({ $anyOf: fc.array(anyJson, { maxLength: 3 }) }),
  fc.record({ $range: fc.record({ min: anyJson, max: anyJson }, { requiredKeys: [] }) }),
  fc.record({ $regex: fc.oneof(fc.string({ maxLength: 8 }), anyJson) }),
  fc.record({ $exists: anyJson }),
  fc.record({ $any: fc.oneof(fc.constantFrom('number', 'string'), anyJson) }),
  fc.record({ $ordered: anyJson }),
  fc.dictionary(fc.constantFrom('$nope', '$anyOf', 'x'), anyJson, { minKeys: 1, maxKeys: 2 }),
);
const value = fc.oneof({ weight: 3, arbitrary: anyJson }, { weight: 1, arbitrary: operator });
const integerish = fc.oneof(fc.integer({ min: -5, max: 5000 }), value);

const expectationBody = (ids: fc.Arbitrary<string>) =>
  fc.record(
    {
      id: ids,
      kind: fc.oneof({ weight: 4, arbitrary: kindNames }, { weight: 1, arbitrary: anyJson }),
      actualId: ids,
      exists: fc.oneof(fc.boolean(), anyJson),
      name: fc.oneof(fc.string({ maxLength: 12 }), value),
      specification: fc.oneof(
        fc.record({ name: value, major: integerish, version: value }, { requiredKeys: [] }),
        anyJson,
      ),
      state: fc.oneof(states, value),
      characteristics: fc.oneof(
        fc.dictionary(words, fc.oneof(value, fc.dictionary(words, value, { maxKeys: 2 })), { maxKeys: 3 }),
        anyJson,
      ),
      features: fc.dictionary(
        words,
        fc.record({ isEnabled: value, characteristics: fc.dictionary(words, value) }, { requiredKeys: [] }),
        { maxKeys: 2 },
      ),
      pools: fc.dictionary(
        words,
        fc.record(
          { first: integerish, last: integerish, algorithm: value, assignableType: value },
          { requiredKeys: [] },
        ),
        { maxKeys: 2 },
      ),
      parties: fc.array(fc.record({ role: words, id: ids }, { requiredKeys: [] }), { maxLength: 3 }),
      places: fc.oneof(fc.array(fc.record({ role: words, id: ids }), { maxLength: 3 }), anyJson),
      relationships: fc.array(fc.record({ alias: words, type: words, target: ids }, { requiredKeys: [] }), {
        maxLength: 3,
      }),
      assignments: fc.array(
        fc.record(
          {
            alias: words,
            pool: words,
            from: fc.oneof(
              ids,
              fc.record(
                { kind: kindNames, places: fc.array(fc.record({ role: words, id: ids })) },
                { requiredKeys: [] },
              ),
              fc.record({ $anyOf: fc.array(ids) }),
              value,
            ),
            value: integerish,
          },
          { requiredKeys: [] },
        ),
        { maxLength: 3 },
      ),
      inherited: fc.dictionary(words, value, { maxKeys: 2 }),
      driftSeconds: integerish,
      blockedRetrySeconds: integerish,
    },
    { requiredKeys: [] },
  );

const tmfItem = (ids: fc.Arbitrary<string>) => {
  const reference = fc.record(
    { id: ids, '@referredType': fc.constantFrom('Organization', 'GeographicSite', 'x'), role: words },
    { requiredKeys: [] },
  );
  const characteristic = fc.record({ name: words, value, valueType: anyJson }, { requiredKeys: [] });
  return fc.record(
    {
      id: ids,
      name: fc.oneof(fc.string({ maxLength: 12 }), anyJson),
      '@type': fc.oneof(kindNames, anyJson),
      state: fc.oneof(states, anyJson),
      resourceStatus: fc.oneof(fc.constantFrom('available', 'reserved', 'standby'), anyJson),
      lifecycleState: fc.oneof(states, anyJson),
      serviceSpecification: fc.oneof(
        fc.record({ id: ids, name: words, version: anyJson }, { requiredKeys: [] }),
        anyJson,
      ),
      resourceSpecification: fc.oneof(fc.record({ id: ids, name: words }, { requiredKeys: [] }), anyJson),
      serviceCharacteristic: fc.oneof(fc.array(characteristic, { maxLength: 3 }), anyJson),
      resourceCharacteristic: fc.array(characteristic, { maxLength: 3 }),
      relatedParty: fc.oneof(fc.array(reference, { maxLength: 2 }), anyJson),
      place: fc.array(fc.oneof(reference, fc.record({ role: words, place: reference })), { maxLength: 2 }),
      serviceRelationship: fc.array(
        fc.record(
          {
            relationshipType: words,
            service: fc.record({ id: ids }),
            serviceRelationshipCharacteristic: fc.array(characteristic, { maxLength: 2 }),
          },
          { requiredKeys: [] },
        ),
        { maxLength: 2 },
      ),
      resourceRelationship: fc.array(
        fc.record({ relationshipType: words, resource: fc.record({ id: ids }) }, { requiredKeys: [] }),
        { maxLength: 2 },
      ),
      note: anyJson,
      startDate: anyJson,
    },
    { requiredKeys: [] },
  );
};

const jsonPatch = fc.array(
  fc.record(
    {
      op: fc.constantFrom('add', 'remove', 'replace', 'move', 'copy', 'test', 'nope'),
      path: fc.oneof(
        fc.constantFrom(
          '',
          '/',
          '/name',
          '/state',
          '/serviceCharacteristic/0/value',
          '/relatedParty/-',
          '/a~1b',
          '/~2',
          '/0',
          '/__proto__/x',
        ),
        fc.string({ maxLength: 10 }),
      ),
      from: fc.constantFrom('/name', '/state', '/x'),
      value,
    },
    { requiredKeys: ['op'] },
  ),
  { maxLength: 3 },
);

const contentTypes = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom('application/json', 'application/merge-patch+json', 'application/json-patch+json'),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'text/plain',
      'application/xml',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/json; charset=utf-16',
      '*/*',
      '',
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
);

/** Text sent as the body: JSON of a shaped or any value, or raw text that may be no JSON at all. */
const payloads = (ids: fc.Arbitrary<string>) =>
  fc.oneof(
    { weight: 4, arbitrary: expectationBody(ids).map((body) => JSON.stringify(body)) },
    { weight: 3, arbitrary: tmfItem(ids).map((body) => JSON.stringify(body)) },
    { weight: 2, arbitrary: jsonPatch.map((body) => JSON.stringify(body)) },
    { weight: 2, arbitrary: anyJson.map((body) => JSON.stringify(body)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 1, max: 3000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '{"__proto__": {"x": 1}}',
        '{"constructor": {"prototype": {}}}',
        'null',
        '"x"',
        '{"kind": ',
      ),
    },
  );

const queryKeys = fc.oneof(
  fc.constantFrom(
    'fields',
    'offset',
    'limit',
    'state',
    'name',
    'id',
    '@type',
    'status',
    'kind',
    'category',
    'relatedParty.role',
    'serviceSpecification.id',
    'resourceStatus',
    'lifecycleState',
    'cascade',
    '__proto__',
    'constructor.prototype',
    'a.b.c',
    '',
  ),
  fc.string({ maxLength: 8 }),
);
const queryValues = fc.oneof(
  fc.constantFrom(
    '0',
    '1',
    '-1',
    '10000000000',
    '1.5',
    'NaN',
    'true',
    'active,inactive',
    'name,state',
    ',',
    '',
    'id,,x.y',
    'x'.repeat(300),
  ),
  fc.string({ maxLength: 12 }),
);
const queryString = fc
  .array(fc.tuple(queryKeys, queryValues), { maxLength: 4 })
  .map((pairs) =>
    pairs.length === 0
      ? ''
      : `?${pairs.map(([key, item]) => `${encodeURIComponent(key)}=${encodeURIComponent(item)}`).join('&')}`,
  );

/** Requests for one route. */
export function requestArbitrary(
  route: Route,
  known: { instances: string[]; expectation: string },
): fc.Arbitrary<Sample> {
  const ids = idArbitrary([...known.instances, known.expectation]);
  const withBody = !['GET', 'HEAD', 'DELETE'].includes(route.method);
  return fc
    .record({
      id: ids,
      query: queryString,
      contentType: fc.option(contentTypes, { nil: undefined, freq: withBody ? 8 : 2 }),
      payload: fc.option(payloads(ids), { nil: undefined, freq: withBody ? 10 : 2 }),
    })
    .map(({ id, query, contentType, payload }) => {
      const hasId = route.url.includes(':id');
      return {
        method: route.method,
        url: `${route.url.replace(':id', rawIds.includes(id) ? id : encodeURIComponent(id))}${query}`,
        ...(hasId ? { id } : {}),
        ...(contentType === undefined ? {} : { contentType }),
        ...(payload === undefined ? {} : { payload }),
      };
    });
}
