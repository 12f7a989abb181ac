import { Command, Option } from 'commander';
import type { EventSelection, SequencedEvent } from '../graph/event-repository.js';
import { publicBaseUrl } from '../infra/settings.js';
import { renderTmfEvent } from '../model/tmf/event-json.js';
import { tmfVersions, type TmfVersion } from '../model/tmf/state-vocabulary.js';
import { withCliContext, type CliContext } from './cli-context.js';
import { eventLine } from './event-line.js';
import { eventTypes, knownEventTypes } from './event-type-option.js';
import { followEvents, untilInterrupted } from './follow-events.js';
import { positiveNumber, wholeNumber, wholeNumberFrom } from './option-parsers.js';

interface EventsOptions {
  follow?: boolean;
  type?: string[];
  id?: string;
  limit: number;
  fromSequence?: number;
  interval: number;
  apiVersion: TmfVersion;
  json?: boolean;
}

/**
 * `diffo events [--follow]`: the change events the engine recorded, read from the graph in the
 * order they committed (their sequence) — the last ones, or from a sequence on; with `--follow`,
 * every new one as it commits, until Ctrl-C. One line each for people, or with `--json` each
 * event as a hub delivers it (TMF v5, or `--api-version v4`).
 */
export function eventsCommand(): Command {
  return new Command('events')
    .description('change events as they are recorded: the last ones, or with --follow each new one until Ctrl-C')
    .option('--follow', 'keep printing events as they are recorded (from now, or --from-sequence), until Ctrl-C')
    .option(
      '--type <types>',
      `only these event types, comma-separated or repeated (${knownEventTypes.join(', ')})`,
      eventTypes,
    )
    .option('--id <id>', 'only the events of this instance (actual) id')
    .option('--limit <n>', 'without --follow: at most this many, the last ones (1..1000)', wholeNumberFrom(1, 1000), 20)
    .option('--from-sequence <n>', 'start at this sequence number (inclusive) instead', wholeNumber)
    .option('--interval <seconds>', 'with --follow: how often to look for new events', positiveNumber('seconds'), 0.5)
    .addOption(
      new Option('--api-version <version>', 'the TMF version of --json events').choices(tmfVersions).default('v5'),
    )
    .option('--json', 'one TMF event (JSON) a line, as a hub delivers it')
    .action(async (options: EventsOptions) => {
      await withCliContext(undefined, async (context) => {
        const selection: EventSelection = {
          ...(options.type ? { eventTypes: options.type } : {}),
          ...(options.id ? { instanceId: options.id } : {}),
        };
        const print = printer(context, options);
        const { events } = context.inventory;
        const from = options.fromSequence;
        if (!options.follow) {
          const recorded =
            from === undefined
              ? await events.latestEvents(options.limit, selection)
              : await events.eventsAfter(from - 1, options.limit, selection);
          recorded.forEach(print);
          return;
        }
        const after = from === undefined ? await events.lastSequence() : from - 1;
        console.error(`following events after sequence ${after} (Ctrl-C to stop)`);
        await untilInterrupted((stop) =>
          followEvents(events, after, selection, { intervalMs: options.interval * 1000, stop, print }),
        );
      });
    });
}

/** Prints an event as one line for people, or as its TMF JSON. */
function printer({ settings }: CliContext, options: EventsOptions) {
  const context = { baseUrl: publicBaseUrl(settings.api) };
  return (event: SequencedEvent) =>
    console.log(options.json ? JSON.stringify(renderTmfEvent(event, options.apiVersion, context)) : eventLine(event));
}
