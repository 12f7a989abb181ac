import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { eventLine } from '../../cli/event-line.js';
import { eventTypes, knownEventTypes } from '../../cli/event-type-option.js';
import type { SequencedEvent } from '../../graph/event-repository.js';
import { sampleSnapshot } from '../support/sample-snapshot.js';

/** How `diffo events` shows an event to a person, and which `--type` values it takes. */
describe('an event on one line', () => {
  const event = (eventType: string, changes: unknown[], withInstance = true): SequencedEvent => ({
    key: 'resource-1/g1/x',
    sequence: 42,
    eventTime: '2026-12-02T16:11:08.045Z',
    eventType,
    instanceId: 'resource-1',
    instanceType: 'resource',
    changedPaths: [],
    changes,
    ...(withInstance ? { instance: sampleSnapshot('resource', { lifecycleState: 'planned' }) } : {}),
  });

  it('says sequence, time, type, instance, kind and name, and the states a new instance has', () => {
    expect(eventLine(event('ResourceCreateEvent', [{ kind: 'new', path: 'name', after: 'everything' }]))).toBe(
      '#42  2026-12-02T16:11:08.045Z  ResourceCreateEvent                 resource-1  Sample "everything"  created lifecycleState=planned',
    );
    expect(eventLine(event('ResourceDeleteEvent', []))).toMatch(
      /ResourceDeleteEvent +resource-1 {2}Sample "everything" {2}deleted$/,
    );
  });

  it('gives a changed plain value with its before and after, a changed structure by its path, and counts what it leaves out', () => {
    const state = event('ResourceStateChangeEvent', [
      { kind: 'edited', path: 'lifecycleState', before: 'planned', after: 'installed' },
    ]);
    expect(eventLine(state)).toMatch(/ {2}lifecycleState: planned → installed$/);
    const many = event('ResourceAttributeValueChangeEvent', [
      { kind: 'new', path: 'characteristics.0', after: { name: 'cores', value: 2 } },
      { kind: 'edited', path: 'name', before: 'a', after: 'b' },
      { kind: 'deleted', path: 'note', before: 'gone' },
      { kind: 'edited', path: 'count', before: 1, after: 2 },
      { kind: 'edited', path: 'size', before: 3, after: 4 },
      { kind: 'edited', path: 'colour', before: 'red', after: 'blue' },
    ]);
    expect(eventLine(many)).toMatch(/ {2}characteristics\.0; name: a → b; note: gone → ∅; count: 1 → 2 \(\+2 more\)$/);
  });

  it('names the instance type when the event kept no instance (recorded before events kept one)', () => {
    expect(eventLine(event('ResourceDeleteEvent', [], false))).toMatch(/ {2}resource-1 {2}resource {2}deleted$/);
  });
});

describe('--type', () => {
  it('takes known event types, comma-separated or repeated, each once', () => {
    expect(knownEventTypes).toContain('ServiceStateChangeEvent');
    expect(knownEventTypes).toContain('ResourceDeleteEvent');
    expect(eventTypes('ServiceStateChangeEvent, ServiceCreateEvent', ['ServiceCreateEvent'])).toEqual([
      'ServiceCreateEvent',
      'ServiceStateChangeEvent',
    ]);
  });

  it('refuses an unknown type, or none, naming the known ones', () => {
    expect(() => eventTypes('ServiceStateChangeEvent,StateChange')).toThrow(InvalidArgumentError);
    expect(() => eventTypes('StateChange')).toThrow(/unknown event type StateChange; expected ServiceCreateEvent, /);
    expect(() => eventTypes(' , ')).toThrow(/no event type; expected/);
  });
});
