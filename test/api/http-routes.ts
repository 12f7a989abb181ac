import type { FastifyInstance } from 'fastify';

/** A route the app answers: one method on one URL pattern (`:id` a path parameter). */
export interface Route {
  method: string;
  url: string;
}

/**
 * Every route of a built app, read from its router (`printRoutes`), so a route added later is
 * listed without touching this: each line is a path segment indented under its parent, with
 * the methods it answers in parentheses (below a route at `/`, a segment starts without a slash).
 */
export function routesOf(app: FastifyInstance): Route[] {
  const parents: string[] = [];
  return app
    .printRoutes({ commonPrefix: false })
    .split('\n')
    .flatMap((line): Route[] => {
      const match = /^([│├└─\s]*)(\S+)(?: \(([^)]*)\))?$/u.exec(line);
      if (!match) return [];
      const depth = match[1]!.length / 4;
      parents.length = depth;
      const url = `${parents.join('')}${match[2]}`;
      parents.push(match[2]!);
      return (match[3] ?? '')
        .split(', ')
        .filter(Boolean)
        .map((method) => ({ method, url }));
    });
}
