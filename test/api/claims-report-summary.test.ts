/**
 * The monthly report's job-search summary (Form 24: what the participant did to find work), found
 * by the red team of issue #12 validated and then dropped. It is kept as a `case_texts` row of kind
 * `claim.report_summary`, written before the report's Update (which carries its id only), and linked
 * to its benefit month (`ui_claim_months.report_text_id`) by the activity that records the report;
 * a report the workflow refuses leaves no text behind.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { auditEvents, caseTexts, uiClaimMonths } from '../../db/schema';
import { addDays, monthOf } from '../../domain/calendar';
import { createClaimant } from '../setup/claimants';
import { testClock } from '../setup/harness';
import { apiFixture, bearer, type ApiFixture } from './fixture';

let f: ApiFixture;
beforeAll(async () => {
  f = await apiFixture('report-summary', { worker: true });
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

/** Every text and jsonb column of every table that holds `marker`, as `table.column`. */
async function foundIn(marker: string): Promise<string[]> {
  const cols = await queryRows<{ t: string; c: string }>(
    f.tdb.db,
    sql`select table_name as t, column_name as c from information_schema.columns
         where table_schema = 'public' and data_type in ('text', 'jsonb') order by 1, 2`,
  );
  const found: string[] = [];
  for (const { t, c: col } of cols) {
    const [r] = await queryRows<{ n: number }>(
      f.tdb.db,
      sql`select count(*)::int as n from ${sql.identifier(t)} where ${sql.identifier(col)}::text like ${'%' + marker + '%'}`,
    );
    if (Number(r!.n) > 0) found.push(`${t}.${col}`);
  }
  return found;
}

describe('the job-search report summary', () => {
  it('keeps what the participant typed, linked to the month it reports on; a refused report keeps nothing', async () => {
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

    const summary = 'Nộp hồ sơ tại 3 công ty — report-marker-7f3a';
    const report = await f.app.inject({
      method: 'POST',
      url: `/v1/claims/${claimId}/reports`,
      headers: bearer(me),
      payload: { month: 1, summary },
    });
    expect(report.statusCode, report.body).toBe(200);

    // Where the text is in the database: once, as the month's case text.
    expect(await foundIn('report-marker-7f3a')).toEqual(['case_texts.text']);
    const month1 = (await f.tdb.db.select().from(uiClaimMonths).where(eq(uiClaimMonths.claimId, claimId))).find(
      (m) => m.idx === 1,
    )!;
    expect(month1.status).not.toBe('scheduled');
    expect(month1.reportTextId).not.toBeNull();
    const [text] = await f.tdb.db.select().from(caseTexts).where(eq(caseTexts.id, month1.reportTextId!));
    expect(text).toMatchObject({ kind: 'claim.report_summary', text: summary });
    // The audit names the text by its id, as it does a termination's note.
    const audited = (await f.tdb.db.select().from(auditEvents).where(eq(auditEvents.subjectId, claimId))).find(
      (e) => e.action === 'claim.report',
    )!;
    expect(audited.details).toMatchObject({ month: 1, summaryId: month1.reportTextId });

    // The same month again: the workflow refuses it, and what was typed is withdrawn.
    const texts = (await f.tdb.db.select().from(caseTexts)).length;
    const again = await f.app.inject({
      method: 'POST',
      url: `/v1/claims/${claimId}/reports`,
      headers: bearer(me),
      payload: { month: 1, summary: 'Lần nữa — refused-marker-91c2' },
    });
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json()).toMatchObject({ code: 'ALREADY_REPORTED' });
    expect((await f.tdb.db.select().from(caseTexts)).length).toBe(texts);
    expect(await foundIn('refused-marker-91c2')).toEqual([]);
  });
});
