import { z } from 'zod';
import type { InstanceType } from '../model/instance-ref.js';
import { officialStates, type TmfVersion } from '../model/tmf/state-vocabulary.js';
import { partSchemas, trimmable } from './tmf-part-schemas.js';

/**
 * TMF638 Service and TMF639 Resource, v4 and v5, as model/tmf/v4-json.ts and v5-json.ts render
 * them: the response schemas of the inventory routes and of their OpenAPI document.
 *
 * Every object lists its keys in the order the renderers write them (model/tmf/item-json.ts):
 * the response serializer writes keys in schema order, so the body stays byte for byte what
 * the renderer made. A `fields=` selection keeps only id, href and @type of an item besides the
 * fields named, so those three are its only required keys.
 */

/** The state fields a version renders, each with its official enumeration; a service's dates after them. */
function stateSchemas(type: InstanceType, version: TmfVersion): Record<string, z.ZodType> {
  const states = officialStates[type][version] as Record<string, readonly [string, ...string[]]>;
  const dates: Record<string, z.ZodType> = type === 'service' ? { startDate: z.string(), endDate: z.string() } : {};
  return { ...Object.fromEntries(Object.entries(states).map(([field, values]) => [field, z.enum(values)])), ...dates };
}

const baseTypes = { service: 'Service', resource: 'Resource' } as const;

function itemSchema(type: InstanceType, version: TmfVersion) {
  const parts = partSchemas(version);
  const featureKey = version === 'v5' && type === 'resource' ? 'activationFeature' : 'feature';
  return trimmable({
    id: z.string(),
    href: z.string(),
    name: z.string().describe("the instance's name, or its id when it has none"),
    description: z.string().describe("the specification's description"),
    category: z.string().describe("the specification's category"),
    ...stateSchemas(type, version),
    [`${type}Specification`]: parts.specificationRef(type),
    [`${type}Characteristic`]: parts.characteristics.describe(
      'own characteristics and pools, then inherited characteristics and field reads',
    ),
    [featureKey]: z.array(parts.feature),
    serviceRelationship: z.array(parts.serviceRelationship),
    resourceRelationship: z.array(parts.resourceRelationship),
    supportingService: z.array(parts.instanceRef),
    supportingResource: z.array(parts.instanceRef),
    relatedParty: parts.relatedParty,
    place: parts.place(type),
    note: z.array(parts.note),
    externalIdentifier: z.array(parts.externalIdentifier),
    '@type': z.string().describe("the instance's kind"),
    '@baseType': z.literal(baseTypes[type]),
  }).describe(`A TMF${type === 'service' ? '638 Service' : '639 Resource'} (${version})`);
}

/** The item schema of each API version: `tmfItems.v4.service` is a TMF638 v4 Service. */
export const tmfItems = {
  v4: { service: itemSchema('service', 'v4'), resource: itemSchema('resource', 'v4') },
  v5: { service: itemSchema('service', 'v5'), resource: itemSchema('resource', 'v5') },
} as const satisfies Record<TmfVersion, Record<InstanceType, z.ZodType>>;
