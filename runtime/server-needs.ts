import { graphAnswers } from '../graph/driver.js';
import type { ServerNeeds } from '../infra/local-servers.js';
import { reconcileSearchAttributes } from '../workflows/search-attributes.js';

/** What the local servers need of diffo: when the graph answers, and the reconcile workflows' search attributes. */
export const serverNeeds: ServerNeeds = { graphAnswers, searchAttributes: reconcileSearchAttributes };
