import type { InstanceSnapshot } from '../../model/tmf-json.js';

/** What every snapshot names: which instance, of which kind and specification, in which states. */
type SnapshotIdentity = Pick<InstanceSnapshot, 'id' | 'kind' | 'type' | 'specification' | 'states'>;

/** A snapshot of an instance that holds nothing but `fields`: every part not given is an empty list. */
export function instanceSnapshot(fields: SnapshotIdentity & Partial<InstanceSnapshot>): InstanceSnapshot {
  return {
    characteristics: [],
    features: [],
    pools: [],
    parties: [],
    places: [],
    relationships: [],
    assignments: [],
    givenAssignments: [],
    ...fields,
  };
}
