import { z } from 'zod';
import { definePartyKind, definePlaceKind } from '../../model/party-kind.js';

/** Who operates and manages compute, and where it lives. */
export const Tenant = definePartyKind({
  name: 'Tenant',
  type: 'Organization',
  description: 'A compute tenant (id: its ABN)',
  roles: { instances: { operator: ['Cluster', 'GPU'] } },
  characteristics: { abn: z.string().regex(/^\d{11}$/, 'an ABN is 11 digits') },
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
  description: 'A data centre (id: its code, e.g. NXTM2), with its address and location',
  roles: { instances: { dataCentre: ['Cluster', 'GPU'] }, places: { campus: ['Campus'] } },
  characteristics: { tier: z.number().int().min(1).max(4) },
});

export const Campus = definePlaceKind({
  name: 'Campus',
  type: 'GeographicLocation',
  description: 'The land data centres stand on: a GeoJSON point or polygon',
});
