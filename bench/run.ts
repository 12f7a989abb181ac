import { assignThroughput } from './assign-throughput.js';
import { hubDelivery } from './hub-delivery.js';
import { outstandingThroughput } from './outstanding-throughput.js';
import { inheritedReadLatency } from './inherited-read-latency.js';
import { listRender } from './list-render.js';
import { readLatency } from './read-latency.js';
import { reconcileThroughput } from './reconcile-throughput.js';
import { resyncSweep } from './resync-sweep.js';
import { wakeLatency } from './wake-latency.js';

/** `npm run bench`: every benchmark, figures printed with a same-run baseline. */
const benchmarks: Record<string, () => void | Promise<void>> = {
  'auto-assign throughput vs raw CREATE': () => assignThroughput(),
  'TMF read latency vs raw MATCH': () => readLatency(),
  'inherited read latency vs the same instance without inherited facts': () => inheritedReadLatency(),
  'outstanding vs deep-diff': () => outstandingThroughput(),
  'reconcile throughput vs no-op activities': () => reconcileThroughput(),
  'resync sweep over met expectations vs signalling every one': () => resyncSweep(),
  'hub delivery vs reconcile event rate': () => hubDelivery(),
  'live view list first render, 10,000 expectations vs 10': () => listRender(),
  'wake-up latency vs a plain signal': () => wakeLatency(),
};

const only = process.argv[2];
for (const [name, run] of Object.entries(benchmarks)) {
  if (only && !name.includes(only)) continue;
  console.log(`\n== ${name}`);
  await run();
}
