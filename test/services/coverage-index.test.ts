/**
 * The coverage check's in-memory validity index (issue 16) against real PostgreSQL: it answers
 * exactly what the database path answers (every not-covered reason, locks and withdrawals, the
 * initial facility, by personal ID, SI number and card code, over many dates); the writers' triggers
 * (migration 0031) invalidate it at commit, and a change shows at the endpoint within the stated
 * bound; it is not trusted while its notifications stall, and reloads everything after its
 * listening connection is lost or after a bulk statement.
 */
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Db } from '../../db/client';
import { coverageAnswer, coverageChecker, type CoverageQuery } from '../../services/coverage';
import { accessLogWriter } from '../../services/access-log';
import type { CoverageIndex } from '../../services/coverage-index';
import { apiFixture, bearer, type ApiFixture } from '../api/fixture';
import { ADMIN_URL } from '../setup/pg';

const STALENESS_MS = 1000;
let f: ApiFixture;
let db: Db;
let index: CoverageIndex;
let facility: string;

/** Resolves once the index has applied a ping sent after this call: every change committed before it is applied. */
async function settled(timeoutMs = 10_000): Promise<void> {
  const mark = performance.now();
  while (performance.now() - index.figures().pingAgeMs <= mark) {
    if (performance.now() - mark > timeoutMs) throw new Error('the index did not catch up');
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function until(what: string, ok: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const t0 = performance.now();
  while (!(await ok())) {
    if (performance.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

let n = 0;
async function person(o: { name?: string; dob?: string; gender?: 'male' | 'female' } = {}) {
  n++;
  const pid = `0990000${String(n).padStart(5, '0')}`;
  const si = `99000${String(n).padStart(5, '0')}`;
  await db.execute(sql`insert into participants (personal_id, si_number, full_name, date_of_birth, gender)
    values (${pid}, ${si}, ${o.name ?? `Nguyễn Thị Hồng ${n}`}, ${o.dob ?? '1990-05-17'}, ${o.gender ?? 'female'})`);
  return { pid, si };
}

async function card(
  who: { pid: string; si: string },
  o: {
    from: string;
    to?: string;
    digit?: 1 | 2 | 3 | 4 | 5;
    payer?: 'employer' | 'ui_fund' | 'state_budget' | 'self';
    facility?: string | null;
    five?: string;
    leftScheme?: boolean;
    code?: string;
  },
) {
  const digit = o.digit ?? 4;
  const level = digit === 3 ? 95 : digit === 4 ? 80 : 100;
  const payer = o.payer ?? 'employer';
  const code = o.code ?? `DN${digit}79${who.si}`;
  const [row] = await queryRows<{ id: string }>(
    db,
    sql`insert into hi_cards (card_code, personal_id, payer_kind, payer_tax_code, level_digit, benefit_level, valid_from,
                              valid_to, initial_facility_code, five_years_from, end_reason)
        values (${code}, ${who.pid}, ${payer}, ${payer === 'employer' ? f.a.employer.taxCode : null}, ${digit}, ${level},
                ${o.from}, ${o.to ?? null}, ${o.facility === undefined ? '79001' : o.facility}, ${o.five ?? null},
                ${o.leftScheme ? 'left_scheme' : null})
        returning id::text as id`,
  );
  return { id: Number(row!.id), code };
}

let refs = 0;
async function lock(
  who: { pid: string },
  cardId: number,
  o: { kind: 'locked' | 'withdrawn'; from: string; lifted?: string },
) {
  const lifted = o.lifted ?? null;
  await db.execute(sql`insert into hi_card_locks (personal_id, card_id, reference, kind, ground, effective_from, lifted_on,
                                                  decided_by, decided_at, lifted_by, lifted_at)
    values (${who.pid}, ${cardId}, ${`QD-${++refs}`}, ${o.kind}, ${o.kind === 'withdrawn' ? 'fraud' : 'lent'}, ${o.from},
            ${lifted}, 'officer:test', now(), ${lifted ? 'officer:test' : null}, ${lifted ? sql`now()` : null})`);
}

const check = async (q: string) => {
  const r = await f.app.inject({ url: `/v1/coverage?${q}`, headers: bearer(facility) });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as { valid: boolean; notCovered: { reason: string } | null; card: { validTo: string | null } | null };
};

beforeAll(async () => {
  f = await apiFixture('coverage-index', { coverageIndex: { pingMs: 50, stalenessMs: STALENESS_MS } });
  db = f.tdb.db;
  index = f.coverageIndex!;
  facility = await f.token({ role: 'facility', facilityCode: '79001' });
});
afterAll(async () => {
  await f?.close();
});

describe('the in-memory validity index answers what the database answers', () => {
  it('on every not-covered reason, locks and withdrawals, ties and the initial facility, by each key, over many dates', async () => {
    const people: { pid: string; si: string; codes: string[] }[] = [];
    const add = async (make: (p: { pid: string; si: string }) => Promise<{ code: string }[]>, o = {}) => {
      const p = await person(o);
      const cards = await make(p);
      people.push({ ...p, codes: [...new Set(cards.map((c) => c.code))] });
    };
    // covered, open-ended, employer-paid, initial facility 79001
    await add(async (p) => [await card(p, { from: '2026-01-01' })]);
    // not yet valid; a state-budget card without an initial facility
    await add(async (p) => [await card(p, { from: '2027-01-01', payer: 'state_budget', facility: null, digit: 2 })]);
    // expired (ran to its end), then a next card
    await add(async (p) => [
      await card(p, { from: '2025-01-01', to: '2025-12-31' }),
      await card(p, { from: '2027-03-01', payer: 'self', digit: 3, five: '2030-01-01' }),
    ]);
    // ended early: the person left the scheme
    await add(async (p) => [await card(p, { from: '2025-06-01', to: '2026-06-30', leftScheme: true })]);
    // no card at all, a man born on 29 February
    await add(async () => [], { gender: 'male', dob: '1988-02-29' });
    // locked from 2026-11-01, lifted 2027-01-10; an earlier lock lifted; the facility 01001 registered
    await add(async (p) => {
      const c = await card(p, { from: '2026-01-01', facility: '01001' });
      await lock(p, c.id, { kind: 'locked', from: '2026-03-01', lifted: '2026-04-01' });
      await lock(p, c.id, { kind: 'locked', from: '2026-11-01', lifted: '2027-01-10' });
      return [c];
    });
    // withdrawn for fraud from 2026-09-01
    await add(async (p) => {
      const c = await card(p, { from: '2026-01-01', payer: 'ui_fund', digit: 1 });
      await lock(p, c.id, { kind: 'withdrawn', from: '2026-09-01' });
      return [c];
    });
    // two cards in force: the higher level wins; then the later start
    await add(async (p) => [
      await card(p, { from: '2026-01-01', digit: 4 }),
      await card(p, { from: '2026-02-01', payer: 'self', digit: 5, code: `GD5${'79'}${p.si}` }),
      await card(p, { from: '2026-05-01', payer: 'ui_fund', digit: 1, code: `TN1${'79'}${p.si}` }),
    ]);
    // a tie (same level, same day): the later card
    await add(async (p) => [
      await card(p, { from: '2026-01-01', digit: 1, code: `HT1${'79'}${p.si}` }),
      await card(p, { from: '2026-01-01', payer: 'self', digit: 1, code: `HN1${'79'}${p.si}` }),
    ]);
    // one code renewed: two periods with a gap, the second locked
    await add(async (p) => {
      const code = `DN479${p.si}`;
      await card(p, { from: '2024-01-01', to: '2024-12-31', code });
      const c = await card(p, { from: '2025-03-01', code, payer: 'self' });
      await lock(p, c.id, { kind: 'locked', from: '2026-06-01' });
      return [{ code }];
    });
    // a long name, every Vietnamese mark
    await add(async (p) => [await card(p, { from: '2020-01-01', to: '2030-12-31' })], {
      name: 'Tôn Nữ Thị Ngọc Bích Hường Nguyễn Phước Đặng Trịnh Lê Ưng Ỷ Ỹ ỵ ẫ ỗ',
    });
    // the fixture's onboarded employees (cards written by the real activities)
    const [onboarded] = await Promise.all([
      queryRows<{ personal_id: string; si_number: string; card_code: string }>(
        db,
        sql`select p.personal_id, p.si_number, c.card_code from participants p join hi_cards c using (personal_id)
             where p.personal_id not like '0990000%'`,
      ),
    ]);
    for (const r of onboarded) people.push({ pid: r.personal_id, si: r.si_number, codes: [r.card_code] });
    await settled();

    const viaDb = coverageChecker(db);
    const viaIndex = coverageChecker(db, index);
    const dates = [
      '2024-06-15',
      '2025-02-01',
      '2025-06-30',
      '2025-12-31',
      '2026-01-01',
      '2026-03-15',
      '2026-04-01',
      '2026-06-30',
      '2026-07-01',
      '2026-09-01',
      '2026-11-01',
      '2026-11-24',
      '2027-01-09',
      '2027-01-10',
      '2027-03-01',
      '2028-02-29',
    ];
    const queries: CoverageQuery[] = [];
    for (const p of people)
      for (const date of dates)
        for (const facilityCode of [null, '79001', '01001']) {
          queries.push({ personalId: p.pid, date, facilityCode });
          queries.push({ siNumber: p.si, date, facilityCode });
          for (const c of p.codes) queries.push({ card: c, date, facilityCode });
        }
    queries.push({ personalId: '098765432101', date: '2026-11-24' });
    queries.push({ siNumber: '9876543210', date: '2026-11-24' });
    queries.push({ card: 'DN4799876543210', date: '2026-11-24' });

    const fallbacks = index.figures().fallbacks;
    const reasons = new Set<string>();
    const locks = new Set<string>();
    const initial = new Set<boolean>();
    let unknown = 0;
    for (const q of queries) {
      const [a, b] = [await viaDb(q), await viaIndex(q)];
      expect(b, JSON.stringify(q)).toEqual(a);
      if (!a) {
        unknown++;
        continue;
      }
      expect(JSON.stringify(coverageAnswer(b!))).toBe(JSON.stringify(coverageAnswer(a)));
      if (a.notCovered) reasons.add(a.notCovered.reason);
      if (a.lock) locks.add(a.lock.kind);
      if (a.facility) initial.add(a.facility.isInitialFacility);
    }
    // Every case was there, and the index answered every one of them.
    expect([...reasons].sort()).toEqual(['ended', 'expired', 'no_card', 'not_yet_valid', 'suspended']);
    expect([...locks].sort()).toEqual(['locked', 'withdrawn']);
    expect([...initial].sort()).toEqual([false, true]);
    expect(unknown).toBe(3);
    expect(index.figures().fallbacks).toBe(fallbacks);
    expect(queries.length).toBeGreaterThan(1000);
  });
});

describe('invalidated by the writers, at commit', () => {
  it('a lock and a validity end show at the endpoint within the stated bound', async () => {
    const p = await person();
    const c = await card(p, { from: '2026-01-01' });
    await settled();
    expect(await check(`personalId=${p.pid}&date=2026-11-24`)).toMatchObject({ valid: true });
    const fallbacks = index.figures().fallbacks;

    // A lock, committed: the time until the endpoint says "suspended".
    await lock(p, c.id, { kind: 'locked', from: '2026-11-01' });
    const t0 = performance.now();
    while ((await check(`personalId=${p.pid}&date=2026-11-24`)).valid) await new Promise((r) => setTimeout(r, 1));
    const lockSeen = performance.now() - t0;

    // A validity end, committed: the time until the endpoint says "ended".
    await db.execute(sql`update hi_card_locks set lifted_on = '2026-11-20', lifted_by = 'officer:test', lifted_at = now()
                          where card_id = ${c.id}`);
    await db.execute(sql`update hi_cards set valid_to = '2026-11-10', end_reason = 'left_scheme' where id = ${c.id}`);
    const t1 = performance.now();
    while ((await check(`card=${c.code}&date=2026-11-24`)).notCovered?.reason !== 'ended')
      await new Promise((r) => setTimeout(r, 1));
    const endSeen = performance.now() - t1;

    expect(lockSeen).toBeLessThanOrEqual(STALENESS_MS);
    expect(endSeen).toBeLessThanOrEqual(STALENESS_MS);
    // The index answered (the bound was kept by invalidation, not by falling back).
    expect(index.figures().fallbacks).toBe(fallbacks);
    expect(index.figures().trusted).toBe(true);
  });

  it('a rolled-back change is never seen; a change of what the answer does not read writes nothing', async () => {
    const p = await person();
    await card(p, { from: '2026-01-01' });
    await settled();
    const before = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from coverage_changes`);
    await db.execute(
      sql`update participants set email = 'x@example.vn', updated_at = now() where personal_id = ${p.pid}`,
    );
    const after = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from coverage_changes`);
    expect(after[0]!.n).toBe(before[0]!.n);

    await db
      .transaction(async (tx) => {
        await tx.execute(sql`update hi_cards set valid_to = '2026-01-31' where personal_id = ${p.pid}`);
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    await db.execute(sql`update participants set full_name = 'Trần Văn Đổi Tên' where personal_id = ${p.pid}`);
    await settled();
    const row = index.source()!.byPersonalId(p.pid, '2026-11-24')!;
    expect(row.fullName).toBe('Trần Văn Đổi Tên');
    expect(row.validTo).toBeNull();
  });

  it('a bulk statement of more than 10,000 persons reloads everything; a deleted person is forgotten', async () => {
    const loads = index.figures().fullLoads;
    await db.execute(sql`insert into participants (personal_id, si_number, full_name, date_of_birth, gender)
      select '0980' || lpad(g::text, 8, '0'), '98' || lpad(g::text, 8, '0'), 'Bulk ' || g, '1980-01-01', 'male'
        from generate_series(1, 10001) g`);
    await until('a full load', () => index.figures().fullLoads > loads);
    await settled(30_000);
    expect(index.source()!.byPersonalId('098000010001', '2026-11-24')?.fullName).toBe('Bulk 10001');
    await db.execute(sql`delete from participants where personal_id = '098000010001'`);
    await settled();
    expect(index.source()!.byPersonalId('098000010001', '2026-11-24')).toBeUndefined();
  });
});

describe('bounded staleness', () => {
  it('while notifications stall the index is not trusted and the database answers; then it catches up', async () => {
    const p = await person();
    await card(p, { from: '2026-01-01' });
    await settled();
    // Hold the locks table: the index's read of the next change waits behind it, and its pings queue.
    const holder = postgres(f.tdb.url, { max: 1, onnotice: () => {} });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const tx = holder.begin(async (t) => {
      await t`lock table hi_card_locks in access exclusive mode`;
      locked();
      await held;
    });
    await isLocked;
    await db.execute(sql`update participants set full_name = 'Chờ Đợi' where personal_id = ${p.pid}`);
    await until('the index to stop answering', () => !index.figures().trusted, STALENESS_MS * 10);
    const fallbacks = index.figures().fallbacks;
    expect(index.source()).toBeNull();
    expect(index.figures().fallbacks).toBe(fallbacks + 1);
    release();
    await tx;
    await holder.end();
    await until('the index to answer again', () => index.figures().trusted);
    expect(index.source()!.byPersonalId(p.pid, '2026-11-24')?.fullName).toBe('Chờ Đợi');
  });

  it('a lost listening connection reloads everything, changes made meanwhile included', async () => {
    const p = await person();
    await card(p, { from: '2026-01-01' });
    await settled();
    const loads = index.figures().fullLoads;
    const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
    try {
      await admin`select pg_terminate_backend(pid) from pg_stat_activity
                   where datname = ${f.tdb.name} and query ilike 'listen%'`;
      await db.execute(sql`update hi_cards set valid_to = '2026-02-28' where personal_id = ${p.pid}`);
      await until('a full load after reconnecting', () => index.figures().fullLoads > loads);
      await settled();
      expect(index.source()!.byPersonalId(p.pid, '2026-11-24')?.validTo).toBeNull(); // no card in force
      expect(
        index
          .source()!
          .cardsOf(p.pid)
          .map((c) => c.validTo),
      ).toEqual(['2026-02-28']);
    } finally {
      await admin.end();
    }
  });
});

describe('the access log stays on the path', () => {
  it('each of many concurrent checks is answered only once its access-log row is committed', async () => {
    const ids = (
      await queryRows<{ personal_id: string }>(
        db,
        sql`select personal_id from participants order by personal_id limit 40`,
      )
    ).map((r) => r.personal_id);
    const reader = postgres(f.tdb.url, { max: 4, onnotice: () => {} });
    try {
      const seen = await Promise.all(
        ids.map(async (id) => {
          const r = await f.app.inject({
            url: `/v1/coverage?personalId=${id}&date=2026-11-24`,
            headers: bearer(facility),
          });
          expect(r.statusCode).toBe(200);
          const [row] = await reader`select count(*)::int as n from access_log where personal_id = ${id}
                                      and purpose = 'GET /v1/coverage'`;
          return (row as { n: number }).n;
        }),
      );
      expect(seen.every((k) => k >= 1)).toBe(true);
    } finally {
      await reader.end();
    }
  });
});

describe('the access log group commit with ACCESS_LOG_COMMIT=async', () => {
  it('commits every row of its batch before the caller is released', async () => {
    const writer = accessLogWriter(db, { commit: 'async' });
    const at = new Date('2026-11-24T08:00:00Z');
    const ids = ['099000099901', '099000099902', '099000099903'];
    await Promise.all(
      ids.map((personalId) =>
        writer.record([{ at, personalId, principalRef: 'facility:t', role: 'facility', purpose: 'test:async' }]),
      ),
    );
    const rows = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from access_log where purpose = 'test:async'`,
    );
    expect(rows[0]!.n).toBe(3);
  });
});
