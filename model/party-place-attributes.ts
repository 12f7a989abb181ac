import { z } from 'zod';
import { geographicLocationSchema, geographicLocationValueSchema, positionOf } from './geo-location.js';
import type { GeoPoint } from './geo.js';
import type { PartyType, PlaceType } from './party-kind.js';

/**
 * The TMF attributes of parties and places, by TMF type, with TMF's own field names: TMF632
 * Organization and Individual, TMF673 GeographicAddress, TMF674 GeographicSite (its address and
 * location as `place` values), TMF675 GeographicLocation (a GeoJSON Point or Polygon). Every
 * schema is strict: an attribute the type does not have is refused, named. The name (`name`;
 * an Individual's `fullName`), id, kind and characteristics are not attributes.
 */

const text = z.string().min(1).max(500);
const dateTime = z.iso.datetime({ offset: true });

const organizationAttributes = z.strictObject({
  tradingName: text.optional(),
  nameType: text.optional(),
  organizationType: text.optional(),
  isLegalEntity: z.boolean().optional(),
  isHeadOffice: z.boolean().optional(),
  status: z.enum(['initialized', 'validated', 'closed']).optional(),
  existsDuring: z.strictObject({ startDateTime: dateTime.optional(), endDateTime: dateTime.optional() }).optional(),
});

const individualAttributes = z.strictObject({
  givenName: text.optional(),
  familyName: text.optional(),
  middleName: text.optional(),
  familyNamePrefix: text.optional(),
  preferredGivenName: text.optional(),
  legalName: text.optional(),
  formattedName: text.optional(),
  title: text.optional(),
  aristocraticTitle: text.optional(),
  generation: text.optional(),
  gender: text.optional(),
  nationality: text.optional(),
  countryOfBirth: text.optional(),
  placeOfBirth: text.optional(),
  maritalStatus: text.optional(),
  birthDate: dateTime.optional(),
  deathDate: dateTime.optional(),
  status: z.enum(['initialized', 'validated', 'deceased']).optional(),
});

const addressFields = {
  streetNr: text.optional(),
  streetNrSuffix: text.optional(),
  streetNrLast: text.optional(),
  streetNrLastSuffix: text.optional(),
  streetName: text.optional(),
  streetType: text.optional(),
  streetSuffix: text.optional(),
  locality: text.optional(),
  city: text.optional(),
  stateOrProvince: text.optional(),
  postcode: text.optional(),
  country: text.optional(),
  geographicLocation: geographicLocationValueSchema.optional(),
};

const geographicAddressAttributes = z.strictObject(addressFields);

/** A site's address as a value in its `place` list (TMF674 PlaceRefOrValue). */
const addressValue = z.strictObject({
  '@type': z.literal('GeographicAddress'),
  name: text.optional(),
  ...addressFields,
});

const geographicSiteAttributes = z.strictObject({
  code: text.optional(),
  description: z.string().max(4000).optional(),
  status: text.optional(),
  place: z.array(z.union([addressValue, geographicLocationValueSchema])).optional(),
});

export const attributeSchemas = {
  Organization: organizationAttributes,
  Individual: individualAttributes,
  Entity: z.strictObject({}),
  GeographicAddress: geographicAddressAttributes,
  GeographicSite: geographicSiteAttributes,
  GeographicLocation: geographicLocationSchema,
} satisfies Record<PartyType | PlaceType, z.ZodType>;

export type PartyOrPlaceType = keyof typeof attributeSchemas;

/** The attributes TMF requires when one is created (TMF632 Organization_Create, Individual_Create; TMF675). */
export const requiredOnCreate: Record<PartyOrPlaceType, string[]> = {
  Organization: ['tradingName'],
  Individual: ['givenName', 'familyName'],
  Entity: [],
  GeographicAddress: [],
  GeographicSite: [],
  GeographicLocation: ['@type', 'geoJson'],
};

/** The attributes held as JSON (objects and lists); the others are scalars. */
export const nestedAttributes = new Set(['existsDuring', 'geographicLocation', 'place', 'geoJson', 'bbox']);

export const isPartyOrPlaceType = (type: string): type is PartyOrPlaceType => type in attributeSchemas;

type Attributes = Record<string, unknown>;

/**
 * Where a place is, from its attributes: a location's point (or its polygon's centroid, with the
 * polygon as its geometry); an address's location; a site's first location value, else the
 * location of its first address value that has one.
 */
export function placePosition(
  type: string,
  attributes: Attributes,
): { location: GeoPoint; geometry?: unknown } | undefined {
  const asLocation = (value: unknown) => {
    const parsed = geographicLocationValueSchema.safeParse(value);
    return parsed.success ? positionOf(parsed.data) : undefined;
  };
  if (type === 'GeographicLocation') return asLocation(attributes);
  if (type === 'GeographicAddress') return asLocation(attributes.geographicLocation);
  if (type !== 'GeographicSite') return undefined;
  const places = (attributes.place ?? []) as Attributes[];
  const located = places.find((place) => place['@type'] !== 'GeographicAddress');
  if (located) return asLocation(located);
  const address = places.find((place) => place['@type'] === 'GeographicAddress' && place.geographicLocation);
  return address ? asLocation(address.geographicLocation) : undefined;
}

/** An Individual's name when no fullName is given: its given and family names. */
export function individualNameOf(attributes: Attributes): string | undefined {
  const parts = [attributes.givenName, attributes.familyName].filter((part) => typeof part === 'string');
  return parts.length > 0 ? parts.join(' ') : undefined;
}
