import type { Client } from '@temporalio/client';
import { graphAnswers, type GraphConnection } from '../graph/driver.js';
import { askTemporal, unlessLate } from './readiness-checks.js';
import { signalReconcilers } from './signal-reconcilers.js';

/**
 * The worker's outage watcher. Every `intervalMs` it asks each server a cheap question, with a
 * timeout of its own (Neo4j: `RETURN 1` on a connection of its own, so a pool full of broken
 * connections cannot hide the server's return; Temporal: GetSystemInfo). A server that fails two
 * probes in a row is down (one slow answer on a busy machine is not an outage); once every server
 * answers again, `onReturn` runs (the worker resyncs: signal-with-start wakes every reconciler, so
 * the ones blocked by the outage observe again within seconds instead of at the end of their
 * back-off, and starts the reconcilers of expectations stored while Temporal was down). Should
 * `onReturn` fail, it runs again at the next tick. A reconciler an activity saw blocked by Neo4j
 * (`blocked`) — an outage too short for the probes, a connection lost — is woken alone
 * (`wake`) at the next tick at which every server answers.
 */
export interface OutageProbe {
  name: string;
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

function watchOutages(options: OutageWatcherOptions): OutageWatcher {
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
    const answers = await Promise.all(
      probes.map((probe) => unlessLate(probe.answers(probe.timeoutMs), false, probe.timeoutMs).catch(() => false)),
    );
    probes.forEach((probe, index) => look(probe, answers[index]!));
    if (answers.some((answered) => !answered)) return;
    const [returned, ids] = [[...returning], [...blocked]];
    if (returned.length > 0) {
      if (!(await afterwards(`after ${returned.join(' and ')} came back`, () => onReturn(returned)))) return;
      returned.forEach((name) => returning.delete(name));
    } else if (ids.length > 0) {
      if (!(await afterwards('waking reconcilers blocked by Neo4j', () => wake(ids)))) return;
    }
    ids.forEach((id) => blocked.delete(id)); // woken, alone or by the resync
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
  answers: () => graphAnswers(connection),
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
 * The worker process's watcher over its own driver and client: on a server's return it resyncs
 * every stored expectation's reconciler (`resync`) and says how many.
 */
export function watchWorkerOutages(options: {
  neo4j: GraphConnection;
  client: Client;
  resync: () => Promise<number>;
  log: (line: string) => void;
}): OutageWatcher {
  const { neo4j, client, resync, log } = options;
  return watchOutages({
    probes: [neo4jProbe(neo4j), temporalProbe(client)],
    onReturn: async (returned) => {
      const count = await resync();
      log(`resync after ${returned.join(' and ')} came back: ${count} reconciler(s) woken or started`);
    },
    wake: (expectationIds) => signalReconcilers(client, expectationIds),
    log,
  });
}
