/**
 * The scenario of test/db/connection-loss.test.ts: transactions whose PostgreSQL backend is
 * terminated (pg_terminate_backend from a separate admin connection) while a statement runs, and
 * while the transaction is idle between statements. Run in the test process (postgres.js's ESM
 * build) and as a child process (`node --import tsx`, the CommonJS build the worker and API load).
 */
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { openDatabase, queryRows } from '../../db/client';

export interface LostConnectionOutcome {
  /** How each interrupted transaction ended (an error code, or 'committed'). */
  transactions: string[];
  /** The next statement after each interruption, on the same pool. */
  after: number[];
  /** Rows a transaction wrote after its connection was gone (must be none). */
  strayRows: number;
  /** Every pool connection answers afterwards. */
  poolAnswers: number;
}

const errorCode = (e: unknown): string => {
  const err = e as { code?: string; cause?: { code?: string } };
  return err.cause?.code ?? err.code ?? 'unknown';
};

export async function lostConnectionScenario(url: string, adminUrl: string, rounds = 3): Promise<LostConnectionOutcome> {
  const h = await openDatabase({ url, max: 2 });
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const out: LostConnectionOutcome = { transactions: [], after: [], strayRows: 0, poolAnswers: 0 };
  try {
    await h.db.execute(sql`create table if not exists blip_probe (round int not null)`);
    const waitFor = async (get: () => number | null) => {
      while (get() === null) await new Promise((r) => setTimeout(r, 10));
      return get()!;
    };
    for (let round = 0; round < rounds; round++) {
      // 1. Terminated while a statement runs.
      let pid: number | null = null;
      const busy = h.db.transaction(async (tx) => {
        pid = (await queryRows<{ pid: number }>(tx, sql`select pg_backend_pid() as pid`))[0]!.pid;
        await tx.execute(sql`select pg_sleep(5)`);
      }).then(() => 'committed', errorCode);
      await admin`select pg_terminate_backend(${await waitFor(() => pid)})`;
      out.transactions.push(await busy);
      out.after.push((await queryRows<{ one: number }>(h.db, sql`select 1 as one`))[0]!.one);

      // 2. Terminated while the transaction is idle; it then tries to write.
      pid = null;
      let resume!: () => void;
      const gate = new Promise<void>((r) => (resume = r));
      const idle = h.db.transaction(async (tx) => {
        pid = (await queryRows<{ pid: number }>(tx, sql`select pg_backend_pid() as pid`))[0]!.pid;
        await gate;
        await tx.execute(sql`insert into blip_probe (round) values (${round})`);
      }).then(() => 'committed', errorCode); // settles (rejected) as soon as the connection closes
      await admin`select pg_terminate_backend(${await waitFor(() => pid)})`;
      // Let the pool notice the close and reconnect for other work before the transaction resumes.
      out.after.push((await queryRows<{ one: number }>(h.db, sql`select 1 as one`))[0]!.one);
      resume();
      out.transactions.push(await idle);
    }
    out.strayRows = Number((await queryRows<{ n: string }>(h.db, sql`select count(*)::text as n from blip_probe`))[0]!.n);
    const answers = await Promise.all([0, 1].map(() => queryRows<{ pid: number }>(h.db, sql`select pg_backend_pid() as pid, pg_sleep(0.05)`)));
    out.poolAnswers = answers.length;
  } finally {
    await admin.end();
    await h.close();
  }
  return out;
}

if (require.main === module) {
  const [url, adminUrl] = process.argv.slice(2);
  lostConnectionScenario(url!, adminUrl!).then(
    (o) => console.log(JSON.stringify(o)),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
