/**
 * `ansinh`: the operator's and officer's command line. Every command takes --json; errors go to
 * stderr with a non-zero exit code (2 for invalid input, 3 for not found, 1 otherwise). With the embedded
 * database, commands run inside the `ansinh start` process that owns it (runtime/control.ts).
 */
import { setPriority } from 'node:os';
import type * as TemporalWorker from '@temporalio/worker';
import type * as NodeCluster from 'node:cluster';
import type * as PromClient from 'prom-client';
import type * as ApiRun from '../api/run';
import type * as ApiCluster from '../api/cluster';
import { DomainError } from '../domain/errors';
import { loadConfig, readRuntime, type Config } from '../runtime/config';
import { componentLogger, configureLogging, installTemporalRuntime } from '../runtime/logger';
import type * as WorkerMain from '../worker/main';
import type { MessageKey } from '../messages';
import { forwardCommand } from '../runtime/control';
import { connectDatabase, connectTemporal } from '../runtime/connect';
import type * as Stack from '../runtime/stack';
import type * as Relay from '../runtime/relay';
import { keyRingFrom } from '../runtime/payload-keys';
import { sealClearBankAccounts } from '../services/bank-accounts';
import { keepPartitionsAhead } from '../db/queries/partitions';
import { databaseErrorFacts } from '../db/errors';
import { loadAuditSigningKey } from '../runtime/audit-keys';
import { cliLang, commandOf, LOCAL_ONLY_COMMANDS, runProgram, type LocalCommands } from './program';
import { words, type Words } from './say';
import type { CliContext } from './context';

/*
 * The long-running commands' parts (the stack, the API server, the worker and Temporal's native
 * bridge, the relay) are loaded when one of those commands runs: together they are about 1 s of a
 * CLI start, which a one-shot command (`ansinh claim show`, a script calling `ansinh` in a loop)
 * would pay for nothing. `require`, typed by the modules' own types: bin/ansinh.cjs runs this file
 * under tsx's CommonJS hook, which a dynamic import() of a .ts file does not go through.
 */
const stackOf = (): typeof Stack => require('../runtime/stack');
const apiRunOf = (): typeof ApiRun => require('../api/run');
const workerMainOf = (): typeof WorkerMain => require('../worker/main');
const temporalWorkerOf = (): typeof TemporalWorker => require('@temporalio/worker');
const relayOf = (): typeof Relay => require('../runtime/relay');
const apiClusterOf = (): typeof ApiCluster => require('../api/cluster');
const nodeClusterOf = (): typeof NodeCluster.default => require('node:cluster');
const promClientOf = (): typeof PromClient => require('prom-client');

const out = (s: string) => void process.stdout.write(s);
const err = (s: string) => void process.stderr.write(s);

/** The long-running commands' lines (start, worker, api, relay): log lines, one format with their components'. */
const runLog = () => componentLogger('cli');
const announce = (w: Words, key: MessageKey, params?: Record<string, string | number>) =>
  runLog().info({ event: key }, w.say(key, params));

/** On the first SIGINT or SIGTERM, `stop` (which stops the parts in order); a second signal is ignored while it runs. */
function untilSignal(w: Words, stop: () => Promise<void> | void): void {
  let stopping = false;
  const onSignal = (sig: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    announce(w, 'cli.run.signal', { signal: sig });
    void stop();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

const notLocal: LocalCommands = {
  api: async () => {
    throw new DomainError('LOCAL_ONLY', 'api runs only from the command line');
  },
  start: async () => {
    throw new DomainError('LOCAL_ONLY', 'start runs only from the command line');
  },
  worker: async () => {
    throw new DomainError('LOCAL_ONLY', 'worker runs only from the command line');
  },
  relay: async () => {
    throw new DomainError('LOCAL_ONLY', 'relay runs only from the command line');
  },
};

/** Forwarded commands run in the stack with the same program (no local start/worker there), on its database and Temporal client. */
const runForwarded =
  (cfg: Config): Stack.ForwardedCommandRunner =>
  (req, io, stack) =>
    runProgram(
      {
        cfg,
        cwd: req.cwd,
        out: io.out,
        err: io.err,
        withDb: (fn) => fn(stack.database),
        withTemporal: (fn) => fn(stack.temporal),
      },
      notLocal,
      req.args,
    );

const localCommands = (cfg: Config, w: Words) => ({
  async start() {
    const stack = await stackOf().startStack(cfg, { lang: w.lang, runCommand: runForwarded(cfg) });
    untilSignal(w, () => stack.shutdown());
    await stack.done;
    announce(w, 'cli.run.stopped');
  },
  async api(opts?: { processes?: number }) {
    if (!cfg.DATABASE_URL || !cfg.TEMPORAL_ADDRESS)
      throw new DomainError('CONFIG', 'ansinh api needs DATABASE_URL and TEMPORAL_ADDRESS (or use ansinh start)');
    const { registerApiWideMetrics, requireAuthKeys, startApi } = apiRunOf();
    requireAuthKeys(cfg);
    const processes = opts?.processes ?? cfg.API_PROCESSES;
    const cluster = nodeClusterOf();
    if (processes > 1 && cluster.isPrimary) {
      // The primary (api/cluster.ts): forks the processes, serves their metrics, answers no request.
      const { startApiPrimary } = apiClusterOf();
      const { Registry } = promClientOf();
      const db = await connectDatabase(cfg);
      const own = new Registry();
      registerApiWideMetrics(own, cfg, db.db);
      const primary = await startApiPrimary({
        processes,
        metricsHost: cfg.METRICS_HOST,
        metricsPort: cfg.API_METRICS_PORT,
        ownRegistry: own,
        onRestart: (e) =>
          runLog().warn(
            { event: 'cli.run.apiRestart', code: e.code, signal: e.signal },
            w.say('cli.run.apiRestart', { code: e.code ?? e.signal ?? '?', delayMs: e.delayMs }),
          ),
      }).catch(async (err: unknown) => {
        await db.close();
        throw err;
      });
      announce(w, 'cli.run.apiProcesses', { processes, url: primary.url });
      announce(w, 'cli.run.api', { url: primary.url });
      announce(w, 'cli.run.metrics', { url: primary.metricsUrl });
      await new Promise<void>((resolve) =>
        untilSignal(w, async () => {
          await primary.close(); // each process stops as one alone does (below)
          await db.close();
          resolve();
        }),
      );
      announce(w, 'cli.run.stopped');
      return;
    }
    const db = await connectDatabase(cfg);
    const t = await connectTemporal(cfg);
    const clustered = cluster.isWorker;
    const api = await startApi(cfg, db.db, t.client, keyRingFrom(cfg), { clustered });
    // A process of a cluster says nothing at start: its primary announces the API once.
    if (!clustered) {
      announce(w, 'cli.run.api', { url: api.url });
      announce(w, 'cli.run.metrics', { url: api.metricsUrl! });
    }
    await new Promise<void>((resolve) =>
      untilSignal(w, async () => {
        // Not ready at once, the requests in flight answered, then the connections closed (api/run.ts).
        await api.close();
        await t.close();
        await db.close();
        resolve();
      }),
    );
    if (clustered)
      cluster.worker?.disconnect(); // the primary's channel would keep this process alive
    else announce(w, 'cli.run.stopped');
  },
  async relay() {
    if (!cfg.DATABASE_URL) throw new DomainError('CONFIG', 'ansinh relay needs DATABASE_URL (or use ansinh start)');
    if (!cfg.SMTP_URL) throw new DomainError('CONFIG', 'ansinh relay needs SMTP_URL');
    const db = await connectDatabase(cfg);
    const relay = relayOf().startRelay(cfg, db.db)!;
    announce(w, 'cli.run.relay', { describe: relay.describe(w.lang) });
    await new Promise<void>((resolve) =>
      untilSignal(w, async () => {
        await relay.stop();
        await db.close();
        resolve();
      }),
    );
    announce(w, 'cli.run.stopped');
  },
  async worker(opts?: { pool?: Config['WORKER_POOL'] }) {
    const { configuredWorkers, niceOf, poolsOf, runWorkers, sessionSettingsOf, stopWorkers } = workerMainOf();
    const { NativeConnection } = temporalWorkerOf();
    const metricsBindAddress = `${cfg.METRICS_HOST}:${cfg.WORKER_METRICS_PORT}`;
    installTemporalRuntime({ level: cfg.LOG_LEVEL, metricsBindAddress });
    if (!cfg.TEMPORAL_ADDRESS)
      throw new DomainError('CONFIG', 'ansinh worker needs TEMPORAL_ADDRESS (or use ansinh start)');
    const keyRing = keyRingFrom(cfg);
    // Loaded at start: a development key outside development mode is refused now, not at 03:00.
    const auditKey = await loadAuditSigningKey(cfg);
    const pools = poolsOf(opts?.pool ?? cfg.WORKER_POOL);
    const db = await connectDatabase(cfg, { settings: sessionSettingsOf(pools) });
    // Account numbers kept in clear before migration 0024 sealed (idempotent; the worker holds the secret).
    await sealClearBankAccounts(db.db, cfg.CLAIM_SUBJECT_KEY);
    // contribution_months' partitions 24 months ahead of the clock (db/queries/partitions.ts).
    const partitions = await keepPartitionsAhead(db.db, cfg.clock.today());
    if ('failed' in partitions) {
      const code = databaseErrorFacts(partitions.failed)?.sqlstate ?? 'unknown';
      runLog().warn({ event: 'cli.partitions.failed', code }, w.say('cli.partitions.failed', { code }));
    } else if (partitions.created > 0)
      announce(w, 'cli.partitions.made', { count: partitions.created, through: w.month(partitions.through) });
    const connection = await NativeConnection.connect({ address: cfg.TEMPORAL_ADDRESS });
    // A batch-only process yields the CPU to interactive work on a shared host (WORKER_NICE).
    const nice = niceOf(pools, cfg.WORKER_NICE);
    if (nice > 0) setPriority(nice);
    const workers = await configuredWorkers(cfg, {
      connection,
      db: db.db,
      keyRing,
      auditKey: async () => auditKey,
      pools,
    });
    // Stops polling at once; the running activities get WORKER_SHUTDOWN_GRACE_SECONDS (worker/main.ts).
    untilSignal(w, () => {
      stopWorkers(workers.map((p) => p.worker));
    });
    for (const p of workers)
      announce(w, 'cli.run.worker', { address: cfg.TEMPORAL_ADDRESS, queue: p.taskQueue, pool: p.pool });
    announce(w, 'cli.run.metrics', { url: `http://${metricsBindAddress}/metrics` });
    // One pool failing stops the other too, so the process ends and its orchestrator restarts it.
    await runWorkers(workers.map((p) => p.worker));
    await connection.close();
    await db.close();
    announce(w, 'cli.run.stopped');
  },
});

function localContext(cfg: Config): CliContext {
  return {
    cfg,
    cwd: process.cwd(),
    out,
    err,
    ...(process.stderr.isTTY ? { progressStream: process.stderr } : {}),
    async withDb(fn, opts) {
      const h = await connectDatabase(cfg, opts);
      try {
        return await fn(h);
      } finally {
        await h.close();
      }
    },
    async withTemporal(fn) {
      const t = await connectTemporal(cfg);
      try {
        return await fn(t);
      } finally {
        await t.close();
      }
    },
  };
}

export async function main(args = process.argv.slice(2)): Promise<number> {
  let cfg: Config;
  try {
    cfg = loadConfig();
  } catch (e) {
    err(`error: ${(e as Error).message}\n`);
    return 2;
  }
  configureLogging(cfg);
  const command = commandOf(args);
  const runtime = cfg.DATABASE_URL ? null : readRuntime(cfg);
  if (runtime?.controlSocket && command && !LOCAL_ONLY_COMMANDS.has(command)) {
    // The stack's process answers in the caller's language: ANSINH_LANG travels as --lang.
    const lang = process.env['ANSINH_LANG'];
    const withLang =
      lang && !args.some((a) => a === '--lang' || a.startsWith('--lang=')) ? [...args, `--lang=${lang}`] : args;
    return forwardCommand(runtime.controlSocket, { args: withLang, cwd: process.cwd() }, out, err);
  }
  return runProgram(localContext(cfg), localCommands(cfg, words(cliLang(args))), args);
}

if (require.main === module) {
  main().then(
    (code) => {
      process.exitCode = code;
      // A failed command ends here, whatever it left open (bin/ansinh.cjs says why).
      if (code !== 0) process.exit(code);
    },
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
