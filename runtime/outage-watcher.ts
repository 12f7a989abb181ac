import type { Client } from '@temporalio/client';
import { graphAnswers, type GraphConnection } from '../graph/driver.js';

/**
 * The worker's outage watcher. Every `intervalMs` it asks each server a cheap question, with a
 * timeout of twice that (Neo4j: `RETURN 1` on a connection of its own, so a pool full of broken
 * connections cannot hide the server's return; Temporal: GetSystemInfo). A server that does not answer —
 * or that an activity found unreachable (`noticed`) — is down; once every server answers again,
 * `onReturn` runs (the worker resyncs: signal-with-start wakes every reconciler, so the ones
 * blocked by the outage observe again within seconds instead of at the end of their back-off,
 * and starts the reconcilers of expectations stored while Temporal was down). Should `onReturn`
 * fail, it runs again at the next tick.
 */
export interface OutageProbe {
  name: string;
  answers: (timeoutMs: number) => Promise<boolean>;
}

export interface OutageWatcherOptions {
  probes: OutageProbe[];
  /** Runs once every server answers after an outage, with the names of those that were down. */
  onReturn: (returned: string[]) => Promise<void>;
  log: (line: string) => void;
  /** Default 1000: below the signal deadline, so an outage that fails a submission's signal is seen. */
  intervalMs?: number;
}

export interface OutageWatcher {
  /** Marks a server down now (an activity could not reach it), without waiting for the next probe. */
  noticed(name: string): void;
  /** The servers down at the last look. */
  down(): string[];
  stop(): Promise<void>;
}

export function watchOutages({ probes, onReturn, log, intervalMs = 1_000 }: OutageWatcherOptions): OutageWatcher {
  const downSince = new Map<string, number>();
  /** Servers that were down and have not been followed by a successful `onReturn` yet. */
  const returning = new Set<string>();
  let stopped = false;
  const markDown = (name: string) => {
    if (downSince.has(name)) return;
    downSince.set(name, Date.now());
    returning.add(name);
    log(`${name} unavailable: reconcilers that need it are blocked until it answers again`);
  };
  const tick = async () => {
    const answers = await Promise.all(
      probes.map((probe) => within(probe.answers(2 * intervalMs), 2 * intervalMs).catch(() => false)),
    );
    probes.forEach((probe, index) => {
      if (!answers[index]) return markDown(probe.name);
      const since = downSince.get(probe.name);
      if (since === undefined) return;
      downSince.delete(probe.name);
      log(`${probe.name} answers again after ${((Date.now() - since) / 1000).toFixed(1)}s`);
    });
    if (downSince.size > 0 || returning.size === 0) return;
    const returned = [...returning];
    try {
      await onReturn(returned);
      returned.forEach((name) => returning.delete(name));
    } catch (error) {
      log(`after ${returned.join(' and ')} came back: ${(error as Error).message} (tried again in ${intervalMs} ms)`);
    }
  };
  const loop = (async () => {
    while (!stopped) {
      const started = Date.now();
      await tick();
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, intervalMs - (Date.now() - started))));
    }
  })();
  return {
    noticed: markDown,
    down: () => [...downSince.keys()],
    async stop() {
      stopped = true;
      await loop;
    },
  };
}

/** `answer`, or false when it takes longer than `timeoutMs`. */
async function within(answer: Promise<boolean>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  try {
    return await Promise.race([answer, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Neo4j answers a query (on a driver of its own: a new connection each time). */
export const neo4jProbe = (connection: GraphConnection): OutageProbe => ({
  name: 'neo4j',
  answers: () => graphAnswers(connection),
});

/** The Temporal frontend answers GetSystemInfo on this client's connection. */
export const temporalProbe = (client: Client): OutageProbe => ({
  name: 'temporal',
  answers: (timeoutMs) =>
    client.withDeadline(Date.now() + timeoutMs, () => client.workflowService.getSystemInfo({})).then(() => true),
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
    log,
  });
}
