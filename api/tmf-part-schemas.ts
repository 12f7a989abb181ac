import { z } from 'zod';
import type { InstanceType } from '../model/instance-ref.js';
import type { TmfVersion } from '../model/tmf/state-vocabulary.js';

/**
 * The sub-objects of TMF items (model/tmf/item-json.ts) as zod schemas, per version: what the
 * response serializer writes (a key a schema lacks is dropped, keys come in schema order) and
 * what the OpenAPI document shows. `fields=` may trim any attribute but the identifying ones
 * (id, href, @type, @referredType), so only those are required.
 */

const identifying = new Set(['id', 'href', '@type', '@referredType']);

/** An object whose attributes a `fields` selection may trim, but for the identifying ones. */
export function trimmable(shape: Record<string, z.ZodType>) {
  return z.object(
    Object.fromEntries(
      Object.entries(shape).map(([key, schema]) => [key, identifying.has(key) ? schema : schema.optional()]),
    ),
  );
}

const baseTypes = { service: 'Service', resource: 'Resource' } as const;

/** The v5 characteristic subclasses, each with the value it holds; `Characteristic` holds a mixed list. */
export const characteristicValues = {
  StringCharacteristic: z.string(),
  StringArrayCharacteristic: z.array(z.string()),
  IntegerCharacteristic: z.int(),
  IntegerArrayCharacteristic: z.array(z.int()),
  NumberCharacteristic: z.number(),
  NumberArrayCharacteristic: z.array(z.number()),
  BooleanCharacteristic: z.boolean(),
  BooleanArrayCharacteristic: z.array(z.boolean()),
  ObjectCharacteristic: z.record(z.string(), z.unknown()),
  ObjectArrayCharacteristic: z.array(z.record(z.string(), z.unknown())),
  Characteristic: z.array(z.unknown()),
};

export function partSchemas(version: TmfVersion) {
  /** With the `@type` every v5 sub-object carries (last, as the renderers write it). */
  const typed = (type: z.ZodType, shape: Record<string, z.ZodType>) =>
    trimmable(version === 'v5' ? { ...shape, '@type': type } : shape);
  const literals = (...names: [string, ...string[]]) => z.enum(names);

  const instanceRef = typed(literals('ServiceRef', 'ResourceRef'), {
    id: z.string(),
    href: z.string(),
    '@referredType': z.string().describe("the instance's kind"),
  });
  const inheritedFrom = z.array(instanceRef).describe('set on inherited values: the instances the value was read from');
  const characteristicShape = (value: z.ZodType) => ({
    name: z.string(),
    valueType: z.string(),
    value,
    inheritedFrom,
  });
  const characteristic =
    version === 'v5'
      ? z.discriminatedUnion(
          '@type',
          Object.entries(characteristicValues).map(([type, value]) =>
            trimmable({ ...characteristicShape(value), '@type': z.literal(type) }),
          ) as never,
        )
      : trimmable(characteristicShape(z.unknown()));
  const characteristics = z.array(characteristic);
  const partyOrPlace = (refType: string) => ({
    id: z.string(),
    href: z.string(),
    name: z.string(),
    '@referredType': z.string().describe('the party or place type, e.g. Organization, GeographicSite'),
    ...(version === 'v5' ? { '@type': z.literal(refType) } : {}),
  });
  /** A party or place in a role: flat in v4; in v5 the ref one level down, under `key`. */
  const related = (wrapper: string, key: string, refType: string) =>
    version === 'v5'
      ? typed(z.literal(wrapper), { role: z.string(), [key]: trimmable(partyOrPlace(refType)), inheritedFrom })
      : trimmable({ ...partyOrPlace(refType), role: z.string(), inheritedFrom });

  return {
    instanceRef,
    characteristics,
    specificationRef: (type: InstanceType) =>
      typed(z.literal(`${baseTypes[type]}SpecificationRef`), {
        id: z.string(),
        href: z.string(),
        name: z.string(),
        version: z.string(),
        '@referredType': z.literal(`${baseTypes[type]}Specification`),
      }),
    feature: typed(z.literal('Feature'), {
      id: z.string(),
      name: z.string(),
      isEnabled: z.boolean(),
      featureCharacteristic: characteristics,
    }),
    serviceRelationship: typed(z.literal('ServiceRelationship'), {
      relationshipType: z.string(),
      service: instanceRef,
      serviceRelationshipCharacteristic: characteristics,
    }),
    resourceRelationship:
      version === 'v5'
        ? typed(z.literal('ResourceRelationship'), {
            relationshipType: z.string(),
            resource: instanceRef,
            resourceRelationshipCharacteristic: characteristics,
          })
        : trimmable({
            id: z.string(),
            href: z.string(),
            relationshipType: z.string(),
            resourceRelationshipCharacteristic: characteristics,
            '@referredType': z.string(),
          }),
    relatedParty: z.array(related('RelatedPartyRefOrPartyRoleRef', 'partyOrPartyRole', 'PartyRef')),
    /** Places: a list, but ONE object in TMF639 v4. */
    place: (type: InstanceType) => {
      const one = related(type === 'service' ? 'RelatedPlaceRefOrValue' : 'RelatedPlaceRef', 'place', 'PlaceRef');
      return version === 'v4' && type === 'resource' ? one : z.array(one);
    },
    note: typed(z.literal('Note'), { id: z.string(), author: z.string(), date: z.string(), text: z.string() }),
    externalIdentifier: typed(z.literal('ExternalIdentifier'), {
      id: z.string(),
      externalIdentifierType: z.string(),
      owner: z.string(),
    }),
  };
}
