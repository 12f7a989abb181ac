import type { InstanceType } from './instance-ref.js';

/**
 * TMF638 service states and TMF639 resource states, with the allowed transitions and
 * their side effects. Pure data and functions.
 */

export const serviceStates = [
  'initial',
  'feasibilityChecked',
  'designed',
  'reserved',
  'inactive',
  'active',
  'suspended',
  'cancelled',
  'terminated',
] as const;
export type ServiceState = (typeof serviceStates)[number];

export const operatingStatuses = [
  'pending',
  'configured',
  'starting',
  'running',
  'degraded',
  'failed',
  'limited',
  'stopping',
  'stopped',
  'unknown',
] as const;
export type OperatingStatus = (typeof operatingStatuses)[number];

const serviceTransitions: Record<ServiceState, readonly ServiceState[]> = {
  initial: ['feasibilityChecked', 'designed', 'reserved', 'inactive', 'active', 'cancelled'],
  feasibilityChecked: ['designed', 'reserved', 'inactive', 'active', 'cancelled'],
  designed: ['reserved', 'inactive', 'active', 'cancelled'],
  reserved: ['inactive', 'active', 'cancelled'],
  inactive: ['active', 'terminated'],
  active: ['inactive', 'suspended', 'terminated'],
  suspended: ['active', 'terminated'],
  cancelled: [],
  terminated: [],
};

const operatingStatusOf: Record<ServiceState, OperatingStatus> = {
  initial: 'pending',
  feasibilityChecked: 'pending',
  designed: 'pending',
  reserved: 'pending',
  inactive: 'configured',
  active: 'running',
  suspended: 'limited',
  cancelled: 'stopped',
  terminated: 'stopped',
};

/** The operating status a service in this state has (kept with every transition). */
export const operatingStatusFor = (state: ServiceState): OperatingStatus => operatingStatusOf[state];

export function allowedServiceTransitions(from: ServiceState): readonly ServiceState[] {
  return serviceTransitions[from];
}

/** The fields a service transition writes: state, operatingStatus and, where due, start/end dates. */
export interface ServiceTransitionEffect {
  state: ServiceState;
  operatingStatus: OperatingStatus;
  startDate?: string;
  endDate?: string;
}

export class TransitionError extends Error {
  constructor(
    readonly from: string,
    readonly to: string,
    readonly allowed: readonly string[],
  ) {
    super(
      `cannot go from ${from} to ${to}; allowed from ${from}: ${allowed.length ? allowed.join(', ') : 'none (final state)'}`,
    );
    this.name = 'TransitionError';
  }
}

/** The effect of moving a service to `to` at time `now`, or a TransitionError. `startDate` is kept once set. */
export function serviceTransition(
  from: ServiceState,
  to: ServiceState,
  now: string,
  startDate?: string,
): ServiceTransitionEffect {
  const allowed = serviceTransitions[from];
  if (!allowed.includes(to)) throw new TransitionError(from, to, allowed);
  return {
    state: to,
    operatingStatus: operatingStatusOf[to],
    ...(to === 'active' && !startDate ? { startDate: now } : {}),
    ...(to === 'terminated' || to === 'cancelled' ? { endDate: now } : {}),
  };
}

export const initialServiceFields = { state: 'initial' as ServiceState, operatingStatus: operatingStatusOf.initial };

/** TMF639 resource states. */
export const resourceLifecycleStates = ['planned', 'installed', 'pendingRemoval'] as const;
export type ResourceLifecycleState = (typeof resourceLifecycleStates)[number];
export const administrativeStates = ['locked', 'unlocked', 'shutdown'] as const;
export const operationalStates = ['enable', 'disable'] as const;
export const usageStates = ['idle', 'active', 'busy'] as const;

export interface ResourceStates {
  lifecycleState: ResourceLifecycleState;
  administrativeState: (typeof administrativeStates)[number];
  operationalState: (typeof operationalStates)[number];
  usageState: (typeof usageStates)[number];
}

const resourceTransitions: Record<ResourceLifecycleState, readonly ResourceLifecycleState[]> = {
  planned: ['installed', 'pendingRemoval'],
  installed: ['pendingRemoval'],
  pendingRemoval: ['installed'],
};

export function allowedResourceTransitions(from: ResourceLifecycleState): readonly ResourceLifecycleState[] {
  return resourceTransitions[from];
}

export function resourceTransition(from: ResourceLifecycleState, to: ResourceLifecycleState): ResourceLifecycleState {
  const allowed = resourceTransitions[from];
  if (!allowed.includes(to)) throw new TransitionError(from, to, allowed);
  return to;
}

export const initialResourceStates: ResourceStates = {
  lifecycleState: 'planned',
  administrativeState: 'unlocked',
  operationalState: 'enable',
  usageState: 'idle',
};

/** The states an instance of this type is built with: what a build writes, and what the planner predicts it leaves. */
export const initialStatesOf = (type: InstanceType): typeof initialServiceFields | ResourceStates =>
  type === 'service' ? initialServiceFields : initialResourceStates;

/** Pools hand out values only while their owner can serve them. */
export const assignableStates = {
  service: ['feasibilityChecked', 'designed', 'reserved', 'inactive', 'active', 'suspended'],
  resource: ['planned', 'installed'],
} as const satisfies Record<InstanceType, readonly string[]>;

export function canAssignFrom(type: InstanceType, state: string): boolean {
  return (assignableStates[type] as readonly string[]).includes(state);
}
