import type { Client } from '@temporalio/client';
import { pingGraph } from '../graph/graph-health.js';
import type { GraphStore } from '../graph/graph-store.js';

/** The servers a process needs, each with a check that resolves when it answers. */
export interface ReadinessChecks {
  neo4j: () => Promise<unknown>;
  temporal: () => Promise<unknown>;
}

/** What `/ready` found: each server `up`, or the problem that kept it from answering. */
export interface Readiness {
  ready: boolean;
  checks: Record<keyof ReadinessChecks, string>;
}

/** How long a check may take before its server counts as down: `/ready` never hangs. */
export const readinessTimeoutMs = 2_000;

/** The checks of a process with a graph store and a Temporal client: a `RETURN 1` and `GetSystemInfo`. */
export function serverChecks(store: GraphStore, client: Client): ReadinessChecks {
  return {
    neo4j: () => pingGraph(store),
    temporal: () => askTemporal(client, readinessTimeoutMs),
  };
}

/** Temporal's frontend answers GetSystemInfo within `timeoutMs` (the client retries a refused call until then). */
export const askTemporal = (client: Client, timeoutMs: number) =>
  client.withDeadline(Date.now() + timeoutMs, () => client.workflowService.getSystemInfo({}));

/** What `answer` resolves to, or `late` when it takes longer than `timeoutMs`. */
export async function unlessLate<T>(answer: Promise<T>, late: T, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<T>((resolve) => (timer = setTimeout(() => resolve(late), timeoutMs)));
  try {
    return await Promise.race([answer, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

function withinTimeout(check: () => Promise<unknown>, timeoutMs: number): Promise<string> {
  const answered = check().then(
    () => 'up',
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );
  return unlessLate(answered, `no answer within ${timeoutMs} ms`, timeoutMs);
}

/** Runs every check at once, each cut off after `timeoutMs`. */
export async function readiness(checks: ReadinessChecks, timeoutMs = readinessTimeoutMs): Promise<Readiness> {
  const [neo4j, temporal] = await Promise.all([
    withinTimeout(checks.neo4j, timeoutMs),
    withinTimeout(checks.temporal, timeoutMs),
  ]);
  return { ready: neo4j === 'up' && temporal === 'up', checks: { neo4j, temporal } };
}
