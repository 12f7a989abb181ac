import neo4j, { type Driver } from 'neo4j-driver';

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

/** True when the server answers a one-statement query on this driver within `timeoutMs`. */
export async function driverAnswers(driver: Driver, database: string, timeoutMs: number): Promise<boolean> {
  const session = driver.session({ database, defaultAccessMode: neo4j.session.READ });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  try {
    const answered = session.run('RETURN 1').then(
      () => true,
      () => false,
    );
    return await Promise.race([answered, timedOut]);
  } finally {
    clearTimeout(timer);
    void session.close().catch(() => undefined);
  }
}
