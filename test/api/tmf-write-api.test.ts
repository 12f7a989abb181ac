import { beforeAll, describe, expect, it } from 'vitest';
import { exampleKinds } from '../../examples/index.js';
import type { InstanceType } from '../../model/instance-ref.js';
import { genericKinds } from '../../model/tmf/generic-kinds.js';
import type { TmfVersion } from '../../model/tmf/state-vocabulary.js';
import { collectionPath } from '../../model/tmf/tmf-paths.js';
import { workflowIdOf } from '../../workflows/reconcile-messages.js';
import { apiServer } from '../support/api-server.js';
import { uniqueId } from '../support/graph.js';
import { officialOperationSchemas, validateAgainstOfficial } from '../support/official-schemas.js';
import { reconcileHarness } from '../support/reconcile-harness.js';
import { tasksScheduled } from '../support/reconcile-history.js';

/**
 * TMF writes through the engine, over the real stack: POST → GET → PATCH → DELETE of a service
 * (BroadbandV2) and a resource (GPU) in TMF638/TMF639 v4 and v5. Every answer is the official
 * schema's, the Temporal history shows the tasks the engine ran, and the change events the story.
 */
type Json = Record<string, unknown>;

const apiOf = { service: 'TMF638', resource: 'TMF639' } as const;
const broadbandV2 = 'f6e5d4c3-b2a1-4f0e-9d8c-7b6a5f4e3d2c';

describe('TMF writes through the engine: POST → GET → PATCH → DELETE', () => {
  const harness = reconcileHarness([...genericKinds, ...exampleKinds]);
  const { inventory, track } = harness;
  const server = apiServer(harness);
  const refs = { rsp: uniqueId('rsp'), tenant: uniqueId('tenant'), dc: uniqueId('dc'), avcs: [0, 1].map(() => '') };

  beforeAll(async () => {
    track.party(await inventory.parties.create('RSP', { id: refs.rsp, name: 'Acme Retail' }));
    track.party(await inventory.parties.create('Tenant', { id: refs.tenant, name: 'Acme Compute' }));
    track.party(await inventory.places.create('DataCentre', { id: refs.dc, name: 'NextDC M9' }));
    refs.avcs = await Promise.all(
      [0, 1].map(async () => {
        const avc = await inventory.instances.build('AVC', { characteristics: { speedTier: '50/20' } });
        return track.instance(avc).id;
      }),
    );
  });

  const call = async (method: string, path: string, body?: unknown, contentType = 'application/json') => {
    const response = await fetch(path.startsWith('http') ? path : `${server.base}${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': contentType }, body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined };
  };

  /** The task types the reconciler's batches carried out, in order. */
  const activitiesRun = (id: string) => tasksScheduled(harness.env().client.workflow.getHandle(workflowIdOf(id)));
  const eventTypes = async (id: string) => (await inventory.events.list(id)).map((event) => event.eventType);

  /** The official schema of a create request body (`request`) or of an item answered (`response`). */
  const official = (type: InstanceType, version: TmfVersion, part: 'request' | 'response', item: unknown) => {
    const schemas = officialOperationSchemas(apiOf[type], version, 'create');
    return validateAgainstOfficial(
      apiOf[type],
      version,
      part === 'request' ? schemas.request! : schemas.response,
      item,
    );
  };

  /** An organization in a role, in the version's shape. */
  const relatedParty = (version: TmfVersion, role: string, id: string) =>
    version === 'v5'
      ? { '@type': 'RelatedPartyRefOrPartyRoleRef', role, partyOrPartyRole: { '@type': 'PartyRef', id } }
      : { id, role, '@referredType': 'Organization' };

  /** A TMF body creating the instance `id` in the API's version: a broadband service, or a GPU. */
  function createBody(type: InstanceType, version: TmfVersion, id: string): Json {
    const v5 = version === 'v5';
    if (type === 'service') {
      const char = (name: string, value: unknown) => ({
        name,
        value,
        ...(v5 ? { '@type': 'ObjectCharacteristic' } : {}),
      });
      return {
        id,
        name: `broadband ${id}`,
        state: 'active',
        serviceSpecification: { id: broadbandV2, ...(v5 ? { '@type': 'ServiceSpecificationRef' } : {}) },
        serviceCharacteristic: [char('broadband', { technology: 'fttp' })],
        relatedParty: [relatedParty(version, 'provider', refs.rsp)],
        serviceRelationship: [
          {
            relationshipType: 'reliesOn',
            service: { id: refs.avcs[0], ...(v5 ? { '@type': 'ServiceRef' } : {}) },
            serviceRelationshipCharacteristic: [
              { name: 'alias', value: 'avc', ...(v5 ? { '@type': 'StringCharacteristic' } : {}) },
            ],
            ...(v5 ? { '@type': 'ServiceRelationship' } : {}),
          },
        ],
        ...(v5 ? { '@type': 'Service' } : {}),
      };
    }
    const placeHref = `${server.base}/tmf-api/geographicSiteManagement/v4/geographicSite/${refs.dc}`;
    return {
      id,
      name: `gpu ${id}`,
      '@type': 'GPU',
      ...(v5 ? { lifecycleState: 'installed' } : { resourceStatus: 'available' }),
      resourceCharacteristic: [
        { name: 'gpu', value: { family: 'amd' }, ...(v5 ? { '@type': 'ObjectCharacteristic' } : {}) },
      ],
      relatedParty: [relatedParty(version, 'operator', refs.tenant)],
      place: v5
        ? [{ '@type': 'RelatedPlaceRef', role: 'dataCentre', place: { '@type': 'PlaceRef', id: refs.dc } }]
        : { id: refs.dc, href: placeHref, role: 'dataCentre' },
    };
  }

  /** A change: v4 as a merge patch, v5 as JSON Patch — a state, a characteristic or a pool, a relationship. */
  function change(type: InstanceType, version: TmfVersion, item: Json): { body: unknown; contentType: string } {
    if (version === 'v4') {
      return type === 'service'
        ? {
            body: { state: 'inactive', serviceCharacteristic: [{ name: 'broadband', value: { technology: 'fttn' } }] },
            contentType: 'application/merge-patch+json',
          }
        : { body: { resourceStatus: 'suspended' }, contentType: 'application/json' };
    }
    const characteristic = `/${type}Characteristic`;
    const characteristics = (item.resourceCharacteristic ?? []) as Json[];
    const cores = characteristics.findIndex((entry) => entry.name === 'cores');
    const operations =
      type === 'service'
        ? [
            { op: 'test', path: '/state', value: 'active' },
            { op: 'replace', path: '/state', value: 'suspended' },
            { op: 'replace', path: '/serviceRelationship/0/service/id', value: refs.avcs[1] },
            { op: 'replace', path: '/supportingService/0/id', value: refs.avcs[1] },
          ]
        : [
            { op: 'replace', path: '/lifecycleState', value: 'pendingRemoval' },
            { op: 'add', path: `${characteristic}/${cores}/value/first`, value: 1 },
            { op: 'add', path: `${characteristic}/${cores}/value/last`, value: 8 },
          ];
    return { body: operations, contentType: 'application/json-patch+json' };
  }

  /** What the PATCH should have done, as the answer shows it. */
  function changed(type: InstanceType, version: TmfVersion, item: Json): void {
    if (type === 'service' && version === 'v4') {
      expect(item).toMatchObject({
        state: 'inactive',
        serviceCharacteristic: [{ name: 'broadband', value: { technology: 'fttn' } }],
      });
    } else if (type === 'service') {
      expect(item).toMatchObject({ state: 'suspended', supportingService: [{ id: refs.avcs[1] }] });
    } else if (version === 'v4') {
      expect(item).toMatchObject({ resourceStatus: 'suspended' });
    } else {
      expect(item.lifecycleState).toBe('pendingRemoval');
      expect(item.resourceCharacteristic).toContainEqual(
        expect.objectContaining({
          name: 'cores',
          value: { thing: 'core', first: 1, last: 8, free: 8, assigned: 0, algorithm: 'lowest' },
        }),
      );
    }
  }

  const eventOf: Record<string, string> = {
    build: 'Create',
    relate: 'AttributeValueChange',
    unrelate: 'AttributeValueChange',
    define: 'AttributeValueChange',
    transition: 'StateChange',
    delete: 'Delete',
  };
  const tasks = {
    service: {
      v4: ['build', 'relate', 'transition', 'define', 'transition', 'delete'],
      v5: ['build', 'relate', 'transition', 'unrelate', 'relate', 'transition', 'delete'],
    },
    resource: {
      v4: ['build', 'transition', 'transition', 'delete'],
      v5: ['build', 'transition', 'define', 'transition', 'delete'],
    },
  } as const;

  for (const version of ['v4', 'v5'] as const) {
    for (const type of ['service', 'resource'] as const) {
      it(`${apiOf[type]} ${version}: a ${type} created, read, changed and deleted by the engine`, async () => {
        const id = track.expectationId(uniqueId(`tmf-${type}-${version}`));
        const collection = collectionPath(version, type);
        const body = createBody(type, version, id);
        expect(official(type, version, 'request', body).errors).toEqual([]);

        const created = await call('POST', collection, body);
        expect(created.status).toBe(201);
        const href = `${server.base}${collection}/${id}`;
        expect(created.headers.get('location')).toBe(href);
        expect(created.json).toMatchObject({ id, href, name: body.name });
        expect(official(type, version, 'response', created.json).errors).toEqual([]);
        const read = await call('GET', href);
        expect(read).toMatchObject({ status: 200, json: created.json });

        const { body: patch, contentType } = change(type, version, read.json);
        const patched = await call('PATCH', href, patch, contentType);
        expect(patched.status).toBe(200);
        changed(type, version, patched.json);
        expect(official(type, version, 'response', patched.json).errors).toEqual([]);
        expect((await call('GET', href)).json).toEqual(patched.json);
        const expectation = await harness.expectations.get(id);
        expect(expectation).toMatchObject({ status: 'met', generation: 2 });

        expect((await call('DELETE', href)).status).toBe(204);
        expect((await call('GET', href)).status).toBe(404);
        expect(await activitiesRun(id)).toEqual(tasks[type][version]);
        // one change event per task, named by what it changed
        const base = type === 'service' ? 'Service' : 'Resource';
        expect(await eventTypes(id)).toEqual(tasks[type][version].map((task) => `${base}${eventOf[task]}Event`));
        expect((await harness.expectations.get(id)).body).toEqual({ kind: expectation.body.kind, exists: false });
      });
    }
  }

  it("the TMF639 kit's bare Resource builds the generic kind, under an id the server gives", async () => {
    const collection = collectionPath('v4', 'resource');
    const created = await call('POST', collection, { name: 'RouterXX', '@type': 'Resource' });
    expect(created.status).toBe(201);
    const id = track.expectationId(created.json.id);
    expect(created.json).toMatchObject({ name: 'RouterXX', '@type': 'GenericResource', '@baseType': 'Resource' });
    expect(official('resource', 'v4', 'response', created.json).errors).toEqual([]);
    expect((await call('GET', `${collection}/${id}`)).json).toEqual(created.json);
    expect(await activitiesRun(id)).toEqual(['build']);
  });

  it('a PATCH that changes nothing answers the instance as it is, and makes no new generation', async () => {
    const id = track.expectationId(uniqueId('tmf-unchanged'));
    const collection = collectionPath('v5', 'resource');
    expect((await call('POST', collection, createBody('resource', 'v5', id))).status).toBe(201);
    const href = `${server.base}${collection}/${id}`;
    const unchanged = await call('PATCH', href, { name: `gpu ${id}` }, 'application/merge-patch+json');
    expect(unchanged).toMatchObject({ status: 200, json: { id, lifecycleState: 'installed' } });
    expect((await harness.expectations.get(id)).generation).toBe(1);
  });
});
