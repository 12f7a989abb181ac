import { performance } from 'node:perf_hooks';
import type { ObservationOrDeleted, ReconcileActivities } from '../activities/reconcile-activities.js';
import type { LocalServer } from '../infra/local-server.js';
import { forEachAtMost } from '../runtime/at-most-at-once.js';
import { readCpu } from './process-cpu.js';

/**
 * `RECONCILE_SIZES=100,1000` (the default), `RECONCILE_WARM_UP=5000` (at most, before the re-plan and again after it) and
 * `RECONCILE_REPEATS=3` (rounds of each size under 1,000, over in seconds, where one stall of
 * the machine would decide the figure): see the README's benchmark section.
 */
export function sizesFromEnvironment(): { sizes: number[]; warmUp: number; repeats: number } {
  const count = (text: string, name: string) => {
    const value = Number(text);
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name}: "${text}" is not a whole number ≥ 0`);
    return value;
  };
  const sizes = (process.env.RECONCILE_SIZES ?? '100,1000')
    .split(',')
    .map((text) => count(text.trim(), 'RECONCILE_SIZES'));
  return {
    sizes: sizes.filter((size) => size > 0),
    warmUp: count(process.env.RECONCILE_WARM_UP ?? '5000', 'RECONCILE_WARM_UP'),
    repeats: Math.max(1, count(process.env.RECONCILE_REPEATS ?? '3', 'RECONCILE_REPEATS')),
  };
}

/** Expectations per warm-up round; the warm-up converges at most twice `expectationsAtMost`. */
const roundSize = 500;

export interface WarmUp {
  expectationsAtMost: number;
  servers: LocalServer[];
  poolId: string;
  intent: (poolId: string) => Record<string, unknown>;
  create: (id: string, body: Record<string, unknown>) => Promise<unknown>;
  activities: ReconcileActivities;
  idOf: (index: number) => string;
  /** Expectations converged at once. */
  callers: number;
  /** Has Neo4j plan its queries again (against the graph the warm-up grew); one more round follows. */
  replan: () => Promise<void>;
}

/**
 * Neo4j's JIT compiles for minutes after a restart: measured, its CPU per expectation was
 * 72, 25, 20 and 18 ms in the first four rounds of 500 after a restart, and 9–12 ms once
 * warm — a round within 0.9× of the one before was still far from warm. This runs the reconcile activities
 * directly (observe, then each planned batch of tasks: the same statements, no Temporal) in rounds of
 * 500 until two rounds in a row cost no less than 0.95× the cheapest round so far (Neo4j CPU
 * when this machine runs it, else wall time), or `expectationsAtMost` are done; then it has
 * Neo4j plan its queries again and runs rounds on the new plans by the same rule. It prints
 * each round.
 */
export async function warmUpNeo4j({
  expectationsAtMost,
  servers,
  poolId,
  intent,
  create,
  activities,
  idOf,
  callers,
  replan,
}: WarmUp): Promise<void> {
  let done = 0;
  /** Converges the next `round` expectations; returns what they cost (Neo4j CPU, else wall time) each. */
  const converge = async (round: number, after = ''): Promise<number> => {
    const ids = Array.from({ length: round }, (_, index) => idOf(done + index));
    const cpuBefore = readCpu(servers);
    const began = performance.now();
    await forEachAtMost(callers, ids, async (id) => {
      await create(id, intent(poolId));
      for (
        let observation: ObservationOrDeleted = await activities.observe(id);
        !observation.deleted && observation.plan.outcome === 'task';
      ) {
        const { task, tasks } = observation.plan;
        observation = (await activities.runTasks(tasks ?? [task], id)).observation;
      }
    });
    const seconds = (performance.now() - began) / 1000;
    const cpuAfter = readCpu(servers);
    done += round;
    const neo4jSeconds =
      cpuAfter.neo4j !== undefined && cpuBefore.neo4j !== undefined ? cpuAfter.neo4j - cpuBefore.neo4j : undefined;
    const neo4j =
      neo4jSeconds === undefined ? 'CPU not measured' : `${((neo4jSeconds * 1000) / round).toFixed(1)} ms CPU each`;
    console.log(
      `warm-up: ${done} expectations converged through the activities directly; the last ${round}${after} in ${seconds.toFixed(1)} s, Neo4j ${neo4j}`,
    );
    return (neo4jSeconds ?? seconds) / round;
  };
  /** Rounds until two in a row gain less than 5% on the cheapest, or `limit` expectations are done. */
  const untilSettled = async (limit: number, after = '') => {
    let best = Infinity;
    for (let roundsWithoutGain = 0; done < limit && roundsWithoutGain < 2;) {
      const cost = await converge(Math.min(roundSize, limit - done), after);
      roundsWithoutGain = cost < 0.95 * best ? 0 : roundsWithoutGain + 1;
      best = Math.min(best, cost);
    }
  };
  await untilSettled(expectationsAtMost);
  // planning and compiling every query again costs a cold Neo4j several rounds (measured: 38 ms
  // per expectation in the first round after, against 8.5 in the one before)
  await replan();
  await untilSettled(done + expectationsAtMost, ' (its queries planned again)');
}
