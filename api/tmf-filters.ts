import type { FilterableAttribute } from '../graph/instance-repository.js';
import type { InstanceType } from '../model/instance-ref.js';
import { inventoryStatesFor, type TmfVersion } from '../model/tmf/state-vocabulary.js';
import { reservedParameters } from './tmf-query.js';

/**
 * Which of a list request's filters the graph can apply itself, in the inventory's words: the
 * version's attribute names become inventory attributes and its state values the inventory
 * states they stand for (v4 `state=inactive` is `inactive` or `suspended`). What is left is
 * matched on the rendered JSON.
 */
export interface SplitFilters {
  attributes: Partial<Record<FilterableAttribute, string[]>>;
  rest: Record<string, string>;
}

function directAttributes(type: InstanceType): Record<string, FilterableAttribute> {
  return {
    id: 'id',
    name: 'name',
    '@type': 'kind',
    category: 'category',
    [`${type}Specification.name`]: 'specificationName',
    [`${type}Specification.id`]: 'specificationId',
  };
}

export function splitFilters(type: InstanceType, version: TmfVersion, query: Record<string, string>): SplitFilters {
  const direct = directAttributes(type);
  const split: SplitFilters = { attributes: {}, rest: {} };
  for (const [key, value] of Object.entries(query)) {
    if (reservedParameters.has(key)) continue;
    const values = String(value).split(',');
    const states = inventoryStatesFor(type, version, key, values);
    // own keys only: `toString` or `constructor` is a filter on the rendered JSON, not an attribute
    if (Object.hasOwn(direct, key)) split.attributes[direct[key]!] = values;
    else if (states) split.attributes[states.field as FilterableAttribute] = states.values;
    else split.rest[key] = String(value);
  }
  return split;
}
