/**
 * The coverage index on the embedded default (PGlite, `npm start` without DATABASE_URL): the
 * migrations' triggers run there, LISTEN in its one session delivers the changes and the pings, and
 * the index answers what the database answers, a change included.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../db/client';
import { coverageChecker, type CoverageQuery } from '../../services/coverage';
import { createCoverageIndex, type CoverageIndex } from '../../services/coverage-index';

let h: DatabaseHandle;
let index: CoverageIndex;

async function settled(): Promise<void> {
  const mark = performance.now();
  const t0 = performance.now();
  while (performance.now() - index.figures().pingAgeMs <= mark) {
    if (performance.now() - t0 > 20_000) throw new Error('the index did not catch up');
    await new Promise((r) => setTimeout(r, 10));
  }
}

beforeAll(async () => {
  h = await openDatabase({});
  await h.migrate();
  await h.db.execute(sql`insert into participants (personal_id, si_number, full_name, date_of_birth, gender) values
    ('079000000001', '7900000001', 'Lê Thị Nhúng', '1992-07-01', 'female'),
    ('079000000002', '7900000002', 'Phạm Văn Không Thẻ', '1970-01-31', 'male')`);
  await h.db
    .execute(sql`insert into hi_cards (card_code, personal_id, payer_kind, level_digit, benefit_level, valid_from,
                                               initial_facility_code)
    values ('GD3797900000001', '079000000001', 'self', 3, 95, '2026-01-01', '79001')`);
  index = await createCoverageIndex({ db: h.db, pingMs: 50, stalenessMs: 1000 });
  await index.ready();
}, 120_000);
afterAll(async () => {
  await index?.close();
  await h?.close();
});

describe('the coverage index on PGlite', () => {
  it('answers what the database answers, and follows a change at commit', async () => {
    const viaDb = coverageChecker(h.db);
    const viaIndex = coverageChecker(h.db, index);
    const cases: CoverageQuery[] = [
      { personalId: '079000000001', date: '2026-11-24', facilityCode: '79001' },
      { card: 'GD3797900000001', date: '2025-12-31' },
      { siNumber: '7900000002', date: '2026-11-24' },
      { personalId: '079000000009', date: '2026-11-24' },
    ];
    for (const q of cases) expect(await viaIndex(q)).toEqual(await viaDb(q));
    expect((await viaIndex(cases[0]!))?.notCovered).toBeNull();

    await h.db.execute(sql`update hi_cards set valid_to = '2026-10-31', end_reason = 'left_scheme'
                            where card_code = 'GD3797900000001'`);
    await settled();
    expect(index.figures().trusted).toBe(true);
    const after = await viaIndex(cases[0]!);
    expect(after?.notCovered).toMatchObject({ reason: 'ended', since: '2026-10-31' });
    expect(after).toEqual(await viaDb(cases[0]!));
  });
});
