import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The project root: infra/ sits directly below it. */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** How long a TMF write waits for the engine before answering 202, by default (DIFFO_WRITE_WAIT_MS). */
export const defaultWriteWaitMs = 5000;

/** The levels of DIFFO_LOG_LEVEL (pino's), most to least verbose, and `silent`. */
const logLevels = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

const hostPort = z.string().regex(/^[A-Za-z0-9.\-[\]:]+:\d{1,5}$/, 'expected host:port, e.g. 127.0.0.1:7233');

const environmentSchema = z.object({
  NEO4J_URI: z
    .string()
    .regex(/^(bolt|neo4j)(\+s|\+ssc)?:\/\/[^\s]+$/, 'expected a bolt:// or neo4j:// URI, e.g. bolt://127.0.0.1:7687')
    .optional(),
  NEO4J_USER: z.string().min(1).default('neo4j'),
  NEO4J_PASSWORD: z.string().min(8, 'Neo4j 5 needs a password of at least 8 characters').default('diffo-dev-password'),
  NEO4J_DATABASE: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9.-]*$/)
    .default('neo4j'),
  NEO4J_BROWSER_URL: z.string().url().optional(),
  TEMPORAL_ADDRESS: hostPort.optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_UI_URL: z.string().url().optional(),
  DIFFO_TASK_QUEUE: z
    .string()
    .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, . _ - only')
    .default('diffo-reconcile'),
  DIFFO_API_HOST: z.string().min(1).default('127.0.0.1'),
  DIFFO_API_PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  DIFFO_API_TOKEN: z.string().min(16, 'use at least 16 characters').optional(),
  DIFFO_PUBLIC_URL: z
    .url({ protocol: /^https?$/, message: 'expected an http:// or https:// URL, e.g. https://inventory.example.com' })
    .refine((url) => !/[?#]/.test(url), 'expected a URL without a query or fragment')
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  DIFFO_WRITE_WAIT_MS: z.coerce
    .number({ error: 'expected a whole number of milliseconds, e.g. 5000' })
    .int('expected a whole number of milliseconds, e.g. 5000')
    .min(0, 'expected a whole number of milliseconds, e.g. 5000')
    .max(600_000, 'at most 600000 (ten minutes): a client waits that long for an answer')
    .default(defaultWriteWaitMs),
  DIFFO_WORKER_HOST: z.string().min(1).default('127.0.0.1'),
  DIFFO_WORKER_PORT: z.coerce.number().int().min(0).max(65_535).default(9464),
  DIFFO_LOG_LEVEL: z.enum(logLevels).default('info'),
  DIFFO_TOOLS_DIR: z.string().min(1).optional(),
  DIFFO_DATA_DIR: z.string().min(1).optional(),
});

export interface Neo4jSettings {
  uri: string;
  user: string;
  password: string;
  database: string;
  browserUrl: string;
  /** True when NEO4J_URI named a server: the project then starts no Neo4j of its own. */
  external: boolean;
}

export interface TemporalSettings {
  address: string;
  namespace: string;
  uiUrl: string;
  /** The task queue reconcile workflows run on (DIFFO_TASK_QUEUE). */
  taskQueue: string;
  /** True when TEMPORAL_ADDRESS named a server: the project then starts no Temporal of its own. */
  external: boolean;
}

export interface ApiSettings {
  host: string;
  port: number;
  /** When set, every API request needs `Authorization: Bearer <token>`. */
  token?: string;
  /**
   * The base URL every TMF `href` starts with (DIFFO_PUBLIC_URL, no trailing slash); unset: the
   * API's own address as it listens.
   */
  publicUrl?: string;
  /**
   * How long a TMF POST, PATCH or DELETE waits for the engine before answering `202 Accepted`
   * with the expectation's status instead of the result (DIFFO_WRITE_WAIT_MS).
   */
  writeWaitMs: number;
}

/** The worker's own HTTP port: /health, /ready and /metrics (DIFFO_WORKER_HOST / DIFFO_WORKER_PORT; 0 = any free port). */
export interface WorkerSettings {
  host: string;
  port: number;
}

export interface Settings {
  neo4j: Neo4jSettings;
  temporal: TemporalSettings;
  api: ApiSettings;
  worker: WorkerSettings;
  /** The level of the JSON logs `diffo serve` and `diffo worker` write to stdout (DIFFO_LOG_LEVEL). */
  logLevel: LogLevel;
  /** Installed tools (Temporal CLI venv, Neo4j jars); git-ignored. */
  toolsDir: string;
  /** Server data, logs and pid files; git-ignored. */
  dataDir: string;
}

/**
 * The base URL TMF hrefs start with outside the API process (`diffo get`): DIFFO_PUBLIC_URL, or
 * where the API listens by the settings.
 */
export function publicBaseUrl(api: ApiSettings): string {
  if (api.publicUrl) return api.publicUrl;
  const host = api.host.includes(':') && !api.host.startsWith('[') ? `[${api.host}]` : api.host;
  return `http://${host}:${api.port}`;
}

export class SettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid environment: ${problems.join('; ')}`);
    this.name = 'SettingsError';
  }
}

/** Reads the environment into typed settings; every bad variable is named in the error. */
export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    throw new SettingsError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const e = parsed.data;
  return {
    neo4j: {
      uri: e.NEO4J_URI ?? 'bolt://127.0.0.1:7687',
      user: e.NEO4J_USER,
      password: e.NEO4J_PASSWORD,
      database: e.NEO4J_DATABASE,
      browserUrl: e.NEO4J_BROWSER_URL ?? 'http://127.0.0.1:7474/browser/',
      external: e.NEO4J_URI !== undefined,
    },
    temporal: {
      address: e.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
      namespace: e.TEMPORAL_NAMESPACE,
      uiUrl: e.TEMPORAL_UI_URL ?? 'http://127.0.0.1:8233',
      taskQueue: e.DIFFO_TASK_QUEUE,
      external: e.TEMPORAL_ADDRESS !== undefined,
    },
    api: {
      host: e.DIFFO_API_HOST,
      port: e.DIFFO_API_PORT,
      ...(e.DIFFO_API_TOKEN ? { token: e.DIFFO_API_TOKEN } : {}),
      ...(e.DIFFO_PUBLIC_URL ? { publicUrl: e.DIFFO_PUBLIC_URL } : {}),
      writeWaitMs: e.DIFFO_WRITE_WAIT_MS,
    },
    worker: { host: e.DIFFO_WORKER_HOST, port: e.DIFFO_WORKER_PORT },
    logLevel: e.DIFFO_LOG_LEVEL,
    toolsDir: path.resolve(projectRoot, e.DIFFO_TOOLS_DIR ?? '.tools'),
    dataDir: path.resolve(projectRoot, e.DIFFO_DATA_DIR ?? '.data'),
  };
}
