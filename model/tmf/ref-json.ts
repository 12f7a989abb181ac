import type { InstanceRef, InstanceType } from '../instance-ref.js';
import { versionOf, type Specification } from '../specification.js';
import { compact, type RolePart } from './instance-parts.js';
import type { TmfVersion } from './state-vocabulary.js';
import { instanceHref, partyOrPlaceHref, specificationHref, type RenderContext } from './tmf-paths.js';

/**
 * What differs between the versions in every sub-object, and the references every item holds.
 * v5 requires `@type` on every sub-object (Extensible); v4 declares none of them as required,
 * and its sub-objects carry none.
 */
export interface JsonStyle {
  version: TmfVersion;
  context: RenderContext;
}

/** A sub-object in the style's shape: with its `@type` (last) in v5, as it is in v4. */
export const typed = (style: JsonStyle, type: string, fields: Record<string, unknown>): Record<string, unknown> =>
  style.version === 'v5' ? { ...fields, '@type': type } : fields;

export const baseTypes = { service: 'Service', resource: 'Resource' } as const satisfies Record<InstanceType, string>;

/** A reference to another instance (ServiceRef / ResourceRef), at the style's version. */
export const instanceRefJson = (style: JsonStyle, ref: InstanceRef) =>
  typed(style, `${baseTypes[ref.type]}Ref`, {
    id: ref.id,
    href: instanceHref(style.context, style.version, ref),
    '@referredType': ref.kind,
  });

/** The instances an inherited value was read from, as references; undefined for an own value. */
export const inheritedFromJson = (style: JsonStyle, from: InstanceRef[] | undefined) =>
  from?.map((ref) => instanceRefJson(style, ref));

/** ServiceSpecificationRef / ResourceSpecificationRef. */
export function specificationRefJson(style: JsonStyle, type: InstanceType, specification: Specification) {
  const referredType = `${baseTypes[type]}Specification`;
  return typed(style, `${referredType}Ref`, {
    id: specification.id,
    href: specificationHref(style.context, style.version, type, specification.id),
    name: specification.name,
    version: versionOf(specification),
    '@referredType': referredType,
  });
}

/** The party or place a role names, as a reference (PartyRef / PlaceRef in v5). */
export const partyOrPlaceRefJson = (style: JsonStyle, part: RolePart, refType: 'PartyRef' | 'PlaceRef') =>
  typed(
    style,
    refType,
    compact({
      id: part.id,
      href: partyOrPlaceHref(style.context, part),
      name: part.name,
      '@referredType': part.type,
    }),
  );
