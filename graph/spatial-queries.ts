import {
  circleBoundingBox,
  inPolygon,
  polygonBoundingBox,
  type Area,
  type BoundingBox,
  type GeoPoint,
  type Near,
  type Polygon,
} from '../model/geo.js';
import type { PartyOrPlace } from '../model/party-kind.js';
import type { GraphStore } from './graph-store.js';

/**
 * Places by where they are: a `:Place` with a point has it in `location` (a WGS-84 2D point; a
 * polygon-shaped place has its centroid there), sought through the `place_location` point
 * index. Both searches first take the index's bounding box (`point.withinBBox`), then measure:
 * within a distance with `point.distance`, inside a polygon with `inPolygon` (model/geo.ts).
 * The instances at the places found are those with an `AT_PLACE` edge to one.
 */

/** A place a spatial search found: where it is, and for a distance search how far from the point. */
export type LocatedPlace = PartyOrPlace & { location: GeoPoint; distanceKm?: number };

/** What narrows a search besides the area: the places' TMF type (GeographicSite…). */
export interface PlaceSearch {
  type?: string;
}

type Row = { place: PartyOrPlace & { name: string | null }; longitude: number; latitude: number; meters?: number };

const boxParams = (box: BoundingBox) => ({
  lowerLeft: { longitude: box.west, latitude: box.south },
  upperRight: { longitude: box.east, latitude: box.north },
});

/** The places in the box (the point index's seek), of the type when one is given. */
const inBox = `
MATCH (p:Place)
WHERE point.withinBBox(p.location, point($lowerLeft), point($upperRight))
WITH p WHERE $type IS NULL OR p.type = $type`;

const columns =
  'p { .id, .name, .kind, .type } AS place, p.location.longitude AS longitude, p.location.latitude AS latitude';

/** The two searches' statements (each seeks the point index: test/graph/spatial-queries.test.ts checks their plans). */
export const spatialStatements = {
  near: `${inBox}
     WITH p, point.distance(p.location, point({longitude: $longitude, latitude: $latitude})) AS meters
     WHERE meters <= $meters
     RETURN ${columns}, meters ORDER BY meters, place.id`,
  within: `${inBox}\nRETURN ${columns} ORDER BY place.id`,
};

function located({ place: { name, ...place }, longitude, latitude, meters }: Row): LocatedPlace {
  return {
    ...place,
    ...(name === null ? {} : { name }),
    location: { longitude, latitude },
    ...(meters === undefined ? {} : { distanceKm: meters / 1000 }),
  };
}

export class SpatialQueries {
  constructor(private readonly store: GraphStore) {}

  /** The places in the area: within a distance, nearest first (then by id); inside a polygon, by id. */
  placesIn(area: Area, search: PlaceSearch = {}): Promise<LocatedPlace[]> {
    return 'near' in area ? this.placesNear(area.near, search) : this.placesWithin(area.within, search);
  }

  /**
   * The ids of the instances linked directly (`AT_PLACE`) to a place in the area, in the role when
   * one is given: the places first, then their instances through the place id index.
   */
  async instanceIdsIn(area: Area, role?: string): Promise<string[]> {
    const placeIds = (await this.placesIn(area)).map((place) => place.id);
    const result = await this.store.read((tx) =>
      tx.run<{ id: string }>(
        `MATCH (p:Place)<-[r:AT_PLACE]-(i:Instance)
         WHERE p.id IN $placeIds AND ($role IS NULL OR r.role = $role)
         RETURN DISTINCT i.id AS id`,
        { placeIds, role: role ?? null },
      ),
    );
    return result.records.map((record) => record.get('id'));
  }

  private async placesNear(near: Near, search: PlaceSearch): Promise<LocatedPlace[]> {
    const result = await this.store.read((tx) =>
      tx.run<Row>(spatialStatements.near, {
        ...boxParams(circleBoundingBox(near)),
        type: search.type ?? null,
        longitude: near.longitude,
        latitude: near.latitude,
        meters: near.km * 1000,
      }),
    );
    return result.records.map((record) => located(record.toObject()));
  }

  private async placesWithin(polygon: Polygon, search: PlaceSearch): Promise<LocatedPlace[]> {
    const result = await this.store.read((tx) =>
      tx.run<Row>(spatialStatements.within, {
        ...boxParams(polygonBoundingBox(polygon)),
        type: search.type ?? null,
      }),
    );
    return result.records
      .map((record) => located(record.toObject()))
      .filter((place) => inPolygon(place.location, polygon));
  }
}
