import { definePartyKind } from '../../model/party-kind.js';
import type { Kind } from '../../model/registry.js';
import { Broadband, BroadbandV2 } from './broadband.js';

/** A Retail Service Provider: the consumer that creates and operates broadband services. */
export const RSP = definePartyKind({
  name: 'RSP',
  type: 'Organization',
  roles: { instances: { provider: ['Broadband', 'BroadbandV2'] } },
});

export { Broadband, BroadbandV2 };
export const nbnKinds: Kind[] = [Broadband, BroadbandV2, RSP];
