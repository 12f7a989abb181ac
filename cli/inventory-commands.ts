import { Command } from 'commander';
import { publicBaseUrl } from '../infra/settings.js';
import { inheritedFactsView } from '../model/inherited-values.js';
import { instanceTypes, type InstanceType } from '../model/instance-ref.js';
import { renderTmfV4 } from '../model/tmf/v4-json.js';
import { withCliContext, type CliContext } from './cli-context.js';
import { BadInputError } from './exit-codes.js';
import { wholeNumber } from './option-parsers.js';

/**
 * `diffo get service|resource <id>` and `diffo list service|resource`: TMF638/639 v4 JSON from the
 * inventory, exactly as the API serves it, hrefs starting with the public URL (DIFFO_PUBLIC_URL,
 * else where the API listens by DIFFO_API_HOST/PORT).
 */
function instanceType(value: string): InstanceType {
  if (!(instanceTypes as readonly string[]).includes(value))
    throw new BadInputError([`type: expected service or resource, got "${value}"`]);
  return value as InstanceType;
}

const tmfJson = ({ settings }: CliContext) => {
  const context = { baseUrl: publicBaseUrl(settings.api) };
  return (instance: Parameters<typeof renderTmfV4>[0]) => renderTmfV4(instance, context);
};

const print = (value: unknown, json?: boolean) =>
  console.log(json ? JSON.stringify(value) : JSON.stringify(value, null, 2));

export function getCommand(): Command {
  return new Command('get')
    .description('one service (TMF638) or resource (TMF639) as TMF v4 JSON, as the API serves it')
    .argument('<type>', 'service or resource')
    .argument('<id>', 'the instance id')
    .option('--inherited', 'its inherited facts instead: each value with where it came from, or unknown and why')
    .option('--json', 'one line of JSON, for scripts')
    .option('--domain <module...>', 'modules exporting `kinds` (default: the example domains)')
    .action(async (type: string, id: string, options: { inherited?: boolean; json?: boolean; domain?: string[] }) => {
      const wanted = instanceType(type);
      await withCliContext(options.domain, async (context) => {
        const instance = await context.inventory.instances.get(id);
        if (instance.type !== wanted) throw new BadInputError([`id: ${id} is a ${instance.type}, not a ${wanted}`]);
        print(options.inherited ? inheritedFactsView(instance.inherited) : tmfJson(context)(instance), options.json);
      });
    });
}

export function listCommand(): Command {
  return new Command('list')
    .description('services (TMF638) or resources (TMF639) as TMF v4 JSON, filtered')
    .argument('<type>', 'service or resource')
    .option('--name <name>', 'only instances with this name')
    .option('--kind <kind>', 'only instances of this kind')
    .option('--specification <id>', 'only instances of this specification id')
    .option('--offset <n>', 'skip this many', wholeNumber, 0)
    .option('--limit <n>', 'at most this many', wholeNumber, 100)
    .option('--json', 'one line of JSON, for scripts')
    .option('--domain <module...>', 'modules exporting `kinds` (default: the example domains)')
    .action(
      async (
        type: string,
        options: {
          name?: string;
          kind?: string;
          specification?: string;
          offset: number;
          limit: number;
          json?: boolean;
          domain?: string[];
        },
      ) => {
        const wanted = instanceType(type);
        await withCliContext(options.domain, async (context) => {
          const found = await context.inventory.instances.list(
            {
              type: wanted,
              ...(options.name ? { name: options.name } : {}),
              ...(options.kind ? { kind: options.kind } : {}),
              ...(options.specification ? { specificationId: options.specification } : {}),
            },
            { offset: options.offset, limit: options.limit },
          );
          print(found.map(tmfJson(context)), options.json);
        });
      },
    );
}
