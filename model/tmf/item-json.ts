import type { InstanceSnapshot } from '../tmf-json.js';
import { characteristicJson } from './characteristic-json.js';
import {
  characteristicParts,
  compact,
  displayName,
  relationshipParts,
  roleParts,
  supportingRefs,
  withValues,
  type RelationshipPart,
  type RolePart,
} from './instance-parts.js';
import { baseTypes, instanceRefJson, specificationRefJson, typed, type JsonStyle } from './ref-json.js';
import { statesIn, type TmfVersion } from './state-vocabulary.js';
import { instanceHref } from './tmf-paths.js';

/**
 * A TMF638 Service / TMF639 Resource item, assembled in one key order for every version from
 * the parts the versions share; a version supplies the parts whose shape it changes.
 */
export interface ItemStyle extends JsonStyle {
  /** The words states are rendered in: the version's, or the inventory's own (change events). */
  vocabulary: TmfVersion | 'inventory';
}

/** The parts whose shape depends on the version (and on service or resource). */
export interface VersionParts {
  relatedParty: (part: RolePart) => Record<string, unknown>;
  /** All places (a list), or in v4 TMF639 one object. */
  place: (parts: RolePart[]) => unknown;
  resourceRelationship: (part: RelationshipPart) => Record<string, unknown>;
  /** `feature`, or `activationFeature` for a v5 resource. */
  featureKey: string;
}

/** A note; one without an author says `unknown` (TMF638 v4 requires an author). */
const noteJson = (style: JsonStyle, note: NonNullable<InstanceSnapshot['notes']>[number]) =>
  typed(style, 'Note', { id: note.id, author: note.author ?? 'unknown', date: note.date, text: note.text });

const externalIdentifierJson = (
  style: JsonStyle,
  identifier: NonNullable<InstanceSnapshot['externalIdentifiers']>[number],
) =>
  typed(
    style,
    'ExternalIdentifier',
    compact({ id: identifier.id, externalIdentifierType: identifier.type, owner: identifier.owner }),
  );

/**
 * A feature, identified by its name (unique within the instance); its characteristics are always
 * listed. TMF638 v4 requires at least one: there a feature without any shows one named
 * `isEnabled` with its isEnabled value.
 */
function featureJson(style: JsonStyle, feature: InstanceSnapshot['features'][number]) {
  const characteristics = withValues(feature.characteristics);
  if (style.version === 'v4' && characteristics.length === 0) {
    characteristics.push({ name: 'isEnabled', value: feature.isEnabled });
  }
  return typed(style, 'Feature', {
    id: feature.name,
    name: feature.name,
    isEnabled: feature.isEnabled,
    featureCharacteristic: characteristics.map((part) => characteristicJson(style, part)),
  });
}

/**
 * A relationship with the related instance nested as a reference: ServiceRelationship in TMF638
 * v4 and v5, ResourceRelationship in TMF639 v5 (`relationshipType`, `service`|`resource`, and
 * `serviceRelationshipCharacteristic`|`resourceRelationshipCharacteristic`).
 */
export function nestedRelationshipJson(style: JsonStyle, part: RelationshipPart) {
  const { type } = part.target;
  return typed(
    style,
    `${baseTypes[type]}Relationship`,
    compact({
      relationshipType: part.relationshipType,
      [type]: instanceRefJson(style, part.target),
      [`${type}RelationshipCharacteristic`]: relationshipCharacteristicsJson(style, part),
    }),
  );
}

export const relationshipCharacteristicsJson = (style: JsonStyle, part: RelationshipPart) =>
  withValues(part.characteristics).map((characteristic) => characteristicJson(style, characteristic));

export function itemJson(style: ItemStyle, instance: InstanceSnapshot, version: VersionParts): Record<string, unknown> {
  const { type, specification } = instance;
  const relationships = relationshipParts(instance);
  const toType = (wanted: string) => relationships.filter((part) => part.target.type === wanted);
  const refs = (wanted: 'service' | 'resource') =>
    supportingRefs(instance, wanted).map((ref) => instanceRefJson(style, ref));
  const features = [...instance.features].sort((a, b) => a.name.localeCompare(b.name));
  return compact({
    id: instance.id,
    href: instanceHref(style.context, style.version, instance),
    name: displayName(instance),
    description: specification.description,
    category: specification.category,
    ...statesIn(style.vocabulary, type, instance.states),
    [`${type}Specification`]: specificationRefJson(style, type, specification),
    [`${type}Characteristic`]: characteristicParts(instance).map((part) => characteristicJson(style, part)),
    [version.featureKey]: features.map((feature) => featureJson(style, feature)),
    serviceRelationship: toType('service').map((part) => nestedRelationshipJson(style, part)),
    resourceRelationship: toType('resource').map(version.resourceRelationship),
    supportingService: refs('service'),
    supportingResource: refs('resource'),
    relatedParty: roleParts(instance, 'party').map(version.relatedParty),
    place: version.place(roleParts(instance, 'place')),
    note: (instance.notes ?? []).map((note) => noteJson(style, note)),
    externalIdentifier: (instance.externalIdentifiers ?? []).map((identifier) =>
      externalIdentifierJson(style, identifier),
    ),
    '@type': instance.kind,
    '@baseType': baseTypes[type],
  });
}
