import type { Kind } from '../model/registry.js';
import { computeKinds } from './compute/index.js';
import { nbnKinds } from './nbn/index.js';

/** Every example domain of the reference material: Compute and NBN. */
export const exampleKinds: Kind[] = [...computeKinds, ...nbnKinds];
