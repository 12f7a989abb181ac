import path from 'node:path';
import { Connection } from '@temporalio/client';
import type { BackgroundCommand } from '../processes.js';
import type { Settings } from '../settings.js';

/** The Temporal CLI dev server with SQLite persistence under the data folder. */

const cliTypeName = { KEYWORD: 'Keyword', INT: 'Int' } as const;

/** A custom search attribute the dev server registers when it starts (a workflow may set it only then). */
export interface SearchAttributeDeclaration {
  name: string;
  type: keyof typeof cliTypeName;
}

function portOf(address: string): string {
  return address.slice(address.lastIndexOf(':') + 1);
}

function hostOf(address: string): string {
  return address.slice(0, address.lastIndexOf(':'));
}

/** Where the dev server keeps its history (SQLite), its log and its pid file. */
export function temporalFiles(settings: Settings) {
  return {
    database: path.join(settings.dataDir, 'temporal', 'temporal.db'),
    logFile: path.join(settings.dataDir, 'logs', 'temporal.log'),
    pidFile: path.join(settings.dataDir, 'run', 'temporal.pid'),
  };
}

export function temporalServerCommand(
  settings: Settings,
  cli: string,
  searchAttributes: readonly SearchAttributeDeclaration[],
): BackgroundCommand {
  const files = temporalFiles(settings);
  const uiPort = new URL(settings.temporal.uiUrl).port || '8233';
  const searchAttributeArgs = searchAttributes.flatMap((key) => [
    '--search-attribute',
    `${key.name}=${cliTypeName[key.type]}`,
  ]);
  return {
    command: cli,
    args: [
      'server',
      'start-dev',
      '--ip',
      hostOf(settings.temporal.address),
      '--port',
      portOf(settings.temporal.address),
      '--ui-port',
      uiPort,
      '--db-filename',
      files.database,
      // start-dev always creates "default"; any other namespace is created beside it.
      ...(settings.temporal.namespace === 'default' ? [] : ['--namespace', settings.temporal.namespace]),
      '--dynamic-config-value',
      'frontend.enableServerVersionCheck=false',
      '--ui-disable-news-fetch',
      // WAL with synchronous=NORMAL: durable across process crashes, far fewer fsyncs per
      // workflow step than the default rollback journal (the dev server's main limit)
      '--sqlite-pragma',
      'journal_mode=wal',
      '--sqlite-pragma',
      'synchronous=normal',
      '--log-level',
      'warn',
      ...searchAttributeArgs,
    ],
    cwd: path.dirname(files.database),
    logFile: files.logFile,
    pidFile: files.pidFile,
    marker: 'start-dev',
  };
}

/** True when the Temporal frontend answers a DescribeNamespace call for our namespace. */
export async function temporalAnswers(settings: Settings): Promise<boolean> {
  let connection: Connection | undefined;
  try {
    connection = await Connection.connect({ address: settings.temporal.address, connectTimeout: 2_000 });
    await connection.workflowService.describeNamespace({ namespace: settings.temporal.namespace });
    return true;
  } catch {
    return false;
  } finally {
    await connection?.close();
  }
}
