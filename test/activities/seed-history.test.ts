/**
 * `ansinh seed --history-months`: careers behind each participant, as the monthly reconciliation
 * left them — employments that change, raises, some months unpaid — that the e-book and ledger
 * checks accept, the same from the same seed, and that the next month's reconciliation settles.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { NativeConnection } from '@temporalio/worker';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startReconciliation } from '../../client/temporal';
import { verifyEbooks } from '../../db/queries/ebooks';
import { seed } from '../../dev/seed';
import { verifyLedger } from '../../services/ledger';
import type { monthlyReconciliation } from '../../workflows/reconciliation';
import {
  createTestDatabase,
  devServerClient,
  makeWorker,
  testClock,
  uniqueTaskQueue,
  type TestDatabase,
} from '../setup/harness';
import { TEST_PAYLOAD_KEYS_ENV } from '../setup/keys';

let a: TestDatabase;
let b: TestDatabase;
beforeAll(async () => {
  [a, b] = await Promise.all([createTestDatabase('seedhist-a'), createTestDatabase('seedhist-b')]);
});
afterAll(async () => {
  await a?.drop();
  await b?.drop();
});

// 2024-09: a period no other test file reconciles (the workflow id reconciliation:<period> is shared on the dev server).
const opts = {
  employers: 6,
  participants: 50,
  months: 1,
  lastPeriod: '2024-09',
  today: '2024-11-14',
  seed: 23,
  historyMonths: 36,
};

async function rows<T>(t: TestDatabase, q: ReturnType<typeof sql>): Promise<T[]> {
  return (await t.db.execute(q)) as unknown as T[];
}
const one = async (t: TestDatabase, q: ReturnType<typeof sql>) =>
  Number(Object.values((await rows<object>(t, q))[0]!)[0]);
const fingerprint = (t: TestDatabase) =>
  rows<{ books: string; months: string; periods: string; payments: string }>(
    t,
    sql`select (select md5(string_agg(root, '' order by personal_id)) from ebooks) as books,
               (select md5(string_agg(concat_ws('|', personal_id, employer_tax_code, period, status, amount), ',' order by personal_id, period))
                  from contribution_months) as months,
               (select md5(string_agg(concat_ws('|', employer_tax_code, period, due, paid, late_charge, as_of), ',' order by employer_tax_code, period))
                  from employer_periods) as periods,
               (select md5(string_agg(concat_ws('|', bank_reference, amount, value_date), ',' order by bank_reference)) from payments) as payments`,
  );

describe('seed --history-months', () => {
  it('puts careers of 36 months behind 50 participants — employments that change with gaps, raises, some months unpaid — that ebook verify and ledger verify accept, identical from the same seed', async () => {
    const [sa, sb] = await Promise.all([seed(a.sql!, opts), seed(b.sql!, opts)]);
    expect(sa).toEqual(sb);
    expect(sa).toMatchObject({
      participants: 50,
      historyMonths: 36,
      firstHistoryMonth: '2021-09',
      firstPeriod: '2024-09',
      lastPeriod: '2024-09',
    });
    expect(await fingerprint(a)).toEqual(await fingerprint(b));

    // Employments that change: earlier jobs, ended before the current one, at another employer, some after a gap.
    expect(sa.employments).toBe(await one(a, sql`select count(*) from employments`));
    expect(sa.employments).toBeGreaterThan(50);
    const changes = await rows<{ changed: number; ended: number; gaps: number; other: number; open: number }>(
      a,
      sql`with j as (select personal_id, employer_tax_code, start_month, end_month,
                            lead(start_month) over (partition by personal_id order by start_month) as next_start,
                            lead(employer_tax_code) over (partition by personal_id order by start_month) as next_employer
                       from employments)
          select count(distinct personal_id) filter (where next_start is not null)::int as changed,
                 count(*) filter (where end_month is not null)::int as ended,
                 count(*) filter (where next_start > to_char(to_date(end_month, 'YYYY-MM') + interval '1 month', 'YYYY-MM'))::int as gaps,
                 count(*) filter (where next_employer is not null and next_employer <> employer_tax_code)::int as other,
                 count(*) filter (where end_month is null)::int as open
            from j`,
    );
    expect(changes[0]!.changed).toBeGreaterThan(10);
    expect(changes[0]!.gaps).toBeGreaterThan(0);
    expect(changes[0]!.other).toBeGreaterThan(0);
    expect(changes[0]!.open).toBe(50); // one current employment each, running through the window
    // Nobody's ended job overlaps the next one, and none starts before the history.
    expect(
      await one(
        a,
        sql`select count(*) from (select end_month, lead(start_month) over (partition by personal_id order by start_month) as next_start
                                   from employments) j where next_start <= end_month`,
      ),
    ).toBe(0);
    expect(await one(a, sql`select count(*) from employments where start_month < '2021-09'`)).toBe(0);

    // Raises: salary rows after the first, each higher than the one before.
    const raises = await rows<{ raises: number; lower: number }>(
      a,
      sql`select count(*) filter (where prev is not null)::int as raises, count(*) filter (where amount <= prev)::int as lower
            from (select amount, lag(amount) over (partition by employment_id order by effective_month) as prev from salary_history) s`,
    );
    expect(raises[0]!.raises).toBeGreaterThan(20);
    expect(raises[0]!.lower).toBe(0);

    // The history's months, as reconciled: one per participant and month employed, before the window.
    expect(sa.contributionMonths).toBe(await one(a, sql`select count(*) from contribution_months`));
    expect(
      await one(a, sql`select count(*) from contribution_months where period < '2021-09' or period >= '2024-09'`),
    ).toBe(0);
    expect(
      await one(
        a,
        sql`select count(*) from contribution_months m
             where not exists (select 1 from employments e where e.personal_id = m.personal_id and e.employer_tax_code = m.employer_tax_code
                                 and e.start_month <= m.period and (e.end_month is null or e.end_month >= m.period))`,
      ),
    ).toBe(0);
    const statuses = await rows<{ credited: number; unpaid: number }>(
      a,
      sql`select count(*) filter (where status = 'credited')::int as credited, count(*) filter (where status = 'declared_unpaid')::int as unpaid
            from contribution_months`,
    );
    expect(statuses[0]!.unpaid).toBeGreaterThan(0);
    expect(statuses[0]!.credited).toBeGreaterThan(statuses[0]!.unpaid * 3);
    // A month is declared but unpaid exactly when its employer's period is not paid in full.
    expect(
      await one(
        a,
        sql`select count(*) from (
              select m.employer_tax_code, m.period, bool_and(m.status = 'credited') as credited,
                     (select coalesce(sum(x.principal), 0) from payment_allocations x join payments p on p.id = x.payment_id
                       where p.employer_tax_code = m.employer_tax_code and x.period = m.period) >= ep.due as paid_in_full
                from contribution_months m join employer_periods ep on ep.employer_tax_code = m.employer_tax_code and ep.period = m.period
               group by m.employer_tax_code, m.period, ep.due) t
             where credited <> paid_in_full`,
      ),
    ).toBe(0);
    // Every employer's period of the history, reconciled, its due the sum of its months.
    expect(await one(a, sql`select count(*) from employer_periods`)).toBe(6 * 36);
    expect(
      await one(
        a,
        sql`select count(*) from employer_periods ep
             where ep.due <> (select coalesce(sum(m.amount), 0) from contribution_months m
                               where m.employer_tax_code = ep.employer_tax_code and m.period = ep.period)
                or ep.employees <> (select count(*) from contribution_months m
                                     where m.employer_tax_code = ep.employer_tax_code and m.period = ep.period)`,
      ),
    ).toBe(0);
    // Some months were paid late: a charge, and payments after the deadline.
    expect(await one(a, sql`select count(*) from employer_periods where late_charge > 0`)).toBeGreaterThan(0);

    // The e-books show the history.
    const [book] = await rows<{ months: number; stored: number }>(
      a,
      sql`select (select sum(json_array_length(('[' || s.content || ']')::json))::int from ebook_sections s
                   where s.personal_id = b.personal_id and s.section like 'months/%') as months,
                 (select count(*)::int from contribution_months m where m.personal_id = b.personal_id) as stored
            from ebooks b order by personal_id limit 1`,
    );
    expect(book!.months).toBe(book!.stored);
    expect((await verifyEbooks(a.db)).mismatches).toEqual([]);
    expect((await verifyLedger(a.db)).problems).toEqual([]);
  });

  it('leaves every index as the migrations made it: on a partitioned table, on each partition and valid (the load drops them and builds them again)', async () => {
    // Found at 1,000,000 participants: an index rebuilt from pg_get_indexdef was the parent's alone
    // ("ON ONLY", invalid), so no partition of contribution_months had (employer_tax_code, period)
    // and each batch's delete of its employers' month scanned every month written before it.
    expect(await rows(a, sql`select indexrelid::regclass::text as index from pg_index where not indisvalid`)).toEqual(
      [],
    );
    const missing = await rows<{ partition: string; index: string }>(
      a,
      sql`select p.inhrelid::regclass::text as partition, pi.indexrelid::regclass::text as index
            from pg_inherits p
            join pg_index pi on pi.indrelid = p.inhparent
           where p.inhparent = 'contribution_months'::regclass
             and not exists (select 1 from pg_inherits ci join pg_index i on i.indexrelid = ci.inhrelid
                              where ci.inhparent = pi.indexrelid and i.indrelid = p.inhrelid)`,
    );
    expect(missing).toEqual([]);
    expect(
      await one(
        a,
        sql`select count(*) from pg_indexes where tablename like 'contribution_months_y%' and indexdef like '%(employer_tax_code, period)%'`,
      ),
    ).toBe(await one(a, sql`select count(*) from pg_inherits where inhparent = 'contribution_months'::regclass`));
  });

  it('the next month’s reconciliation runs on it and leaves ebook verify and ledger verify clean', async () => {
    const { client, connection } = await devServerClient();
    const native = await NativeConnection.connect({ address: inject('temporalAddress') });
    const queue = uniqueTaskQueue('seedhist');
    const worker = await makeWorker(native, queue, { db: a.db, clock: testClock });
    try {
      const started = await startReconciliation(client, queue, { period: '2024-09', asOf: '2024-11-14', batchSize: 4 });
      expect(started.alreadyRunning).toBe(false);
      const result = await worker.runUntil(
        client.workflow.getHandle<typeof monthlyReconciliation>(started.workflowId, started.runId).result(),
      );
      expect(result).toMatchObject({ state: 'completed', employersDone: 6, lines: 50 * 8 });
      expect(await one(a, sql`select count(*) from contribution_months where period = '2024-09'`)).toBe(50);
      expect(await one(a, sql`select count(*) from employer_periods where period = '2024-09'`)).toBe(6);
      expect((await verifyEbooks(a.db)).mismatches).toEqual([]);
      expect((await verifyLedger(a.db)).problems).toEqual([]);
    } finally {
      await native.close();
      await connection.close();
    }
  });

  it('refuses a history that would start before the rate tables (2011-10), or is not a whole number, writing nothing; the command exits 2', async () => {
    const before = await fingerprint(b);
    const refusal = await seed(b.sql!, { ...opts, historyMonths: 200 }).catch((e: unknown) => e);
    expect(refusal).toMatchObject({ code: 'INVALID_INPUT', field: 'historyMonths', params: { max: 155 } });
    expect(await seed(b.sql!, { ...opts, historyMonths: 1.5 }).catch((e: unknown) => e)).toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect(await fingerprint(b)).toEqual(before);

    const run = promisify(execFile);
    const bin = path.join(process.cwd(), 'bin', 'ansinh.cjs');
    const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent', ...TEST_PAYLOAD_KEYS_ENV };
    for (const k of ['TEMPORAL_ADDRESS', 'ANSINH_HOME', 'ANSINH_LANG']) delete env[k];
    for (const history of ['200', '-1']) {
      const r = await run(
        process.execPath,
        [bin, 'seed', '--employers', '1', '--participants', '2', '--period', '2024-09', '--history-months', history],
        { env: { ...env, DATABASE_URL: b.url, ANSINH_MODE: 'development' }, timeout: 120_000 },
      ).then(
        () => ({ code: 0, stderr: '' }),
        (e: { code: number; stderr: string }) => e,
      );
      expect(r.code, r.stderr).toBe(2);
    }
    expect(await fingerprint(b)).toEqual(before);
  }, 300_000);
});
