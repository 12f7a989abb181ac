import neo4j, { type Driver } from 'neo4j-driver';

/** Where the graph lives and who we are there; built from configuration by the caller. */
export interface GraphConnection {
  uri: string;
  user: string;
  password: string;
  database: string;
}

export interface DriverOptions {
  connectionTimeoutMs?: number;
  /**
   * How long a transaction is retried on transient errors — an unreachable server among them —
   * before its error is thrown (the driver's default: 30 s). A request handler wants its answer
   * (503 while Neo4j is down) sooner: `requestTransactionRetryMs`.
   */
  transactionRetryMs?: number;
}

/** The retry time of the API's driver: a request waits this long for Neo4j before it is answered 503. */
export const requestTransactionRetryMs = 5_000;

/** One driver per process: it pools connections, so share it and close it at shutdown. */
export function openDriver(connection: GraphConnection, options: DriverOptions = {}): Driver {
  return neo4j.driver(connection.uri, neo4j.auth.basic(connection.user, connection.password), {
    disableLosslessIntegers: true,
    connectionAcquisitionTimeout: 20_000,
    maxConnectionPoolSize: 50,
    ...(options.connectionTimeoutMs ? { connectionTimeout: options.connectionTimeoutMs } : {}),
    ...(options.transactionRetryMs === undefined ? {} : { maxTransactionRetryTime: options.transactionRetryMs }),
  });
}

/**
 * True when the server answers a query within `timeoutMs`, false while it cannot be reached yet
 * (or is too slow); a server that refuses our credentials is an error at once (waiting would not
 * help). A driver of its own each time, closed after the answer or at the timeout, so a
 * connection that waits forever is not left behind.
 */
export async function graphAnswers(connection: GraphConnection, timeoutMs = 5_000): Promise<boolean> {
  // One auto-commit query: no driver retries, so an absent server answers in about a second.
  const driver = openDriver(connection, { connectionTimeoutMs: 2_000 });
  const session = driver.session({ database: connection.database });
  const late = setTimeout(() => void driver.close().catch(() => undefined), timeoutMs);
  try {
    const result = await session.run<{ one: number }>('RETURN 1 AS one');
    return result.records[0]?.get('one') === 1;
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (code.startsWith('Neo.ClientError.Security.')) {
      throw new Error(
        `Neo4j at ${connection.uri} refused user "${connection.user}" (${code}): check NEO4J_USER / NEO4J_PASSWORD`,
        { cause: error },
      );
    }
    return false;
  } finally {
    clearTimeout(late);
    await session.close().catch(() => undefined);
    await driver.close();
  }
}
