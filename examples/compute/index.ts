import type { Kind } from '../../model/registry.js';
import { Cluster } from './cluster.js';
import { GPU } from './gpu.js';
import { Campus, DataCentre, Engineer, Tenant } from './parties-and-places.js';

/** The Compute domain of the instance-extension livebook. */
export { Cluster, GPU, Campus, DataCentre, Engineer, Tenant };
export const computeKinds: Kind[] = [Cluster, GPU, Tenant, Engineer, DataCentre, Campus];
