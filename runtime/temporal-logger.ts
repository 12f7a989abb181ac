import type { LogLevel as TemporalLogLevel, Logger as TemporalLogger, LogMetadata } from '@temporalio/common';
import type { FastifyBaseLogger } from 'fastify';

const levels = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const;

/**
 * The Temporal SDK's logger (the Runtime's: worker state, activity and workflow failures, and
 * the core's lines it forwards) writing to our pino logger, as JSON lines tagged
 * `component: "temporal"`. Its INFO lines (worker state changes) would drown ours: at our
 * `info` it logs from `warn`; at `debug` or `trace` everything shows.
 */
export function temporalLogger(logger: FastifyBaseLogger): TemporalLogger {
  const level = logger.level === 'info' ? 'warn' : logger.level;
  const child = logger.child({ component: 'temporal' }, { level });
  const at =
    (level: TemporalLogLevel) =>
    (message: string, meta?: LogMetadata): void =>
      child[levels[level]](meta ?? {}, message);
  return {
    log: (level, message, meta) => at(level)(message, meta),
    trace: at('TRACE'),
    debug: at('DEBUG'),
    info: at('INFO'),
    warn: at('WARN'),
    error: at('ERROR'),
  };
}
