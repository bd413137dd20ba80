/**
 * One way to open the national insurance database: postgres.js when a URL is given, embedded
 * PGlite (data kept on disk) otherwise. Both give the same drizzle API.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import * as schema from './schema';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** A database or an open transaction: what every query function in db/queries takes. */
export type Executor = Db | Tx;

export const MIGRATIONS_FOLDER = path.join(__dirname, 'migrations');

export interface DatabaseHandle {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** The PGlite instance in embedded mode. */
  pglite?: PGlite;
  /** The postgres.js client (PostgreSQL mode): for COPY bulk loads. */
  sql?: postgres.Sql;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres:// URL; when absent, embedded PGlite under `dataDir`. */
  url?: string;
  dataDir?: string;
  /** Pool size for postgres.js. */
  max?: number;
  /**
   * Run-time parameters every session of this pool starts with (PostgreSQL's startup packet, so
   * they hold for every statement without a round trip): e.g. a batch pool's
   * `max_parallel_workers_per_gather` (worker/main.ts, sessionSettingsOf). Merged over
   * SESSION_DEFAULTS. Ignored by PGlite.
   */
  settings?: Record<string, string>;
}

/**
 * What every session of ours starts with, under `settings`: no JIT compilation. PostgreSQL compiles
 * a statement whose estimated cost passes `jit_above_cost` (100,000) before running it; an
 * officer's decision reads one person's book in a statement whose estimate passes that at
 * 1,000,000 participants (a subquery per section, over every partition of contribution_months), and
 * compiling it took 125–300 ms of a decision while the national reconciliation ran, for a statement
 * that itself runs in a few milliseconds (auto_explain, bench:pools); the reconciliation's own
 * inserts spent 300–400 ms of 600–900 ms compiling. Our statements are short, or long because they
 * write, not because they evaluate expressions: compiling never pays. Ignored by PGlite.
 */
export const SESSION_DEFAULTS: Readonly<Record<string, string>> = { jit: 'off' };

/** Written by db/patches/postgres.cjs (npm postinstall) at the top of every file it fixes. */
const POSTGRES_PATCH_MARKER = '/* ansinh: connection-loss patch (db/patches/postgres.cjs) */';
let postgresPatchChecked = false;

/**
 * postgres.js 3.4.9 unpatched kills the whole process when PostgreSQL drops a connection under an
 * open transaction (db/patches/postgres.cjs says how). Refuse to run on it rather than die at the
 * first database blip: an install with --ignore-scripts skips the patch.
 */
export function assertPostgresPatched(): void {
  if (postgresPatchChecked) return;
  // 'postgres' resolves to <package>/cjs/src/index.js; both builds (ESM and CommonJS) are checked.
  const root = path.resolve(createRequire(path.join(__dirname, 'client.ts')).resolve('postgres'), '..', '..', '..');
  for (const file of ['src/connection.js', 'src/index.js', 'cjs/src/connection.js', 'cjs/src/index.js']) {
    if (!readFileSync(path.join(root, file), 'utf8').startsWith(POSTGRES_PATCH_MARKER)) {
      throw new Error(
        `postgres.js is missing the connection-loss patch (${file}): run \`npm install\` (or \`node db/patches/postgres.cjs\`)`,
      );
    }
  }
  postgresPatchChecked = true;
}

export async function openDatabase(opts: OpenOptions): Promise<DatabaseHandle> {
  if (opts.url) {
    assertPostgresPatched();
    const client = postgres(opts.url, {
      max: opts.max ?? 10,
      onnotice: () => {},
      connection: { ...SESSION_DEFAULTS, ...opts.settings },
    });
    const db = drizzlePostgres(client, { schema }) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      sql: client,
      migrate: () => migratePostgres(db as never, { migrationsFolder: MIGRATIONS_FOLDER }),
      close: () => client.end({ timeout: 5 }),
    };
  }
  const dataDir = opts.dataDir;
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // Loaded only in embedded mode (~0.2 s): a process on PostgreSQL never pays for PGlite.
  const [{ PGlite }, { drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('drizzle-orm/pglite'),
    import('drizzle-orm/pglite/migrator'),
  ]);
  const pglite = dataDir ? new PGlite(dataDir) : new PGlite();
  await pglite.waitReady;
  const db = drizzlePglite(pglite, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    pglite,
    migrate: () => migratePglite(db as never, { migrationsFolder: MIGRATIONS_FOLDER }),
    close: () => pglite.close(),
  };
}

/** Rows of a raw `execute` across both drivers (postgres.js returns an array, PGlite `{ rows }`). */
export async function queryRows<T>(exec: Executor, query: SQL): Promise<T[]> {
  const res = (await exec.execute(query)) as unknown;
  if (Array.isArray(res)) return res as T[];
  return ((res as { rows?: T[] }).rows ?? []) as T[];
}
