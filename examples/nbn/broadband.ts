import { z } from 'zod';
import { defineInstanceKind } from '../../model/instance-kind.js';

/**
 * NBN broadband, the versioning livebook. V1 (minor 1 adds fixed wireless) and V2 (a new
 * major: fttb retired) coexist; instances move from V1 to V2 with respecify.
 */
export const Broadband = defineInstanceKind({
  name: 'Broadband',
  description: 'A broadband access service (V1)',
  specification: {
    id: 'a1b2c3d4-e5f6-4a7b-8c9d-e0f1a2b3c4d5',
    name: 'broadband',
    type: 'serviceSpecification',
    major: 1,
    description: 'A broadband access service',
    category: 'Access',
  },
  characteristics: {
    broadband: z.strictObject({ technology: z.enum(['fttc', 'fttb', 'fttn', 'fttp', 'fw']).optional() }),
  },
  parties: { provider: { kind: 'RSP' } },
});

export const BroadbandV2 = defineInstanceKind({
  name: 'BroadbandV2',
  description: 'A broadband access service (V2, fttb retired)',
  specification: {
    id: 'f6e5d4c3-b2a1-4f0e-9d8c-7b6a5f4e3d2c',
    name: 'broadband',
    type: 'serviceSpecification',
    major: 2,
    description: 'A broadband access service — fttb technology retired',
    category: 'Access',
  },
  characteristics: { broadband: z.strictObject({ technology: z.enum(['fttc', 'fttn', 'fttp', 'fw']).optional() }) },
  parties: { provider: { kind: 'RSP' } },
});
