import { askForToken, authorization } from './http.js';

/**
 * One server-sent event stream (`GET /view/live`) for the whole page, read with fetch so it can
 * carry the bearer token (EventSource cannot); every open page subscribes to it. After a lost
 * connection it connects again and tells the subscribers `reconnected`, so they read afresh what
 * they may have missed. No polling: the server pushes each change.
 */
export interface ExpectationSummary {
  id: string;
  kind: string;
  name?: string;
  status: string;
  generation: number;
  observedGeneration: number;
  outstandingCount: number;
  reason?: string;
  actual?: { id: string; href: string };
  workflowId: string;
  createdAt: string;
  updatedAt: string;
}

export interface RecordedEvent {
  key: string;
  instanceId: string;
  eventType: string;
  eventTime: string;
  changedPaths: string[];
}

export type LiveMessage =
  | { type: 'expectation'; expectation: ExpectationSummary }
  | { type: 'expectationDeleted'; id: string }
  | { type: 'event'; event: RecordedEvent }
  | { type: 'reconnected' };

type Listener = (message: LiveMessage) => void;
const listeners = new Set<Listener>();

export function onLive(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const tell = (message: LiveMessage) => {
  for (const listener of listeners) listener(message);
};

/** Reads `data:` lines off the stream until it ends. */
async function readStream(body: ReadableStream<Uint8Array>): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = frame
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice(6))
        .join('\n');
      if (data) tell(JSON.parse(data) as LiveMessage);
    }
  }
}

let connection: AbortController | undefined;

/** (Re)connects the stream, e.g. with a new token; status goes to `onState` ('live' or 'reconnecting'). */
export function connectLive(onState: (state: 'live' | 'reconnecting') => void): void {
  connection?.abort();
  const controller = new AbortController();
  connection = controller;
  void (async () => {
    let first = true;
    while (!controller.signal.aborted) {
      try {
        const response = await fetch('/view/live', {
          headers: { accept: 'text/event-stream', ...authorization() },
          signal: controller.signal,
        });
        if (response.status === 401) return askForToken();
        if (response.ok && response.body) {
          onState('live');
          if (!first) tell({ type: 'reconnected' });
          first = false;
          await readStream(response.body);
        }
      } catch {
        // the connection dropped: connect again below
      }
      if (controller.signal.aborted) return;
      onState('reconnecting');
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  })();
}
