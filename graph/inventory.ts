import type { Driver } from 'neo4j-driver';
import type { Registry } from '../model/registry.js';
import { AnnotationRepository } from './annotation-repository.js';
import { AssignmentRepository } from './assignment-repository.js';
import { EventRepository } from './event-repository.js';
import { GraphStore, type DriverFactory } from './graph-store.js';
import { InstanceRepository } from './instance-repository.js';
import { PartyPlaceRepository } from './party-place-repository.js';
import { bootstrapSchema } from './schema.js';
import { SpecificationRepository } from './specification-repository.js';
import { SubscriptionRepository } from './subscription-repository.js';
import { SpatialQueries } from './spatial-queries.js';

/**
 * The inventory as plain library calls: one repository per aggregate over one graph
 * store, for the registered kinds. The reconcile activities call exactly these.
 */
export class Inventory {
  readonly store: GraphStore;
  readonly specifications: SpecificationRepository;
  readonly instances: InstanceRepository;
  readonly parties: PartyPlaceRepository;
  readonly places: PartyPlaceRepository;
  readonly assignments: AssignmentRepository;
  readonly events: EventRepository;
  readonly subscriptions: SubscriptionRepository;
  readonly annotations: AnnotationRepository;
  readonly spatial: SpatialQueries;

  /** On a driver, or a factory that opens one (then `store.renew()` can open another). */
  constructor(
    driver: Driver | DriverFactory,
    database: string,
    readonly registry: Registry,
  ) {
    this.store = new GraphStore(driver, database);
    this.specifications = new SpecificationRepository(this.store);
    this.instances = new InstanceRepository(this.store, registry);
    this.parties = new PartyPlaceRepository(this.store, registry, 'party');
    this.places = new PartyPlaceRepository(this.store, registry, 'place');
    this.assignments = new AssignmentRepository(this.store);
    this.events = new EventRepository(this.store);
    this.subscriptions = new SubscriptionRepository(this.store);
    this.annotations = new AnnotationRepository(this.store, registry);
    this.spatial = new SpatialQueries(this.store);
  }

  /** Creates constraints and indexes (idempotent) and writes every registered specification. */
  async bootstrap(): Promise<void> {
    await bootstrapSchema(this.store.driver, this.store.database);
    for (const kind of this.registry.all()) {
      if (kind.category === 'instance') await this.specifications.upsert(kind.specification);
    }
  }
}
