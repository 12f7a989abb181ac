import { existsSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { hasExited } from './processes.js';

/** Waiting for a server we started until it really answers, failing fast if it died. */

export interface ReadinessWait {
  what: string;
  check: () => Promise<boolean>;
  timeoutMs: number;
  /** The process we started: if it exits, stop waiting and show its log. */
  pid?: number;
  logFile?: string;
}

function logTail(logFile: string | undefined, lines = 25): string {
  if (!logFile || !existsSync(logFile)) return '';
  const tail = readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  return `\n--- last lines of ${logFile} ---\n${tail}`;
}

/** Resolves with the milliseconds it took; rejects with the last problem and the log tail. */
export async function waitUntilReady(wait: ReadinessWait): Promise<number> {
  const started = Date.now();
  let lastProblem = 'no answer yet';
  while (Date.now() - started < wait.timeoutMs) {
    try {
      if (await wait.check()) return Date.now() - started;
    } catch (error) {
      lastProblem = (error as Error).message; // e.g. credentials not yet set while the server boots
    }
    if (wait.pid !== undefined && hasExited(wait.pid)) {
      throw new Error(`${wait.what} exited before it was ready${logTail(wait.logFile)}`);
    }
    await sleep(250);
  }
  throw new Error(
    `${wait.what} was not ready after ${wait.timeoutMs / 1000}s (${lastProblem})${logTail(wait.logFile)}`,
  );
}
