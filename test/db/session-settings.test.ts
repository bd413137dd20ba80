/**
 * A worker process's PostgreSQL sessions start with its pool's parameters (worker/main.ts,
 * sessionSettingsOf, given to openDatabase): each names its pool, and a batch-only process runs
 * without parallel query, so a national reconciliation's reads take one core per slot, not every
 * core of the host while an officer's decision waits (issue 15, bench:pools). Real PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../db/client';
import { sessionSettingsOf } from '../../worker/main';
import { createTestDatabase, type TestDatabase } from '../setup/harness';

let t: TestDatabase;
const opened: DatabaseHandle[] = [];

beforeAll(async () => {
  t = await createTestDatabase('sessions');
});

afterAll(async () => {
  for (const h of opened) await h.close();
  await t?.drop();
});

/** What every session of a pool opened with `settings` reports, over `n` sessions at once. */
async function sessionsOf(settings: Record<string, string>, n = 3) {
  const h = await openDatabase({ url: t.url, max: n, settings });
  opened.push(h);
  return Promise.all(
    Array.from({ length: n }, () =>
      h.sql!.begin(async (s) => {
        const [row] = await s`select current_setting('application_name') as app,
                                     current_setting('max_parallel_workers_per_gather') as parallel,
                                     current_setting('jit') as jit,
                                     pg_backend_pid() as pid`;
        await s`select pg_sleep(0.05)`; // held open so that the n sessions are n connections
        return row as { app: string; parallel: string; jit: string; pid: number };
      }),
    ),
  );
}

describe('worker sessions', () => {
  it('a batch-only process names itself and plans without parallel workers, in every session of its pool', async () => {
    const rows = await sessionsOf(sessionSettingsOf(['batch']));
    expect(new Set(rows.map((r) => r.pid)).size).toBe(3);
    for (const r of rows) expect(r).toMatchObject({ app: 'ansinh-worker-batch', parallel: '0', jit: 'off' });
  });

  it('so a large read that an interactive session plans in parallel is planned serially in a batch session', async () => {
    await t.sql!`create table big_read as select g from generate_series(1, 200000) g`;
    await t.sql!`analyze big_read`;
    const planIn = async (settings: Record<string, string>) => {
      const h = await openDatabase({ url: t.url, max: 1, settings });
      opened.push(h);
      const rows = await h.sql!.begin(async (s) => {
        await s`set local parallel_setup_cost = 0`;
        await s`set local parallel_tuple_cost = 0`;
        await s`set local min_parallel_table_scan_size = 0`;
        return s.unsafe('explain select count(*) from big_read');
      });
      return rows.map((r) => Object.values(r)[0]).join('\n');
    };
    expect(await planIn(sessionSettingsOf(['interactive']))).toMatch(/Gather/);
    expect(await planIn(sessionSettingsOf(['batch']))).not.toMatch(/Gather/);
  });

  it('an interactive or combined process keeps the server’s parallel query, named by its pools', async () => {
    const server = (await t.sql!`select current_setting('max_parallel_workers_per_gather') as v`)[0]!.v as string;
    for (const [pools, app] of [
      [['interactive'], 'ansinh-worker-interactive'],
      [['interactive', 'batch'], 'ansinh-worker-interactive+batch'],
    ] as const) {
      const rows = await sessionsOf(sessionSettingsOf(pools), 1);
      expect(rows[0]).toMatchObject({ app, parallel: server, jit: 'off' });
    }
    expect(sessionSettingsOf(['batch'])).toEqual({
      application_name: 'ansinh-worker-batch',
      max_parallel_workers_per_gather: '0',
    });
  });

  it('no session of ours JIT-compiles: a statement the server would compile is run without', async () => {
    // The server's own default compiles above jit_above_cost (what a decision's book read passed at
    // 1,000,000 participants, db/client.ts SESSION_DEFAULTS); a session with our defaults does not.
    const sql = `explain (analyze, format json) select sum(g * 2) from generate_series(1, 50000) g`;
    const jitOf = async (s: { unsafe: (q: string) => Promise<unknown[]> }) => {
      const [row] = (await s.unsafe(sql)) as Record<string, [{ JIT?: { Functions: number } }]>[];
      return Object.values(row!)[0]![0].JIT?.Functions ?? 0;
    };
    const serverDefault = await t.sql!.begin(async (s) => {
      await s`set local jit = on`;
      await s`set local jit_above_cost = 0`;
      return jitOf(s);
    });
    // This PostgreSQL is built with JIT (Debian's llvmjit, as CI's): the server compiles it, ours must not.
    const h = await openDatabase({ url: t.url, max: 1 });
    opened.push(h);
    const ours = await h.sql!.begin(async (s) => {
      await s`set local jit_above_cost = 0`;
      expect((await s`select current_setting('jit') as v`)[0]!.v).toBe('off');
      return jitOf(s);
    });
    expect(serverDefault).toBeGreaterThan(0);
    expect(ours).toBe(0);
  });
});
