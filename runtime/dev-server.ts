/**
 * The local Temporal dev server of `ansinh start` (embedded mode), run as a child process of its own.
 *
 * Why not TestWorkflowEnvironment.createLocal: the SDK starts the server in the caller's process
 * group, so the terminal's Ctrl-C reaches it at the same instant as `ansinh start`, and it died
 * while the worker was still draining (the worker then printed connection-refused warnings). Here
 * it runs in a process group of its own (`detached`), is stopped by the stack last but the database,
 * and its output — JSON (`--log-format json`) — is passed through the process's logger as
 * `component: temporal-server`, one format with everything else.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { createInterface } from 'node:readline';
import type { Logger } from 'pino';

export interface DevServerOptions {
  binary: string;
  ip: string;
  port: number;
  uiPort: number;
  dbFilename: string;
  namespace: string;
  extraArgs?: string[];
  log: Logger;
  /** How long to wait for the frontend to accept connections (default 60 s). */
  startTimeoutMs?: number;
}

export interface DevServer {
  address: string;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
}

/** The arguments the SDK's createLocal gives the CLI, with JSON logs and the Web UI on. */
export function devServerArgs(o: Omit<DevServerOptions, 'binary' | 'log'>): string[] {
  return [
    'server',
    'start-dev',
    '--ip',
    o.ip,
    '--port',
    String(o.port),
    '--ui-port',
    String(o.uiPort),
    '--namespace',
    o.namespace,
    '--db-filename',
    o.dbFilename,
    '--log-format',
    'json',
    '--log-level',
    'warn',
    '--dynamic-config-value',
    'frontend.enableServerVersionCheck=false',
    '--dynamic-config-value',
    'frontend.enableUpdateWorkflowExecution=true',
    '--dynamic-config-value',
    'frontend.enableUpdateWorkflowExecutionAsyncAccepted=true',
    ...(o.extraArgs ?? []),
  ];
}

const LEVELS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'fatal']);

/**
 * One line of the server's output into the logger: its level mapped, its message as `msg`, its
 * other JSON fields under `temporal` (its own `service` would clash with ours). `stopping`: the
 * server is shutting itself down after our SIGTERM, when its internal system workers report, as
 * warnings, that its own frontend has gone — expected, not actionable: those lines go to debug
 * (errors stay errors).
 */
export function forwardServerLine(log: Logger, line: string, stopping = false): void {
  if (!line.trim()) return;
  let entry: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(line);
    entry = parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : { msg: line };
  } catch {
    entry = { msg: line };
  }
  const { level, msg, ts: _ts, time: _time, ...fields } = entry;
  let lvl = typeof level === 'string' && LEVELS.has(level.toLowerCase()) ? level.toLowerCase() : 'info';
  if (stopping && (lvl === 'warn' || lvl === 'info')) lvl = 'debug';
  const text = typeof msg === 'string' ? msg : line;
  const write = {
    trace: log.trace.bind(log),
    debug: log.debug.bind(log),
    info: log.info.bind(log),
    warn: log.warn.bind(log),
    error: log.error.bind(log),
    fatal: log.fatal.bind(log),
  }[lvl as 'info'];
  write(Object.keys(fields).length ? { temporal: fields } : {}, text);
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host, port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function startDevServer(o: DevServerOptions): Promise<DevServer> {
  const child = spawn(o.binary, devServerArgs(o), { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  // A process of its own group outlives an abrupt exit of this one: end it with this process.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let stopping = false;
  for (const stream of [child.stdout!, child.stderr!])
    createInterface({ input: stream }).on('line', (line) => forwardServerLine(o.log, line, stopping));
  let spawnError: Error | undefined;
  child.once('error', (err) => (spawnError = err));

  const stop = async (graceMs = 10_000) => {
    process.off('exit', killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    stopping = true;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited(child);
    clearTimeout(killer);
  };

  const deadline = Math.ceil((o.startTimeoutMs ?? 60_000) / 250);
  for (let i = 0; i < deadline; i++) {
    if (spawnError || child.exitCode !== null) break;
    if (await accepts(o.ip, o.port)) return { address: `${o.ip}:${o.port}`, stop };
    await pause(250);
  }
  await stop(1000);
  throw new Error(
    spawnError
      ? `the Temporal dev server did not start: ${spawnError.message}`
      : `the Temporal dev server did not accept connections on ${o.ip}:${o.port} (exit code ${child.exitCode ?? 'none'})`,
  );
}
