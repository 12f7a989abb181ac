import { performance } from 'node:perf_hooks';

/** Timing helpers for benchmarks: figures are printed, never asserted. */

export interface Summary {
  min: number;
  median: number;
  max: number;
  count: number;
}

export function summarise(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    min: sorted[0] ?? NaN,
    median: sorted[Math.floor(sorted.length / 2)] ?? NaN,
    max: sorted.at(-1) ?? NaN,
    count: sorted.length,
  };
}

export const format = (summary: Summary, unit: string, digits = 2) =>
  `min ${summary.min.toFixed(digits)} / median ${summary.median.toFixed(digits)} / max ${summary.max.toFixed(digits)} ${unit} (n=${summary.count})`;

/** Milliseconds each call of `operation` takes, `count` times in a row. */
export async function latencies(count: number, operation: (index: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let index = 0; index < count; index += 1) {
    const started = performance.now();
    await operation(index);
    samples.push(performance.now() - started);
  }
  return samples;
}

/** Operations per second when `callers` run `perCaller` operations each, concurrently. */
export async function throughput(
  callers: number,
  perCaller: number,
  operation: (caller: number, index: number) => Promise<unknown>,
): Promise<number> {
  const started = performance.now();
  await Promise.all(
    Array.from({ length: callers }, async (_, caller) => {
      for (let index = 0; index < perCaller; index += 1) await operation(caller, index);
    }),
  );
  return (callers * perCaller) / ((performance.now() - started) / 1000);
}
