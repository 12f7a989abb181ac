import type { InstanceSnapshot } from '../tmf-json.js';
import { compact, type RolePart } from './instance-parts.js';
import { itemJson, nestedRelationshipJson } from './item-json.js';
import { inheritedFromJson, partyOrPlaceRefJson, typed, type JsonStyle } from './ref-json.js';
import type { RenderContext } from './tmf-paths.js';

/**
 * TMF638 v5 Service and TMF639 v5 Resource JSON (638v5 `#/components/schemas/Service`, 639v5
 * `#/components/schemas/Resource_RES`): `@type` on every object, the party or place one level
 * down (RelatedPartyRefOrPartyRoleRef, RelatedPlaceRefOrValue for services, RelatedPlaceRef for
 * resources), typed characteristics, and a resource's features as `activationFeature`.
 */

/** A party or place in a role, with the ref nested under `partyOrPartyRole` / `place`. */
function relatedJson(style: JsonStyle, part: RolePart, wrapper: string, key: string, refType: 'PartyRef' | 'PlaceRef') {
  return typed(
    style,
    wrapper,
    compact({
      role: part.role,
      [key]: partyOrPlaceRefJson(style, part, refType),
      inheritedFrom: inheritedFromJson(style, part.inheritedFrom),
    }),
  );
}

/** An instance as TMF638/TMF639 v5 JSON. */
export function renderTmfV5(instance: InstanceSnapshot, context: RenderContext): Record<string, unknown> {
  const style = { version: 'v5' as const, context, vocabulary: 'v5' as const };
  const placeWrapper = instance.type === 'service' ? 'RelatedPlaceRefOrValue' : 'RelatedPlaceRef';
  return itemJson(style, instance, {
    relatedParty: (part) => relatedJson(style, part, 'RelatedPartyRefOrPartyRoleRef', 'partyOrPartyRole', 'PartyRef'),
    place: (parts) => parts.map((part) => relatedJson(style, part, placeWrapper, 'place', 'PlaceRef')),
    resourceRelationship: (part) => nestedRelationshipJson(style, part),
    featureKey: instance.type === 'resource' ? 'activationFeature' : 'feature',
  });
}
