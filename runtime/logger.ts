/**
 * JSON logs (pino) with ids, never names, personal IDs or salaries. Temporal's own logs go
 * through the same logger.
 */
import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import pino, { type Logger } from 'pino';

let root: Logger | undefined;

export function logger(level = process.env.LOG_LEVEL ?? 'info'): Logger {
  root ??= pino({
    level,
    base: { service: 'ansinh' },
    redact: {
      paths: ['*.personalId', '*.fullName', '*.salary', '*.email', '*.phone', '*.dateOfBirth'],
      censor: '[redacted]',
    },
  });
  return root;
}

const temporalLevels: Record<string, LogLevel> = {
  trace: 'TRACE',
  debug: 'DEBUG',
  info: 'INFO',
  warn: 'WARN',
  error: 'ERROR',
  fatal: 'ERROR',
  silent: 'ERROR',
};

let installed = false;
/** Routes the Temporal SDK's logs into pino once per process (Runtime.install may only run once). */
export function installTemporalLogging(level = process.env.LOG_LEVEL ?? 'info'): void {
  if (installed) return;
  installed = true;
  const log = logger(level).child({ component: 'temporal' });
  const sdkLevel = temporalLevels[level] ?? 'INFO';
  Runtime.install({
    logger: new DefaultLogger(sdkLevel === 'INFO' ? 'WARN' : sdkLevel, (entry) => {
      const meta = { ...(entry.meta ?? {}) };
      const fn =
        entry.level === 'ERROR'
          ? log.error.bind(log)
          : entry.level === 'WARN'
            ? log.warn.bind(log)
            : entry.level === 'INFO'
              ? log.info.bind(log)
              : log.debug.bind(log);
      fn(meta, entry.message);
    }),
  });
}
