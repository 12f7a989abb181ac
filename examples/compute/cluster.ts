import { z } from 'zod';
import { defineInstanceKind } from '../../model/instance-kind.js';

/** A composite resource: a cluster composed of GPU (and NPU) cores assigned to it. */
export const clusterValue = z.strictObject({
  name: z.string().optional(),
  gpuCores: z.number().int().min(0).default(0),
  npuCores: z.number().int().min(0).default(0),
});

export const Cluster = defineInstanceKind({
  name: 'Cluster',
  description: 'A compute cluster composed of assigned GPU and NPU cores',
  specification: {
    id: '4bcfc4c9-e776-4878-a658-e8d81857bed7',
    name: 'cluster',
    type: 'resourceSpecification',
    description: 'A Cluster Resource Instance',
    category: 'Network Resource',
  },
  characteristics: { cluster: clusterValue },
  parties: { operator: { kind: 'Tenant' }, manager: { kind: 'Engineer' } },
  places: { dataCentre: { kind: 'DataCentre' } },
  relationships: { source: 'all', target: 'all' },
});
