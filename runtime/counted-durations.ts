import { Counter, Histogram, type Registry } from 'prom-client';

/** Bucket bounds in seconds: from a few milliseconds (a read) to half a minute (a slow task). */
const secondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * A count of things done and a histogram of how long each took, under the same labels, in
 * `registry`: `<name>_total` beside `<durationName>` (the API's requests, the worker's tasks).
 * `record(labels, seconds)` adds one to both.
 */
export function countedDurations<Label extends string>(
  registry: Registry,
  series: { total: string; duration: string; what: string; labelNames: readonly Label[] },
): { record: (labels: Record<Label, string>, seconds: number) => void } {
  const total = new Counter({
    name: series.total,
    help: `${series.what}, by ${series.labelNames.join(', ')}`,
    labelNames: series.labelNames,
    registers: [registry],
  });
  const duration = new Histogram({
    name: series.duration,
    help: `How long each took (${series.what}), by ${series.labelNames.join(', ')}`,
    labelNames: series.labelNames,
    buckets: secondsBuckets,
    registers: [registry],
  });
  return {
    record(labels, seconds) {
      total.inc(labels);
      duration.observe(labels, seconds);
    },
  };
}
