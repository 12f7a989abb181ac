import { spawn } from 'node:child_process';
import { mkdirSync, openSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Background server processes that the project starts itself, tracked by pid files.
 * A pid file records the pid and a marker from the command line, so a pid reused by an
 * unrelated process after a reboot is never taken for ours (and never killed).
 */
export interface PidRecord {
  pid: number;
  marker: string;
  startedAt: string;
}

export interface BackgroundCommand {
  command: string;
  args: string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
  logFile: string;
  pidFile: string;
  /** A string that appears in the process's command line (checked via /proc). */
  marker: string;
}

export function readPidRecord(pidFile: string): PidRecord | undefined {
  if (!existsSync(pidFile)) return undefined;
  try {
    const record = JSON.parse(readFileSync(pidFile, 'utf8')) as PidRecord;
    return Number.isInteger(record.pid) && typeof record.marker === 'string' ? record : undefined;
  } catch {
    return undefined;
  }
}

function commandLineOf(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return undefined;
  }
}

function isZombie(pid: number): boolean {
  try {
    // /proc/<pid>/stat: "pid (name) S ..." — the state letter follows the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !isZombie(pid);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid of our running process behind this pid file, or undefined (a stale file is removed). */
export function runningPid(pidFile: string): number | undefined {
  const record = readPidRecord(pidFile);
  if (!record) return undefined;
  const commandLine = commandLineOf(record.pid);
  const ours = commandLine === undefined ? isAlive(record.pid) : commandLine.includes(record.marker);
  if (ours && isAlive(record.pid)) return record.pid;
  rmSync(pidFile, { force: true });
  return undefined;
}

/** Starts a detached process that outlives this one, output appended to its log file. */
export function startInBackground(spec: BackgroundCommand): number {
  mkdirSync(spec.cwd, { recursive: true });
  mkdirSync(path.dirname(spec.logFile), { recursive: true });
  mkdirSync(path.dirname(spec.pidFile), { recursive: true });
  const log = openSync(spec.logFile, 'a');
  const child = spawn(spec.command, spec.args, {
    cwd: spec.cwd,
    env: spec.env ?? process.env,
    detached: true,
    stdio: ['ignore', log, log],
  });
  if (child.pid === undefined) throw new Error(`could not start ${spec.command}`);
  child.unref();
  const record: PidRecord = { pid: child.pid, marker: spec.marker, startedAt: new Date().toISOString() };
  writeFileSync(spec.pidFile, JSON.stringify(record));
  return child.pid;
}

/** True once the process has exited (used while waiting for readiness, to fail fast). */
export function hasExited(pid: number): boolean {
  return !isAlive(pid);
}

/**
 * Stops the process behind a pid file: SIGTERM, wait for it to exit (servers flush their
 * stores on the way down), SIGKILL after the grace period. Returns false if nothing of ours ran.
 */
export async function stopBackground(pidFile: string, graceMs = 30_000): Promise<boolean> {
  const pid = runningPid(pidFile);
  if (pid === undefined) return false;
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal); // the detached child leads its own process group
    } catch {
      try {
        process.kill(pid, signal);
      } catch {
        /* already gone */
      }
    }
  };
  signalGroup('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(100);
  if (isAlive(pid)) {
    signalGroup('SIGKILL');
    while (isAlive(pid)) await sleep(50);
  }
  rmSync(pidFile, { force: true });
  return true;
}
