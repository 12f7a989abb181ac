import type { InstanceType } from '../instance-ref.js';
import {
  administrativeStates,
  operatingStatuses,
  operationalStates,
  resourceLifecycleStates,
  usageStates,
} from '../lifecycle.js';

/**
 * The inventory's states in each TMF version's words. The inventory keeps one set of states
 * (model/lifecycle.ts: a service's `state` with `initial`, `suspended`, `cancelled`; a resource's
 * `lifecycleState` and its v4-spelled administrative, operational and usage states). Each
 * version of TMF638/TMF639 has its own enumerations (docs/tmf-conformance-notes.md section 3),
 * so every state field is mapped value by value to a field of the version: only values of the
 * official enumerations reach the wire, and a field a version lacks is not rendered.
 * Why each value maps where it does: docs/tmf-inventory.md.
 */

export type TmfVersion = 'v4' | 'v5';
export const tmfVersions = ['v4', 'v5'] as const satisfies readonly TmfVersion[];

/**
 * The official enumerations of the state fields each version renders (where the inventory's words
 * are the official ones, its own lists; test/model/state-vocabulary.test.ts holds each to the file).
 */
export const officialStates = {
  service: {
    v4: { state: ['feasibilityChecked', 'designed', 'reserved', 'inactive', 'active', 'terminated'] },
    v5: {
      state: ['feasibilityChecked', 'designed', 'reserved', 'inactive', 'active', 'terminated', 'suspended'],
      operatingStatus: operatingStatuses,
    },
  },
  resource: {
    v4: {
      resourceStatus: ['standby', 'alarm', 'available', 'reserved', 'unknown', 'suspended'],
      administrativeState: administrativeStates,
      operationalState: operationalStates,
      usageState: usageStates,
    },
    v5: {
      lifecycleState: resourceLifecycleStates,
      administrativeState: ['locked', 'unlocked', 'shuttingDown'],
      operationalState: ['enabled', 'disabled'],
      usageState: usageStates,
    },
  },
} as const;

/** One state field of the inventory rendered as one field of a version, value by value. */
export interface StateFieldMapping {
  /** The field as the inventory stores it (InstanceSnapshot.states). */
  from: string;
  /** The field the version renders. */
  to: string;
  /** Inventory value → the version's value; a value not listed is not rendered. */
  values: Readonly<Record<string, string>>;
}

const same = (values: readonly string[]) => Object.fromEntries(values.map((value) => [value, value]));

const serviceStateV5 = {
  ...same(officialStates.service.v5.state),
  initial: 'feasibilityChecked',
  cancelled: 'terminated',
};

export const stateMappings: Record<InstanceType, Record<TmfVersion, readonly StateFieldMapping[]>> = {
  service: {
    v4: [{ from: 'state', to: 'state', values: { ...serviceStateV5, suspended: 'inactive' } }],
    v5: [
      { from: 'state', to: 'state', values: serviceStateV5 },
      { from: 'operatingStatus', to: 'operatingStatus', values: same(officialStates.service.v5.operatingStatus) },
    ],
  },
  resource: {
    v4: [
      {
        from: 'lifecycleState',
        to: 'resourceStatus',
        values: { planned: 'reserved', installed: 'available', pendingRemoval: 'suspended' },
      },
      {
        from: 'administrativeState',
        to: 'administrativeState',
        values: same(officialStates.resource.v4.administrativeState),
      },
      { from: 'operationalState', to: 'operationalState', values: same(officialStates.resource.v4.operationalState) },
      { from: 'usageState', to: 'usageState', values: same(officialStates.resource.v4.usageState) },
    ],
    v5: [
      { from: 'lifecycleState', to: 'lifecycleState', values: same(officialStates.resource.v5.lifecycleState) },
      {
        from: 'administrativeState',
        to: 'administrativeState',
        values: { locked: 'locked', unlocked: 'unlocked', shutdown: 'shuttingDown' },
      },
      { from: 'operationalState', to: 'operationalState', values: { enable: 'enabled', disable: 'disabled' } },
      { from: 'usageState', to: 'usageState', values: same(officialStates.resource.v5.usageState) },
    ],
  },
};

/** Dates kept beside a service's state: rendered as they are, in every version. */
export const serviceDates = ['startDate', 'endDate'];

/**
 * An instance's states in a version's words, in the version's field order (dates last). The
 * `inventory` vocabulary is the inventory's own, unmapped: what change events record.
 */
export function statesIn(
  vocabulary: TmfVersion | 'inventory',
  type: InstanceType,
  states: Record<string, string | undefined>,
): Record<string, string> {
  const present = (entries: Array<[string, string | undefined]>) =>
    Object.fromEntries(entries.filter((entry): entry is [string, string] => entry[1] !== undefined));
  if (vocabulary === 'inventory') return present(Object.entries(states));
  const mapped = stateMappings[type][vocabulary].map(({ from, to, values }): [string, string | undefined] => {
    const value = states[from];
    return [to, value === undefined ? undefined : values[value]];
  });
  const dates =
    type === 'service' ? serviceDates.map((date): [string, string | undefined] => [date, states[date]]) : [];
  return present([...mapped, ...dates]);
}

/**
 * The inventory values a filter on a version's state field stands for (`state=inactive` in v4 is
 * `inactive` or `suspended`), or undefined when the version renders no such field.
 */
export function inventoryStatesFor(
  type: InstanceType,
  version: TmfVersion,
  field: string,
  wanted: readonly string[],
): { field: string; values: string[] } | undefined {
  const mapping = stateMappings[type][version].find((candidate) => candidate.to === field);
  if (!mapping) return undefined;
  const values = Object.entries(mapping.values)
    .filter(([, value]) => wanted.includes(value))
    .map(([from]) => from);
  return { field: mapping.from, values };
}

/**
 * The inventory value a client means by a version's value of a state field (the inverse of
 * `stateMappings`, for writes): the inventory value of the same name where there is one
 * (`inactive` is inactive, not suspended; `feasibilityChecked` is not `initial`), else the one
 * that maps to it (TMF639 v4 `resourceStatus: reserved` is `lifecycleState: planned`).
 * Undefined when the version has no such field or no inventory value maps to the value
 * (`resourceStatus: standby`).
 */
export function inventoryStateOf(
  type: InstanceType,
  version: TmfVersion,
  field: string,
  value: string,
): { field: string; value: string } | undefined {
  const mapping = stateMappings[type][version].find((candidate) => candidate.to === field);
  if (!mapping) return undefined;
  const candidates = Object.entries(mapping.values).flatMap(([from, to]) => (to === value ? [from] : []));
  const chosen = candidates.includes(value) ? value : candidates[0];
  return chosen === undefined ? undefined : { field: mapping.from, value: chosen };
}

/** The values of a version's state field that stand for some inventory value: what a write may give. */
export function writableStates(type: InstanceType, version: TmfVersion, field: string): string[] {
  const mapping = stateMappings[type][version].find((candidate) => candidate.to === field);
  return [...new Set(Object.values(mapping?.values ?? {}))];
}
