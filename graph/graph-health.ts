import neo4j from 'neo4j-driver';
import type { GraphStore } from './graph-store.js';

/**
 * The codes for "the server cannot be reached": the driver's (refused, dropped, gone mid-session)
 * and the server's own while a database is still starting.
 */
const unavailableCodes: ReadonlySet<string> = new Set([
  neo4j.error.SERVICE_UNAVAILABLE,
  neo4j.error.SESSION_EXPIRED,
  'Neo.TransientError.General.DatabaseUnavailable',
]);

/**
 * True when `error` (or an error it was caused by) says Neo4j cannot be reached — down,
 * restarting, a connection refused or lost mid-transaction, no connection to be had from the
 * pool in time — rather than that a statement was
 * wrong. No retry inside one operation fixes it; the server's return does. The API answers it
 * 503; a reconciler is blocked saying so, and woken when Neo4j answers again.
 */
export function isGraphUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth += 1) {
    const { code } = current as { code?: unknown };
    if (typeof code === 'string' && (unavailableCodes.has(code) || code === 'ECONNREFUSED')) return true;
    // the pool had no connection to give in time (every one busy, or waiting on a server that restarted): no code of its own
    if (current.message.startsWith('Connection acquisition timed out')) return true;
    current = current.cause;
  }
  return false;
}

/** Resolves when the graph answers one auto-commit query (no driver retries); rejects with why not. */
export async function pingGraph(store: GraphStore): Promise<void> {
  const session = store.driver.session({ database: store.database, defaultAccessMode: neo4j.session.READ });
  try {
    await session.run('RETURN 1 AS one');
  } finally {
    await session.close();
  }
}
