import { initialStatesOf, operatingStatusFor, type ServiceState } from '../../model/lifecycle.js';
import {
  inventoryStateOf,
  serviceDates,
  stateMappings,
  statesIn,
  writableStates,
} from '../../model/tmf/state-vocabulary.js';
import { nextStateToward } from '../state-path.js';
import { refuse, untouched, type WriteContext } from './write-context.js';

/**
 * The state fields of a TMF write. An expectation says one state — a service's `state`, a
 * resource's lifecycle state (TMF639 v4 `resourceStatus`, v5 `lifecycleState`) — in the
 * inventory's words: the version's value is read back by `inventoryStateOf` (the inverse of the
 * read side's mapping) and must be reachable from the state the instance has (a POST: the state
 * it is built in). Every other state field is the engine's to keep — `operatingStatus` follows
 * the state, dates are set by transitions, a resource's administrative, operational and usage
 * states are not expectations' to set — so a write may repeat it as it is (or as it will be) and
 * not change it.
 */

/** The field of a version that holds the state an expectation sets (the first the version maps). */
const expectedStateField = (context: WriteContext) => stateMappings[context.write.type][context.write.version][0]!.to;

/** The instance's state in the inventory's words: as it is (PATCH) or as it is built (POST). */
function currentState(context: WriteContext): string {
  const { type, current } = context.write;
  if (current)
    return (type === 'service' ? current.snapshot.states.state : current.snapshot.states.lifecycleState) ?? '';
  const initial = initialStatesOf(type);
  return 'state' in initial ? initial.state : initial.lifecycleState;
}

function translateExpectedState(context: WriteContext, field: string, value: unknown): string | undefined {
  const { type, version } = context.write;
  if (value === undefined) {
    refuse(context, field, `an instance always has a state; give the one it should have instead of removing it`);
    return undefined;
  }
  const inventory = typeof value === 'string' ? inventoryStateOf(type, version, field, value) : undefined;
  if (!inventory) {
    const values = writableStates(type, version, field).join(', ');
    refuse(
      context,
      field,
      `${JSON.stringify(value)} is no state diffo keeps (TMF${type === 'service' ? '638' : '639'} ${version}: ${values})`,
    );
    return undefined;
  }
  const from = currentState(context);
  if (inventory.value !== from && !nextStateToward(type, from, inventory.value)) {
    refuse(context, field, `${JSON.stringify(value)} cannot be reached from ${from}`);
    return undefined;
  }
  context.sections.state = inventory.value;
  context.origins.set('state', field);
  return inventory.value;
}

/** The fields the engine keeps, in the version's words, as the instance will have them once in `state`. */
function keptFields(context: WriteContext, state: string | undefined): Record<string, string | undefined> {
  const { type, version, current } = context.write;
  const target = state ?? currentState(context);
  const now = current?.snapshot.states ?? initialStatesOf(type);
  const states =
    type === 'service'
      ? { ...now, state: target, operatingStatus: operatingStatusFor(target as ServiceState) }
      : { ...now, lifecycleState: target };
  return statesIn(version, type, states);
}

const keptBecause: Record<string, string> = {
  operatingStatus: 'it follows the state',
  startDate: 'the engine sets it when the service first becomes active',
  endDate: 'the engine sets it when the service is terminated or cancelled',
  administrativeState: 'expectations do not set it',
  operationalState: 'expectations do not set it',
  usageState: 'expectations do not set it',
};

/** The state fields of the write's type and version, as the version renders them; the expected one first. */
export function stateFields(context: WriteContext): string[] {
  const { type, version } = context.write;
  return [...stateMappings[type][version].map(({ to }) => to), ...(type === 'service' ? serviceDates : [])];
}

export function translateStates(context: WriteContext): void {
  const expected = expectedStateField(context);
  const state = untouched(context, expected)
    ? undefined
    : translateExpectedState(context, expected, context.write.document[expected]);
  const kept = keptFields(context, state);
  for (const field of stateFields(context).slice(1)) {
    if (untouched(context, field)) continue;
    const value = context.write.document[field];
    if (value !== undefined && value === kept[field]) continue;
    const now = kept[field] === undefined ? 'it has none' : `it is ${JSON.stringify(kept[field])}`;
    refuse(context, field, `diffo keeps it (${keptBecause[field]}): ${now}, and a write may only repeat that`);
  }
}
