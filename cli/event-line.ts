import type { SequencedEvent } from '../graph/event-repository.js';

/** How many changes a line names before it says how many more there are. */
const changesShown = 4;

const scalar = (value: unknown) =>
  value === undefined ? '∅' : typeof value === 'string' ? value : JSON.stringify(value);
const isScalar = (value: unknown) => value === undefined || value === null || typeof value !== 'object';

/** One change: `path: before → after` when both ends are plain values, else the path alone. */
function changeText(change: unknown): string {
  const { path, before, after } = change as { path?: string; before?: unknown; after?: unknown };
  return isScalar(before) && isScalar(after) ? `${path}: ${scalar(before)} → ${scalar(after)}` : String(path);
}

/** What happened: a new instance's states, a deleted one, or the changed fields (with their values when plain). */
function whatHappened(event: SequencedEvent): string {
  if (event.eventType.endsWith('CreateEvent')) {
    const states = Object.entries(event.instance?.states ?? {}).filter(([, value]) => value !== undefined);
    return ['created', ...states.map(([name, value]) => `${name}=${value}`)].join(' ');
  }
  if (event.eventType.endsWith('DeleteEvent')) return 'deleted';
  const shown = event.changes.slice(0, changesShown).map(changeText);
  const more = event.changes.length - shown.length;
  return shown.join('; ') + (more > 0 ? ` (+${more} more)` : '');
}

/**
 * An event as a person reads it, on one line: sequence, time, type, instance id, kind and
 * name, and what happened — e.g.
 * `#2103  2026-12-02T16:40:00.123Z  ResourceStateChangeEvent  c-1  Cluster "c"  lifecycleState: planned → installed`.
 */
export function eventLine(event: SequencedEvent): string {
  const { instance } = event;
  const what = instance ? `${instance.kind}${instance.name ? ` "${instance.name}"` : ''}` : event.instanceType;
  return [
    `#${event.sequence}`,
    event.eventTime,
    event.eventType.padEnd(34),
    event.instanceId,
    what,
    whatHappened(event),
  ].join('  ');
}
