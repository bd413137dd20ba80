/**
 * `ansinh`: the operator's and officer's command line. Every command takes --json; errors go to
 * stderr with a non-zero exit code (2 for invalid input, 3 for not found, 1 otherwise). With the embedded
 * database, commands run inside the `ansinh start` process that owns it (runtime/control.ts).
 */
import { NativeConnection } from '@temporalio/worker';
import { DomainError } from '../domain/errors';
import { loadConfig, readRuntime, uiFundOf, type Config } from '../runtime/config';
import { installTemporalLogging } from '../runtime/logger';
import { createWorker } from '../worker/main';
import { forwardCommand } from '../runtime/control';
import { connectDatabase, connectTemporal, startStack, type ForwardedCommandRunner } from '../runtime/stack';
import { requireAuthKeys, startApi } from '../api/run';
import { startRelay } from '../runtime/relay';
import { keyRingFrom } from '../runtime/payload-keys';
import { sealClearBankAccounts } from '../services/bank-accounts';
import { loadAuditSigningKey } from '../runtime/audit-keys';
import { cliLang, commandOf, LOCAL_ONLY_COMMANDS, runProgram, type LocalCommands } from './program';
import { words, type Words } from './say';
import type { CliContext } from './context';

const out = (s: string) => void process.stdout.write(s);
const err = (s: string) => void process.stderr.write(s);

function untilSignal(w: Words, stop: () => Promise<void> | void): void {
  let stopping = false;
  const onSignal = (sig: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    err(`\n${w.say('cli.run.signal', { signal: sig })}\n`);
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
  (cfg: Config): ForwardedCommandRunner =>
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
    const stack = await startStack(cfg, {
      print: (line) => out(`${line}\n`),
      lang: w.lang,
      runCommand: runForwarded(cfg),
    });
    untilSignal(w, () => stack.shutdown());
    await stack.done;
    out(`${w.say('cli.run.stopped')}\n`);
  },
  async api() {
    if (!cfg.DATABASE_URL || !cfg.TEMPORAL_ADDRESS)
      throw new DomainError('CONFIG', 'ansinh api needs DATABASE_URL and TEMPORAL_ADDRESS (or use ansinh start)');
    requireAuthKeys(cfg);
    const db = await connectDatabase(cfg);
    const t = await connectTemporal(cfg);
    const api = await startApi(cfg, db.db, t.client, keyRingFrom(cfg));
    out(`${w.say('cli.run.api', { url: api.url })}\n`);
    await new Promise<void>((resolve) =>
      untilSignal(w, async () => {
        await api.close();
        await t.close();
        await db.close();
        resolve();
      }),
    );
  },
  async relay() {
    if (!cfg.DATABASE_URL) throw new DomainError('CONFIG', 'ansinh relay needs DATABASE_URL (or use ansinh start)');
    if (!cfg.SMTP_URL) throw new DomainError('CONFIG', 'ansinh relay needs SMTP_URL');
    const db = await connectDatabase(cfg);
    const relay = startRelay(cfg, db.db)!;
    out(`${w.say('cli.run.relay', { describe: relay.describe(w.lang) })}\n`);
    await new Promise<void>((resolve) =>
      untilSignal(w, async () => {
        await relay.stop();
        await db.close();
        resolve();
      }),
    );
  },
  async worker() {
    installTemporalLogging(cfg.LOG_LEVEL);
    if (!cfg.TEMPORAL_ADDRESS)
      throw new DomainError('CONFIG', 'ansinh worker needs TEMPORAL_ADDRESS (or use ansinh start)');
    const keyRing = keyRingFrom(cfg);
    // Loaded at start: a development key outside development mode is refused now, not at 03:00.
    const auditKey = await loadAuditSigningKey(cfg);
    const db = await connectDatabase(cfg);
    // Account numbers kept in clear before migration 0024 sealed (idempotent; the worker holds the secret).
    await sealClearBankAccounts(db.db, cfg.CLAIM_SUBJECT_KEY);
    const connection = await NativeConnection.connect({ address: cfg.TEMPORAL_ADDRESS });
    const worker = await createWorker({
      connection,
      namespace: cfg.TEMPORAL_NAMESPACE,
      taskQueue: cfg.TEMPORAL_TASK_QUEUE,
      deps: {
        db: db.db,
        clock: cfg.clock,
        auditKey: async () => auditKey,
        secret: cfg.CLAIM_SUBJECT_KEY,
        uiFund: uiFundOf(cfg),
      },
      keyRing,
    });
    untilSignal(w, () => worker.shutdown());
    out(`${w.say('cli.run.worker', { address: cfg.TEMPORAL_ADDRESS, queue: cfg.TEMPORAL_TASK_QUEUE })}\n`);
    await worker.run();
    await connection.close();
    await db.close();
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
    },
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
