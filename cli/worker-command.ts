import { Command } from 'commander';
import { readSettings } from '../infra/settings.js';
import { runWorkerProcess } from '../runtime/worker-process.js';
import { kindsFrom } from './domains.js';
import { positiveNumber } from './option-parsers.js';

/** `diffo worker`: the reconcile worker, until Ctrl-C. */
export function workerCommand(): Command {
  return new Command('worker')
    .description(
      'run the reconcile worker (Temporal workflows + activities on Neo4j) until Ctrl-C; JSON logs at DIFFO_LOG_LEVEL, /health, /ready and /metrics on DIFFO_WORKER_HOST/PORT',
    )
    .option('--domain <module...>', 'a module exporting `kinds`, instead of the example domains (repeatable)')
    .option(
      '--resync-minutes <minutes>',
      'how often every stored expectation is checked for a running reconciler',
      positiveNumber('minutes'),
      10,
    )
    .option('--task-queue <name>', 'the Temporal task queue to poll (default: DIFFO_TASK_QUEUE or diffo-reconcile)')
    .action(async (options: { domain?: string[]; resyncMinutes: number; taskQueue?: string }) => {
      const settings = readSettings();
      const kinds = await kindsFrom(options.domain);
      const resyncMinutes = options.resyncMinutes;
      await runWorkerProcess({
        settings,
        kinds,
        resyncMinutes,
        taskQueue: options.taskQueue ?? settings.temporal.taskQueue,
      });
    });
}
