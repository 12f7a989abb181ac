import { z } from 'zod';
import type { InstanceType } from '../model/instance-ref.js';
import {
  characteristicsField,
  specificationLifecycles,
  valuesField,
  type CharacteristicHolder,
} from '../model/tmf/specification-json.js';
import type { TmfVersion } from '../model/tmf/state-vocabulary.js';

/**
 * The response schemas of the specification catalog, one per API version and type, in the words
 * model/tmf/specification-json.ts renders (the OpenAPI document shows them; the serializer keeps
 * only what they name). Only id, href and @type are required, as `fields` may trim the rest.
 */

const typeTag = (version: TmfVersion) => (version === 'v5' ? { '@type': z.string() } : {});

function characteristicView(version: TmfVersion, holder: CharacteristicHolder) {
  const value = z
    .object({ value: z.unknown(), valueType: z.string(), ...typeTag(version) })
    .describe('an allowed value (from an enum or literal of the zod schema)');
  return z.object({
    name: z.string().describe('the characteristic, or a field of it by dotted path (broadband.technology)'),
    valueType: z.string().describe('string, integer, number, boolean, object, array, null or any'),
    configurable: z.boolean(),
    minCardinality: z.number().describe('0 when the value may be absent'),
    maxCardinality: z.number().optional().describe('1, none for an array'),
    [valuesField[version][holder]]: z.array(value).optional(),
    ...typeTag(version),
  });
}

const roleView = z.object({
  role: z.string(),
  kind: z.string(),
  cardinality: z.enum(['single', 'plural', 'reference']),
  minCardinality: z.number().optional(),
  maxCardinality: z.number().optional(),
});

const permissionView = z.union([z.enum(['all', 'none']), z.array(z.string())]);

export function specificationView(version: TmfVersion, type: InstanceType) {
  return z.object({
    id: z.string(),
    href: z.string(),
    name: z.string().optional(),
    version: z.string().optional().describe('major.minor.patch; a new major version is a new specification'),
    description: z.string().optional(),
    category: z.string().optional(),
    isBundle: z.boolean().optional().describe('always false: a kind is one specification'),
    lifecycleStatus: z
      .enum(specificationLifecycles)
      .optional()
      .describe(
        'Active: the highest registered major version of its name; Retired: a lower one still registered; Obsolete: stored, but its kind is no longer registered',
      ),
    [characteristicsField[type]]: z.array(characteristicView(version, type)).optional(),
    featureSpecification: z
      .array(
        z.object({
          name: z.string(),
          isEnabled: z.boolean(),
          featureSpecCharacteristic: z.array(characteristicView(version, 'feature')),
          ...typeTag(version),
        }),
      )
      .optional(),
    poolSpecification: z
      .array(
        z.object({
          name: z.string(),
          thing: z.string(),
          min: z.number().int().optional().describe('the lowest value the kind lets this pool hold'),
          max: z.number().int().optional().describe('the highest value the kind lets this pool hold'),
        }),
      )
      .optional()
      .describe("diffo extension: the kind's pools, the thing each holds and the values the kind allows"),
    partyRole: z.array(roleView).optional().describe("diffo extension: the kind's party roles"),
    placeRole: z.array(roleView).optional().describe("diffo extension: the kind's place roles"),
    permittedRelationship: z
      .object({ source: permissionView, target: permissionView })
      .optional()
      .describe('diffo extension: the relationship aliases the kind may be source or target of'),
    '@type': z.enum(['ServiceSpecification', 'ResourceSpecification']),
  });
}
