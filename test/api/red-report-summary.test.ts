/**
 * Red-team review of issue #12: the console's monthly report form asks the participant what they
 * did to find work (Form 24) and posts it as `summary`; the API validates it and then drops it
 * (client/claims.ts reportClaim passes only `month` and `by`). What a person typed should be kept
 * (a case_texts row, as the decision reason and the termination note are) — or not asked for.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { addDays, monthOf } from '../../domain/calendar';
import { createClaimant } from '../setup/claimants';
import { testClock } from '../setup/harness';
import { apiFixture, bearer, type ApiFixture } from './fixture';

let f: ApiFixture;
beforeAll(async () => {
  f = await apiFixture('red-report-summary', { worker: true });
});
afterAll(async () => {
  await f?.close();
});

async function eventually<T>(read: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const end = performance.now() + timeoutMs;
  for (;;) {
    const last = await read();
    if (done(last)) return last;
    if (performance.now() > end) throw new Error(`never happened; last: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('red team: the job-search report summary', () => {
  it('keeps what the participant typed in the report', async () => {
    const officer = await f.token({ role: 'officer', subject: 'officer:red' });
    const filingDate = testClock.today();
    const terminationDate = addDays(filingDate, -7);
    const c = await createClaimant(f.tdb.db, {
      lastMonth: monthOf(terminationDate),
      months: 40,
      salary: 12_000_000,
      seed: 97_311,
    });
    const me = await f.token({ role: 'participant', personalId: c.personalId, level: 2 });
    const filed = await f.app.inject({
      method: 'POST',
      url: '/v1/claims',
      headers: bearer(officer),
      payload: {
        personalId: c.personalId,
        terminationDate,
        filingDate,
        region: 'I',
        contractMonths: 36,
        terminationReason: 'contract_expired',
      },
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const claimId = filed.json().claimId as string;
    const read = async () => (await f.app.inject({ url: `/v1/claims/${claimId}`, headers: bearer(me) })).json();
    await eventually(read, (s) => s.status === 'awaiting_decision');
    const approve = await f.app.inject({
      method: 'POST',
      url: `/v1/claims/${claimId}/decision`,
      headers: bearer(officer),
      payload: { decision: 'approve' },
    });
    expect(approve.statusCode, approve.body).toBe(200);
    await eventually(read, (s) => s.reportWindowFor === 1);

    const summary = 'Nộp hồ sơ tại 3 công ty — red-team-marker-7f3a';
    const report = await f.app.inject({
      method: 'POST',
      url: `/v1/claims/${claimId}/reports`,
      headers: bearer(me),
      payload: { month: 1, summary },
    });
    expect(report.statusCode, report.body).toBe(200);

    // Look for the text anywhere in the database (every text and jsonb column of every table).
    const cols = await queryRows<{ t: string; c: string }>(
      f.tdb.db,
      sql`select table_name as t, column_name as c from information_schema.columns
           where table_schema = 'public' and data_type in ('text', 'jsonb')`,
    );
    let found = 0;
    for (const { t, c: col } of cols) {
      const [r] = await queryRows<{ n: number }>(
        f.tdb.db,
        sql`select count(*)::int as n from ${sql.identifier(t)} where ${sql.identifier(col)}::text like ${'%red-team-marker-7f3a%'}`,
      );
      found += Number(r!.n);
    }
    expect(found, 'the summary the participant typed is stored nowhere').toBeGreaterThan(0);
  });
});
