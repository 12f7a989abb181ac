import { defineInstanceKind } from '../instance-kind.js';
import type { Kind } from '../registry.js';

/**
 * The kinds a TMF client gets when it names none: a `POST /service` or `POST /resource` whose
 * body names no registered specification and whose `@type` is the base type (`Service`,
 * `Resource`) or absent — as the TMF639 conformance kit's `{"name": "RouterXX", "@type":
 * "Resource"}` — builds one of these. They hold a name, a state and relationships to anything,
 * and nothing else: no characteristic, feature, pool, party or place, since those are what a
 * domain's kinds declare and check (docs/tmf-inventory.md, "Which kind a body builds").
 * `Service` and `Resource` themselves are labels of the graph's own, so no kind can take them.
 * Registered beside a deployment's kinds by every diffo process (cli/domains.ts).
 */
export const GenericService = defineInstanceKind({
  name: 'GenericService',
  description: 'A service created over TMF638 without a registered specification',
  specification: {
    id: 'b3590f7f-f689-47d0-ba63-b374b34b0043',
    name: 'genericService',
    type: 'serviceSpecification',
    description: 'A service with a name, a state and relationships, and nothing a domain declares',
    category: 'Generic',
  },
  relationships: { source: 'all', target: 'all' },
});

export const GenericResource = defineInstanceKind({
  name: 'GenericResource',
  description: 'A resource created over TMF639 without a registered specification',
  specification: {
    id: '1036c645-f26d-4a0d-8593-b6b82312fd47',
    name: 'genericResource',
    type: 'resourceSpecification',
    description: 'A resource with a name, a state and relationships, and nothing a domain declares',
    category: 'Generic',
  },
  relationships: { source: 'all', target: 'all' },
});

export const genericKinds: Kind[] = [GenericService, GenericResource];

/** The generic kind of each instance type, by the base type a TMF body's `@type` may name. */
export const genericKindNames = { service: GenericService.name, resource: GenericResource.name } as const;
