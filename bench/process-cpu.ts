import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { readPidRecord } from '../infra/processes.js';
import type { LocalServer } from '../infra/local-server.js';

/**
 * CPU time used by the local servers (from /proc, Linux only) and by this process, so a
 * benchmark can say which of them limits it. Servers run elsewhere are not counted.
 */
const clockTicksPerSecond = 100;

function processCpuSeconds(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond; // utime + stime
  } catch {
    return undefined;
  }
}

export type CpuReading = Record<string, number | undefined>;

export function readCpu(servers: LocalServer[]): CpuReading {
  const { user, system } = process.cpuUsage();
  const reading: CpuReading = { 'this process': (user + system) / 1e6 };
  for (const server of servers) {
    const record = server.external ? undefined : readPidRecord(server.pidFile);
    reading[server.name] = record ? processCpuSeconds(record.pid) : undefined;
  }
  return reading;
}

/** `temporal 41.2 s, neo4j 12.0 s, this process 30.1 s of 2 cores × 30.0 s` */
export function cpuSpent(before: CpuReading, after: CpuReading, wallSeconds: number): string {
  const parts = Object.keys(after).flatMap((name) => {
    const [from, to] = [before[name], after[name]];
    return from === undefined || to === undefined ? [] : [`${name} ${(to - from).toFixed(1)} s`];
  });
  const cores = availableParallelism();
  return `CPU: ${parts.join(', ')} (of ${(cores * wallSeconds).toFixed(1)} s available: ${cores} cores × ${wallSeconds.toFixed(1)} s)`;
}

/** `temporal 41.2 ms, neo4j 12.0 ms, this process 30.1 ms` of CPU per item (an expectation, say). */
export function cpuPerItem(before: CpuReading, after: CpuReading, items: number): string {
  return Object.keys(after)
    .flatMap((name) => {
      const [from, to] = [before[name], after[name]];
      return from === undefined || to === undefined ? [] : [`${name} ${(((to - from) * 1000) / items).toFixed(1)} ms`];
    })
    .join(', ');
}

function residentMegabytes(pid: number): number | undefined {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((entry) => entry.startsWith('VmRSS:'));
    return line ? Number(line.split(/\s+/)[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Resident memory of this process and of the local servers: `this process 512 MB, temporal 730 MB, neo4j 1210 MB`. */
export function residentMemory(servers: LocalServer[]): string {
  const sizes: Array<[string, number | undefined]> = [['this process', process.memoryUsage().rss / 1024 / 1024]];
  for (const server of servers) {
    const record = server.external ? undefined : readPidRecord(server.pidFile);
    sizes.push([server.name, record ? residentMegabytes(record.pid) : undefined]);
  }
  return sizes.flatMap(([name, mb]) => (mb === undefined ? [] : [`${name} ${mb.toFixed(0)} MB`])).join(', ');
}
