import Table from 'cli-table3';
import { Command } from 'commander';
import { publicBaseUrl } from '../infra/settings.js';
import { instanceTypes } from '../model/instance-ref.js';
import { InventoryError } from '../model/inventory-error.js';
import { specificationJson } from '../model/tmf/specification-json.js';
import { withCliContext, type CliContext } from './cli-context.js';

/**
 * `diffo spec list|get|delete`: the specification catalog (TMF633/TMF634), as the API serves it
 * (v4 JSON; hrefs from the public URL), and deleting a version no instance and no expectation uses
 * (refused otherwise, saying how many use it: exit 1). The worker never brings a deleted one back.
 */
interface SpecOptions {
  json?: boolean;
  domain?: string[];
}

const domainOption = ['--domain <module...>', 'modules exporting `kinds` (default: the example domains)'] as const;

/** Every specification of the catalog, services then resources, as v4 JSON. */
async function catalogJson({ registry, inventory, settings }: CliContext) {
  const kinds = registry.all().flatMap((kind) => (kind.category === 'instance' ? [kind] : []));
  const context = { baseUrl: publicBaseUrl(settings.api) };
  const entries = await Promise.all(instanceTypes.map((type) => inventory.specifications.catalog(kinds, type)));
  return entries.flat().map((entry) => specificationJson(entry, context, 'v4'));
}

function listCommand(): Command {
  return new Command('list')
    .description('every specification: id, type, name, version, lifecycle status (Active, Retired, Obsolete)')
    .option('--json', 'the TMF v4 JSON of each, as one line')
    .option(...domainOption)
    .action(async (options: SpecOptions) => {
      await withCliContext(options.domain, async (context) => {
        const all = await catalogJson(context);
        if (options.json) return console.log(JSON.stringify(all));
        const table = new Table({ head: ['id', 'type', 'name', 'version', 'lifecycleStatus'] });
        for (const spec of all) table.push([spec.id, spec['@type'], spec.name, spec.version, spec.lifecycleStatus]);
        console.log(all.length > 0 ? table.toString() : 'no specifications');
      });
    });
}

function getCommand(): Command {
  return new Command('get')
    .description('one specification as TMF633/TMF634 v4 JSON, as the API serves it')
    .argument('<id>', 'the specification id')
    .option('--json', 'one line of JSON, for scripts')
    .option(...domainOption)
    .action(async (id: string, options: SpecOptions) => {
      await withCliContext(options.domain, async (context) => {
        const found = (await catalogJson(context)).find((spec) => spec.id === id);
        if (!found) throw new InventoryError('notFound', `no specification with id ${id}`, ['id']);
        console.log(options.json ? JSON.stringify(found) : JSON.stringify(found, null, 2));
      });
    });
}

function deleteCommand(): Command {
  return new Command('delete')
    .description('delete (retire) a specification no instance and no expectation uses; the worker never brings it back')
    .argument('<id>', 'the specification id')
    .option(...domainOption)
    .action(async (id: string, options: SpecOptions) => {
      await withCliContext(options.domain, async ({ inventory }) => {
        await inventory.specifications.delete(id);
        console.log(`deleted specification ${id}`);
      });
    });
}

export function specCommand(): Command {
  return new Command('spec')
    .description('the specification catalog: list, get, delete')
    .addCommand(listCommand())
    .addCommand(getCommand())
    .addCommand(deleteCommand());
}
