import type { Driver } from 'neo4j-driver';

/**
 * The schema bootstrap: uniqueness constraints and indexes, idempotent (IF NOT EXISTS),
 * run at start. Uniqueness of pool values and alias slots lives here, in the database:
 * concurrent writers cannot both win.
 */
export const schemaStatements = [
  // specifications: stable id; one node per (name, major version)
  'CREATE CONSTRAINT specification_id IF NOT EXISTS FOR (s:Specification) REQUIRE s.id IS UNIQUE',
  'CREATE CONSTRAINT specification_name_major IF NOT EXISTS FOR (s:Specification) REQUIRE s.nameMajor IS UNIQUE',
  'CREATE INDEX specification_name IF NOT EXISTS FOR (s:Specification) ON (s.name)',
  // instances, parties, places
  'CREATE CONSTRAINT instance_id IF NOT EXISTS FOR (i:Instance) REQUIRE i.id IS UNIQUE',
  'CREATE INDEX instance_name IF NOT EXISTS FOR (i:Instance) ON (i.name)',
  'CREATE INDEX instance_kind IF NOT EXISTS FOR (i:Instance) ON (i.kind)',
  'CREATE CONSTRAINT party_id IF NOT EXISTS FOR (p:Party) REQUIRE p.id IS UNIQUE',
  'CREATE CONSTRAINT place_id IF NOT EXISTS FOR (p:Place) REQUIRE p.id IS UNIQUE',
  // a place's WGS-84 point (a polygon's centroid): distance and bounding-box searches seek it
  'CREATE POINT INDEX place_location IF NOT EXISTS FOR (p:Place) ON (p.location)',
  // an instance's own parts, keyed "<instance id>/<name>"
  'CREATE CONSTRAINT characteristic_key IF NOT EXISTS FOR (c:Characteristic) REQUIRE c.key IS UNIQUE',
  'CREATE CONSTRAINT feature_key IF NOT EXISTS FOR (f:Feature) REQUIRE f.key IS UNIQUE',
  'CREATE CONSTRAINT pool_key IF NOT EXISTS FOR (p:Pool) REQUIRE p.key IS UNIQUE',
  // a value is assigned at most once per pool; an assignee holds one assignment per alias
  'CREATE CONSTRAINT assignment_value IF NOT EXISTS FOR ()-[a:ASSIGNED_TO]-() REQUIRE a.valueKey IS UNIQUE',
  'CREATE CONSTRAINT assignment_slot IF NOT EXISTS FOR ()-[a:ASSIGNED_TO]-() REQUIRE a.slotKey IS UNIQUE',
  // notes; external identifiers unique per (instance, type) and findable by (type, id)
  'CREATE CONSTRAINT note_id IF NOT EXISTS FOR (n:Note) REQUIRE n.id IS UNIQUE',
  'CREATE CONSTRAINT external_identifier_key IF NOT EXISTS FOR (x:ExternalIdentifier) REQUIRE x.key IS UNIQUE',
  'CREATE INDEX external_identifier_lookup IF NOT EXISTS FOR (x:ExternalIdentifier) ON (x.type, x.externalId)',
  // events recorded on instances, keyed by the task that made them, found by their instance's id (which they outlive)
  'CREATE CONSTRAINT event_key IF NOT EXISTS FOR (e:Event) REQUIRE e.key IS UNIQUE',
  'CREATE INDEX event_instance IF NOT EXISTS FOR (e:Event) ON (e.instanceId)',
  'CREATE INDEX event_sequence IF NOT EXISTS FOR (e:Event) ON (e.sequence)',
  'CREATE CONSTRAINT event_sequence_name IF NOT EXISTS FOR (s:EventSequence) REQUIRE s.name IS UNIQUE',
  // TMF hub subscriptions: where events are delivered, and how far
  'CREATE CONSTRAINT event_subscription_id IF NOT EXISTS FOR (s:EventSubscription) REQUIRE s.id IS UNIQUE',
  // expectations live beside the actuals under their own label
  'CREATE CONSTRAINT expectation_id IF NOT EXISTS FOR (e:Expectation) REQUIRE e.id IS UNIQUE',
  'CREATE INDEX expectation_status IF NOT EXISTS FOR (e:Expectation) ON (e.status)',
  'CREATE INDEX expectation_kind IF NOT EXISTS FOR (e:Expectation) ON (e.kind)',
  // a page of expectations in creation order; what changed after a cursor (the live view)
  'CREATE INDEX expectation_created IF NOT EXISTS FOR (e:Expectation) ON (e.createdAt)',
  'CREATE INDEX expectation_updated IF NOT EXISTS FOR (e:Expectation) ON (e.updatedAt)',
  // expectations deleted, by when: what the live view tells its pages to drop
  'CREATE CONSTRAINT expectation_deletion_id IF NOT EXISTS FOR (d:ExpectationDeletion) REQUIRE d.id IS UNIQUE',
  'CREATE INDEX expectation_deletion_time IF NOT EXISTS FOR (d:ExpectationDeletion) ON (d.deletedAt)',
  // the live view read events by time once; it reads them by sequence now
  'DROP INDEX event_time IF EXISTS',
  // the specification an expectation aims at: what deleting a specification counts
  'CREATE INDEX expectation_specification IF NOT EXISTS FOR (e:Expectation) ON (e.specificationId)',
  // what blocked expectations wait for: found by the node whose change may end the wait, and by expectation
  'CREATE INDEX waits_for_anchor IF NOT EXISTS FOR (w:WaitsFor) ON (w.anchor)',
  'CREATE INDEX waits_for_expectation IF NOT EXISTS FOR (w:WaitsFor) ON (w.expectationId)',
  // (source, alias) is unique among relationships
  'CREATE CONSTRAINT relationship_alias IF NOT EXISTS FOR ()-[r:RELATES_TO]-() REQUIRE r.aliasKey IS UNIQUE',
];

export async function bootstrapSchema(driver: Driver, database: string): Promise<void> {
  for (const statement of schemaStatements) await driver.executeQuery(statement, {}, { database });
  await driver.executeQuery('CALL db.awaitIndexes(60)', {}, { database });
}
