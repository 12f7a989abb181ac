import type { z } from 'zod';
import type { RoleTargetsDeclaration } from './roles.js';

/**
 * Party kinds (who: an Organization, an Individual, an Entity) and place kinds (where: a
 * GeographicSite, GeographicAddress or GeographicLocation), with the roles they play
 * towards instances, parties and places. Their ids may be meaningful strings (an ABN, a
 * data-centre code).
 */
export const partyTypes = ['Organization', 'Individual', 'Entity'] as const;
export type PartyType = (typeof partyTypes)[number];

export const placeTypes = ['GeographicSite', 'GeographicAddress', 'GeographicLocation'] as const;
export type PlaceType = (typeof placeTypes)[number];

export interface PartyKind {
  category: 'party';
  name: string;
  type: PartyType;
  description?: string;
  roles?: RoleTargetsDeclaration;
  /** Domain facts beyond the TMF attributes (e.g. a Tenant's ABN), each a zod schema, like an instance kind's. */
  characteristics?: Record<string, z.ZodType>;
}

export interface PlaceKind {
  category: 'place';
  name: string;
  type: PlaceType;
  description?: string;
  roles?: RoleTargetsDeclaration;
  /** Domain facts beyond the TMF attributes (e.g. a Tenant's ABN), each a zod schema, like an instance kind's. */
  characteristics?: Record<string, z.ZodType>;
}

/** A party or place as stored: its id (which may be meaningful), name, kind and TMF type. */
export interface PartyOrPlace {
  id: string;
  name?: string;
  kind: string;
  type: string;
}

/** A party or place this one is related to, in a role its kind declares towards that one's kind. */
export interface RelatedPartyOrPlace extends PartyOrPlace {
  role: string;
  section: 'parties' | 'places';
}

/** A party or place with all it holds: its TMF attributes, its characteristics and the ones it is related to. */
export interface PartyOrPlaceDetail extends PartyOrPlace {
  attributes: Record<string, unknown>;
  characteristics: Record<string, unknown>;
  related: RelatedPartyOrPlace[];
}

export function definePartyKind(declaration: Omit<PartyKind, 'category'>): PartyKind {
  return Object.freeze({ ...declaration, category: 'party' as const });
}

export function definePlaceKind(declaration: Omit<PlaceKind, 'category'>): PlaceKind {
  return Object.freeze({ ...declaration, category: 'place' as const });
}
