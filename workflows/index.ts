/** The workflows the worker bundles. */
export { reconcile } from './reconcile.js';
export { resync } from './resync.js';
export { deliverEvents } from './deliver-events.js';
