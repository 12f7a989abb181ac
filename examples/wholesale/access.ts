import { z } from 'zod';
import { defineInstanceKind } from '../../model/instance-kind.js';

/**
 * A wholesale access chain. An NNI at an exchange carries CVCs; a CVC (bought by an access
 * seeker) assigns an S-VLAN to each AVC; a UNI at a premises assigns the AVC a port. The AVC
 * holds none of the place and party facts itself: it inherits them along the chain.
 *
 *   Exchange ← NNI ─carries→ CVC ─svlan→ AVC ←uni─ UNI → Premises
 */
export const NNI = defineInstanceKind({
  name: 'NNI',
  description: 'A network-to-network interface: where access seekers hand over traffic',
  specification: {
    id: '3f0c1a52-6c41-4d2e-9a77-0b5f3c9e1d21',
    name: 'nni',
    type: 'resourceSpecification',
    major: 1,
    category: 'Wholesale',
  },
  characteristics: { capacityGbps: z.number().int().positive() },
  places: { exchange: { kind: 'Exchange' } },
  relationships: { source: 'all' },
});

export const CVC = defineInstanceKind({
  name: 'CVC',
  description: "Connectivity virtual circuit: an access seeker's bandwidth at one NNI",
  specification: {
    id: '8a4e2b1d-7f3c-4e5a-b6d9-2c1f0e8a7b34',
    name: 'cvc',
    type: 'resourceSpecification',
    major: 1,
    category: 'Wholesale',
  },
  characteristics: { bandwidthMbps: z.number().int().positive() },
  /** S-VLAN ids: an 802.1Q VLAN id is 1..4094, so no CVC may define or assign another. */
  pools: { svlans: { thing: 'svlan', min: 1, max: 4094 } },
  parties: { provider: { kind: 'AccessSeeker' } },
  relationships: { target: 'all' },
});

export const UNI = defineInstanceKind({
  name: 'UNI',
  description: 'User-network interface: the port on the network termination device at a premises',
  specification: {
    id: 'c7d1e3f5-2a4b-4c6d-8e0f-1a3b5c7d9e02',
    name: 'uni',
    type: 'resourceSpecification',
    major: 1,
    category: 'Wholesale',
  },
  pools: { ports: 'port' },
  places: { site: { kind: 'Premises' } },
  /** A retail service (examples/nbn) relies on the UNI at its premises. */
  relationships: { target: ['uni'] },
});

export const AVC = defineInstanceKind({
  name: 'AVC',
  description: "Access virtual circuit: one end user's access, from a UNI port to a CVC",
  specification: {
    id: 'e2b4d6f8-1a3c-4e5f-9b7d-3c5e7a9b1d46',
    name: 'avc',
    type: 'serviceSpecification',
    major: 1,
    category: 'Wholesale',
    description: 'An access virtual circuit from a UNI port to a CVC',
  },
  characteristics: { speedTier: z.enum(['25/5', '50/20', '100/40', '1000/50']) },
  /** A retail service (examples/nbn) relies on the AVC. */
  relationships: { target: ['avc'] },
  inherited: {
    places: {
      /** The premises of the UNI that gave this AVC a port. */
      installationSite: { via: ['uni'], sourceRole: 'site', collapse: 'first' },
      /** Two hops: the CVC that gave this AVC its S-VLAN, then the NNI carrying that CVC. */
      exchange: {
        via: ['svlan', { over: 'relationship', type: 'carries', direction: 'reverse' }],
        sourceRole: 'exchange',
        collapse: 'first',
      },
    },
    parties: {
      /** The access seeker that bought the CVC. */
      provider: { via: ['svlan'], sourceRole: 'provider' },
    },
    characteristics: {
      cvcBandwidthMbps: { via: ['svlan'], characteristic: 'bandwidthMbps', collapse: 'first' },
    },
  },
  fields: {
    svlanId: { assignment: { alias: 'svlan' }, field: 'value', collapse: 'first' },
    uniPort: { assignment: { alias: 'uni' }, field: 'value', collapse: 'first' },
    cvcName: { via: ['svlan'], field: 'name', collapse: 'first' },
  },
});
