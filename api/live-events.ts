import type { FastifyPluginCallback } from 'fastify';
import type { EventRepository } from '../graph/event-repository.js';
import type { ExpectationRepository } from '../graph/expectation-repository.js';
import type { RenderContext } from '../model/tmf/tmf-paths.js';
import { viewOf } from './expectations-routes.js';
import { LiveFeed, type LiveMessage } from './live-feed.js';
import type { PublicUrl } from './public-url.js';
import { tmfError } from './tmf-error.js';

export interface LiveEventsOptions {
  events: EventRepository;
  expectations: ExpectationRepository;
  publicUrl: PublicUrl;
}

const heartbeatMs = 15_000;

/** What a page is sent: an expectation as `GET /expectations` lists it (without its body), a deletion, or an event. */
function wireMessage(message: LiveMessage, context: RenderContext): unknown {
  if (message.type !== 'expectation') return message;
  const { body: _body, ...expectation } = viewOf(message.expectation, context);
  return { type: 'expectation', expectation };
}

/**
 * `GET /view/live`: server-sent events (`text/event-stream`) for the live view, one `data:` line
 * of JSON per change the `LiveFeed` reads, a comment every 15 s to keep proxies from closing it.
 * Only for a client that accepts an event stream (406 otherwise, so a plain request is answered
 * at once); behind the bearer token like every data route. Streams end when the server closes.
 */
export const liveEventsRoutes: FastifyPluginCallback<LiveEventsOptions> = (app, options, done) => {
  const feed = new LiveFeed(options.events, options.expectations);
  app.addHook('preClose', (finished) => {
    feed.close();
    finished();
  });
  app.get('/view/live', { schema: { hide: true } }, (request, reply) => {
    if (!(request.headers.accept ?? '').includes('text/event-stream')) {
      const message = 'GET /view/live is a stream of server-sent events: send Accept: text/event-stream';
      return reply.status(406).send(tmfError(406, 'notAcceptable', 'Not Acceptable', message));
    }
    const context = { baseUrl: options.publicUrl(request) };
    void reply.hijack();
    const stream = reply.raw;
    stream.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-request-id': request.id,
    });
    stream.write(': live\n\n');
    const heartbeat = setInterval(() => stream.write(': still here\n\n'), heartbeatMs).unref();
    const unsubscribe = feed.subscribe({
      send: (message) => stream.write(`data: ${JSON.stringify(wireMessage(message, context))}\n\n`),
      end: () => stream.end(),
    });
    // the response's close: the page went away (or the stream ended)
    stream.once('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  });
  done();
};
