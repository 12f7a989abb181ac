import { z } from 'zod';
import { defineInstanceKind } from '../../model/instance-kind.js';

/**
 * NBN broadband, the versioning livebook. V1 (minor 1 adds fixed wireless) and V2 (a new
 * major: fttb retired) coexist; instances move from V1 to V2 with respecify.
 *
 * A retail broadband service relies on a wholesale AVC (relationship alias `avc`) and the UNI
 * at the premises (alias `uni`), and inherits its installation site through the AVC: the site of
 * the UNI that gave the AVC its port (examples/wholesale). A static IP address is a feature,
 * off unless asked for.
 */
const retailParts = {
  features: { staticIp: { enabled: false, characteristics: { address: z.string() } } },
  parties: { provider: { kind: 'RSP' } },
  relationships: { source: ['avc', 'uni'] },
  inherited: {
    places: {
      installationSite: {
        via: [{ over: 'relationship' as const, alias: 'avc' }, 'uni'],
        sourceRole: 'site',
        collapse: 'first' as const,
      },
    },
  },
};

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
  ...retailParts,
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
  ...retailParts,
});
