import { definePartyKind, definePlaceKind } from '../../model/party-kind.js';

/** Where wholesale access lives and who buys it. */
export const Exchange = definePlaceKind({
  name: 'Exchange',
  type: 'GeographicSite',
  description: 'A telephone exchange hosting NNIs (id: its code, e.g. 2BLT)',
  roles: { instances: { exchange: ['NNI'] } },
});

export const Premises = definePlaceKind({
  name: 'Premises',
  type: 'GeographicAddress',
  description: 'A premises where a UNI is installed (id: its location id, e.g. LOC000123456789)',
  roles: { instances: { site: ['UNI'] } },
});

export const AccessSeeker = definePartyKind({
  name: 'AccessSeeker',
  type: 'Organization',
  description: 'A retail provider buying wholesale access (CVC capacity)',
  roles: { instances: { provider: ['CVC'] } },
});
