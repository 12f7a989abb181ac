import neo4j from 'neo4j-driver';
import type { GraphStore } from './graph-store.js';

/** The driver's codes for "the server cannot be reached" (refused, dropped, gone mid-session). */
const unavailableCodes: ReadonlySet<string> = new Set([neo4j.error.SERVICE_UNAVAILABLE, neo4j.error.SESSION_EXPIRED]);

/**
 * True when `error` (or an error it was caused by) says Neo4j cannot be reached: the driver's
 * ServiceUnavailable or SessionExpired, or a refused connection. The API answers it 503.
 */
export function isGraphUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth += 1) {
    if (current instanceof neo4j.Neo4jError && unavailableCodes.has(current.code)) return true;
    if ((current as NodeJS.ErrnoException).code === 'ECONNREFUSED') return true;
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
