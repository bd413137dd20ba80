/**
 * The queue's counts are kept by triggers (migration 0011, `task_counts`): after any sequence of
 * inserts, updates (closing, escalating, moving a due date, a province, an opening day) and
 * deletes — many rows per statement or one — the counts of every filter equal a count(*) over the
 * open tasks themselves.
 */
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { taskCounts, type TaskFilter } from '../../db/queries/tasks';
import { addDays } from '../../domain/calendar';
import { createTestDatabase, type TestDatabase } from '../setup/harness';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase('task_counts');
});
afterAll(async () => {
  await tdb.drop();
});

const TODAY = '2026-12-15';
const KINDS = ['claim.decision', 'bank.suspense', 'claim.report'];
const ACTORS = ['officer', 'participant', 'employer'] as const;

/** The oracle: the counts straight from the open tasks. */
async function counted(f: TaskFilter) {
  if (f.state === 'done' || f.state === 'cancelled') return [];
  const rows = await queryRows<{ kind: string; open: number; overdue: number }>(
    tdb.db,
    sql`select kind, count(*)::int as open, (count(*) filter (where due_date < ${f.today}::date))::int as overdue
          from tasks
         where status = 'open' and (opens_on is null or opens_on <= ${f.today}::date)
           and (${f.state} <> 'overdue' or due_date < ${f.today}::date)
           and (${f.state} <> 'escalated' or escalated_at is not null)
           and (${f.province ?? null}::text is null or province_code = ${f.province ?? null})
           and (${f.actor ?? null}::text is null or actor = ${f.actor ?? null})
           and (${f.kinds ? f.kinds.join(',') : null}::text is null or kind = any(string_to_array(${f.kinds ? f.kinds.join(',') : null}, ',')))
           and (${f.dueBefore ?? null}::date is null or due_date < ${f.dueBefore ?? null}::date)
           and (${f.dueAfter ?? null}::date is null or due_date > ${f.dueAfter ?? null}::date)
         group by kind order by kind`,
  );
  return rows.map((r) => ({ kind: r.kind, open: Number(r.open), overdue: Number(r.overdue) }));
}

const FILTERS: TaskFilter[] = [
  { state: 'open', today: TODAY },
  { state: 'open', today: addDays(TODAY, 5) },
  { state: 'overdue', today: TODAY },
  { state: 'escalated', today: TODAY },
  { state: 'done', today: TODAY },
  { state: 'open', today: TODAY, actor: 'officer' },
  { state: 'open', today: TODAY, province: '01' },
  { state: 'overdue', today: TODAY, province: '79', actor: 'participant' },
  { state: 'open', today: TODAY, kinds: ['bank.suspense', 'claim.report'] },
  { state: 'open', today: TODAY, dueBefore: addDays(TODAY, 3), dueAfter: addDays(TODAY, -3) },
  { state: 'open', today: TODAY, dueAfter: addDays(TODAY, 2) },
];

const row = fc.record({
  kind: fc.constantFrom(...KINDS),
  actor: fc.constantFrom(...ACTORS),
  province: fc.constantFrom(null, '01', '79'),
  due: fc.option(fc.integer({ min: -6, max: 6 })),
  opens: fc.option(fc.integer({ min: -2, max: 8 }), { freq: 3 }),
  escalated: fc.boolean(),
  status: fc.constantFrom('open', 'open', 'open', 'done', 'cancelled'),
});
const op = fc.oneof(
  fc.record({ t: fc.constant('insert' as const), rows: fc.array(row, { minLength: 1, maxLength: 6 }) }),
  fc.record({ t: fc.constant('close' as const), mod: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ t: fc.constant('escalate' as const), mod: fc.integer({ min: 1, max: 4 }) }),
  fc.record({
    t: fc.constant('move' as const),
    mod: fc.integer({ min: 1, max: 4 }),
    days: fc.integer({ min: -3, max: 3 }),
  }),
  fc.record({ t: fc.constant('province' as const), mod: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ t: fc.constant('reopen' as const), mod: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ t: fc.constant('delete' as const), mod: fc.integer({ min: 2, max: 5 }) }),
);

type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

let key = 0;
async function apply(o: Op): Promise<void> {
  const db = tdb.db;
  switch (o.t) {
    case 'insert':
      {
        const values = o.rows.map(
          (x) =>
            sql`(${`k${key++}`}, ${x.kind}, ${x.actor}, ${x.status}, 'q', ${x.province},
                 ${x.due === null ? null : addDays(TODAY, x.due)}::date,
                 ${x.opens === null ? null : addDays(TODAY, x.opens)}::date,
                 ${x.escalated ? sql`now()` : null}::timestamptz,
                 ${x.status === 'open' ? null : sql`now()`}::timestamptz)`,
        );
        await db.execute(
          sql`insert into tasks (dedupe_key, kind, actor, status, queue, province_code, due_date, opens_on, escalated_at, closed_at) values ${sql.join(values, sql`, `)}`,
        );
      }
      return;
    case 'close':
      await db.execute(
        sql`update tasks set status = 'done', closed_at = now() where status = 'open' and id % ${o.mod} = 0`,
      );
      return;
    case 'reopen':
      await db.execute(
        sql`update tasks set status = 'open', closed_at = null where status <> 'open' and id % ${o.mod} = 0`,
      );
      return;
    case 'escalate':
      await db.execute(sql`update tasks set escalated_at = coalesce(escalated_at, now()) where id % ${o.mod} = 1`);
      return;
    case 'move':
      await db.execute(sql`update tasks set due_date = due_date + ${o.days}::int where id % ${o.mod} = 0`);
      return;
    case 'province':
      await db.execute(
        sql`update tasks set province_code = case province_code when '01' then '79' when '79' then null else '01' end where id % ${o.mod} = 0`,
      );
      return;
    case 'delete':
      await db.execute(sql`delete from tasks where id % ${o.mod} = 0`);
      return;
  }
}

describe('the counts kept by triggers', () => {
  it('equal count(*) over the open tasks for every filter, after any sequence of changes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        await tdb.db.execute(sql`delete from tasks`);
        for (const o of ops) await apply(o);
        for (const f of FILTERS) expect(await taskCounts(tdb.db, f), JSON.stringify(f)).toEqual(await counted(f));
        const [neg] = await queryRows<{ n: number }>(
          tdb.db,
          sql`select count(*)::int as n from task_counts where n <= 0`, // no bucket left empty (0014)
        );
        expect(Number(neg!.n)).toBe(0);
      }),
      { numRuns: 40 },
    );
  });
});
