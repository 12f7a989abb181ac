/**
 * The checks of the public TMF638 conformance kit (CTK638, R18.5), replayed in our own code from
 * docs/tmf-conformance-notes.md section 8 — not a copy of the kit. Nine GET requests against a
 * TMF638 v4 base path; the answer is the list of failed checks (empty when the kit would pass).
 *
 * `scope` is a query added to every list request (e.g. `id=a,b,c`): the kit expects the
 * inventory to hold the services it checks first, which a database shared with other tests
 * cannot promise; scoped to the demo's services, the lists are what the kit sees after
 * `diffo demo` on an empty database.
 */
type Json = Record<string, unknown>;

const headers = { accept: 'application/json;charset=utf-8', 'content-type': 'application/json;charset=utf-8' };

/** The 14 attributes of the kit's "full attribute check". */
const fullAttributes = [
  'id',
  'href',
  'name',
  'description',
  'state',
  'category',
  'startDate',
  'serviceRelationship',
  'serviceCharacteristic',
  'supportingService',
  'supportingResource',
  'serviceSpecification',
  'relatedParty',
  'place',
];
/** What N2b checks on every service in the first service's state. */
const stateAttributes = fullAttributes.slice(0, 9);
const stringAttributes = fullAttributes.slice(0, 7);
const optionalAtKeys = ['@type', '@schemaLocation', '@baseType'];

const isString = (value: unknown): value is string => typeof value === 'string';
const items = (body: unknown) => (Array.isArray(body) ? body : [body]) as Json[];

type List = (path: string, query: string) => Promise<{ status: number; text: string; body: unknown }>;
const first = (item: Json, key: string) => ((item[key] as Json[] | undefined) ?? [])[0] ?? {};

/** The string values the kit reads from a service (and looks for in the response text). */
function keyValues(item: Json): Array<[string, unknown]> {
  const specification = (item.serviceSpecification ?? {}) as Json;
  return [
    ...stringAttributes.map((key): [string, unknown] => [key, item[key]]),
    ['serviceRelationship[0].relationshipType', first(item, 'serviceRelationship').relationshipType],
    ['serviceCharacteristic[0].valueType', first(item, 'serviceCharacteristic').valueType],
    ['supportingService[0].id', first(item, 'supportingService').id],
    ['supportingService[0].href', first(item, 'supportingService').href],
    ['supportingResource[0].id', first(item, 'supportingResource').id],
    ['supportingResource[0].href', first(item, 'supportingResource').href],
    ['serviceSpecification.id', specification.id],
    ['serviceSpecification.href', specification.href],
    ['serviceSpecification.version', specification.version],
    ['relatedParty[0].id', first(item, 'relatedParty').id],
    ['relatedParty[0].href', first(item, 'relatedParty').href],
    ['relatedParty[0].role', first(item, 'relatedParty').role],
    ['place[0].id', first(item, 'place').id],
    ['place[0].href', first(item, 'place').href],
  ];
}

/** The kit's full attribute check of one service; `text` is the response body it came in. */
function fullCheck(item: Json, text: string, where: string): string[] {
  const failures = fullAttributes.filter((key) => !(key in item)).map((key) => `${where}: has no ${key}`);
  if (!Array.isArray(item.serviceRelationship) || typeof first(item, 'serviceRelationship').service !== 'object') {
    failures.push(`${where}: serviceRelationship[0].service is not an object`);
  }
  for (const [path, value] of keyValues(item)) {
    if (!isString(value)) failures.push(`${where}: ${path} is not a string`);
    else if (!text.includes(value)) failures.push(`${where}: the body does not include ${path}`);
  }
  return failures;
}

/** Keys of a `fields=` answer: exactly the wanted ones plus any truthy @type, @schemaLocation, @baseType. */
function fieldsCheck(item: Json, wanted: string[], where: string): string[] {
  const failures = wanted.filter((key) => !isString(item[key])).map((key) => `${where}: ${key} is not a string`);
  const expected = wanted.length + optionalAtKeys.filter((key) => Boolean(item[key])).length;
  if (Object.keys(item).length !== expected) failures.push(`${where}: has keys ${Object.keys(item).join(', ')}`);
  return failures;
}

/** N2b and N2c: the first service's state leaves the second out; the second's name leaves the first out. */
async function checkStateAndName(list: List, s1: Json, s2: Json): Promise<string[]> {
  const failures: string[] = [];
  const expect = (condition: boolean, failure: string) => (condition ? undefined : failures.push(failure));
  const byState = await list('/service/', `state=${encodeURIComponent(String(s1.state))}`);
  expect(byState.status === 200, `N2b: status ${byState.status}`);
  for (const [index, item] of items(byState.body).entries()) {
    for (const key of stateAttributes) expect(key in item, `N2b[${index}]: has no ${key}`);
    for (const key of stringAttributes) expect(isString(item[key]), `N2b[${index}]: ${key} is not a string`);
    expect(Array.isArray(item.serviceRelationship), `N2b[${index}]: serviceRelationship is not an array`);
    expect(item.id !== s2.id, "N2b: the second service has the first one's state");
  }

  const byName = await list('/service', `name=${encodeURIComponent(String(s2.name))}`);
  expect(byName.status === 200 && items(byName.body).length > 0, "N2c: no service with the second one's name");
  for (const [index, item] of items(byName.body).entries()) {
    failures.push(...fullCheck(item, byName.text, `N2c[${index}]`));
    expect(item.id !== s1.id, "N2c: the first service has the second one's name");
  }

  return failures;
}

export async function replayTmf638Kit(base: string, scope = ''): Promise<string[]> {
  const get = async (path: string) => {
    const response = await fetch(`${base}${path}`, { headers });
    const text = await response.text();
    return { status: response.status, text, body: JSON.parse(text) as unknown };
  };
  const list: List = async (path, query) => get(`${path}?${[query, scope].filter(Boolean).join('&')}`);
  const failures: string[] = [];
  const expect = (condition: boolean, failure: string) => (condition ? undefined : failures.push(failure));

  const n0 = await list('/service/', '');
  const all = items(n0.body);
  expect(Array.isArray(n0.body) && all.length > 1, 'N0: the list has fewer than two services');
  if (all.length < 2) return failures;
  const [one, two] = [all[0]!.id as string, all[1]!.id as string];
  const services: Json[] = [];
  for (const [name, id] of [
    ['N1a', one],
    ['N1b', two],
  ] as const) {
    const answer = await get(`/service/${encodeURIComponent(id)}`);
    expect(answer.status === 200, `${name}: status ${answer.status}`);
    failures.push(...fullCheck(answer.body as Json, answer.text, name));
    services.push(answer.body as Json);
  }
  const [s1, s2] = services as [Json, Json];

  const byCategory = await list('/service/', `category=${encodeURIComponent(String(s1.category))}`);
  expect(
    byCategory.status === 200 && items(byCategory.body).length > 0,
    "N2a: no service with the first one's category",
  );
  items(byCategory.body).forEach((item, index) => failures.push(...fullCheck(item, byCategory.text, `N2a[${index}]`)));

  failures.push(...(await checkStateAndName(list, s1, s2)));

  const trimmed = await list('/service', 'fields=name,state');
  expect(trimmed.status === 200, `N3: status ${trimmed.status}`);
  items(trimmed.body).forEach((item, index) =>
    failures.push(...fieldsCheck(item, ['name', 'state', 'id', 'href'], `N3[${index}]`)),
  );

  const filtered = await list('/service/', `state=${encodeURIComponent(String(s1.state))}&fields=id,href`);
  expect(filtered.status === 200, `N4: status ${filtered.status}`);
  items(filtered.body).forEach((item, index) => failures.push(...fieldsCheck(item, ['id', 'href'], `N4[${index}]`)));

  const missing = await get('/service/{{ID404}}');
  expect(missing.status === 404, `E1: status ${missing.status}`);
  return failures;
}
