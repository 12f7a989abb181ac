import type { Kind } from '../../model/registry.js';
import { AVC, CVC, NNI, UNI } from './access.js';
import { AccessSeeker, Exchange, Premises } from './parties-and-places.js';

export { AVC, CVC, NNI, UNI, AccessSeeker, Exchange, Premises };
export const wholesaleKinds: Kind[] = [NNI, CVC, UNI, AVC, AccessSeeker, Exchange, Premises];
