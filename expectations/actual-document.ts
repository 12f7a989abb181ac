import { documentValueOf } from '../model/inherited-values.js';
import type { InstanceSnapshot } from '../model/tmf-json.js';
import type { Json } from './operators.js';

/**
 * The actual instance in the expectation's shape, so outstanding(expected, actual) can
 * compare them key by key (`exists` is always true: there is an actual): characteristics and features by name, parties and places by
 * role, relationships by alias, assignments (the values it holds) by slot alias — each with the pool
 * owner it came from (`from`: id, kind and places, so an expectation may name the owner or
 * describe it). Inherited facts sit under `inherited` by name: a list, one value when
 * collapsed, or an UnknownValue that no expectation is met by.
 * (One object literal, section by section: its length is the document's shape.)
 */
// eslint-disable-next-line max-lines-per-function -- one object literal, one section a few lines: splitting it hides the shape
export function actualDocument(instance: InstanceSnapshot): Record<string, Json> {
  const states = instance.states;
  return {
    exists: true,
    id: instance.id,
    kind: instance.kind,
    name: instance.name ?? null,
    specification: {
      name: instance.specification.name,
      major: instance.specification.major,
      version: `${instance.specification.major}.${instance.specification.minor}.${instance.specification.patch}`,
    },
    state: (instance.type === 'service' ? states.state : states.lifecycleState) ?? null,
    characteristics: Object.fromEntries(
      instance.characteristics.map(({ name, value }) => [name, (value ?? null) as Json]),
    ),
    features: Object.fromEntries(
      instance.features.map((feature) => [
        feature.name,
        {
          isEnabled: feature.isEnabled,
          characteristics: Object.fromEntries(
            feature.characteristics.map(({ name, value }) => [name, (value ?? null) as Json]),
          ),
        },
      ]),
    ),
    pools: Object.fromEntries(
      instance.pools.map((pool) => [
        pool.name,
        {
          first: pool.first ?? null,
          last: pool.last ?? null,
          algorithm: pool.algorithm ?? null,
          assignableType: pool.assignableType ?? null,
        },
      ]),
    ),
    parties: instance.parties.map(({ role, id }) => ({ role, id })),
    places: instance.places.map(({ role, id }) => ({ role, id })),
    relationships: instance.relationships.flatMap((relationship) =>
      relationship.alias
        ? [{ alias: relationship.alias, type: relationship.type, target: relationship.target.id }]
        : [],
    ),
    assignments: instance.assignments.flatMap((assignment) =>
      assignment.alias
        ? [
            {
              alias: assignment.alias,
              pool: assignment.pool,
              value: assignment.value,
              from: { id: assignment.owner.id, kind: assignment.owner.kind, places: assignment.owner.places ?? [] },
            },
          ]
        : [],
    ),
    inherited: Object.fromEntries(
      (instance.inherited ?? []).map((value) => [value.name, documentValueOf(value) as Json]),
    ),
  };
}
