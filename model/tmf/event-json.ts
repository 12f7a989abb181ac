import type { InstanceType } from '../instance-ref.js';
import type { InstanceSnapshot } from '../tmf-json.js';
import type { TmfVersion } from './state-vocabulary.js';
import { instanceHref, type RenderContext } from './tmf-paths.js';
import { tmfRenderers } from './tmf-renderers.js';

/**
 * A recorded change event as a TMF notification of one version: `eventId` (the recording
 * task's key: the same however often it is delivered), `eventTime`, `eventType` and `event`
 * holding the `service` or `resource` as the change left it (as it was, for a `…DeleteEvent`),
 * rendered like the version's API renders it. v4 adds the v4 files' `timeOcurred` (their
 * spelling); v5 `timeOccurred` and `@type` (the event type, as v5's Extensible requires). An
 * event recorded before events kept their instance carries a reference (id, href) instead.
 */
export interface RenderableEvent {
  key: string;
  eventType: string;
  eventTime: string;
  instanceId: string;
  instanceType: InstanceType;
  instance?: InstanceSnapshot;
}

export function renderTmfEvent(
  event: RenderableEvent,
  version: TmfVersion,
  context: RenderContext,
): Record<string, unknown> {
  const { instance, instanceType } = event;
  const rendered = instance
    ? tmfRenderers[version](instance, context)
    : { id: event.instanceId, href: instanceHref(context, version, { type: instanceType, id: event.instanceId }) };
  const common = { eventId: event.key, eventTime: event.eventTime, eventType: event.eventType };
  const body = { [instanceType]: rendered };
  return version === 'v4'
    ? { ...common, timeOcurred: event.eventTime, event: body }
    : { '@type': event.eventType, ...common, timeOccurred: event.eventTime, event: body };
}
