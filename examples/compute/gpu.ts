import { z } from 'zod';
import { defineInstanceKind } from '../../model/instance-kind.js';

/** A GPU resource: a pool of individually assignable cores. */
export const gpuValue = z.strictObject({
  name: z.string().optional(),
  family: z.enum(['nvidia', 'amd', 'intel']).optional(),
  model: z.string().optional(),
  technology: z.string().optional(),
});

export const GPU = defineInstanceKind({
  name: 'GPU',
  description: 'A GPU whose cores are assigned to clusters',
  specification: {
    id: 'ad50073f-17e0-45cb-b9b1-aa4296876156',
    name: 'gpu',
    type: 'resourceSpecification',
    description: 'A GPU Resource Instance',
    category: 'Network Resource',
  },
  characteristics: { gpu: gpuValue },
  pools: { cores: 'core' },
  parties: { operator: { kind: 'Tenant' } },
  places: { dataCentre: { kind: 'DataCentre' } },
});
