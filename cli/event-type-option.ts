import { InvalidArgumentError } from 'commander';
import { instanceTypes } from '../model/instance-ref.js';
import { eventTypesOf } from '../model/tmf/event-types.js';

/** Every TMF event type the engine records: `ServiceCreateEvent` … `ResourceDeleteEvent`. */
export const knownEventTypes = instanceTypes.flatMap(eventTypesOf);

/**
 * `--type`: TMF event types, comma-separated, the option repeatable (each adds to the ones
 * before); a type the engine never records is a usage error (exit 2) naming the known ones.
 */
export function eventTypes(value: string, previous: string[] = []): string[] {
  const given = value
    .split(',')
    .map((type) => type.trim())
    .filter(Boolean);
  const unknown = given.filter((type) => !knownEventTypes.includes(type));
  if (given.length === 0 || unknown.length > 0)
    throw new InvalidArgumentError(
      `${unknown.length > 0 ? `unknown event type ${unknown.join(', ')}` : 'no event type'}; expected ${knownEventTypes.join(', ')}`,
    );
  return [...new Set([...previous, ...given])];
}
