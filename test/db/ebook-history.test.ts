/**
 * Every e-book version is recorded in ebook_versions, chained by hash, in the transaction that
 * writes the book; `ebook verify` finds a version changed in place. `ledger verify` finds a month
 * credited while its employer's period is unpaid, even when the book was re-rendered to match.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { GENESIS_HASH } from '../../db/queries/audit';
import { rewriteEbooks, verifyEbooks } from '../../db/queries/ebooks';
import { sampleSubmission } from '../../dev/sample';
import { verifyLedger } from '../../services/ledger';
import { onboardDirectly } from '../api/fixture';
import { createClaimant } from '../setup/claimants';
import { createTestDatabase, type TestDatabase } from '../setup/harness';

let tdb: TestDatabase;
const sub = sampleSubmission(60_702, 3, { startMonth: '2026-10' });

beforeAll(async () => {
  tdb = await createTestDatabase('ebhist');
  await onboardDirectly(tdb, sub);
});
afterAll(async () => {
  await tdb?.drop();
});

const history = (personalId: string) =>
  queryRows<{ version: number; sha256: string; prev_hash: string }>(
    tdb.db,
    sql`select version, sha256, prev_hash from ebook_versions where personal_id = ${personalId} order by version`,
  );

describe('e-book version history', () => {
  it('each version is recorded with the book, prev_hash chained to the previous version', async () => {
    const c = await createClaimant(tdb.db, { lastMonth: '2026-09', months: 6, salary: 9_000_000, unpaid: ['2026-08'] });
    const [v1] = await history(c.personalId);
    expect(v1).toMatchObject({ version: 1, prev_hash: GENESIS_HASH });
    await tdb.db.execute(sql`update participants set full_name = 'Người Đổi Tên' where personal_id = ${c.personalId}`);
    await tdb.db.transaction((tx) => rewriteEbooks(tx, [c.personalId]));
    const h = await history(c.personalId);
    expect(h.map((v) => v.version)).toEqual([1, 2]);
    expect(h[1]!.prev_hash).toBe(h[0]!.sha256);
    expect(await verifyEbooks(tdb.db, { pageSize: 2 })).toMatchObject({ mismatches: [] });
  });

  it('a version number changed in place (as superuser, trigger or not) is found', async () => {
    const id = sub.employees[1]!.personalId;
    await tdb.sql!.begin(async (s) => {
      await s.unsafe('set local session_replication_role = replica');
      await s`update ebooks set version = version + 1 where personal_id = ${id}`;
    });
    const report = await verifyEbooks(tdb.db);
    expect(report.mismatches).toEqual([{ personalId: id, kind: 'version_differs', storedVersion: 2 }]);
    await tdb.sql!`update ebooks set version = version - 1 where personal_id = ${id}`;
    expect((await verifyEbooks(tdb.db)).mismatches).toEqual([]);
  });

  it('ledger verify: a month set to credited while its period is unpaid, book re-rendered to match, is found', async () => {
    const c = await createClaimant(tdb.db, { lastMonth: '2026-09', months: 4, salary: 8_000_000, unpaid: ['2026-08'] });
    expect((await verifyLedger(tdb.db)).problems).toEqual([]);
    await tdb.sql!`update contribution_months set status = 'credited' where personal_id = ${c.personalId} and period = '2026-08'`;
    await tdb.db.transaction((tx) => rewriteEbooks(tx, [c.personalId]));
    const { problems } = await verifyLedger(tdb.db);
    expect(problems).toEqual([
      {
        taxCode: c.taxCode,
        period: '2026-08',
        code: 'LEDGER_CREDITED_UNPAID',
        params: { months: 1, outstanding: expect.stringMatching(/^\d+$/) },
        problem: expect.stringMatching(
          /1 months credited, the period is not paid in full \(\d+ principal outstanding\)/,
        ),
      },
    ]);
    // The book says what the database says (the month is wrong in both): ebook verify stays consistent.
    expect((await verifyEbooks(tdb.db)).mismatches).toEqual([]);
  });
});
