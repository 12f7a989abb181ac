import type { InstanceType } from '../../model/instance-ref.js';
import type { InstanceSnapshot } from '../../model/tmf-json.js';

/** Service and resource states that reach every mapped value of interest. */
export const sampleStates = {
  service: { state: 'suspended', operatingStatus: 'limited', startDate: '2026-11-01T09:00:00.000Z' },
  resource: {
    lifecycleState: 'installed',
    administrativeState: 'shutdown',
    operationalState: 'enable',
    usageState: 'busy',
  },
} as const satisfies Record<InstanceType, Record<string, string>>;

/**
 * A snapshot with something in every part an item renders — characteristics of every value type,
 * pools, a feature with and one without characteristics, relationships to both types, a given
 * assignment, two places, a note without an author, external identifiers, and inherited places,
 * parties, characteristics and field reads (and an unknown one, which never shows).
 */
export function sampleSnapshot(
  type: InstanceType,
  states: Record<string, string> = sampleStates[type],
): InstanceSnapshot {
  const from = [{ id: 'uni-1', kind: 'UNI', type: 'resource' as const }];
  const place = { id: 'loc-2', name: 'Darling St', kind: 'Premises', type: 'GeographicAddress' };
  return {
    id: `${type}-1`,
    kind: 'Sample',
    type,
    name: 'everything',
    states,
    specification: {
      id: '0b5e2f4a-9c1d-4e3f-8a7b-6c5d4e3f2a1b',
      name: 'sample',
      type: `${type}Specification`,
      major: 2,
      minor: 1,
      patch: 0,
      description: 'every part an item renders',
      category: 'Sample',
    },
    characteristics: [
      { name: 'speed', value: { down: 100, up: 40 } },
      { name: 'unset', value: null },
      { name: 'label', value: 'gold' },
      { name: 'ratio', value: 0.5 },
      { name: 'ports', value: [1, 2] },
      { name: 'mixed', value: [1, 'a'] },
      { name: 'tags', value: ['a', 'b'] },
      { name: 'shared', value: true },
    ],
    features: [
      { name: 'staticIp', isEnabled: true, characteristics: [{ name: 'address', value: '192.0.2.7' }] },
      { name: 'callerId', isEnabled: false, characteristics: [] },
    ],
    pools: [
      { name: 'slots', thing: 'slot', first: 1, last: 4, algorithm: 'lowest', assignableType: 'AVC', assigned: 3 },
    ],
    parties: [{ role: 'provider', id: 'rsp-1', name: 'Acme', kind: 'RSP', type: 'Organization' }],
    places: [
      { role: 'site', id: 'loc-1', kind: 'Premises', type: 'GeographicAddress' },
      { role: 'backup', id: 'dc-9', kind: 'DataCentre', type: 'GeographicSite' },
    ],
    relationships: [
      {
        type: 'carries',
        alias: 'main',
        target: { id: 'cvc-1', type: 'resource', kind: 'CVC' },
        characteristics: [{ name: 'weight', value: 2 }],
      },
      { type: 'uses', target: { id: 'svc-2', type: 'service', kind: 'AVC' }, characteristics: [] },
    ],
    givenAssignments: [
      { pool: 'slots', thing: 'slot', value: 1, alias: 'uni', assignee: { id: 'avc-1', type: 'service', kind: 'AVC' } },
    ],
    assignments: [],
    notes: [
      { id: 'n1', date: '2026-11-01T09:00:00.000Z', text: 'installed', author: 'Acme' },
      { id: 'n2', date: '2026-11-02T09:00:00.000Z', text: 'checked' },
    ],
    externalIdentifiers: [
      { type: 'crmOrder', id: 'ORD-1', owner: 'rsp-1' },
      { type: 'nbnAvcId', id: 'AVC0001' },
    ],
    inherited: [
      {
        name: 'installationSite',
        category: 'place',
        status: 'known',
        collapse: 'first',
        items: [{ value: 'loc-2', ref: place, from }],
      },
      {
        name: 'wholesaler',
        category: 'party',
        status: 'known',
        items: [{ value: 'as-1', ref: { id: 'as-1', kind: 'AccessSeeker', type: 'Organization' }, from }],
      },
      {
        name: 'cvcBandwidthMbps',
        category: 'characteristic',
        status: 'known',
        collapse: 'first',
        items: [{ value: 2000, from }],
      },
      {
        name: 'svlanIds',
        category: 'field',
        status: 'known',
        items: [
          { value: 7, from },
          { value: 9, from },
        ],
      },
      { name: 'exchange', category: 'place', status: 'unknown', reason: 'not yet' },
    ],
  };
}
