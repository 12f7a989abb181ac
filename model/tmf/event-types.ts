import type { InstanceType } from '../instance-ref.js';

/**
 * The TMF change events an instance's change is recorded as: `<Service|Resource><name>`, e.g.
 * `ResourceStateChangeEvent`. One list for what the engine records (expectations/change-set.ts)
 * and what a hub subscription may ask for (model/tmf/hub-subscription.ts).
 */
export const changeEventNames = [
  'CreateEvent',
  'AttributeValueChangeEvent',
  'StateChangeEvent',
  'DeleteEvent',
] as const;
export type ChangeEventName = (typeof changeEventNames)[number];

/** The base type an event type starts with. */
export type EventBaseType = 'Service' | 'Resource';

export const eventTypeOf = (baseType: EventBaseType, name: ChangeEventName): string => `${baseType}${name}`;

/** Every event type of an instance type. */
export const eventTypesOf = (type: InstanceType): string[] =>
  changeEventNames.map((name) => eventTypeOf(type === 'service' ? 'Service' : 'Resource', name));
