/**
 * `task_counts` holds only the buckets that count an open task (migration 0014): the statement
 * that closes, moves or deletes the last open task of a bucket deletes the bucket, so the table
 * grows with the open queue, not with the calendar (the red team of issue #12 found every due
 * date ever seen left behind with n = 0). Two transactions emptying and refilling one bucket at the
 * same time leave it counted right: the one that adds waits for the one that empties, and its
 * upsert recreates the row when it was deleted.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { queryRows, type Executor } from '../../db/client';
import { tasks } from '../../db/schema';
import { createTestDatabase, type TestDatabase } from '../setup/harness';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase('task_counts_empty');
});
afterAll(async () => {
  await tdb.drop();
});
beforeEach(async () => {
  await tdb.db.execute(sql`delete from tasks`);
});

const bucketRows = async () =>
  (await queryRows<{ n: number }>(tdb.db, sql`select count(*)::int as n from task_counts`))[0]!.n;
const emptyBuckets = async () =>
  (await queryRows<{ n: number }>(tdb.db, sql`select count(*)::int as n from task_counts where n <= 0`))[0]!.n;

/** The counts of the bucket (kind bank.suspense, province 79, this due date) beside a count(*) of its open tasks. */
async function bucket(due: string): Promise<{ kept: number[]; counted: number }> {
  const kept = await queryRows<{ n: number }>(
    tdb.db,
    sql`select n from task_counts where kind = 'bank.suspense' and due_date = ${due}::date order by province_code`,
  );
  const [c] = await queryRows<{ n: number }>(
    tdb.db,
    sql`select count(*)::int as n from tasks where status = 'open' and kind = 'bank.suspense' and due_date = ${due}::date`,
  );
  return { kept: kept.map((r) => Number(r.n)), counted: Number(c!.n) };
}

const task = (key: string, due: string) => ({
  dedupeKey: key,
  kind: 'bank.suspense',
  queue: 'bank-suspense',
  provinceCode: '79',
  dueDate: due,
});

/** Resolves once another session waits for a lock (the concurrent statement is blocked). */
async function someoneWaits(): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const [r] = await queryRows<{ n: number }>(
      tdb.db,
      sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
    );
    if (Number(r!.n) > 0) return;
    await new Promise((res) => setTimeout(res, 25));
  }
  throw new Error('no session ever waited for the lock');
}

/** Runs `first` in a transaction held open until `second` (another session) waits behind it, then commits both. */
async function interleaved(first: (tx: Executor) => Promise<unknown>, second: () => Promise<unknown>): Promise<void> {
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let started!: () => void;
  const inside = new Promise<void>((r) => (started = r));
  const t1 = tdb.db.transaction(async (tx) => {
    await first(tx);
    started();
    await held;
  });
  await inside;
  const t2 = (async () => await second())(); // a query builder runs when awaited
  try {
    await someoneWaits();
  } finally {
    release();
    await Promise.all([t1, t2]);
  }
}

describe('task_counts stays small', () => {
  it('drops a bucket whose last open task closed (no rows with n = 0 left forever)', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => ({
      ...task(`red:${i}`, `2027-0${1 + (i % 9)}-${String(1 + Math.floor(i / 9)).padStart(2, '0')}`),
    }));
    await tdb.db.insert(tasks).values(rows);
    expect(await bucketRows()).toBe(100); // 50 due dates, each under province '' and '79'
    await tdb.db
      .update(tasks)
      .set({ status: 'done', closedAt: sql`now()`, closedBy: 'red' })
      .where(sql`${tasks.dedupeKey} like 'red:%'`);
    // Every distinct due date ever seen would otherwise leave two buckets that each count scans.
    expect(await bucketRows()).toBe(0);
  });

  it('drops the buckets a move or a delete empties, and keeps those still counting', async () => {
    await tdb.db.insert(tasks).values([task('a', '2027-01-05'), task('b', '2027-01-05'), task('c', '2027-02-05')]);
    await tdb.db
      .update(tasks)
      .set({ dueDate: '2027-03-05' })
      .where(sql`${tasks.dedupeKey} = 'c'`);
    expect(await bucket('2027-02-05')).toEqual({ kept: [], counted: 0 });
    expect(await bucket('2027-03-05')).toEqual({ kept: [1, 1], counted: 1 });
    await tdb.db.delete(tasks).where(sql`${tasks.dedupeKey} = 'a'`);
    expect(await bucket('2027-01-05')).toEqual({ kept: [1, 1], counted: 1 });
    await tdb.db.delete(tasks).where(sql`${tasks.dedupeKey} in ('b', 'c')`);
    expect(await bucketRows()).toBe(0);
  });

  it('a bucket emptied while another transaction adds to it is recreated, counted right', async () => {
    const due = '2027-04-01';
    await tdb.db.insert(tasks).values(task('only', due));
    // The first empties the bucket (and deletes it) and holds its lock; the second's insert waits,
    // then finds no row and inserts it again.
    await interleaved(
      (tx) =>
        tx
          .update(tasks)
          .set({ status: 'done', closedAt: sql`now()` })
          .where(sql`${tasks.dedupeKey} = 'only'`),
      () => tdb.db.insert(tasks).values(task('next', due)),
    );
    expect(await bucket(due)).toEqual({ kept: [1, 1], counted: 1 });

    // The other order: an insert holds the bucket (n = 2) while the close of the older task waits.
    await interleaved(
      (tx) => tx.insert(tasks).values(task('third', due)),
      () => tdb.db.delete(tasks).where(sql`${tasks.dedupeKey} = 'next'`),
    );
    expect(await bucket(due)).toEqual({ kept: [1, 1], counted: 1 });

    // Emptied by a delete while a reopening waits to add to it.
    await tdb.db.insert(tasks).values({ ...task('closed', due), status: 'done', closedAt: sql`now()` });
    await interleaved(
      (tx) => tx.delete(tasks).where(sql`${tasks.dedupeKey} = 'third'`),
      () =>
        tdb.db
          .update(tasks)
          .set({ status: 'open', closedAt: null })
          .where(sql`${tasks.dedupeKey} = 'closed'`),
    );
    expect(await bucket(due)).toEqual({ kept: [1, 1], counted: 1 });
    expect(await emptyBuckets()).toBe(0);
  });
});
