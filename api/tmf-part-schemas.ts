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

/** A sub-object's schema in the version's shape: with the `@type` every v5 sub-object carries (last). */
const typedFor = (version: TmfVersion) => (type: z.ZodType, shape: Record<string, z.ZodType>) =>
  trimmable(version === 'v5' ? { ...shape, '@type': type } : shape);

/** References: to instances (and where an inherited value came from), specifications, parties and places. */
function referenceSchemas(version: TmfVersion) {
  const typed = typedFor(version);
  const instanceRef = typed(z.enum(['ServiceRef', 'ResourceRef']), {
    id: z.string(),
    href: z.string(),
    '@referredType': z.string().describe("the instance's kind"),
  });
  const inheritedFrom = z.array(instanceRef).describe('set on inherited values: the instances the value was read from');
  const partyOrPlace = (refType: string) => ({
    id: z.string(),
    href: z.string(),
    name: z.string(),
    '@referredType': z.string().describe('the party or place type, e.g. Organization, GeographicSite'),
    ...(version === 'v5' ? { '@type': z.literal(refType) } : {}),
  });
  return {
    instanceRef,
    inheritedFrom,
    specificationRef: (type: InstanceType) =>
      typed(z.literal(`${baseTypes[type]}SpecificationRef`), {
        id: z.string(),
        href: z.string(),
        name: z.string(),
        version: z.string(),
        '@referredType': z.literal(`${baseTypes[type]}Specification`),
      }),
    /** A party or place in a role: flat in v4; in v5 the ref one level down, under `key`. */
    related: (wrapper: string, key: string, refType: string) =>
      version === 'v5'
        ? typed(z.literal(wrapper), { role: z.string(), [key]: trimmable(partyOrPlace(refType)), inheritedFrom })
        : trimmable({ ...partyOrPlace(refType), role: z.string(), inheritedFrom }),
  };
}

/** A list of characteristics: in v5 each typed by its `@type`, whose value it holds. */
function characteristicsSchema(version: TmfVersion, inheritedFrom: z.ZodType) {
  const shape = (value: z.ZodType) => ({ name: z.string(), valueType: z.string(), value, inheritedFrom });
  const typedCharacteristics = Object.entries(characteristicValues).map(([type, value]) =>
    trimmable({ ...shape(value), '@type': z.literal(type) }),
  );
  return z.array(
    version === 'v5' ? z.discriminatedUnion('@type', typedCharacteristics as never) : trimmable(shape(z.unknown())),
  );
}

export function partSchemas(version: TmfVersion) {
  const typed = typedFor(version);
  const { instanceRef, inheritedFrom, specificationRef, related } = referenceSchemas(version);
  const characteristics = characteristicsSchema(version, inheritedFrom);
  const nestedRelationship = (type: InstanceType, ref: z.ZodType) =>
    typed(z.literal(`${baseTypes[type]}Relationship`), {
      relationshipType: z.string(),
      [type]: ref,
      [`${type}RelationshipCharacteristic`]: characteristics,
    });
  return {
    instanceRef,
    characteristics,
    specificationRef,
    feature: typed(z.literal('Feature'), {
      id: z.string(),
      name: z.string(),
      isEnabled: z.boolean(),
      featureCharacteristic: characteristics,
    }),
    serviceRelationship: nestedRelationship('service', instanceRef),
    resourceRelationship:
      version === 'v5'
        ? nestedRelationship('resource', instanceRef)
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
