import type { Kind } from '../model/registry.js';
import { computeKinds } from './compute/index.js';
import { nbnKinds } from './nbn/index.js';
import { wholesaleKinds } from './wholesale/index.js';

/** Every example domain: Compute and NBN from the reference material, and a wholesale access chain with inherited facts. */
export const exampleKinds: Kind[] = [...computeKinds, ...nbnKinds, ...wholesaleKinds];
