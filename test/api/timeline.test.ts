/**
 * A claim's timeline and its evaluation as the officer's claim page reads them (issue 12):
 * GET /v1/claims/{id}/timeline lists the claim's audit events oldest first with who did each (a
 * role and an opaque subject, the claimant as "the claimant"), a page at a time, access-logged;
 * GET /v1/claims/{id} carries the filing and each eligibility condition with the articles of the
 * claim's law, and the amount's working (the months averaged, the cap).
 *
 * @date-sensitive Claims are filed for today (the injected clock); they pass on any date.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../../db/queries/audit';
import { accessLog, auditEvents } from '../../db/schema';
import { addDays, monthOf } from '../../domain/calendar';
import { testClock } from '../setup/harness';
import { createClaimant } from '../setup/claimants';
import { apiFixture, bearer, type ApiFixture } from './fixture';

let f: ApiFixture;
let officer: string;
beforeAll(async () => {
  f = await apiFixture('timeline', { worker: true });
  officer = await f.token({ role: 'officer', subject: 'officer:hoa' });
});
afterAll(async () => {
  await f?.close();
});

const json = (r: { body: string }) => JSON.parse(r.body);

async function claimant(months: number, seed: number) {
  const filingDate = testClock.today();
  const terminationDate = addDays(filingDate, -7);
  const c = await createClaimant(f.tdb.db, { lastMonth: monthOf(terminationDate), months, salary: 12_000_000, seed });
  const token = await f.token({ role: 'participant', personalId: c.personalId, level: 2 });
  const filing = {
    personalId: c.personalId,
    terminationDate,
    filingDate,
    region: 'I',
    contractMonths: 36,
    terminationReason: 'contract_expired',
  };
  return { ...c, token, filing };
}

async function awaitingDecision(token: string, claimId: string) {
  for (let i = 0; i < 400; i++) {
    const s = json(await f.app.inject({ url: `/v1/claims/${claimId}`, headers: bearer(token) }));
    if (s.status === 'awaiting_decision') return s;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the claim never reached the decision');
}

describe("a claim's timeline", () => {
  let p: Awaited<ReturnType<typeof claimant>>;
  let claimId = '';

  beforeAll(async () => {
    p = await claimant(40, 82_001);
    // The participant files for themselves; the officer approves.
    const filed = await f.app.inject({
      method: 'POST',
      url: '/v1/claims',
      headers: bearer(p.token),
      payload: p.filing,
    });
    expect(filed.statusCode, filed.body).toBe(201);
    claimId = json(filed).claimId;
    await awaitingDecision(officer, claimId);
  });

  it('the claim state carries the claimant (name and SI number, never the personal ID), the filing, each condition with the articles of its law (Law 74/2025 Art.38(1)), and the amount: the 6 months averaged, the cap (Art.39(1))', async () => {
    const s = json(await f.app.inject({ url: `/v1/claims/${claimId}`, headers: bearer(officer) }));
    expect(s.facts).toMatchObject({
      claimant: { fullName: 'Người Thử Nghiệm', siNumber: expect.stringMatching(/^\d{10}$/) },
      filingDate: p.filing.filingDate,
      terminationDate: p.filing.terminationDate,
      terminationReason: 'contract_expired',
      contractMonths: 36,
      decidedOn: null,
    });
    expect(JSON.stringify(s)).not.toContain(p.personalId);
    const e = s.evaluation;
    expect(e.conditions.map((c: { condition: string }) => c.condition)).toEqual([
      'lawful_termination',
      'not_eligible_for_pension',
      'contribution_months',
      'filed_in_time',
      'no_new_covered_job',
      'no_active_claim',
    ]);
    expect(e.conditions.every((c: { ok: boolean; code: string | null }) => c.ok && c.code === null)).toBe(true);
    const months = e.conditions.find((c: { condition: string }) => c.condition === 'contribution_months');
    expect(months.citations).toEqual(['Law 74/2025 Art.38(1)(b)']);
    // Only the claim's own law is cited (no Law 38/2013 beside Law 74/2025).
    expect(e.conditions.flatMap((c: { citations: string[] }) => c.citations).join(' ')).not.toContain('Law 38/2013');
    expect(e.averagedMonths).toHaveLength(6);
    expect(e.averagedMonths[0]).toBe(monthOf(p.filing.terminationDate));
    expect(e).toMatchObject({ averageSalary: '12000000', monthlyBenefit: '7200000', capped: false, durationMonths: 3 });
    expect(e.citations.average).toContain('Law 74/2025 Art.39(1)');
    expect(e.citations.cap).toContain('Law 74/2025 Art.39(1)');
  });

  it('lists what happened, oldest first, with who did it: filed by the claimant (no subject), evaluated by the system, approved by the officer', async () => {
    const ok = await f.app.inject({
      method: 'POST',
      url: `/v1/claims/${claimId}/decision`,
      headers: bearer(officer),
      payload: { decision: 'approve' },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const r = await f.app.inject({ url: `/v1/claims/${claimId}/timeline`, headers: bearer(officer) });
    expect(r.statusCode, r.body).toBe(200);
    const page = json(r);
    const actions = page.items.map((e: { action: string }) => e.action);
    expect(actions.slice(0, 3)).toEqual(['claim.filed', 'claim.evaluated', 'claim.approved']);
    expect(page.items[0].actor).toEqual({ kind: 'participant', subject: null });
    expect(page.items[1].actor).toEqual({ kind: 'system', subject: 'system:intake' });
    expect(page.items[1].details).toEqual({ eligible: true, reasons: [] });
    expect(page.items[2].actor).toEqual({ kind: 'officer', subject: 'officer:hoa' });
    // The claimant's personal ID appears nowhere (a development subject would carry it).
    expect(r.body).not.toContain(p.personalId);
    const ats = page.items.map((e: { at: string }) => e.at);
    expect([...ats].sort()).toEqual(ats);
    expect(page.nextCursor).toBeNull();
  });

  it('pages with a cursor, one event at a time, to the same list', async () => {
    const all = json(await f.app.inject({ url: `/v1/claims/${claimId}/timeline`, headers: bearer(officer) })).items;
    const seen: unknown[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `?limit=1&cursor=${cursor}` : '?limit=1';
      const page = json(await f.app.inject({ url: `/v1/claims/${claimId}/timeline${q}`, headers: bearer(officer) }));
      expect(page.items.length).toBeLessThanOrEqual(1);
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
    const bad = await f.app.inject({ url: `/v1/claims/${claimId}/timeline?cursor=%21%21`, headers: bearer(officer) });
    expect(bad.statusCode).toBe(400);
  });

  it('the claimant reads their own timeline (access-logged); another participant gets 403 for it and for a claim that does not exist', async () => {
    const logged = () =>
      f.tdb.db
        .select()
        .from(accessLog)
        .where(and(eq(accessLog.personalId, p.personalId), eq(accessLog.purpose, 'GET /v1/claims/:id/timeline')));
    const before = (await logged()).length;
    const own = await f.app.inject({ url: `/v1/claims/${claimId}/timeline`, headers: bearer(p.token) });
    expect(own.statusCode, own.body).toBe(200);
    expect((await logged()).length).toBe(before + 1);

    const other = await f.token({ role: 'participant', personalId: f.a.employees[0]!.personalId, level: 2 });
    expect((await f.app.inject({ url: `/v1/claims/${claimId}/timeline`, headers: bearer(other) })).statusCode).toBe(
      403,
    );
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await f.app.inject({ url: `/v1/claims/${missing}/timeline`, headers: bearer(other) })).statusCode).toBe(
      403,
    );
    const r404 = await f.app.inject({ url: `/v1/claims/${missing}/timeline`, headers: bearer(officer) });
    expect(r404.statusCode).toBe(404);
    expect((await logged()).length).toBe(before + 1);
  });
});

describe('a rejection in the audit and the timeline', () => {
  it('is written as claim.rejected (it was once "claim.rejectd"), and an event written so before reads claim.rejected', async () => {
    const p = await claimant(6, 82_002);
    const filed = await f.app.inject({
      method: 'POST',
      url: '/v1/claims',
      headers: bearer(officer),
      payload: p.filing,
    });
    const claimId = json(filed).claimId;
    await awaitingDecision(officer, claimId);
    const r = await f.app.inject({
      method: 'POST',
      url: `/v1/claims/${claimId}/decision`,
      headers: bearer(officer),
      payload: { decision: 'reject', reason: 'fewer than 12 months paid' },
    });
    expect(r.statusCode, r.body).toBe(200);
    const actions = async () =>
      (
        await f.tdb.db
          .select({ action: auditEvents.action })
          .from(auditEvents)
          .where(and(eq(auditEvents.subjectType, 'claim'), eq(auditEvents.subjectId, claimId)))
          .orderBy(auditEvents.id)
      ).map((e) => e.action);
    expect(await actions()).toEqual(['claim.filed', 'claim.evaluated', 'claim.rejected']);

    await audit(f.tdb.db, { actor: 'officer:old', action: 'claim.rejectd', subjectType: 'claim', subjectId: claimId });
    const page = json(await f.app.inject({ url: `/v1/claims/${claimId}/timeline`, headers: bearer(officer) }));
    expect(page.items.map((e: { action: string }) => e.action)).toEqual([
      'claim.filed',
      'claim.evaluated',
      'claim.rejected',
      'claim.rejected',
    ]);
  });
});
