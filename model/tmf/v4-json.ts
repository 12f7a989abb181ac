import type { InstanceSnapshot } from '../tmf-json.js';
import { compact, type RelationshipPart, type RolePart } from './instance-parts.js';
import { itemJson, relationshipCharacteristicsJson } from './item-json.js';
import { inheritedFromJson, partyOrPlaceRefJson, type JsonStyle } from './ref-json.js';
import { instanceHref, type RenderContext } from './tmf-paths.js';

/**
 * TMF638 v4 Service and TMF639 v4 Resource JSON (638v4 `#/definitions/Service`, 639v4
 * `#/definitions/Resource`): flat party and place refs, and in TMF639 ONE `place` — the first of
 * the resource's places (its own before inherited ones, each by role then id); v5 shows them all.
 */

/** A party or place in a role as one flat object (RelatedParty, RelatedPlaceRefOrValue). */
function roleRefJson(style: JsonStyle, part: RolePart, refType: 'PartyRef' | 'PlaceRef') {
  const ref = partyOrPlaceRefJson(style, part, refType);
  return compact({ ...ref, role: part.role, inheritedFrom: inheritedFromJson(style, part.inheritedFrom) });
}

/** TMF639 v4 ResourceRelationship: the related resource is the relationship's own id and href. */
function resourceRelationshipJson(style: JsonStyle, part: RelationshipPart) {
  return compact({
    id: part.target.id,
    href: instanceHref(style.context, style.version, part.target),
    relationshipType: part.relationshipType,
    resourceRelationshipCharacteristic: relationshipCharacteristicsJson(style, part),
    '@referredType': part.target.kind,
  });
}

/**
 * An instance as TMF638/TMF639 v4 JSON. `vocabulary: 'inventory'` keeps the inventory's own state
 * names (`initial`, `lifecycleState`, …) instead of v4's: what change events diff.
 */
export function renderTmfV4(
  instance: InstanceSnapshot,
  context: RenderContext,
  vocabulary: 'v4' | 'inventory' = 'v4',
): Record<string, unknown> {
  const style = { version: 'v4' as const, context, vocabulary };
  return itemJson(style, instance, {
    relatedParty: (part) => roleRefJson(style, part, 'PartyRef'),
    place: (parts) => {
      const places = parts.map((part) => roleRefJson(style, part, 'PlaceRef'));
      return instance.type === 'resource' ? places[0] : places;
    },
    resourceRelationship: (part) => resourceRelationshipJson(style, part),
    featureKey: 'feature',
  });
}
