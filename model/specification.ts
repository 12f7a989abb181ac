import { z } from 'zod';
import { camelCaseName } from './identifier.js';
import type { InstanceType } from './instance-ref.js';

/**
 * A TMF specification: stable UUID declared in code, camelCase name, semantic version.
 * A new major version is a new specification with a new id; minor and patch changes
 * overwrite the stored node.
 */
export const specificationTypes = ['serviceSpecification', 'resourceSpecification'] as const;
export type SpecificationType = (typeof specificationTypes)[number];

const versionPart = z.number().int().min(0);

export const specificationSchema = z.object({
  id: z.uuid({ message: 'must be a UUID' }),
  name: camelCaseName,
  type: z.enum(specificationTypes),
  major: z.number().int().min(1).default(1),
  minor: versionPart.default(0),
  patch: versionPart.default(0),
  description: z.string().optional(),
  category: z.string().optional(),
});

export type SpecificationDeclaration = z.input<typeof specificationSchema>;
export type Specification = z.output<typeof specificationSchema>;

export function versionOf(specification: Pick<Specification, 'major' | 'minor' | 'patch'>): string {
  return `${specification.major}.${specification.minor}.${specification.patch}`;
}

export const instanceTypeOf = (type: SpecificationType): InstanceType =>
  type === 'serviceSpecification' ? 'service' : 'resource';
