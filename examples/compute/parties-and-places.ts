import { definePartyKind, definePlaceKind } from '../../model/party-kind.js';

/** Who operates and manages compute, and where it lives. */
export const Tenant = definePartyKind({
  name: 'Tenant',
  type: 'Organization',
  description: 'A compute tenant (id: its ABN)',
  roles: { instances: { operator: ['Cluster', 'GPU'] } },
});

export const Engineer = definePartyKind({
  name: 'Engineer',
  type: 'Individual',
  description: 'An engineer who manages clusters',
  roles: { instances: { manager: ['Cluster'] }, parties: { employer: ['Tenant'] } },
});

export const DataCentre = definePlaceKind({
  name: 'DataCentre',
  type: 'GeographicSite',
  description: 'A data centre (id: its code, e.g. NXTM2)',
  roles: { instances: { dataCentre: ['Cluster', 'GPU'] } },
});
