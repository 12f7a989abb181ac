import { describe, expect, it } from 'vitest';
import { exampleKinds } from '../../examples/index.js';
import type { ExpectationBody } from '../../expectations/expectation-schema.js';
import { translateTmfWrite, TmfWriteError, type TmfWrite } from '../../expectations/tmf/tmf-write.js';
import { expectationOfWrite, relabel } from '../../expectations/tmf/write-expectation.js';
import type { InstanceType } from '../../model/instance-ref.js';
import { createRegistry } from '../../model/registry.js';
import type { InstanceSnapshot } from '../../model/tmf-json.js';
import { genericKinds } from '../../model/tmf/generic-kinds.js';
import type { TmfVersion } from '../../model/tmf/state-vocabulary.js';
import { renderTmfV4 } from '../../model/tmf/v4-json.js';
import { renderTmfV5 } from '../../model/tmf/v5-json.js';
import { mergePatch } from '../../api/merge-patch.js';
import { applyJsonPatch, type JsonPatchOperation } from '../../api/json-patch.js';

/**
 * TMF writes as expectations (expectations/tmf/): POST bodies of each API and version, and PATCHes
 * applied to an instance's representation, translated without a server.
 */
const registry = createRegistry([...genericKinds, ...exampleKinds]);
const specs = {
  broadbandV1: 'a1b2c3d4-e5f6-4a7b-8c9d-e0f1a2b3c4d5',
  broadbandV2: 'f6e5d4c3-b2a1-4f0e-9d8c-7b6a5f4e3d2c',
  gpu: 'ad50073f-17e0-45cb-b9b1-aa4296876156',
};

function expectationOf(write: TmfWrite, base?: ExpectationBody) {
  const translation = translateTmfWrite(write, registry);
  return { translation, body: expectationOfWrite(translation, write, registry, base) };
}

const post = (type: InstanceType, version: TmfVersion, document: Record<string, unknown>) =>
  expectationOf({ type, version, document }).body;

/** The problems a write is refused with. */
function refusal(write: () => unknown): string[] {
  try {
    write();
  } catch (error) {
    if (error instanceof TmfWriteError) return error.problems;
    throw error;
  }
  throw new Error('the write was not refused');
}

const refusedPost = (type: InstanceType, version: TmfVersion, document: Record<string, unknown>) =>
  refusal(() => post(type, version, document));

const broadbandBody = {
  name: 'acme-broadband-009',
  state: 'active',
  serviceSpecification: { id: specs.broadbandV2 },
  serviceCharacteristic: [{ name: 'broadband', value: { technology: 'fttp' } }],
  relatedParty: [{ id: 'acme-retail', role: 'provider', '@referredType': 'Organization' }],
  serviceRelationship: [
    {
      relationshipType: 'reliesOn',
      service: { id: 'avc-1' },
      serviceRelationshipCharacteristic: [{ name: 'alias', value: 'avc' }],
    },
  ],
};

const broadbandV5 = {
  ...broadbandBody,
  '@type': 'Service',
  relatedParty: [
    {
      '@type': 'RelatedPartyRefOrPartyRoleRef',
      role: 'provider',
      partyOrPartyRole: { '@type': 'PartyRef', id: 'acme-retail' },
    },
  ],
};

describe('POST bodies as expectations', () => {
  it("builds the generic kind for the TMF639 kit's bare Resource", () => {
    expect(post('resource', 'v4', { name: 'RouterXX', '@type': 'Resource' })).toEqual({
      kind: 'GenericResource',
      name: 'RouterXX',
    });
    expect(post('service', 'v5', { '@type': 'Service', name: 's', state: 'active' })).toEqual({
      kind: 'GenericService',
      name: 's',
      state: 'active',
    });
  });

  it('maps a TMF638 v4 service section by section, the kind from its specification id', () => {
    const body = post('service', 'v4', {
      ...broadbandBody,
      description: 'A broadband access service — fttb technology retired',
      category: 'Access',
      feature: [
        {
          id: 'staticIp',
          name: 'staticIp',
          isEnabled: true,
          featureCharacteristic: [{ name: 'address', value: '203.0.113.9' }],
        },
      ],
      supportingService: [{ id: 'avc-1' }],
      note: [],
      href: 'ignored',
      '@schemaLocation': 'https://example.com/broadband.json',
    });
    expect(body).toEqual({
      kind: 'BroadbandV2',
      name: 'acme-broadband-009',
      state: 'active',
      characteristics: { broadband: { technology: 'fttp' } },
      features: { staticIp: { isEnabled: true, characteristics: { address: '203.0.113.9' } } },
      relationships: [{ alias: 'avc', type: 'reliesOn', target: 'avc-1' }],
      parties: [{ role: 'provider', id: 'acme-retail' }],
    });
  });

  it('reads v5 shapes: typed characteristics, partyOrPartyRole, nested places, and its own states', () => {
    const body = post('resource', 'v5', {
      '@type': 'GPU',
      name: 'gpu-9',
      lifecycleState: 'installed',
      administrativeState: 'unlocked',
      operationalState: 'enabled',
      resourceCharacteristic: [
        { '@type': 'ObjectCharacteristic', name: 'gpu', value: { family: 'amd' } },
        { '@type': 'ObjectCharacteristic', name: 'cores', value: { first: 1, last: 64, algorithm: 'highest' } },
      ],
      relatedParty: [
        {
          '@type': 'RelatedPartyRefOrPartyRoleRef',
          role: 'operator',
          partyOrPartyRole: { '@type': 'PartyRef', id: '51824753556' },
        },
      ],
      place: [{ '@type': 'RelatedPlaceRef', role: 'dataCentre', place: { '@type': 'PlaceRef', id: 'NXTM2' } }],
    });
    expect(body).toEqual({
      kind: 'GPU',
      name: 'gpu-9',
      state: 'installed',
      characteristics: { gpu: { family: 'amd' } },
      pools: { cores: { first: 1, last: 64, algorithm: 'highest' } },
      parties: [{ role: 'operator', id: '51824753556' }],
      places: [{ role: 'dataCentre', id: 'NXTM2' }],
    });
    expect(post('service', 'v5', { ...broadbandV5, state: 'suspended' })).toMatchObject({ state: 'suspended' });
    expect(post('resource', 'v4', { name: 'r', resourceStatus: 'available' })).toMatchObject({ state: 'installed' });
  });

  it('finds the kind by specification name and version, or by @type; both must agree', () => {
    const byName = (version?: string) =>
      post('service', 'v4', { ...broadbandBody, serviceSpecification: { name: 'broadband', version } }).kind;
    expect(byName('1.0.0')).toBe('Broadband');
    expect(byName()).toBe('BroadbandV2');
    expect(post('service', 'v4', { ...broadbandBody, '@type': 'BroadbandV2' }).kind).toBe('BroadbandV2');
    expect(refusedPost('service', 'v4', { ...broadbandBody, '@type': 'Broadband' })).toEqual([
      expect.stringMatching(/^@type: Broadband does not build broadband 2\.0\.0/),
    ]);
    expect(refusedPost('service', 'v4', { ...broadbandBody, serviceSpecification: { id: specs.gpu } })).toEqual([
      expect.stringMatching(/^serviceSpecification\.id: no service specification with id ad50073f/),
    ]);
    expect(refusedPost('resource', 'v4', { name: 'x', '@type': 'Broadband' })).toEqual([
      expect.stringMatching(/^@type: no resource kind named Broadband is registered/),
    ]);
    expect(refusedPost('resource', 'v5', { '@type': 'PhysicalResource' })[0]).toMatch(/^@type: no resource kind/);
  });

  it('names the TMF field of everything the kind cannot express, all at once', () => {
    const problems = refusedPost('service', 'v4', {
      ...broadbandBody,
      serviceCharacteristic: [
        { name: 'broadband', value: { technology: 'fttb' } },
        { name: 'colour', value: 'red' },
      ],
      serviceType: 'retail',
      note: [{ text: 'hello' }],
    });
    expect(problems).toEqual([
      'serviceCharacteristic[1].name: BroadbandV2 declares no characteristic "colour" (declared: broadband)',
      'serviceType: diffo keeps no such attribute of a Service',
      'note: expectations do not carry notes, so a write cannot set them',
      expect.stringMatching(/^serviceCharacteristic\[0\]\.value\.technology: Invalid option/),
    ]);
  });

  it('refuses states it cannot keep and fields the engine keeps, unless they repeat what will be', () => {
    expect(refusedPost('resource', 'v4', { name: 'r', resourceStatus: 'standby' })).toEqual([
      'resourceStatus: "standby" is no state diffo keeps (TMF639 v4: reserved, available, suspended)',
    ]);
    expect(refusedPost('resource', 'v4', { name: 'r', administrativeState: 'locked' })).toEqual([
      'administrativeState: diffo keeps it (expectations do not set it): it is "unlocked", and a write may only repeat that',
    ]);
    expect(post('resource', 'v4', { name: 'r', administrativeState: 'unlocked', usageState: 'idle' })).toEqual({
      kind: 'GenericResource',
      name: 'r',
    });
    expect(post('service', 'v5', { ...broadbandV5, operatingStatus: 'running' })).toMatchObject({ state: 'active' });
    expect(
      refusedPost('service', 'v5', {
        ...broadbandV5,
        operatingStatus: 'pending',
        startDate: '2026-01-01T00:00:00Z',
      }),
    ).toEqual([
      'operatingStatus: diffo keeps it (it follows the state): it is "running", and a write may only repeat that',
      'startDate: diffo keeps it (the engine sets it when the service first becomes active): it has none, and a write may only repeat that',
    ]);
    expect(refusedPost('service', 'v4', { ...broadbandBody, category: 'Retail' })).toEqual([
      'category: it is the specification\'s ("Access"): a write may only repeat it',
    ]);
  });

  it('gives a relationship without an alias characteristic its type as alias, where the kind permits it', () => {
    const cluster = post('resource', 'v4', {
      name: 'c',
      '@type': 'Cluster',
      resourceRelationship: [{ id: 'gpu-1', relationshipType: 'uses' }],
    });
    expect(cluster.relationships).toEqual([{ alias: 'uses', type: 'uses', target: 'gpu-1' }]);
    const unaliased = { relationshipType: 'reliesOn', service: { id: 'avc-1' } };
    expect(refusedPost('service', 'v4', { ...broadbandBody, serviceRelationship: [unaliased] })).toEqual([
      'serviceRelationship[0]: give the relationship its alias (a serviceRelationshipCharacteristic named "alias"): BroadbandV2 may use aliases avc, uni',
    ]);
    expect(refusedPost('service', 'v4', { ...broadbandBody, supportingResource: [{ id: 'uni-1' }] })).toEqual([
      'supportingResource[0].id: diffo derives supportingResource from the relationships: relate to uni-1 in serviceRelationship or resourceRelationship',
    ]);
    const twice = [unaliased, unaliased].map((relationship) => ({ ...relationship, relationshipType: 'uses' }));
    expect(refusedPost('resource', 'v4', { name: 'c', '@type': 'Cluster', serviceRelationship: twice })).toEqual([
      'serviceRelationship[1].alias: "uses" is expected twice',
    ]);
  });

  it('refuses inherited facts, counts a pool tells, roleless parties, operators and bad ids', () => {
    const problems = refusedPost('resource', 'v4', {
      id: 'has space',
      name: 'gpu',
      '@type': 'GPU',
      resourceCharacteristic: [
        { name: 'cores', value: { first: 1, last: 8, free: 8 } },
        { name: 'gpu', value: { family: { $anyOf: ['amd', 'nvidia'] } } },
        { name: 'site', value: 'x', inheritedFrom: [{ id: 'uni-1' }] },
      ],
      relatedParty: [{ id: '51824753556', '@referredType': 'Organization' }],
    });
    expect(problems).toEqual([
      'id: an id is 1 to 200 characters without spaces, /, ? or #',
      'resourceCharacteristic[0].value.free: the pool tells its free; a write may only repeat it',
      'resourceCharacteristic[1].value: a value over TMF is a literal: no "$" keys (expectation operators)',
      'resourceCharacteristic[2]: "site" is inherited (computed from the instances inheritedFrom names): a write may repeat it as it is, not set it',
      'relatedParty[0].role: diffo holds parties by role: give one (GPU declares: operator)',
    ]);
  });
});

/** A BroadbandV2 service as the engine would have built it: provider, avc and uni, an inherited site. */
function broadbandSnapshot(): InstanceSnapshot {
  const avc = { id: 'avc-1', type: 'service' as const, kind: 'AVC' };
  const uni = { id: 'uni-1', type: 'resource' as const, kind: 'UNI' };
  const broadbandV2 = registry.instanceKind('BroadbandV2').specification;
  return {
    id: 'bb-1',
    kind: 'BroadbandV2',
    type: 'service',
    name: 'acme-broadband-001',
    specification: broadbandV2,
    states: { state: 'active', operatingStatus: 'running', startDate: '2026-11-01T09:00:00.000Z' },
    characteristics: [{ name: 'broadband', value: { technology: 'fttp' } }],
    features: [{ name: 'staticIp', isEnabled: false, characteristics: [{ name: 'address', value: null }] }],
    pools: [],
    parties: [{ role: 'provider', id: 'acme-retail', name: 'Acme Retail', kind: 'RSP', type: 'Organization' }],
    places: [],
    relationships: [
      { type: 'reliesOn', alias: 'avc', target: avc, characteristics: [] },
      { type: 'reliesOn', alias: 'uni', target: uni, characteristics: [] },
    ],
    assignments: [],
    givenAssignments: [],
    inherited: [
      {
        name: 'installationSite',
        category: 'place',
        status: 'known',
        collapse: 'first',
        items: [{ value: 'loc-1', ref: { id: 'loc-1', kind: 'Premises', type: 'GeographicAddress' }, from: [uni] }],
      },
    ],
  };
}

/** A GPU with a core pool, one core of which a cluster holds. */
function gpuSnapshot(): InstanceSnapshot {
  return {
    id: 'gpu-1',
    kind: 'GPU',
    type: 'resource',
    name: 'gpu-1',
    specification: registry.instanceKind('GPU').specification,
    states: {
      lifecycleState: 'installed',
      administrativeState: 'unlocked',
      operationalState: 'enable',
      usageState: 'idle',
    },
    characteristics: [{ name: 'gpu', value: { family: 'nvidia' } }],
    features: [],
    pools: [{ name: 'cores', thing: 'core', first: 1, last: 680, assigned: 1 }],
    parties: [{ role: 'operator', id: '51824753556', kind: 'Tenant', type: 'Organization' }],
    places: [{ role: 'dataCentre', id: 'NXTM2', kind: 'DataCentre', type: 'GeographicSite' }],
    relationships: [],
    assignments: [],
    givenAssignments: [
      {
        pool: 'cores',
        thing: 'core',
        value: 7,
        alias: 'core1',
        assignee: { id: 'c-1', type: 'resource', kind: 'Cluster' },
      },
    ],
  };
}

const context = { baseUrl: 'https://inventory.example.com' };
const render = (snapshot: InstanceSnapshot, version: TmfVersion) =>
  version === 'v4' ? renderTmfV4(snapshot, context) : renderTmfV5(snapshot, context);

/** A PATCH of the snapshot's representation in `version`: a merge patch object, or JSON Patch operations. */
function patch(
  snapshot: InstanceSnapshot,
  version: TmfVersion,
  change: Record<string, unknown> | JsonPatchOperation[],
  base?: ExpectationBody,
) {
  const representation = render(snapshot, version);
  const document = Array.isArray(change)
    ? applyJsonPatch(representation, change)
    : (mergePatch(representation, change) as Record<string, unknown>);
  return expectationOf({ type: snapshot.type, version, document, current: { snapshot, representation } }, base);
}

const refusedPatch = (...args: Parameters<typeof patch>) => refusal(() => patch(...args));

describe('PATCH as a new generation of the expectation', () => {
  const base: ExpectationBody = {
    kind: 'BroadbandV2',
    name: 'acme-broadband-001',
    state: 'active',
    characteristics: { broadband: { technology: { $anyOf: ['fttp', 'fttn'] } } },
    parties: [{ role: 'provider', id: 'acme-retail' }],
    relationships: [
      { alias: 'avc', type: 'reliesOn', target: 'avc-1' },
      { alias: 'uni', type: 'reliesOn', target: 'uni-1' },
    ],
  };

  it('changes nothing when the representation comes back as it was', () => {
    for (const version of ['v4', 'v5'] as const) {
      expect(patch(broadbandSnapshot(), version, {}).translation.sections).toEqual({});
      expect(patch(gpuSnapshot(), version, []).translation.sections).toEqual({});
    }
  });

  it('sets only what it changed, over the expectation it changes', () => {
    // v5 requires @type in a PATCH body: the base type changes nothing
    const suspended = patch(broadbandSnapshot(), 'v5', { '@type': 'Service', state: 'suspended' }, base);
    expect(suspended.translation.sections).toEqual({ state: 'suspended' });
    expect(suspended.body).toEqual({ ...base, state: 'suspended' });
    expect(patch(broadbandSnapshot(), 'v4', { state: 'inactive' }, base).body.state).toBe('inactive');
    const feature = patch(broadbandSnapshot(), 'v4', [
      { op: 'replace', path: '/feature/0/isEnabled', value: true },
      { op: 'add', path: '/feature/0/featureCharacteristic/-', value: { name: 'address', value: '203.0.113.7' } },
    ]);
    // v4 shows a feature without characteristic values with one named isEnabled: that one is left out
    expect(feature.body).toEqual({
      kind: 'BroadbandV2',
      features: { staticIp: { isEnabled: true, characteristics: { address: '203.0.113.7' } } },
    });
  });

  it('keeps inherited facts out of the expectation, and refuses setting one', () => {
    // a merge patch replaces the list: the inherited place may go, the own places stay none
    expect(patch(broadbandSnapshot(), 'v4', { place: [] }, base).translation.sections).toEqual({ places: [] });
    expect(
      refusedPatch(broadbandSnapshot(), 'v4', [{ op: 'replace', path: '/place/0/id', value: 'loc-9' }], base),
    ).toEqual([
      'place[0]: "installationSite" is inherited (computed from the instances inheritedFrom names): a write may repeat it as it is, not set it',
    ]);
  });

  it('refuses what the engine would not do: rename, remove a characteristic, party or relationship', () => {
    expect(refusedPatch(broadbandSnapshot(), 'v4', { name: 'renamed', id: 'bb-2' }, base)).toEqual([
      "id: an instance's id does not change",
      'name: names are set when an instance is built: the engine does not rename one',
    ]);
    expect(refusedPatch(broadbandSnapshot(), 'v4', { serviceCharacteristic: [] }, base)).toEqual([
      'serviceCharacteristic: "broadband" is missing: an expectation sets values and removes none, so a write keeps every characteristic (change its value instead)',
    ]);
    expect(refusedPatch(broadbandSnapshot(), 'v5', { relatedParty: null }, base)).toEqual([
      'relatedParty: acme-retail (role provider) is missing: the engine replaces the party in a single role and removes none, so a write keeps it',
    ]);
    expect(refusedPatch(broadbandSnapshot(), 'v4', [{ op: 'remove', path: '/resourceRelationship/0' }], base)).toEqual([
      'resourceRelationship: the relationship "uni" to uni-1 is missing: the engine re-points an alias and removes no relationship, so a write keeps it',
    ]);
    expect(refusedPatch(broadbandSnapshot(), 'v4', { state: 'reserved' }, base)).toEqual([
      'state: "reserved" cannot be reached from active',
    ]);
  });

  it('replaces the party of a single role, re-points an alias, moves to another version of the specification', () => {
    const replaced = patch(
      broadbandSnapshot(),
      'v4',
      [
        { op: 'replace', path: '/relatedParty/0/id', value: 'other-rsp' },
        { op: 'replace', path: '/serviceRelationship/0/service/id', value: 'avc-2' },
        { op: 'replace', path: '/supportingService/0/id', value: 'avc-2' },
      ],
      base,
    );
    expect(replaced.body.parties).toEqual([{ role: 'provider', id: 'other-rsp' }]);
    expect(replaced.body.relationships).toEqual([
      { alias: 'avc', type: 'reliesOn', target: 'avc-2' },
      { alias: 'uni', type: 'reliesOn', target: 'uni-1' },
    ]);
    const v1 = patch(broadbandSnapshot(), 'v4', { serviceSpecification: { id: specs.broadbandV1 } }, base);
    expect(v1.translation.sections).toEqual({ kind: 'Broadband', specification: { name: 'broadband', major: 1 } });
    expect(refusedPatch(broadbandSnapshot(), 'v4', { serviceSpecification: { id: specs.gpu } }, base)[0]).toMatch(
      /^serviceSpecification\.id: no service specification/,
    );
  });

  it("sets a pool's bounds, and leaves what others hold of it alone", () => {
    const gpu = gpuSnapshot();
    const bounds = patch(gpu, 'v4', [{ op: 'replace', path: '/resourceCharacteristic/0/value/last', value: 700 }]);
    expect(bounds.body).toEqual({ kind: 'GPU', pools: { cores: { last: 700 } } });
    expect(
      refusedPatch(gpu, 'v5', [{ op: 'replace', path: '/resourceCharacteristic/0/value/free', value: 1 }]),
    ).toEqual(['resourceCharacteristic[0].value.free: the pool tells its free; a write may only repeat it']);
    // the core a cluster holds shows as an assignedTo relationship: leaving it out removes nothing
    expect(patch(gpu, 'v4', { resourceRelationship: [], resourceStatus: 'suspended' }).body).toEqual({
      kind: 'GPU',
      state: 'pendingRemoval',
    });
    expect(
      refusedPatch(gpu, 'v5', [{ op: 'replace', path: '/resourceRelationship/0/resource/id', value: 'c-2' }]),
    ).toEqual([
      "resourceRelationship[0]: assignedTo relationships are values of this instance's pools that others hold: the holder's expectation assigns them",
    ]);
    // TMF639 v4 shows one place: changing it replaces the data centre
    expect(patch(gpu, 'v4', { place: { id: 'NXTM3', role: 'dataCentre' } }).body.places).toEqual([
      { role: 'dataCentre', id: 'NXTM3' },
    ]);
  });
});

describe('problems named by the TMF field they came from', () => {
  it('relabels an expectation path by the longest origin, keeping the rest of the path', () => {
    const origins = new Map([
      ['characteristics.broadband', 'serviceCharacteristic[0].value'],
      ['parties', 'relatedParty'],
      ['parties.1', 'relatedParty[2]'],
    ]);
    expect(relabel('characteristics.broadband.technology: bad', origins)).toBe(
      'serviceCharacteristic[0].value.technology: bad',
    );
    expect(relabel('parties.1.role: undeclared', origins)).toBe('relatedParty[2].role: undeclared');
    expect(relabel('parties: too many', origins)).toBe('relatedParty: too many');
    expect(relabel('inherited.site: unknown', origins)).toBe("the expectation's inherited.site: unknown");
  });
});
