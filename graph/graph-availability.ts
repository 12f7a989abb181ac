import neo4j from 'neo4j-driver';

/**
 * Whether Neo4j can be reached: an error that says the server is gone (down, restarting, a
 * connection lost mid-transaction) rather than that a statement was wrong. No retry inside one
 * operation fixes it; the server's return does.
 */
export function isGraphUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    code === neo4j.error.SERVICE_UNAVAILABLE ||
    code === neo4j.error.SESSION_EXPIRED ||
    code === 'Neo.TransientError.General.DatabaseUnavailable'
  );
}
