import { setTimeout as sleep } from 'node:timers/promises';
import { SingleBar, Presets } from 'cli-progress';
import { Command } from 'commander';
import { expectationProblems, InvalidExpectationError } from '../expectations/expectation-schema.js';
import type { StoredExpectation } from '../graph/expectation-repository.js';
import { isSettled, submitExpectation, type Submission } from '../runtime/submission.js';
import { withCliContext } from './cli-context.js';
import { exitCodes } from './exit-codes.js';
import { readIntents } from './intent-file.js';
import { positiveNumber } from './option-parsers.js';

/**
 * `diffo expect <file|->`: validate every intent (all or nothing), submit them, and with
 * `--wait` follow them until each is met or blocked — exit 1 if any is blocked, saying why.
 */
export function expectCommand(): Command {
  return new Command('expect')
    .description(
      'validate and submit expectations from a JSON or YAML file (- for stdin); --wait follows them to met or blocked',
    )
    .argument('<file>', 'a file holding one expectation or a list of them')
    .option('--wait', 'wait until every expectation is met or blocked; exit 1 if any is blocked')
    .option('--timeout <seconds>', 'give up waiting after this long', positiveNumber('seconds'), 300)
    .option('--domain <module...>', 'modules exporting `kinds` (default: the example domains)')
    .action(async (file: string, options: { wait?: boolean; timeout: number; domain?: string[] }) => {
      const intents = await readIntents(file);
      await withCliContext(options.domain, async (context) => {
        const problems = intents.flatMap((intent, index) =>
          expectationProblems(intent.body, context.registry).map((problem) =>
            intents.length > 1 ? `[${index}] ${problem}` : problem,
          ),
        );
        if (problems.length > 0) throw new InvalidExpectationError(problems); // nothing stored
        const client = await context.client();
        const submissions: Submission[] = [];
        for (const intent of intents) {
          submissions.push(
            await submitExpectation(
              { client, expectations: context.expectations, taskQueue: context.settings.temporal.taskQueue },
              intent.body,
              intent.id,
            ),
          );
        }
        for (const submission of submissions) console.log(submittedLine(submission));
        if (!options.wait) return;
        const settled = await follow(submissions, (id) => context.expectations.get(id), options.timeout * 1000);
        const blocked = settled.filter((expectation) => expectation.status === 'blocked');
        for (const expectation of settled) {
          console.log(
            `${expectation.status.padEnd(8)} ${expectation.id}${expectation.reason ? ` — ${expectation.reason}` : ''}`,
          );
        }
        if (blocked.length > 0) process.exitCode = exitCodes.failure;
      });
    });
}

/** What a submission did: stored and signalled, or stored while Temporal is down (its reconciler starts when it is back). */
function submittedLine(submission: Submission): string {
  const { id, generation, workflowId } = submission;
  if (submission.reconciler === 'signalled')
    return `submitted ${id} (generation ${generation}, workflow ${workflowId})`;
  return `stored ${id} (generation ${generation}), pending: ${submission.reason}; its reconciler ${workflowId} starts when Temporal is back`;
}

/** Polls until every submission's generation is observed met or blocked; a progress bar on a terminal. */
async function follow(
  submissions: Submission[],
  get: (id: string) => Promise<StoredExpectation>,
  timeoutMs: number,
): Promise<StoredExpectation[]> {
  const bar = process.stderr.isTTY
    ? new SingleBar(
        {
          format: 'reconciling [{bar}] {value}/{total} settled | {met} met, {blocked} blocked',
          stream: process.stderr,
        },
        Presets.shades_classic,
      )
    : undefined;
  bar?.start(submissions.length, 0, { met: 0, blocked: 0 });
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      const current = await Promise.all(submissions.map((submission) => get(submission.id)));
      const settled = current.filter((expectation, index) => isSettled(expectation, submissions[index]!.generation));
      bar?.update(settled.length, {
        met: settled.filter((expectation) => expectation.status === 'met').length,
        blocked: settled.filter((expectation) => expectation.status === 'blocked').length,
      });
      if (settled.length === submissions.length) return current;
      if (Date.now() > deadline) {
        const waiting = current
          .filter((expectation) => !settled.includes(expectation))
          .map((expectation) => `${expectation.id} (${expectation.status})`);
        throw new Error(`still not settled after ${timeoutMs / 1000}s: ${waiting.join(', ')}`);
      }
      await sleep(250);
    }
  } finally {
    bar?.stop();
  }
}
