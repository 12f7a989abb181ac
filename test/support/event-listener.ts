import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';

/** One request the listener took (answered 2xx): its raw body, parsed, and its headers. */
export interface Delivery {
  /** The path the callback named (one listener serves several subscriptions). */
  path: string;
  raw: string;
  body: {
    eventId: string;
    eventType: string;
    event: Record<string, { id: string } & Record<string, unknown>>;
  } & Record<string, unknown>;
  headers: IncomingHttpHeaders;
}

/**
 * A real HTTP listener in the test process, the kind a subscriber runs: it records every
 * event it accepts. `failing` makes it answer 500 (and record nothing) until turned off;
 * `refused` counts those answers; `delayMs` makes it a slow one.
 */
export function eventListener() {
  const listener = { url: '', received: [] as Delivery[], failing: false, refused: 0, delayMs: 0 };
  const server = createServer((request, response) => {
    let raw = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (raw += chunk));
    request.on('end', () => {
      if (listener.failing) {
        listener.refused += 1;
        response.writeHead(500).end('not now');
        return;
      }
      const delivery = {
        path: request.url ?? '',
        raw,
        body: JSON.parse(raw) as Delivery['body'],
        headers: request.headers,
      };
      setTimeout(() => {
        listener.received.push(delivery);
        response.writeHead(204).end();
      }, listener.delayMs);
    });
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    listener.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return listener;
}

/** The deliveries about one instance, in the order they arrived. */
export const deliveriesOf = (received: Delivery[], instanceId: string) =>
  received.filter((delivery) => Object.values(delivery.body.event).some((instance) => instance.id === instanceId));

/** The deliveries that came to one path. */
export const receivedAt = (received: Delivery[], path: string) => received.filter((delivery) => delivery.path === path);
