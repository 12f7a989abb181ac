import type { BackgroundCommand } from './processes.js';

/** What the service manager needs to know of one server it may install, start and stop. */
export interface LocalServer {
  name: string;
  /** Configured to use a server somebody else runs: never installed, started or stopped. */
  external: boolean;
  /** Lines for people: where to connect and what to open in a browser. */
  endpoints: string[];
  /** True when the server answers; a plain function, so the service manager can pass it around. */
  answers: () => Promise<boolean>;
  /** Installs what is missing and returns the command that runs the server. */
  prepare(log: (line: string) => void): Promise<BackgroundCommand>;
  pidFile: string;
  logFile: string;
  startTimeoutMs: number;
}
