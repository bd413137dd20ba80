/**
 * What every benchmark shares: a scratch database on the PostgreSQL at 127.0.0.1:5432 (or
 * BENCH_DATABASE_URL), created and migrated for one run and dropped after it; the Temporal server
 * (a local dev server, or the time-skipping test server); the application's clock; running work a
 * few at a time; and the figures printed beside a floor.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import postgres from 'postgres';
import { openDatabase, type DatabaseHandle } from '../db/client';
import { clockFromEnv } from '../runtime/clock';
import { installTemporalLogging } from '../runtime/logger';
import { executableFor, resolveTemporalCli, resolveTestServer } from '../runtime/temporal-binary';
import { dataConverterFor, KEY_BYTES, staticKeyRing, type KeyRing } from '../runtime/payload-codec';

/**
 * The payload key ring of a benchmark run (a fresh random key, as production encrypts every payload);
 * BENCH_CODEC=off = no codec, to measure what encryption costs. Each benchmark prints which.
 */
export const benchKeyRing: KeyRing | null =
  process.env.BENCH_CODEC === 'off'
    ? null
    : staticKeyRing([{ id: 'bench', key: new Uint8Array(randomBytes(KEY_BYTES)) }], 'bench');
export const codecLine = () =>
  `payload codec:          ${benchKeyRing ? 'AES-256-GCM (BENCH_CODEC=off to measure without)' : 'off (BENCH_CODEC=off)'}`;
export const benchDataConverter = dataConverterFor(benchKeyRing);

/** The application's clock (ANSINH_TODAY pins its date). */
export const appClock = clockFromEnv();

/** The administrative database the scratch ones are created from. */
export const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface ScratchDatabase {
  /** Its connection string. */
  url: string;
  handle: DatabaseHandle;
  /** Closes the handle and drops the database. */
  drop(): Promise<void>;
}

/** A new database `<prefix>_<random>`, migrated, opened with a pool of `max` connections. */
export async function scratchDatabase(prefix: string, { max }: { max: number }): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  let handle: DatabaseHandle | undefined;
  const drop = async () => {
    await handle?.close();
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  };
  try {
    handle = await openDatabase({ url: url.toString(), max });
    await handle.migrate();
  } catch (err) {
    await drop();
    throw err;
  }
  return { url: url.toString(), handle, drop };
}

/** A local Temporal dev server on a free port (the SDK's logs at warn). */
export function localTemporal(): Promise<TestWorkflowEnvironment> {
  installTemporalLogging('warn');
  return TestWorkflowEnvironment.createLocal({
    server: { executable: executableFor(resolveTemporalCli()), ip: '127.0.0.1' },
    client: { dataConverter: benchDataConverter },
  });
}

/** The time-skipping test server (the SDK's logs at warn). */
export function timeSkippingTemporal(): Promise<TestWorkflowEnvironment> {
  installTemporalLogging('warn');
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: executableFor(resolveTestServer()) },
    client: { dataConverter: benchDataConverter },
  });
}

/** Runs fn over items, at most `parallel` at a time. */
export async function inParallel<T>(
  items: readonly T[],
  parallel: number,
  fn: (x: T) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

/** A count, rounded, with thousands separators: 1,234,567. */
/** p50, p99 and the maximum of a list of timings (nearest rank on the sorted copy). */
export function percentiles(ms: number[]): { p50: number; p99: number; max: number } {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { p50: at(0.5), p99: at(0.99), max: s[s.length - 1]! };
}

export const thousands = (n: number) => Math.round(n).toLocaleString('en');

/** How many times the floor a figure is: `2.4×`. */
export const timesFloor = (figure: number, floor: number, digits = 1) => `${(figure / floor).toFixed(digits)}×`;

/**
 * Seeds a national population into a scratch database with `ansinh seed` in its own process (so a
 * benchmark's memory figure is its worker's alone): employers, participants, one month of
 * declarations and payments (a share unpaid and late) for `period`; with `historyMonths`, that many
 * months of careers before it, as reconciled (`ansinh seed --history-months`).
 */
export async function seedNational(
  url: string,
  opts: { employers: number; participants: number; period: string; seed?: number; historyMonths?: number },
): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'cli/main.ts',
        'seed',
        '--employers',
        String(opts.employers),
        '--participants',
        String(opts.participants),
        '--months',
        '1',
        '--period',
        opts.period,
        '--seed',
        String(opts.seed ?? 42),
        '--history-months',
        String(opts.historyMonths ?? 0),
      ],
      {
        stdio: ['ignore', 'inherit', 'inherit'],
        // Development mode: the seed asks for no production secrets (a scratch database of sample people).
        env: { ...process.env, NODE_OPTIONS: '', DATABASE_URL: url, LOG_LEVEL: 'warn', ANSINH_MODE: 'development' },
      },
    );
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`ansinh seed exited with ${code}`))));
  });
}
