import { Command } from 'commander';
import { mergePatch } from '../api/merge-patch.js';
import { publicBaseUrl } from '../infra/settings.js';
import { partyTypes, placeTypes, type PartyOrPlaceDetail } from '../model/party-kind.js';
import { renderPartyOrPlace } from '../model/tmf/party-place-json.js';
import {
  createPartyOrPlace,
  deletePartyOrPlace,
  listPartiesOrPlaces,
  partyOrPlaceOf,
  patchPartyOrPlace,
} from '../runtime/party-place-writes.js';
import { signalReconcilers } from '../runtime/signal-reconcilers.js';
import { withCliContext, type CliContext } from './cli-context.js';
import { BadInputError } from './exit-codes.js';
import { readObjects } from './intent-file.js';

/**
 * `diffo party` and `diffo place`: create, get, list, patch and delete parties and places from
 * TMF bodies in JSON or YAML files (or `-` for stdin), through the same code as the HTTP API
 * (runtime/party-place-writes.ts); what they print is the item as the API's v4 route serves it.
 * A body names its kind in `kind` (its TMF type follows from it). Bad input exits 2.
 */
type Category = 'party' | 'place';

const noun = { party: 'party', place: 'place' } as const;
const typesOf = { party: partyTypes, place: placeTypes } as const;

const print = (value: unknown, json?: boolean) =>
  console.log(json ? JSON.stringify(value) : JSON.stringify(value, null, 2));

const renderWith = (context: CliContext, category: Category) => (found: PartyOrPlaceDetail) =>
  renderPartyOrPlace(found, category, 'v4', { baseUrl: publicBaseUrl(context.settings.api) });

/** A party or place created here wakes the reconcilers blocked waiting for it (Temporal connected only then). */
const wakingOf = (context: CliContext) => ({
  wake: async (expectationIds: string[]) => signalReconcilers(await context.client(), expectationIds),
  warn: (line: string) => console.error(line),
});

/** Runs `work` with the CLI's context; `--domain` and `--json` are every subcommand's. */
function subcommand(name: string, description: string) {
  return new Command(name)
    .description(description)
    .option('--json', 'one line of JSON per item, for scripts')
    .option('--domain <module...>', 'modules exporting `kinds` (default: the example domains)');
}

function createCommand(category: Category): Command {
  return subcommand('create', `create ${noun[category]}s from TMF bodies in a JSON or YAML file (- for stdin)`)
    .argument('<file>', `a file holding one ${noun[category]} or a list of them`)
    .action(async (file: string, options: { json?: boolean; domain?: string[] }) => {
      const bodies = await readObjects(file, `a ${noun[category]}`);
      await withCliContext(options.domain, async (context) => {
        for (const body of bodies) {
          print(
            renderWith(
              context,
              category,
            )(await createPartyOrPlace(context.inventory, { category }, body, wakingOf(context))),
            options.json,
          );
        }
      });
    });
}

function getCommand(category: Category): Command {
  return subcommand('get', `one ${noun[category]} as TMF v4 JSON, as the API serves it`)
    .argument('<id>')
    .action(async (id: string, options: { json?: boolean; domain?: string[] }) => {
      await withCliContext(options.domain, async (context) => {
        print(renderWith(context, category)(await partyOrPlaceOf(context.inventory, { category }, id)), options.json);
      });
    });
}

function listCommand(category: Category): Command {
  return subcommand('list', `the ${noun[category]}s as TMF v4 JSON, by id`)
    .option('--type <type>', `only of this TMF type (${typesOf[category].join(', ')})`)
    .option('--kind <kind>', 'only of this kind')
    .action(async (options: { type?: string; kind?: string; json?: boolean; domain?: string[] }) => {
      if (options.type && !(typesOf[category] as readonly string[]).includes(options.type))
        throw new BadInputError([`--type: one of ${typesOf[category].join(', ')}, not ${options.type}`]);
      await withCliContext(options.domain, async (context) => {
        const target = { category, ...(options.type ? { type: options.type } : {}) };
        const found = await listPartiesOrPlaces(context.inventory, target, options.kind);
        print(found.map(renderWith(context, category)), options.json);
      });
    });
}

function patchCommand(category: Category): Command {
  return subcommand('patch', `change a ${noun[category]}: a JSON Merge Patch (file or -) of its v4 item`)
    .argument('<id>')
    .argument('<file>', 'a file holding the merge patch')
    .action(async (id: string, file: string, options: { json?: boolean; domain?: string[] }) => {
      const [patch, ...more] = await readObjects(file, 'a merge patch');
      if (more.length > 0) throw new BadInputError([`${file}: holds ${more.length + 1} patches; give one`]);
      await withCliContext(options.domain, async (context) => {
        const target = { category, version: 'v4' as const };
        const changed = await patchPartyOrPlace(
          context.inventory,
          target,
          id,
          (item) => mergePatch(item, patch) as typeof item,
        );
        print(renderWith(context, category)(changed), options.json);
      });
    });
}

function deleteCommand(category: Category): Command {
  return subcommand('delete', `delete a ${noun[category]} nothing refers to (exit 1 naming who does)`)
    .argument('<id>')
    .action(async (id: string, options: { domain?: string[] }) => {
      await withCliContext(options.domain, async (context) => {
        await deletePartyOrPlace(context.inventory, { category }, id);
        console.log(`deleted ${noun[category]} ${id}`);
      });
    });
}

/** `diffo party …` or `diffo place …`. */
export function partyOrPlaceCommand(category: Category): Command {
  return new Command(category)
    .description(`${noun[category]}s (${typesOf[category].join(', ')}): create, get, list, patch, delete`)
    .addCommand(createCommand(category))
    .addCommand(getCommand(category))
    .addCommand(listCommand(category))
    .addCommand(patchCommand(category))
    .addCommand(deleteCommand(category));
}
