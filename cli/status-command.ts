import Table from 'cli-table3';
import { Command } from 'commander';
import { age } from '../model/age.js';
import { outstandingCount } from '../expectations/outstanding.js';
import type { Json } from '../expectations/operators.js';
import { expectationStatuses, type ExpectationStatus } from '../graph/expectation-repository.js';
import { withCliContext, type CliContext } from './cli-context.js';
import { BadInputError } from './exit-codes.js';
import { wholeNumber, wholeNumberFrom } from './option-parsers.js';

interface StatusOptions {
  status?: string;
  kind?: string;
  search?: string;
  limit: number;
  offset: number;
  json?: boolean;
  domain?: string[];
}

/** `diffo status [id]`: a table of expectations, or one expectation's outstanding document and last tasks. */
export function statusCommand(): Command {
  return new Command('status')
    .description('list expectations (id, kind, name, status, outstanding, generation/observed, age), or show one')
    .argument('[id]', 'an expectation id: show its outstanding document, reason and last tasks')
    .option('--status <status>', `only these: ${expectationStatuses.join(', ')}`)
    .option('--kind <kind>', 'only this kind')
    .option('--search <text>', 'only those whose id or name holds this text (any case)')
    .option('--limit <n>', 'at most this many (1..1000), newest first', wholeNumberFrom(1, 1000), 50)
    .option('--offset <n>', 'skip this many first', wholeNumber, 0)
    .option('--json', 'machine-readable output')
    .option('--domain <module...>', 'modules exporting `kinds` (default: the example domains)')
    .action(async (id: string | undefined, options: StatusOptions) => {
      if (options.status && !(expectationStatuses as readonly string[]).includes(options.status)) {
        throw new BadInputError([
          `--status: expected one of ${expectationStatuses.join(', ')}, got "${options.status}"`,
        ]);
      }
      await withCliContext(options.domain, (context) =>
        id ? showExpectation(context, id, options) : listExpectations(context, options),
      );
    });
}

/** One expectation: status and reason, generations, actual, outstanding document, its actual's last ten events. */
async function showExpectation(
  { expectations, inventory }: CliContext,
  id: string,
  options: StatusOptions,
): Promise<void> {
  const expectation = await expectations.get(id);
  const events = expectation.actualId ? (await inventory.events.list(expectation.actualId)).slice(-10) : [];
  if (options.json) {
    console.log(JSON.stringify({ ...expectation, events }));
    return;
  }
  console.log(`${expectation.id}  ${expectation.kind}${expectation.name ? ` "${expectation.name}"` : ''}`);
  console.log(`status       ${expectation.status}${expectation.reason ? ` — ${expectation.reason}` : ''}`);
  console.log(`generation   ${expectation.generation} (observed ${expectation.observedGeneration})`);
  console.log(`actual       ${expectation.actualId ?? '(not built yet)'}`);
  console.log(
    `outstanding  ${expectation.outstanding === null ? 'nothing' : JSON.stringify(expectation.outstanding, null, 2)}`,
  );
  console.log('last tasks');
  for (const event of events)
    console.log(`  ${event.eventTime}  ${event.eventType.padEnd(34)} ${event.changedPaths.join(', ')}`);
  if (events.length === 0) console.log('  (none yet)');
}

/** A page of the expectations of the given status, kind and search, newest first, as a table (or JSON). */
async function listExpectations({ expectations }: CliContext, options: StatusOptions): Promise<void> {
  const { items, total } = await expectations.page(
    {
      ...(options.status ? { status: options.status as ExpectationStatus } : {}),
      ...(options.kind ? { kind: options.kind } : {}),
      ...(options.search ? { search: options.search } : {}),
    },
    { offset: options.offset, limit: options.limit },
  );
  if (options.json) {
    console.log(JSON.stringify(items));
    return;
  }
  const table = new Table({ head: ['id', 'kind', 'name', 'status', 'outstanding', 'gen/observed', 'age'] });
  for (const expectation of items) {
    table.push([
      expectation.id,
      expectation.kind,
      expectation.name ?? '',
      expectation.status,
      String(outstandingCount(expectation.outstanding as Json | null)),
      `${expectation.generation}/${expectation.observedGeneration}`,
      age(expectation.createdAt),
    ]);
  }
  if (items.length === 0) {
    console.log(total > 0 ? `no expectations past ${options.offset} (${total} in all)` : 'no expectations');
    return;
  }
  console.log(table.toString());
  const [first, last] = [options.offset + 1, options.offset + items.length];
  if (items.length < total) console.log(`${first}–${last} of ${total} (--offset ${last} for more)`);
}
