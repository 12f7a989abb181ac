import { z } from 'zod';
import {
  administrativeStates,
  operatingStatuses,
  operationalStates,
  resourceLifecycleStates,
  serviceStates,
  usageStates,
} from '../model/lifecycle.js';

/**
 * TMF638 Service and TMF639 Resource (v4) as model/tmf-json.ts `renderTmf` renders them: the
 * response schemas of the inventory routes and of their OpenAPI document.
 *
 * Every object lists its keys in the order renderTmf writes them: the response serializer
 * writes keys in schema order, so the body stays byte for byte what renderTmf made. An item
 * trimmed by `fields=` keeps only id, href and @type besides the fields named, so those three
 * are the only required keys of an item; a whole item always has its specification ref and
 * @baseType too.
 */

/** A ref to another instance: `inheritedFrom` entries, supporting services and resources, relationship targets. */
const instanceRef = z.object({
  id: z.string(),
  href: z.string(),
  '@referredType': z.string().describe("the instance's kind"),
});

const inheritedFrom = z.array(instanceRef).describe('set on inherited values: the instances the value was read from');

const characteristic = z.object({
  name: z.string(),
  value: z.unknown(),
  inheritedFrom: inheritedFrom.optional(),
});

const nameValue = z.object({ name: z.string(), value: z.unknown() });

const feature = z.object({
  name: z.string(),
  isEnabled: z.boolean(),
  featureCharacteristic: z.array(nameValue).optional(),
});

const specificationRef = (referredType: 'ServiceSpecification' | 'ResourceSpecification') =>
  z.object({
    id: z.string(),
    href: z.string(),
    name: z.string(),
    version: z.string(),
    '@referredType': z.literal(referredType),
  });

const serviceRelationship = z.object({
  relationshipType: z.string(),
  service: instanceRef,
  serviceRelationshipCharacteristic: z.array(nameValue).optional(),
});

const resourceRelationship = z.object({
  relationshipType: z.string(),
  resource: instanceRef,
  resourceRelationshipCharacteristic: z.array(nameValue).optional(),
});

/** A party or place in a role: the instance's own, or inherited (then with `inheritedFrom`). */
const roleRef = <T extends string>(type: T) =>
  z.object({
    id: z.string(),
    name: z.string().optional(),
    role: z.string(),
    '@referredType': z.string().describe('the party or place type, e.g. Organization, GeographicSite'),
    '@type': z.literal(type),
    inheritedFrom: inheritedFrom.optional(),
  });

const note = z.object({
  id: z.string(),
  author: z.string().optional(),
  date: z.string(),
  text: z.string(),
  '@type': z.literal('Note'),
});

const externalIdentifier = z.object({
  id: z.string(),
  externalIdentifierType: z.string(),
  owner: z.string().optional(),
  '@type': z.literal('ExternalIdentifier'),
});

const identity = {
  id: z.string(),
  href: z.string(),
  name: z.string().optional(),
  category: z.string().optional().describe("the specification's category"),
  description: z.string().optional().describe("the specification's description"),
};

/** What renderTmf writes after the characteristics, the same for services and resources. */
const parts = {
  feature: z.array(feature).optional(),
  serviceRelationship: z.array(serviceRelationship).optional(),
  resourceRelationship: z.array(resourceRelationship).optional(),
  supportingService: z.array(instanceRef).optional(),
  supportingResource: z.array(instanceRef).optional(),
  relatedParty: z.array(roleRef('RelatedParty')).optional(),
  note: z.array(note).optional(),
  externalIdentifier: z.array(externalIdentifier).optional(),
  place: z.array(roleRef('RelatedPlaceRefOrValue')).optional(),
  '@type': z.string().describe("the instance's kind"),
};

const characteristics = z
  .array(characteristic)
  .describe('own characteristics and pools, then inherited characteristics and field reads');

export const tmfService = z
  .object({
    ...identity,
    state: z.enum(serviceStates).optional(),
    operatingStatus: z.enum(operatingStatuses).optional(),
    startDate: z.string().optional(),
    endDate: z.string().optional(),
    serviceSpecification: specificationRef('ServiceSpecification').optional(),
    serviceCharacteristic: characteristics.optional(),
    ...parts,
    '@baseType': z.literal('Service').optional(),
  })
  .describe('A TMF638 Service');

export const tmfResource = z
  .object({
    ...identity,
    lifecycleState: z.enum(resourceLifecycleStates).optional(),
    administrativeState: z.enum(administrativeStates).optional(),
    operationalState: z.enum(operationalStates).optional(),
    usageState: z.enum(usageStates).optional(),
    resourceSpecification: specificationRef('ResourceSpecification').optional(),
    resourceCharacteristic: characteristics.optional(),
    ...parts,
    '@baseType': z.literal('Resource').optional(),
  })
  .describe('A TMF639 Resource');

export type TmfService = z.output<typeof tmfService>;
export type TmfResource = z.output<typeof tmfResource>;
