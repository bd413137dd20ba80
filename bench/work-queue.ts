/**
 * What bench:tasks and bench:console share: the work queue seeded in one INSERT … SELECT
 * generate_series (five kinds, four in five an officer's, 63 provinces, due from 30 days ago to 60
 * ahead, one in fifty without a due date; then half as many closed), and autocannon driven from a
 * child process (bench/loadgen.ts) so the load generator does not share the server's event loop.
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { DriveRequest, DriveResult } from './loadgen';
import { drive as driveHere } from './loadgen';

export const KINDS = [
  'claim.decision',
  'onboarding.approval',
  'bank.suspense',
  'claim.new_job_declared',
  'claim.report',
];

/** `tasks` open tasks, then half as many closed, around `today`. */
export async function seedQueue(db: Db, today: string, tasks: number): Promise<void> {
  const kinds = `array[${KINDS.map((k) => `'${k}'`).join(',')}]`;
  const seed = (from: number, n: number, open: boolean) =>
    db.execute(
      sql.raw(`insert into tasks (dedupe_key, kind, actor, status, queue, province_code, due_date, closed_at, closed_by, details)
        select 'bench:' || i, (${kinds})[1 + i % 5],
               case when i % 5 = 4 then 'participant' else 'officer' end,
               ${open ? "'open'" : "'done'"}, 'bench', lpad((1 + (i * 7) % 63)::text, 2, '0'),
               case when i % 50 = 0 then null else '${today}'::date + ((i * 31) % 91 - 30) end,
               ${open ? 'null' : 'now()'}, ${open ? 'null' : "'p:bench'"}, '{}'::jsonb
          from generate_series(${from}, ${from + n - 1}) as i`),
    );
  await seed(1, tasks, true);
  await seed(tasks + 1, Math.floor(tasks / 2), false);
}

/** autocannon in a child process (BENCH_LOADGEN=inprocess: in this one). */
export async function driveApart(req: DriveRequest): Promise<DriveResult> {
  if (process.env.BENCH_LOADGEN === 'inprocess') return driveHere(req);
  const child = fork(path.join(__dirname, 'loadgen.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise<DriveResult>((resolve, reject) => {
    child.once('message', (m) => resolve(m as DriveResult));
    child.once('exit', (code) => (code ? reject(new Error(`load generator exited ${code}`)) : undefined));
    child.send(req);
  });
}
