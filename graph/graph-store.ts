import { AsyncLocalStorage } from 'node:async_hooks';
import neo4j, { type Driver, type ManagedTransaction, type Session, type SessionMode } from 'neo4j-driver';

/**
 * JavaScript has one number type; Neo4j has INTEGER and FLOAT. Whole numbers go in as
 * INTEGER (versions, pool bounds and values, LIMIT), everything else unchanged.
 */
export function integerParameters(value: unknown): unknown {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? neo4j.int(value) : value;
  if (Array.isArray(value)) return value.map(integerParameters);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, integerParameters(inner)]));
  }
  return value;
}

function withIntegerParameters(tx: ManagedTransaction, counted: () => void): ManagedTransaction {
  return new Proxy(tx, {
    get(target, property, receiver) {
      if (property === 'run') {
        return (query: string, parameters?: Record<string, unknown>) => {
          counted();
          return target.run(query, integerParameters(parameters ?? {}));
        };
      }
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}

/**
 * A write that runs as a statement of its own or rides along in another statement, as a
 * subquery: one round trip instead of two (see `ExpectationRepository.recordIn`).
 */
export interface CarriedWrite {
  /** Cypher that uses no variable of the statement carrying it, only its own parameters (one map, named after it). */
  clause: string;
  params: Record<string, unknown>;
}

/** Opens the driver a graph store runs on. */
export type DriverFactory = () => Driver;

/**
 * The graph store: the driver and the database, with one helper per kind of transaction.
 * Every provider operation is one `write` call: one executeWrite transaction, so on any
 * error nothing of it is left behind. The driver retries transient errors itself.
 *
 * `transaction(work)` makes several operations one: every `write` and `read` made while
 * `work` runs joins its transaction instead of opening another, so they commit together or
 * not at all (a task and the event that records it, say).
 */
export class GraphStore {
  /** Queries run through this store so far: how tests prove that a read is one round trip. */
  queriesRun = 0;
  private readonly counted = () => {
    this.queriesRun += 1;
  };

  private readonly joined = new AsyncLocalStorage<ManagedTransaction>();

  private current: Driver;
  /** Opens a driver again (`renew`); unset when the store was given a driver rather than a factory. */
  private readonly reopen: DriverFactory | undefined;

  /** On a driver, or on a factory that opens one — then `renew` can put a new one in its place. */
  constructor(
    driver: Driver | DriverFactory,
    readonly database: string,
  ) {
    this.reopen = typeof driver === 'function' ? driver : undefined;
    this.current = typeof driver === 'function' ? driver() : driver;
  }

  /** The driver every new session opens on (a new one after `renew`: read it each time, never keep it). */
  get driver(): Driver {
    return this.current;
  }

  /**
   * Opens a new driver in the place of the current one, which is closed without waiting for it.
   * After Neo4j restarts, a pool can hold connections that wait for an answer forever (made while
   * the server was starting: the driver bounds a connect, not an answer), so every acquisition
   * times out; a close would wait for them as long. The worker's outage watcher and the API's
   * (runtime/outage-watcher.ts) renew their store when Neo4j answers again.
   */
  renew(): void {
    if (!this.reopen) throw new Error('this graph store was given a driver, not a factory: it cannot open another');
    const previous = this.current;
    this.current = this.reopen();
    void previous.close().catch(() => undefined);
  }

  /** Closes the driver in use (the latest, after a `renew`). */
  close(): Promise<void> {
    return this.current.close();
  }

  /** Whether a `transaction` is running here: a write now joins it and cannot retry on its own. */
  get inTransaction(): boolean {
    return this.joined.getStore() !== undefined;
  }

  /** `work` in the running `transaction` if there is one, else `alone` in a session of its own. */
  private async joinedOr<T>(
    work: (tx: ManagedTransaction) => Promise<T>,
    alone: (session: Session) => Promise<T>,
    accessMode?: SessionMode,
  ): Promise<T> {
    const current = this.joined.getStore();
    if (current) return work(current);
    const session = this.driver.session({
      database: this.database,
      ...(accessMode ? { defaultAccessMode: accessMode } : {}),
    });
    try {
      return await alone(session);
    } finally {
      await session.close();
    }
  }

  write<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    return this.joinedOr(work, (session) =>
      session.executeWrite((raw) => {
        const tx = withIntegerParameters(raw, this.counted);
        return this.joined.run(tx, () => work(tx));
      }),
    );
  }

  /** Runs `work` as ONE write transaction that every store call inside it joins (retried whole on transient errors). */
  transaction<T>(work: () => Promise<T>): Promise<T> {
    return this.write(() => work());
  }

  /**
   * A read made of auto-committed statements: one round trip each, without the BEGIN and
   * COMMIT of a transaction; joins a running `transaction`. Not retried by the driver: for
   * callers that retry themselves (activities). Neo4j reads committed data either way.
   */
  readAutoCommit<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    return this.joinedOr(
      work,
      (session) => {
        const statements = {
          run: (query: string, parameters?: Record<string, unknown>) => session.run(query, parameters),
        };
        return work(withIntegerParameters(statements as unknown as ManagedTransaction, this.counted));
      },
      neo4j.session.READ,
    );
  }

  read<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    return this.joinedOr(work, (session) => session.executeRead((tx) => work(withIntegerParameters(tx, this.counted))));
  }
}

/** The uniqueness constraint a failed write ran into, if any (named in the server's message). */
export function violatedConstraint(error: unknown): { property: string; message: string } | undefined {
  const { code, message } = error as { code?: string; message?: string };
  if (code !== 'Neo.ClientError.Schema.ConstraintValidationFailed' || !message) return undefined;
  const property = /property `([A-Za-z]+)`/.exec(message)?.[1] ?? '';
  return { property, message };
}
