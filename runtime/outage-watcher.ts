import type { Client } from '@temporalio/client';
import { graphAnswers, type GraphConnection } from '../graph/driver.js';
import type { GraphStore } from '../graph/graph-store.js';
import { askTemporal } from './readiness-checks.js';
import { signalReconcilers } from './signal-reconcilers.js';

/**
 * The worker's outage watcher. Every `intervalMs` it asks each server a cheap question, with a
 * timeout of its own (Neo4j: `RETURN 1` on a connection of its own, so a pool full of broken
 * connections cannot hide the server's return; Temporal: GetSystemInfo). A server that fails two
 * probes in a row is down (one slow answer on a busy machine is not an outage); once every server
 * answers again, `onReturn` runs (the worker resyncs: it starts the reconcilers of expectations
 * stored while Temporal was down and wakes those whose latest change they missed, and no other).
 * Should `onReturn` fail, it runs again at the next tick. A reconciler an activity saw blocked by
 * Neo4j (`blocked`) — in an outage, or one too short for the probes, a connection lost — is
 * woken (`wake`) at the next tick at which every server answers (after `onReturn`), so it
 * observes again within seconds instead of at the end of its back-off.
 */
export interface OutageProbe {
  name: string;
  /** Whether the server answers within `timeoutMs`: it resolves (false, or rejects) by then. */
  answers: (timeoutMs: number) => Promise<boolean>;
  /**
   * How long an answer may take: a server that is down refuses at once, so this only bounds a
   * hung one — long enough that a busy machine's slow answer is no outage.
   */
  timeoutMs: number;
}

export interface OutageWatcherOptions {
  probes: OutageProbe[];
  /** Runs once every server answers after an outage, with the names of those that were down. */
  onReturn: (returned: string[]) => Promise<void>;
  /** Wakes these expectations' reconcilers (signals them). */
  wake: (expectationIds: string[]) => Promise<void>;
  log: (line: string) => void;
  /** Default 1000: two failed probes take 2-4 s, about the signal deadline (see `signalDeadlineMs`). */
  intervalMs?: number;
}

export interface OutageWatcher {
  /** An activity found Neo4j unreachable for this expectation: its reconciler is blocked; wake it when Neo4j answers. */
  blocked(expectationId: string): void;
  stop(): Promise<void>;
}

export function watchOutages(options: OutageWatcherOptions): OutageWatcher {
  const { probes, onReturn, wake, log, intervalMs = 1_000 } = options;
  const failures = new Map<string, number>();
  const downSince = new Map<string, number>();
  /** Servers that were down and have not been followed by a successful `onReturn` yet. */
  const returning = new Set<string>();
  const blocked = new Set<string>();
  let stopped = false;
  const look = (probe: OutageProbe, answered: boolean) => {
    failures.set(probe.name, answered ? 0 : (failures.get(probe.name) ?? 0) + 1);
    const since = downSince.get(probe.name);
    if (!answered && since === undefined && failures.get(probe.name)! >= 2) {
      downSince.set(probe.name, Date.now());
      returning.add(probe.name);
      log(`${probe.name} unavailable: reconcilers that need it are blocked until it answers again`);
    } else if (answered && since !== undefined) {
      downSince.delete(probe.name);
      log(`${probe.name} answers again after ${((Date.now() - since) / 1000).toFixed(1)}s`);
    }
  };
  const afterwards = (what: string, work: () => Promise<void>) =>
    succeeded(work, (error) => log(`${what}: ${error} (tried again in ${intervalMs} ms)`));
  const tick = async () => {
    // each probe keeps to its own timeout
    const answers = await Promise.all(probes.map((probe) => probe.answers(probe.timeoutMs).catch(() => false)));
    probes.forEach((probe, index) => look(probe, answers[index]!));
    if (answers.some((answered) => !answered)) return;
    const [returned, ids] = [[...returning], [...blocked]];
    if (returned.length > 0) {
      if (!(await afterwards(`after ${returned.join(' and ')} came back`, () => onReturn(returned)))) return;
      returned.forEach((name) => returning.delete(name));
    }
    if (ids.length > 0) {
      if (!(await afterwards('waking reconcilers blocked by Neo4j', () => wake(ids)))) return;
    }
    ids.forEach((id) => blocked.delete(id));
  };
  const loop = (async () => {
    while (!stopped) {
      const started = Date.now();
      await tick();
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, intervalMs - (Date.now() - started))));
    }
  })();
  return {
    blocked: (expectationId) => void blocked.add(expectationId),
    async stop() {
      stopped = true;
      await loop;
    },
  };
}

/** Whether `work` succeeded; a failure is told to `failed`. */
async function succeeded(work: () => Promise<void>, failed: (message: string) => void): Promise<boolean> {
  try {
    await work();
    return true;
  } catch (error) {
    failed((error as Error).message);
    return false;
  }
}

/** Neo4j answers a query (on a driver of its own: a new connection each time). */
const neo4jProbe = (connection: GraphConnection): OutageProbe => ({
  name: 'neo4j',
  answers: (timeoutMs) => graphAnswers(connection, timeoutMs),
  timeoutMs: 5_000,
});

/** The Temporal frontend answers GetSystemInfo on this client's connection. */
const temporalProbe = (client: Client): OutageProbe => ({
  name: 'temporal',
  // the client retries a refused call until the deadline, so this is also how long "down" takes to see
  timeoutMs: 2_000,
  answers: (timeoutMs) => askTemporal(client, timeoutMs).then(() => true),
});

/**
 * gRPC channel options for a Temporal connection that should notice the server's return within
 * a second or two: grpc-js otherwise backs off reconnecting up to two minutes.
 */
export const quickReconnect = { 'grpc.initial_reconnect_backoff_ms': 500, 'grpc.max_reconnect_backoff_ms': 1_000 };

/**
 * When Neo4j answers again after an outage, the process's store opens a new driver
 * (`GraphStore.renew`): connections made while the server was starting can wait for an answer
 * forever and fill the pool, so every query would time out waiting for one (measured: 50 of 50
 * stuck for minutes).
 */
function renewOnReturn(store: GraphStore, returned: string[]): void {
  if (returned.includes('neo4j')) store.renew();
}

/**
 * The worker process's watcher over its own store and client. When a server is back it renews
 * the store's driver (`renewOnReturn`), then resyncs (`resync`: starts missing reconcilers, wakes
 * those that missed their latest change) and says how many and how long that took; the
 * reconcilers an activity saw blocked by the outage are woken by `wake`.
 */
export function watchWorkerOutages(options: {
  /** The worker's graph: where Neo4j is, and its store. */
  graph: { connection: GraphConnection; store: GraphStore };
  client: Client;
  resync: () => Promise<number>;
  log: (line: string) => void;
}): OutageWatcher {
  const { graph, client, resync, log } = options;
  return watchOutages({
    probes: [neo4jProbe(graph.connection), temporalProbe(client)],
    onReturn: async (returned) => {
      const began = Date.now();
      renewOnReturn(graph.store, returned);
      const count = await resync();
      log(
        `resync after ${returned.join(' and ')} came back: ${count} expectation(s) have a reconciler (${Date.now() - began} ms)`,
      );
    },
    wake: (expectationIds) => signalReconcilers(client, expectationIds),
    log,
  });
}

/**
 * The API process's watcher: Neo4j alone (no reconciler waits on the API). When Neo4j answers
 * again its store's driver is renewed, as the worker's is, so requests stop answering 503
 * without the process being restarted.
 */
export function watchApiOutages(options: {
  graph: { connection: GraphConnection; store: GraphStore };
  log: (line: string) => void;
}): OutageWatcher {
  const { graph, log } = options;
  return watchOutages({
    probes: [neo4jProbe(graph.connection)],
    onReturn: (returned) => Promise.resolve(renewOnReturn(graph.store, returned)),
    wake: () => Promise.resolve(),
    log,
  });
}
