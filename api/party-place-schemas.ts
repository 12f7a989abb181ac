import { z } from 'zod';
import { partyTypes, type PartyType, type PlaceType } from '../model/party-kind.js';
import { attributeSchemas } from '../model/party-place-attributes.js';
import { characteristicListKey, nameKeyOf } from '../model/tmf/party-place-json.js';

/**
 * The response and request schemas of the party and place routes, from the attribute schemas
 * the kinds are checked with (model/party-place-attributes.ts): each TMF type's item with only
 * `id`, `href` and `@type` required, as `fields` may trim the rest.
 */

const refView = z.object({
  id: z.string(),
  href: z.string(),
  name: z.string().optional(),
  role: z.string().optional(),
  '@referredType': z.string(),
  '@type': z.string().optional(),
});

const relatedPartyView = z.union([
  refView,
  z.object({ role: z.string(), partyOrPartyRole: refView, '@type': z.literal('RelatedPartyRefOrPartyRoleRef') }),
]);

const characteristicView = z.object({
  name: z.string(),
  valueType: z.string(),
  value: z.unknown(),
  '@type': z.string().optional(),
});

/** A TMF type's attributes, each optional: a location's geometry as GeoJSON. */
function attributeShape(type: PartyType | PlaceType): z.ZodRawShape {
  if (type === 'GeographicLocation')
    return {
      geoJson: z.object({ type: z.enum(['Point', 'Polygon']), coordinates: z.array(z.unknown()) }).optional(),
      bbox: z.array(z.number()).optional(),
    };
  const shape = attributeSchemas[type].shape as z.ZodRawShape;
  return { ...shape, ...(type === 'GeographicSite' ? { place: z.array(z.unknown()).optional() } : {}) };
}

/** The item of a TMF type (TMF632 Organization, Individual; TMF673/674/675 GeographicAddress, Site, Location). */
export function partyOrPlaceView(type: PartyType | PlaceType) {
  const category = (partyTypes as readonly string[]).includes(type) ? 'party' : 'place';
  return z.object({
    id: z.string(),
    href: z.string(),
    [nameKeyOf(type)]: z.string().optional(),
    ...attributeShape(type),
    [characteristicListKey[category]]: z
      .array(characteristicView)
      .optional()
      .describe("the kind's characteristics (TMF632 partyCharacteristic; for places a diffo extension)"),
    relatedParty: z.array(relatedPartyView).optional(),
    ...(type === 'GeographicSite'
      ? {}
      : { place: z.array(refView).optional().describe('the places it is related to, by role') }),
    kind: z.string().optional().describe('diffo extension: the registered party or place kind'),
    '@type': z.string().describe(type === 'GeographicLocation' ? 'GeoJsonPoint or GeoJsonPolygon (TMF675)' : `${type}`),
  });
}

/** A create body: the item's fields (kind named in `kind`), checked in full by the kind when written. */
export const partyOrPlaceBody = z
  .looseObject({
    id: z.string().optional(),
    kind: z.string().optional().describe('the registered kind (may be left out when the type has only one)'),
    '@type': z.string().optional(),
  })
  .describe('the TMF item without href; unknown attributes are refused, named');
