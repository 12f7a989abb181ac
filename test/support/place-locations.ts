import type { Driver } from 'neo4j-driver';
import type { GeoPoint } from '../../model/geo.js';
import { graphConnection } from './graph.js';

/**
 * TEST-ONLY: puts places where the tests want them, as a place with a point is stored — its
 * `location` a WGS-84 2D point. (Writing locations through the place routes is their own work;
 * the spatial searches only read them.)
 */
export async function setLocations(driver: Driver, places: Array<{ id: string; location: GeoPoint }>): Promise<void> {
  await driver.executeQuery(
    `UNWIND $places AS place
     MATCH (p:Place {id: place.id})
     SET p.location = point({longitude: place.location.longitude, latitude: place.location.latitude})`,
    { places },
    { database: graphConnection().database },
  );
}
