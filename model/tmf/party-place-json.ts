import type { PartyOrPlaceDetail, RelatedPartyOrPlace } from '../party-kind.js';
import { characteristicJson } from './characteristic-json.js';
import { compact } from './instance-parts.js';
import { typed, type JsonStyle } from './ref-json.js';
import type { TmfVersion } from './state-vocabulary.js';
import { partyOrPlaceHref, type RenderContext } from './tmf-paths.js';

/**
 * A party or a place in its own TMF shape: TMF632 Organization / Individual, TMF673
 * GeographicAddress, TMF674 GeographicSite, TMF675 GeographicLocation — its TMF attributes under
 * their TMF names, its name (an Individual's `fullName`), its kind's characteristics
 * (`partyCharacteristic`; for places the diffo extension `placeCharacteristic`), the parties it
 * is related to (`relatedParty`) and the places (`place`, after a site's own address and location
 * values), `kind` (a diffo extension: the registered kind) and `@type`: the TMF type, or for a
 * location the geometry TMF675 names (`GeoJsonPoint`, `GeoJsonPolygon`). v5 adds `@type` to every
 * sub-object, and nests a related party under `partyOrPartyRole`.
 */

/** The field a category's characteristics are listed under. */
export const characteristicListKey = { party: 'partyCharacteristic', place: 'placeCharacteristic' } as const;

/** The field a TMF type names its party or place by. */
export const nameKeyOf = (type: string) => (type === 'Individual' ? 'fullName' : 'name');

function refJson(style: JsonStyle, related: RelatedPartyOrPlace, refType: 'PartyRef' | 'PlaceRef') {
  return typed(
    style,
    refType,
    compact({
      id: related.id,
      href: partyOrPlaceHref(style.context, related, style.version),
      name: related.name,
      '@referredType': related.type,
    }),
  );
}

/** A related party: flat with its role in v4 (TMF632 v4 RelatedParty), nested in v5 (RelatedPartyRefOrPartyRoleRef). */
function relatedPartyJson(style: JsonStyle, related: RelatedPartyOrPlace) {
  if (style.version === 'v4') return { ...refJson(style, related, 'PartyRef'), role: related.role };
  return typed(style, 'RelatedPartyRefOrPartyRoleRef', {
    role: related.role,
    partyOrPartyRole: refJson(style, related, 'PartyRef'),
  });
}

export function renderPartyOrPlace(
  found: PartyOrPlaceDetail,
  category: 'party' | 'place',
  version: TmfVersion,
  context: RenderContext,
): Record<string, unknown> {
  const style: JsonStyle = { version, context };
  const { '@type': geometryType, place: placeValues, ...attributes } = found.attributes;
  const of = (section: 'parties' | 'places') => found.related.filter((related) => related.section === section);
  const characteristics = Object.entries(found.characteristics)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => characteristicJson(style, { name, value }));
  return compact({
    id: found.id,
    href: partyOrPlaceHref(context, found, version),
    [nameKeyOf(found.type)]: found.name,
    ...attributes,
    [characteristicListKey[category]]: characteristics,
    relatedParty: of('parties').map((related) => relatedPartyJson(style, related)),
    place: [
      ...((placeValues as unknown[] | undefined) ?? []),
      ...of('places').map((related) => ({ ...refJson(style, related, 'PlaceRef'), role: related.role })),
    ],
    kind: found.kind,
    '@type': geometryType ?? found.type,
  });
}
