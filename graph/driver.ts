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
 * help). Its one bound is `timeoutMs`: a server still starting can accept the connection and not
 * answer the handshake, and closing the driver does not end that wait (measured: a silent server
 * kept the answer 20 s, the pool's acquisition timeout, with a timeout of 3 s). A driver of its
 * own each time, closed afterwards, so a connection that waits forever is not left behind.
 */
export async function graphAnswers(connection: GraphConnection, timeoutMs = 5_000): Promise<boolean> {
  // One auto-commit query: no driver retries, so an absent server answers in about a second.
  const driver = openDriver(connection, { connectionTimeoutMs: Math.min(2_000, timeoutMs) });
  const session = driver.session({ database: connection.database });
  let late: NodeJS.Timeout | undefined;
  const answer = session.run<{ one: number }>('RETURN 1 AS one').then(
    (result) => result.records[0]?.get('one') === 1,
    (error: unknown) => {
      const code = (error as { code?: string }).code ?? '';
      if (!code.startsWith('Neo.ClientError.Security.')) return false;
      throw new Error(
        `Neo4j at ${connection.uri} refused user "${connection.user}" (${code}): check NEO4J_USER / NEO4J_PASSWORD`,
        { cause: error },
      );
    },
  );
  try {
    return await Promise.race([
      answer,
      new Promise<boolean>((resolve) => (late = setTimeout(resolve, timeoutMs, false))),
    ]);
  } finally {
    clearTimeout(late);
    void session
      .close()
      .then(() => driver.close())
      .catch(() => undefined);
  }
}
