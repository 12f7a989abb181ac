import { z } from 'zod';
import type { InstanceType } from '../model/instance-ref.js';
import { officialStates, type TmfVersion } from '../model/tmf/state-vocabulary.js';
import { characteristicValues } from './tmf-part-schemas.js';

/**
 * The request bodies of the TMF write routes, per API and version: what a valid TMF638
 * `Service_Create` / `Service_FVO` or TMF639 `Resource_Create` / `Resource_FVO` looks like, as
 * far as diffo reads it — the official required fields (638v4 `state`, `serviceSpecification`;
 * 639v4 `name`; v5 `@type`, and for a service `state` and `serviceSpecification`), state values
 * from the version's enumerations, the JSON types of the fields diffo translates, and a v5
 * characteristic's value fitting the `@type` it names. A body that fails here is no valid TMF
 * body: 400, naming the field. Other attributes pass, and the translation
 * (expectations/tmf/tmf-write.ts) refuses what the kind cannot express: 422. The same shapes,
 * with nothing required, check a PATCH's result.
 */

const text = z.string();
const loose = z.looseObject;

const characteristic = loose({ name: text, value: z.unknown(), valueType: text.optional(), '@type': text.optional() })
  .superRefine((entry, context) => {
    const schema = (characteristicValues as Record<string, z.ZodType>)[entry['@type'] ?? ''];
    if (schema && !schema.safeParse(entry.value).success) {
      context.addIssue({ code: 'custom', path: ['value'], message: `does not fit its @type ${entry['@type']}` });
    }
  })
  .describe('a characteristic: v4 {name, value}; v5 with the @type its value fits (StringCharacteristic, …)');

const instanceRef = loose({ id: text, href: text.optional(), '@type': text.optional() });
const specificationRef = loose({ id: text.optional(), name: text.optional(), version: text.optional() }).describe(
  "the specification by id (or by name and version): it decides the instance's kind",
);

function relatedParty(version: TmfVersion) {
  return version === 'v4'
    ? loose({ id: text, role: text.optional(), '@referredType': text, name: text.optional(), href: text.optional() })
    : loose({ role: text, partyOrPartyRole: loose({ id: text, '@type': text.optional() }), '@type': text.optional() });
}

function place(type: InstanceType, version: TmfVersion) {
  if (version === 'v5') return z.array(loose({ role: text, place: loose({ id: text }), '@type': text.optional() }));
  const one = loose({ id: text, role: text, href: text.optional(), '@referredType': text.optional() });
  return type === 'resource' ? one.describe('TMF639 v4: one place') : z.array(one);
}

const feature = loose({
  id: text.optional(),
  name: text,
  isEnabled: z.boolean().optional(),
  featureCharacteristic: z.array(characteristic).optional(),
});

function relationships(version: TmfVersion) {
  const characteristics = (key: string) => ({
    [`${key}RelationshipCharacteristic`]: z.array(characteristic).optional(),
  });
  return {
    serviceRelationship: z.array(
      loose({ relationshipType: text, service: instanceRef, ...characteristics('service') }),
    ),
    resourceRelationship: z.array(
      version === 'v4'
        ? loose({ id: text, relationshipType: text, ...characteristics('resource') })
        : loose({ relationshipType: text, resource: instanceRef, ...characteristics('resource') }),
    ),
  };
}

/** A version's state fields, each with its official enumeration. */
function states(type: InstanceType, version: TmfVersion): Record<string, z.ZodType> {
  const fields = officialStates[type][version] as Record<string, readonly [string, ...string[]]>;
  return Object.fromEntries(Object.entries(fields).map(([field, values]) => [field, z.enum(values)]));
}

/** Fields every create body of the API and version must have (the official `required`). */
function requiredOnCreate(type: InstanceType, version: TmfVersion): string[] {
  const service = type === 'service' ? ['state', 'serviceSpecification'] : [];
  return version === 'v4' ? (type === 'service' ? service : ['name']) : ['@type', ...service];
}

function shape(type: InstanceType, version: TmfVersion): Record<string, z.ZodType> {
  const featureKey = type === 'resource' && version === 'v5' ? 'activationFeature' : 'feature';
  return {
    id: text.describe('the instance id (optional: the server makes one)'),
    name: text,
    description: text,
    category: text,
    ...states(type, version),
    [`${type}Specification`]: specificationRef,
    [`${type}Characteristic`]: z.array(characteristic),
    [featureKey]: z.array(feature),
    ...relationships(version),
    supportingService: z.array(instanceRef),
    supportingResource: z.array(instanceRef),
    relatedParty: z.array(relatedParty(version)),
    place: place(type, version),
    '@type': text.describe('a registered kind, or the base type'),
    '@baseType': text,
  };
}

/** The body of a POST (`create`), or what a PATCH made of the instance's representation (`update`). */
export function tmfRequestSchema(type: InstanceType, version: TmfVersion, operation: 'create' | 'update') {
  const required = operation === 'create' ? requiredOnCreate(type, version) : [];
  const fields = Object.entries(shape(type, version)).map(([key, schema]) => [
    key,
    required.includes(key) ? schema : schema.optional(),
  ]);
  const name = type === 'service' ? 'Service' : 'Resource';
  const official = version === 'v4' ? `${name}_${operation === 'create' ? 'Create' : 'Update'}` : `${name}_FVO`;
  return loose(Object.fromEntries(fields)).describe(`TMF${type === 'service' ? '638' : '639'} ${version} ${official}`);
}

/** RFC 6902 JSON Patch (TMF630 `JsonPatchOperations`). */
export const jsonPatchSchema = z
  .array(
    z.strictObject({
      op: z.enum(['add', 'remove', 'replace', 'move', 'copy', 'test']),
      path: text,
      value: z.unknown().optional(),
      from: text.optional(),
    }),
  )
  .describe('application/json-patch+json: RFC 6902 operations on the representation GET shows');
