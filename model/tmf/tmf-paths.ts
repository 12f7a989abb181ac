import type { InstanceRef, InstanceType } from '../instance-ref.js';
import type { PartyType, PlaceType } from '../party-kind.js';
import type { TmfVersion } from './state-vocabulary.js';

/**
 * Where each TMF resource lives, and the absolute hrefs built from it. The API mounts its routes
 * at these paths, and every `href` the renderers write points at one of them, so every href
 * answers. Base paths of the inventory APIs: docs/tmf-conformance-notes.md section 1.
 */

/** How a rendering is made: the public base URL its hrefs start with (no trailing slash). */
export interface RenderContext {
  /** e.g. `https://inventory.example.com`; `''` makes hrefs relative to the server root. */
  baseUrl: string;
}

/** TMF638 / TMF639 base paths by version. */
export const inventoryBasePaths: Record<TmfVersion, Record<InstanceType, string>> = {
  v4: { service: '/tmf-api/serviceInventory/v4', resource: '/tmf-api/resourceInventoryManagement/v4' },
  v5: { service: '/tmf-api/serviceInventory/v5', resource: '/tmf-api/resourceInventoryManagement/v5' },
};

/** The path diffo served TMF638 v4 at before it followed the official base path: kept as an alias. */
export const legacyServiceInventoryBasePath = '/tmf-api/serviceInventoryManagement/v4';

/** A collection's path under an inventory base path: `/service` or `/resource`. */
export const collectionPath = (version: TmfVersion, type: InstanceType) =>
  `${inventoryBasePaths[version][type]}/${type}`;

/**
 * TMF633 service and TMF634 resource catalog: where specifications live (the official base paths:
 * docs/tmf-conformance-notes.md, "Specification catalog").
 */
export const specificationPaths: Record<TmfVersion, Record<InstanceType, string>> = {
  v4: {
    service: '/tmf-api/serviceCatalogManagement/v4/serviceSpecification',
    resource: '/tmf-api/resourceCatalog/v4/resourceSpecification',
  },
  v5: {
    service: '/tmf-api/serviceCatalogManagement/v5/serviceSpecification',
    resource: '/tmf-api/resourceCatalog/v5/resourceSpecification',
  },
};

/** Where diffo served TMF634 before it followed the official base path: kept as an alias. */
export const legacyResourceSpecificationPaths: Record<TmfVersion, string> = {
  v4: '/tmf-api/resourceCatalogManagement/v4/resourceSpecification',
  v5: '/tmf-api/resourceCatalogManagement/v5/resourceSpecification',
};

/**
 * TMF632 party management (organization, individual) and TMF674 geographic site, TMF673
 * geographic address, TMF675 geographic location, by TMF type and version; an `Entity` has no
 * TMF632 resource of its own and is served beside them. Instances refer to parties and places
 * at their v4 paths from v4 and v5 items alike.
 */
export const partyOrPlacePaths: Record<TmfVersion, Record<PartyType | PlaceType, string>> = {
  v4: {
    Organization: '/tmf-api/partyManagement/v4/organization',
    Individual: '/tmf-api/partyManagement/v4/individual',
    Entity: '/tmf-api/partyManagement/v4/entity',
    GeographicSite: '/tmf-api/geographicSiteManagement/v4/geographicSite',
    GeographicAddress: '/tmf-api/geographicAddressManagement/v4/geographicAddress',
    GeographicLocation: '/tmf-api/geographicLocation/v4/geographicLocation',
  },
  v5: {
    Organization: '/tmf-api/partyManagement/v5/organization',
    Individual: '/tmf-api/partyManagement/v5/individual',
    Entity: '/tmf-api/partyManagement/v5/entity',
    GeographicSite: '/tmf-api/geographicSiteManagement/v5/geographicSite',
    GeographicAddress: '/tmf-api/geographicAddressManagement/v5/geographicAddress',
    GeographicLocation: '/tmf-api/geographicLocation/v5/geographicLocation',
  },
};

const at = (context: RenderContext, path: string, id: string) => `${context.baseUrl}${path}/${encodeURIComponent(id)}`;

export const instanceHref = (context: RenderContext, version: TmfVersion, ref: Pick<InstanceRef, 'type' | 'id'>) =>
  at(context, collectionPath(version, ref.type), ref.id);

export const specificationHref = (context: RenderContext, version: TmfVersion, type: InstanceType, id: string) =>
  at(context, specificationPaths[version][type], id);

/** A party's or a place's href, by its TMF type (at its v4 path unless a version is given). */
export function partyOrPlaceHref(
  context: RenderContext,
  ref: { id: string; type: string },
  version: TmfVersion = 'v4',
): string {
  const path = (partyOrPlacePaths[version] as Record<string, string>)[ref.type];
  if (!path) throw new Error(`no TMF path for a party or place of type ${ref.type}`);
  return at(context, path, ref.id);
}
