import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';
import { exampleKinds } from '../examples/index.js';
import { readSettings } from '../infra/settings.js';
import type { Kind } from '../model/registry.js';
import { runReconciler } from '../runtime/reconciler-process.js';

/** Loads the kinds a domain module exports as `kinds` (an array of declared kinds). */
async function loadDomain(modulePath: string): Promise<Kind[]> {
  const loaded = (await import(pathToFileURL(path.resolve(modulePath)).href)) as { kinds?: Kind[] };
  if (!Array.isArray(loaded.kinds)) throw new Error(`--domain ${modulePath}: the module exports no "kinds" array`);
  return loaded.kinds;
}

function positiveNumber(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new InvalidArgumentError('expected a positive number of minutes');
  return number;
}

/** `diffo worker`: the reconcile worker, until Ctrl-C. */
export function workerCommand(): Command {
  return new Command('worker')
    .description('run the reconcile worker (Temporal workflows + activities on Neo4j) until Ctrl-C')
    .option('--domain <module...>', 'a module exporting `kinds`, instead of the example domains (repeatable)')
    .option('--resync-minutes <minutes>', 'how often every stored expectation is checked for a running reconciler', positiveNumber, 10)
    .option('--task-queue <name>', 'the Temporal task queue to poll', 'diffo-reconcile')
    .action(async (options: { domain?: string[]; resyncMinutes: number; taskQueue: string }) => {
      const kinds = options.domain ? (await Promise.all(options.domain.map(loadDomain))).flat() : exampleKinds;
      const resyncMinutes = options.resyncMinutes;
      await runReconciler({ settings: readSettings(), kinds, resyncMinutes, taskQueue: options.taskQueue, log: (line) => console.log(`· ${line}`) });
    });
}
