#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { exitCodes, reportFailure } from './exit-codes.js';
import { servicesCommand } from './services-command.js';
import { workerCommand } from './worker-command.js';
import { expectCommand } from './expect-command.js';
import { getCommand, listCommand } from './inventory-commands.js';
import { partyOrPlaceCommand } from './party-place-commands.js';
import { demoCommand } from './demo.js';
import { serveCommand } from './serve-command.js';
import { specCommand } from './spec-command.js';
import { statusCommand } from './status-command.js';
import { eventsCommand } from './events-command.js';

/** The `diffo` command line. */
const program = new Command('diffo')
  .description('diffo-ts: TMF638/639 inventory with a difference engine on Neo4j and Temporal')
  .showHelpAfterError()
  .addCommand(servicesCommand())
  .addCommand(workerCommand())
  .addCommand(expectCommand())
  .addCommand(statusCommand())
  .addCommand(eventsCommand())
  .addCommand(getCommand())
  .addCommand(listCommand())
  .addCommand(specCommand())
  .addCommand(partyOrPlaceCommand('party'))
  .addCommand(partyOrPlaceCommand('place'))
  .addCommand(serveCommand())
  .addCommand(demoCommand());

/** Usage mistakes (unknown command, missing argument) are bad input: exit 2; help is not a mistake. */
function usageErrorsExitTwo(command: Command): void {
  command.exitOverride((error: CommanderError) => {
    const fine = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code);
    process.exit(fine ? exitCodes.ok : exitCodes.badInput);
  });
  command.commands.forEach(usageErrorsExitTwo);
}
usageErrorsExitTwo(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  process.exitCode = reportFailure(error);
});
