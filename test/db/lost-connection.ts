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

export async function lostConnectionScenario(
  url: string,
  adminUrl: string,
  rounds = 3,
): Promise<LostConnectionOutcome> {
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
      const busy = h.db
        .transaction(async (tx) => {
          pid = (await queryRows<{ pid: number }>(tx, sql`select pg_backend_pid() as pid`))[0]!.pid;
          await tx.execute(sql`select pg_sleep(5)`);
        })
        .then(() => 'committed', errorCode);
      await admin`select pg_terminate_backend(${await waitFor(() => pid)})`;
      out.transactions.push(await busy);
      out.after.push((await queryRows<{ one: number }>(h.db, sql`select 1 as one`))[0]!.one);

      // 2. Terminated while the transaction is idle; it then tries to write.
      pid = null;
      let resume!: () => void;
      const gate = new Promise<void>((r) => (resume = r));
      const idle = h.db
        .transaction(async (tx) => {
          pid = (await queryRows<{ pid: number }>(tx, sql`select pg_backend_pid() as pid`))[0]!.pid;
          await gate;
          await tx.execute(sql`insert into blip_probe (round) values (${round})`);
        })
        .then(() => 'committed', errorCode); // settles (rejected) as soon as the connection closes
      await admin`select pg_terminate_backend(${await waitFor(() => pid)})`;
      // Let the pool notice the close and reconnect for other work before the transaction resumes.
      out.after.push((await queryRows<{ one: number }>(h.db, sql`select 1 as one`))[0]!.one);
      resume();
      out.transactions.push(await idle);
    }
    out.strayRows = Number(
      (await queryRows<{ n: string }>(h.db, sql`select count(*)::text as n from blip_probe`))[0]!.n,
    );
    const answers = await Promise.all(
      [0, 1].map(() => queryRows<{ pid: number }>(h.db, sql`select pg_backend_pid() as pid, pg_sleep(0.05)`)),
    );
    out.poolAnswers = answers.length;
  } finally {
    await admin.end();
    await h.close();
  }
  return out;
}

export interface StormOutcome {
  kills: number;
  /** How the transactions ended: 'ok' or an error code (connection errors only, when all is well). */
  outcomes: Record<string, number>;
  /** Transactions that had not settled 10 s after they began. */
  hung: number;
  /** Transactions written whose commit was not reported (its answer lost with the connection). */
  unreported: number;
  /** Transactions of which only part was written (a statement run outside its transaction): must be none. */
  partial: number;
  after: number;
}

/**
 * Six transactions at a time (each: an insert, a pause, a short sleep, a second insert) while every backend
 * of the database is terminated again and again — during statements, idle transactions, connection
 * starts and the type fetch of a new connection.
 */
export async function connectionStorm(
  url: string,
  adminUrl: string,
  database: string,
  kills: number,
): Promise<StormOutcome> {
  const h = await openDatabase({ url, max: 6 });
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const out: StormOutcome = { kills: 0, outcomes: {}, hung: 0, unreported: 0, partial: 0, after: 0 };
  try {
    await h.db.execute(sql`create table if not exists storm (tx text not null, part int not null)`);
    let stop = false;
    const client = async (w: number) => {
      for (let n = 0; !stop; n++) {
        const id = `${w}-${n}`;
        const watchdog = setTimeout(() => out.hung++, 10_000);
        const outcome = await h.db
          .transaction(async (tx) => {
            await tx.execute(sql`insert into storm (tx, part) values (${id}, 1)`);
            await new Promise((r) => setTimeout(r, Math.random() * 30));
            await tx.execute(sql`select pg_sleep(${Math.random() * 0.02})`);
            await tx.execute(sql`insert into storm (tx, part) values (${id}, 2)`);
          })
          .then(() => 'ok', errorCode);
        clearTimeout(watchdog);
        out.outcomes[outcome] = (out.outcomes[outcome] ?? 0) + 1;
      }
    };
    const killer = async () => {
      for (; out.kills < kills; out.kills++) {
        await new Promise((r) => setTimeout(r, 50 + Math.random() * 250));
        await admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${database} and pid <> pg_backend_pid()`;
      }
      stop = true;
    };
    await Promise.all([killer(), ...[0, 1, 2, 3, 4, 5].map(client)]);
    await new Promise((r) => setTimeout(r, 300)); // the last terminations reach the pool
    out.after = (await queryRows<{ one: number }>(h.db, sql`select 1 as one`))[0]!.one;
    const [c] = await queryRows<{ whole: string; partial: string }>(
      h.db,
      sql`select count(*) filter (where n = 2)::text as whole, count(*) filter (where n <> 2)::text as partial
            from (select tx, count(*) as n from storm group by tx) t`,
    );
    out.unreported = Number(c!.whole) - (out.outcomes['ok'] ?? 0);
    out.partial = Number(c!.partial);
  } finally {
    await admin.end();
    await h.close();
  }
  return out;
}

if (require.main === module && process.argv[2] === 'storm') {
  const [, url, adminUrl, database, kills] = process.argv.slice(2);
  connectionStorm(url!, adminUrl!, database!, Number(kills)).then(
    (o) => console.log(JSON.stringify(o)),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
} else if (require.main === module) {
  const [url, adminUrl] = process.argv.slice(2);
  lostConnectionScenario(url!, adminUrl!).then(
    (o) => console.log(JSON.stringify(o)),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
