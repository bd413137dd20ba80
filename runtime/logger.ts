/**
 * One log format for every process (issue 15): JSON lines (pino) on stdout, one object per line,
 * with `service: "ansinh"` and the `component` that wrote it (api, worker, relay, stack, temporal
 * for the SDK, temporal-server for the local dev server's own lines). Ids and codes, never names,
 * personal IDs, salaries or SQL parameters. On a terminal outside production mode (LOG_FORMAT=auto)
 * pino-pretty renders the same lines readable; LOG_FORMAT=json or pretty forces one.
 *
 * Temporal's own logs go through the same logger: the SDK's (Runtime.logger) and SDK Core's native
 * ones (telemetryOptions.logging.forward), which would otherwise be printed straight to stderr in
 * a format of their own.
 */
import type * as TemporalWorker from '@temporalio/worker';
import pino, { type Logger, type LoggerOptions } from 'pino';
import pretty from 'pino-pretty';

export type LogFormat = 'auto' | 'json' | 'pretty';

/** Paths pino replaces wherever they appear one level down (a log call's object). */
export const REDACTED_PATHS = ['*.personalId', '*.fullName', '*.salary', '*.email', '*.phone', '*.dateOfBirth'];

const options = (level: string): LoggerOptions => ({
  level,
  base: { service: 'ansinh' },
  redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
});

/** Whether lines are rendered by pino-pretty: forced by LOG_FORMAT, else only on a terminal and never in production. */
export function wantsPretty(format: LogFormat, isTTY: boolean, mode: string): boolean {
  if (format !== 'auto') return format === 'pretty';
  return isTTY && mode !== 'production';
}

/** A JSON logger with the house options on another stream (tests capture lines to prove what is and is not logged). */
export const jsonLogger = (level: string, stream: NodeJS.WritableStream): Logger =>
  pino(options(level), stream as pino.DestinationStream);

let root: Logger | undefined;

function create(level: string, format: LogFormat, mode: string): Logger {
  if (!wantsPretty(format, Boolean(process.stdout.isTTY), mode)) return pino(options(level));
  // Synchronous on the terminal: a line is on the screen before the process goes on (and exits).
  const stream = pretty({
    colorize: true,
    sync: true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,service,component,event',
    messageFormat: '{if component}{component}: {end}{msg}',
  });
  return pino(options(level), stream);
}

/**
 * Sets the process's logger from the configuration (LOG_LEVEL, LOG_FORMAT, the mode). Called first
 * by every entry point that runs a component; a logger made before it is replaced.
 */
export function configureLogging(cfg: { LOG_LEVEL: string; LOG_FORMAT: LogFormat; mode: string }): Logger {
  root = create(cfg.LOG_LEVEL, cfg.LOG_FORMAT, cfg.mode);
  return root;
}

/** The process's logger (JSON at LOG_LEVEL, or info, until configureLogging is called). */
export function logger(level = process.env.LOG_LEVEL ?? 'info'): Logger {
  root ??= create(level, 'json', 'production');
  return root;
}

/** The logger of one component: every line carries `component`. */
export const componentLogger = (component: string): Logger => logger().child({ component });

const temporalLevels: Record<string, TemporalWorker.LogLevel> = {
  trace: 'TRACE',
  debug: 'DEBUG',
  info: 'INFO',
  warn: 'WARN',
  error: 'ERROR',
  fatal: 'ERROR',
  silent: 'ERROR',
};

export interface TemporalRuntimeOptions {
  level?: string;
  /**
   * `host:port` where SDK Core serves the worker's Prometheus metrics at /metrics (WORKER_METRICS_PORT);
   * absent = no metrics. Durations are in seconds, as Prometheus expects.
   */
  metricsBindAddress?: string;
}

let installed = false;
/**
 * Installs the Temporal Runtime once per process (Runtime.install may only run once): its logs and
 * SDK Core's through pino, its metrics on a fixed address, and no signal handlers of its own — the
 * process stops its parts in order itself (runtime/stack.ts, cli/main.ts), where the Runtime's
 * default would shut the worker down at the first SIGINT, before the API has drained.
 */
export function installTemporalRuntime(opts: TemporalRuntimeOptions = {}): void {
  if (installed) return;
  installed = true;
  // Required here, not at the top: every process configures logging, and only the ones that run a
  // worker or the SDK need the native bridge (~0.8 s to load).
  const { DefaultLogger, Runtime } = require('@temporalio/worker') as typeof TemporalWorker;
  const level = opts.level ?? process.env.LOG_LEVEL ?? 'info';
  const log = logger(level).child({ component: 'temporal' });
  const sdkLevel = temporalLevels[level] ?? 'INFO';
  const threshold = sdkLevel === 'INFO' ? 'WARN' : sdkLevel;
  Runtime.install({
    shutdownSignals: [],
    logger: new DefaultLogger(threshold, (entry) => {
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
    telemetryOptions: {
      logging: { filter: { core: threshold, other: 'ERROR' }, forward: {} },
      ...(opts.metricsBindAddress
        ? { metrics: { prometheus: { bindAddress: opts.metricsBindAddress, useSecondsForDurations: true } } }
        : {}),
    },
  });
}

/** The Runtime with logs through pino and no metrics (tests, benchmarks). */
export const installTemporalLogging = (level = process.env.LOG_LEVEL ?? 'info'): void =>
  installTemporalRuntime({ level });
