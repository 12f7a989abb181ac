import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from './http.js';
import { onLive, type RecordedEvent } from './live.js';

/** An instance's story: the change events its tasks recorded (type, time, changed paths), newest first, growing live. */
export function Story({ instanceId }: { instanceId: string | undefined }) {
  const [events, setEvents] = useState<Array<Omit<RecordedEvent, 'instanceId'>>>([]);
  useEffect(() => {
    if (!instanceId) return setEvents([]);
    const read = () =>
      void api<Array<Omit<RecordedEvent, 'instanceId'>>>(`/view/instances/${encodeURIComponent(instanceId)}/story`)
        .then(({ json }) => setEvents(json))
        .catch(() => setEvents([]));
    read();
    return onLive((message) => {
      if (message.type === 'reconnected') read();
      if (message.type === 'event' && message.event.instanceId === instanceId) {
        const { instanceId: _on, ...event } = message.event;
        setEvents((before) => (before.some((known) => known.key === event.key) ? before : [event, ...before]));
      }
    });
  }, [instanceId]);
  return html`<section class="story" aria-labelledby="story-title">
    <h2 id="story-title">Story</h2>
    ${
      events.length === 0
        ? html`<p class="quiet">${instanceId ? 'no events yet' : 'no actual yet: nothing done'}</p>`
        : html`<ol class="timeline">
            ${events.map(
              (event) =>
                html`<li key=${event.key} data-event=${event.eventType}>
                  <time datetime=${event.eventTime}>${new Date(event.eventTime).toLocaleString()}</time>
                  <strong>${event.eventType}</strong>
                  <span class="paths">${event.changedPaths.join(', ')}</span>
                </li>`,
            )}
          </ol>`
    }
  </section>`;
}
