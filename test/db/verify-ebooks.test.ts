/**
 * `ebook verify` under live traffic: a writer commits a record and its e-book in one transaction
 * (every activity does), so a verify that runs at the same moment must see both or neither. It
 * used to read the records and the books in two statements, and a write that landed between them
 * was reported as a mismatch — the cause of "the books after every claim above" failing now and
 * then in the full suite, while claim workflows were still writing in the background.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declare } from '../../services/declarations';
import { sampleSubmission } from '../../dev/sample';
import { verifyEbooks } from '../../db/queries/ebooks';
import { onboardDirectly } from '../api/fixture';
import { createTestDatabase, testClock, type TestDatabase } from '../setup/harness';

let tdb: TestDatabase;
const sub = sampleSubmission(60_601, 3, { startMonth: '2026-10' });

beforeAll(async () => {
  tdb = await createTestDatabase('verify');
  await onboardDirectly(tdb, sub);
});
afterAll(async () => {
  await tdb?.drop();
});

describe('ebook verify reads each page in one snapshot', () => {
  it('a salary change committed (with its e-book) between verify’s two reads is not a mismatch, and the next verify sees it whole', async () => {
    let wrote = false;
    const report = await verifyEbooks(tdb.db, {
      afterRecordsRead: async () => {
        if (wrote) return;
        wrote = true;
        const employee = sub.employees[0]!;
        await declare(tdb.db, {
          taxCode: sub.employer.taxCode,
          author: 't',
          now: testClock(),
          batch: {
            declarations: [
              {
                kind: 'salary_change',
                personalId: employee.personalId,
                effectiveMonth: '2026-11',
                salary: employee.salary + 1_000_000,
              },
            ],
          },
        });
      },
    });
    expect(wrote).toBe(true);
    expect(report).toEqual({ checked: 3, mismatches: [] });
    expect(await verifyEbooks(tdb.db)).toEqual({ checked: 3, mismatches: [] });
  });
});
