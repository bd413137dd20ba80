/**
 * Unemployment claims through the API, against the real server, real PostgreSQL and the shared
 * Temporal dev server with a worker running the claim and health-coverage workflows: filing,
 * intake, the officer's decision, the monthly job-search report and its payment, the UI-fund HI
 * card, termination at the participant's request, and the filings and callers that are refused.
 * Rules: Law 74/2025 Art.38–41; Decree 374/2025 Art.15, 19, 21 (rules §3, §8).
 *
 * @date-sensitive Claims are filed for today (the injected clock) and their workflows count days from it; they pass on any date.
 */
import { randomUUID } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import postgres from 'postgres';
import type { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../services/ledger';
import { rewriteEbooks, verifyEbooks } from '../../db/queries/ebooks';
import { hiCards, participants, uiClaimMonths, uiClaims } from '../../db/schema';
import { addDays, addMonths, firstDayOf, monthOf, type IsoDate } from '../../domain/calendar';
import { buildHiCardCode, hiBenefitLevel } from '../../domain/identifiers';
import { EMPLOYEE_HI_GROUP, EMPLOYEE_HI_LEVEL_DIGIT } from '../../domain/onboarding';
import type { claimStateSchema } from '../../domain/schemas';
import { decisionTimeline, reservedOnTermination } from '../../domain/unemployment';
import { createClaimant } from '../setup/claimants';
import { apiFixture, bearer, type ApiFixture } from './fixture';
import { testClock } from '../setup/harness';
import { payByBank } from '../setup/bank';

type ClaimView = z.infer<typeof claimStateSchema>;
type Reply = { statusCode: number; body: string; headers: Record<string, unknown> };

let f: ApiFixture;
let officer: string;
beforeAll(async () => {
  f = await apiFixture('claims', { worker: true });
  officer = await f.token({ role: 'officer', subject: 'officer:lan' });
});
afterAll(async () => {
  await f?.close();
});

const json = (r: { body: string }) => JSON.parse(r.body);
/** Today in Asia/Ho_Chi_Minh, as the server and the workflows count days. */
const today = (): IsoDate => testClock.today();

/**
 * A participant with `months` credited months of a 12,000,000 salary ending in the month of a
 * termination 7 days ago, the filing for today, and the participant's own VNeID level-2 token.
 * Seeds are this file's own: claim workflow ids derive from the personal ID, and the dev server
 * is shared with the other API test files.
 */
async function claimant(months: number, seed: number) {
  const filingDate = today();
  const terminationDate = addDays(filingDate, -7);
  const c = await createClaimant(f.tdb.db, { lastMonth: monthOf(terminationDate), months, salary: 12_000_000, seed });
  const filing = {
    personalId: c.personalId,
    terminationDate,
    filingDate,
    region: 'I',
    contractMonths: 36,
    terminationReason: 'contract_expired',
  };
  const token = await f.token({ role: 'participant', personalId: c.personalId, level: 2 });
  return { ...c, filing, token };
}

const fileClaim = (token: string, body: unknown) =>
  f.app.inject({ method: 'POST', url: '/v1/claims', headers: bearer(token), payload: body as object });
const post = (token: string, claimId: string, what: 'decision' | 'reports' | 'termination', body: unknown) =>
  f.app.inject({
    method: 'POST',
    url: `/v1/claims/${claimId}/${what}`,
    headers: bearer(token),
    payload: body as object,
  });

async function readClaim(token: string, claimId: string): Promise<ClaimView> {
  const r = await f.app.inject({ url: `/v1/claims/${claimId}`, headers: bearer(token) });
  expect(r.statusCode, r.body).toBe(200);
  return json(r) as ClaimView;
}

/** Polls until `done` holds (no fixed sleeps in assertions); fails with the last value seen. */
async function eventually<T>(
  what: string,
  read: () => Promise<T>,
  done: (v: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const end = performance.now() + timeoutMs;
  for (;;) {
    const last = await read();
    if (done(last)) return last;
    if (performance.now() > end) throw new Error(`${what} never happened; last: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A refusal: problem+json with the status and the stable machine-readable code. */
function expectProblem(r: Reply, status: number, code: string) {
  expect(r.statusCode, r.body).toBe(status);
  expect(String(r.headers['content-type'])).toMatch(/^application\/problem\+json/);
  expect(json(r)).toMatchObject({ status, code });
}

const claimRows = async (personalId?: string) =>
  Number(
    (
      await f.tdb.db
        .select({ n: count() })
        .from(uiClaims)
        .where(personalId ? eq(uiClaims.personalId, personalId) : undefined)
    )[0]!.n,
  );

describe('an eligible claim, from filing to termination at the participant’s request', () => {
  let p: Awaited<ReturnType<typeof claimant>>;
  let claimId = '';
  let state: ClaimView;

  beforeAll(async () => {
    p = await claimant(40, 81_001);
  });

  it('an officer files a claim (201); the same filing again is the same claim (200, created false); a different filing while it is open is 409 CLAIM_ALREADY_OPEN', async () => {
    const first = await fileClaim(officer, p.filing);
    expect(first.statusCode, first.body).toBe(201);
    expect(json(first)).toMatchObject({ created: true, status: 'intake' });
    claimId = json(first).claimId;
    expect(claimId).toMatch(/^[0-9a-f-]{36}$/);

    const again = await fileClaim(officer, p.filing);
    expect(again.statusCode, again.body).toBe(200);
    expect(json(again)).toMatchObject({ claimId, created: false });

    const other = await fileClaim(officer, { ...p.filing, terminationReason: 'mutual_agreement' });
    expectProblem(other, 409, 'CLAIM_ALREADY_OPEN');
    expect(await claimRows(p.personalId)).toBe(1);
  });

  it('intake shows the claim awaiting the decision: eligible on 40 credited months, 60 % of 12,000,000 = 7,200,000 a month for 3 months, with the 15-working-day deadline and what it waits for (Law 74/2025 Art.38–39)', async () => {
    state = await eventually(
      'intake',
      () => readClaim(officer, claimId),
      (s) => s.status === 'awaiting_decision',
    );
    expect(state).toMatchObject({
      claimId,
      law: 'LAW_74_2025',
      eligible: true,
      reasons: [],
      monthlyBenefit: '7200000',
      durationMonths: 3,
      decision: null,
    });
    expect(state.decisionDeadline).toBe(decisionTimeline(p.filing.filingDate, 'LAW_74_2025').deadline);
    expect(state.waitingFor).toContain('officer');
    expect(state.waitingFor).toContain(state.decisionDeadline);
    // The participant reads their own claim; the body never carries the personal ID.
    const own = await f.app.inject({ url: `/v1/claims/${claimId}`, headers: bearer(p.token) });
    expect(own.statusCode).toBe(200);
    expect(own.body).not.toContain(p.personalId);
  });

  it('only an officer decides: a participant is 403; the approval is 200 and a second decision is 409 WRONG_STATE', async () => {
    expectProblem(await post(p.token, claimId, 'decision', { decision: 'approve' }), 403, 'FORBIDDEN');
    const approve = await post(officer, claimId, 'decision', { decision: 'approve' });
    expect(approve.statusCode, approve.body).toBe(200);
    expect(json(approve)).toEqual({ accepted: true, status: 'active' });
    expectProblem(await post(officer, claimId, 'decision', { decision: 'approve' }), 409, 'WRONG_STATE');
    state = await eventually(
      'the approval',
      () => readClaim(officer, claimId),
      (s) => s.status === 'active' && s.months.length === 3,
    );
    expect(state.decision).toBe('approved');
  });

  it('health coverage continues at once: the UI fund’s HI card (level 4, 80 %) covers the benefit period and the coverage endpoint shows it (rules §1, §8)', async () => {
    const [first, , last] = state.months;
    const coverage = await eventually(
      'the UI-fund HI card',
      async () => {
        const r = await f.app.inject({
          url: `/v1/coverage?personalId=${p.personalId}&date=${state.startDate}`,
          headers: bearer(p.token),
        });
        expect(r.statusCode, r.body).toBe(200);
        return json(r);
      },
      (c) => c.valid === true,
    );
    expect(first!.from).toBe(state.startDate);
    expect(coverage.card).toMatchObject({
      payer: { kind: 'ui_fund', taxCode: null },
      benefitLevel: 80,
      validFrom: first!.from,
      validTo: last!.to,
      cardCode: expect.stringMatching(/^TN4/),
    });
  });

  it('the participant reports for benefit month 1 in its open window and the bank pays the month; a second report for it is 409 (Decree 374/2025 Art.21; rules §8.36)', async () => {
    state = await eventually(
      'the report window of month 1',
      () => readClaim(p.token, claimId),
      (s) => s.reportWindowFor === 1,
    );
    expect(state.waitingFor).toContain('report for benefit month 1');
    const report = await post(p.token, claimId, 'reports', { summary: 'applied to three employers' });
    expect(report.statusCode, report.body).toBe(200);
    expect(json(report)).toEqual({ accepted: true, month: 1, status: 'active', monthStatus: 'reported' });
    // Accepting the report closes the month's window at once, so the second attempt finds it closed.
    expectProblem(await post(p.token, claimId, 'reports', {}), 409, 'ALREADY_REPORTED');
    // The payment run instructs it and the bank's status report pays it.
    expect((await readClaim(p.token, claimId)).months[0]!.status).toBe('reported');
    expect(await payByBank(f.tdb.db, today())).toBe(1);

    state = await eventually(
      'the payment of month 1',
      () => readClaim(p.token, claimId),
      (s) => s.months[0]?.status === 'paid',
    );
    expect(state).toMatchObject({ status: 'active', monthsPaid: 1, monthsSuspended: 0, monthsRemaining: 2 });
    expect(state.months[0]!.paidOn).toBe(today());
    const [paid] = await f.tdb.db
      .select()
      .from(uiClaimMonths)
      .where(eq(uiClaimMonths.claimId, claimId))
      .orderBy(uiClaimMonths.idx);
    expect(paid).toMatchObject({ status: 'paid', amount: '7200000', hiContribution: '324000' }); // the UI fund’s HI share: 4.5 %
  });

  it('the participant may end their own benefit only at their own request: another ground is 403, own_request is 200, and the unused contribution months are reserved (Art.41(4)(n), (5))', async () => {
    expectProblem(await post(p.token, claimId, 'termination', { ground: 'new_job' }), 403, 'FORBIDDEN');
    const end = await post(p.token, claimId, 'termination', { ground: 'own_request' });
    expect(end.statusCode, end.body).toBe(200);
    expect(json(end)).toEqual({
      accepted: true,
      status: 'terminated',
      reservedMonths: reservedOnTermination(40, 1, 'own_request'),
    });

    state = await eventually(
      'the termination',
      () => readClaim(p.token, claimId),
      (s) => s.status === 'terminated' && s.reservedMonths !== null,
    );
    const reserved = reservedOnTermination(40, 1, 'own_request');
    expect(state).toMatchObject({ terminationGround: 'own_request', monthsPaid: 1, reservedMonths: reserved });
    expect(state.months.map((m) => m.status)).toEqual(['paid', 'cancelled', 'cancelled']);
    expect(
      await f.tdb.db
        .select({ status: uiClaims.status, reservedMonths: uiClaims.reservedMonths })
        .from(uiClaims)
        .where(eq(uiClaims.id, claimId)),
    ).toEqual([{ status: 'terminated', reservedMonths: reserved }]);
    // A closed claim takes no more reports.
    expectProblem(await post(p.token, claimId, 'reports', {}), 409, 'WRONG_STATE');
  });
});

describe('an ineligible claim', () => {
  it('fewer than 12 credited months cannot be approved (409 NOT_ELIGIBLE); a rejection needs a reason (REASON_REQUIRED) and with one it closes the claim (Art.38(1)(b))', async () => {
    const p = await claimant(11, 81_002);
    const filed = await fileClaim(officer, p.filing);
    expect(filed.statusCode, filed.body).toBe(201);
    const { claimId } = json(filed);
    const st = await eventually(
      'intake',
      () => readClaim(officer, claimId),
      (s) => s.status === 'awaiting_decision',
    );
    expect(st).toMatchObject({
      eligible: false,
      reasons: ['CONTRIBUTION_MONTHS_INSUFFICIENT'],
      monthlyBenefit: null,
      durationMonths: 0,
    });

    expectProblem(await post(officer, claimId, 'decision', { decision: 'approve' }), 409, 'NOT_ELIGIBLE');
    const noReason = await post(officer, claimId, 'decision', { decision: 'reject' });
    expectProblem(noReason, 400, 'REASON_REQUIRED');
    expect(json(noReason).field).toBe('reason');

    const reject = await post(officer, claimId, 'decision', {
      decision: 'reject',
      reason: 'fewer than 12 months paid in the last 24',
    });
    expect(reject.statusCode, reject.body).toBe(200);
    expect(json(reject)).toEqual({ accepted: true, status: 'rejected' });
    expect(
      await eventually(
        'the rejection',
        () => readClaim(p.token, claimId),
        (s) => s.status === 'rejected',
      ),
    ).toMatchObject({ decision: 'rejected', months: [], coverage: null });
    const [row] = await f.tdb.db.select().from(uiClaims).where(eq(uiClaims.id, claimId));
    expect(row).toMatchObject({
      status: 'rejected',
      decidedBy: 'officer:lan',
      decisionReason: 'fewer than 12 months paid in the last 24',
    });
  });
});

describe('refused filings and callers', () => {
  it('a malformed filing is a 400 problem with the failing rule’s code and field, and stores nothing', async () => {
    const p = await claimant(24, 81_003);
    const before = await claimRows();
    const cases: [string, object, string, string][] = [
      ['invalid personal ID', { ...p.filing, personalId: '12345' }, 'INVALID_PERSONAL_ID', 'personalId'],
      [
        'filed before the termination',
        { ...p.filing, filingDate: addDays(p.filing.terminationDate, -1) },
        'FILING_BEFORE_TERMINATION',
        'filingDate',
      ],
      [
        'unknown termination reason',
        { ...p.filing, terminationReason: 'bored' },
        'INVALID_TERMINATION_REASON',
        'terminationReason',
      ],
      // An unknown key fails the strict body as a whole: zod's generic issue, named in the detail.
      ['an extra field', { ...p.filing, monthlyBenefit: 99_000_000 }, 'INVALID_INPUT', 'body'],
    ];
    for (const [label, body, code, field] of cases) {
      const r = await fileClaim(officer, body);
      expect(r.statusCode, label).toBe(400);
      expect(String(r.headers['content-type']), label).toMatch(/^application\/problem\+json/);
      expect(json(r), label).toMatchObject({ status: 400, code });
      expect(json(r).field, label).toBe(field);
      expect(json(r).detail, label).not.toContain(p.personalId);
    }
    expect(json(await fileClaim(officer, { ...p.filing, monthlyBenefit: 1 })).detail).toContain('monthlyBenefit');
    // Well formed, but nobody with that personal ID is insured.
    expectProblem(await fileClaim(officer, { ...p.filing, personalId: '001190999999' }), 404, 'PARTICIPANT_NOT_FOUND');
    expect(await claimRows()).toBe(before);
  });

  it('a claim id that is not a UUID is 400 INVALID_CLAIM_ID; an unknown one is 404 NOT_FOUND', async () => {
    expectProblem(
      await f.app.inject({ url: '/v1/claims/not-a-uuid', headers: bearer(officer) }),
      400,
      'INVALID_CLAIM_ID',
    );
    expectProblem(
      await f.app.inject({ url: `/v1/claims/${randomUUID()}`, headers: bearer(officer) }),
      404,
      'NOT_FOUND',
    );
    expectProblem(await post(officer, randomUUID(), 'decision', { decision: 'approve' }), 404, 'NOT_FOUND');
  });

  it('a participant may file only for themselves: a filing for someone else is 403 and stores nothing', async () => {
    const me = await claimant(24, 81_004);
    const someoneElse = await claimant(24, 81_005);
    expectProblem(await fileClaim(me.token, someoneElse.filing), 403, 'FORBIDDEN');
    expect(await claimRows(someoneElse.personalId)).toBe(0);
    // …and may read nothing of theirs either.
    const theirs = await fileClaim(officer, someoneElse.filing);
    expect(theirs.statusCode, theirs.body).toBe(201);
    const { claimId } = json(theirs);
    expectProblem(await f.app.inject({ url: `/v1/claims/${claimId}`, headers: bearer(me.token) }), 403, 'FORBIDDEN');
    await eventually(
      'intake',
      () => readClaim(officer, claimId),
      (s) => s.status === 'awaiting_decision',
    );
    expect((await post(officer, claimId, 'decision', { decision: 'reject', reason: 'test cleanup' })).statusCode).toBe(
      200,
    );
  });

  it('an employer — even the claimant’s own — is 403 on every claim endpoint and changes nothing', async () => {
    const p = await claimant(40, 81_006);
    const employer = await f.token({ role: 'employer', taxCode: p.taxCode });
    expectProblem(await fileClaim(employer, p.filing), 403, 'FORBIDDEN');
    expect(await claimRows(p.personalId)).toBe(0);

    const filed = await fileClaim(officer, p.filing);
    expect(filed.statusCode, filed.body).toBe(201);
    const { claimId } = json(filed);
    await eventually(
      'intake',
      () => readClaim(officer, claimId),
      (s) => s.status === 'awaiting_decision',
    );
    expectProblem(await f.app.inject({ url: `/v1/claims/${claimId}`, headers: bearer(employer) }), 403, 'FORBIDDEN');
    expectProblem(await post(employer, claimId, 'decision', { decision: 'approve' }), 403, 'FORBIDDEN');
    expectProblem(await post(employer, claimId, 'reports', {}), 403, 'FORBIDDEN');
    expectProblem(await post(employer, claimId, 'termination', { ground: 'new_job' }), 403, 'FORBIDDEN');
    expect(await readClaim(officer, claimId)).toMatchObject({ status: 'awaiting_decision', decision: null });
    expect((await post(officer, claimId, 'decision', { decision: 'reject', reason: 'test cleanup' })).statusCode).toBe(
      200,
    );
  });
});

describe('a claim filed while the previous one is still closing', () => {
  /*
   * Every claim of a person runs under the same workflow id (claim:ui:<keyed hash of the personal
   * ID>): it is the "one claim at a time" lock. Between the moment the previous claim is closed in
   * the database and the moment its workflow closes (here: its health-coverage child still ending
   * the card; in production: a worker outage in that gap), a new filing must not be left in intake
   * without a workflow: it is withdrawn and refused with 409, and succeeds once the workflow closed.
   */
  it('is refused with 409 CLAIM_ALREADY_OPEN and leaves nothing behind; filed again once the previous workflow closed, it reaches the officer’s decision', async () => {
    const p = await claimant(40, 81_007);
    const a = json(await fileClaim(officer, p.filing)).claimId as string;
    await eventually(
      'intake of the first claim',
      () => readClaim(officer, a),
      (s) => s.status === 'awaiting_decision',
    );
    expect((await post(officer, a, 'decision', { decision: 'approve' })).statusCode).toBe(200);
    const [first] = await f.tdb.db.select().from(uiClaims).where(eq(uiClaims.id, a));
    await eventually(
      'the UI-fund HI card',
      () => f.tdb.db.select().from(hiCards).where(eq(hiCards.personalId, p.personalId)),
      (cards) => cards.some((c) => c.payerKind === 'ui_fund'),
    );

    // Hold the card's row: the coverage child cannot end the card, so the first workflow stays open.
    const locker = postgres(f.tdb.url, { max: 1, onnotice: () => {} });
    let release = () => {};
    const released = new Promise<void>((r) => (release = r));
    let holdingLock = () => {};
    const locked = new Promise<void>((r) => (holdingLock = r));
    const holding = locker.begin(async (tx) => {
      await tx`select id from hi_cards where personal_id = ${p.personalId} and payer_kind = 'ui_fund' for update`;
      holdingLock();
      await released;
    });
    let b = '';
    try {
      await locked;
      expect((await post(p.token, a, 'termination', { ground: 'own_request' })).statusCode).toBe(200);
      await eventually(
        'the first claim closed in the database',
        () => f.tdb.db.select({ status: uiClaims.status }).from(uiClaims).where(eq(uiClaims.id, a)),
        ([r]) => r?.status === 'terminated',
      );
      const early = await fileClaim(officer, p.filing);
      expectProblem(early, 409, 'CLAIM_ALREADY_OPEN');
      expect(
        await f.tdb.db
          .select()
          .from(uiClaims)
          .where(and(eq(uiClaims.personalId, p.personalId), eq(uiClaims.status, 'intake'))),
      ).toEqual([]);
    } finally {
      release();
      await holding;
      await locker.end();
    }
    await eventually(
      'the first workflow closed',
      () => f.client.workflow.getHandle(first!.workflowId).describe(),
      (d) => d.status.name !== 'RUNNING',
    );
    const again = await fileClaim(officer, p.filing);
    expect(again.statusCode, again.body).toBe(201);
    b = json(again).claimId;
    const st = await eventually(
      'intake of the second claim',
      () => readClaim(officer, b),
      (s) => s.status === 'awaiting_decision',
    );
    expect(st).toMatchObject({ claimId: b, eligible: true });
  });
});

describe('a closed claim read from the database', () => {
  /*
   * Once a claim's workflow id names the person's next claim, GET /v1/claims/{id} answers from the
   * database (client/claims.ts claimState). It must answer what the workflow answered.
   */
  it('shows the same state as its workflow did, its UI-fund coverage included, after the person’s next claim has started', async () => {
    const p = await claimant(40, 81_008);
    // Like every employee, the claimant held the employer's HI card until the contract ended.
    const [person] = await f.tdb.db.select().from(participants).where(eq(participants.personalId, p.personalId));
    await f.tdb.db.transaction(async (tx) => {
      await tx.insert(hiCards).values({
        cardCode: buildHiCardCode(EMPLOYEE_HI_GROUP, EMPLOYEE_HI_LEVEL_DIGIT, '01', person!.siNumber),
        personalId: p.personalId,
        payerKind: 'employer',
        payerTaxCode: p.taxCode,
        levelDigit: EMPLOYEE_HI_LEVEL_DIGIT,
        benefitLevel: hiBenefitLevel(EMPLOYEE_HI_LEVEL_DIGIT),
        validFrom: firstDayOf(addMonths(monthOf(p.filing.terminationDate), -39)),
        validTo: p.filing.terminationDate,
      });
      await rewriteEbooks(tx, [p.personalId]);
    });

    const a = json(await fileClaim(officer, p.filing)).claimId as string;
    await eventually(
      'intake',
      () => readClaim(officer, a),
      (s) => s.status === 'awaiting_decision',
    );
    expect((await post(officer, a, 'decision', { decision: 'approve' })).statusCode).toBe(200);
    await eventually(
      'the report window of month 1',
      () => readClaim(p.token, a),
      (s) => s.reportWindowFor === 1,
    );
    expect((await post(p.token, a, 'reports', {})).statusCode).toBe(200);
    await payByBank(f.tdb.db, today());
    await eventually(
      'the payment of month 1',
      () => readClaim(p.token, a),
      (s) => s.monthsPaid === 1,
    );
    expect((await post(p.token, a, 'termination', { ground: 'own_request' })).statusCode).toBe(200);
    const [row] = await f.tdb.db.select().from(uiClaims).where(eq(uiClaims.id, a));
    await eventually(
      'the workflow closed',
      () => f.client.workflow.getHandle(row!.workflowId).describe(),
      (d) => d.status.name !== 'RUNNING',
    );
    // A closed workflow still answers its query: its final state, coverage ended.
    const fromWorkflow = await readClaim(officer, a);
    expect(fromWorkflow).toMatchObject({ status: 'terminated', coverage: { validFrom: fromWorkflow.startDate } });

    // The next claim of the same person: its workflow takes over the id.
    const next = await fileClaim(officer, p.filing);
    expect(next.statusCode, next.body).toBe(201);
    const b = json(next).claimId as string;
    await eventually(
      'intake of the next claim',
      () => readClaim(officer, b),
      (s) => s.status === 'awaiting_decision',
    );

    const fromDatabase = await readClaim(officer, a);
    expect((await post(officer, b, 'decision', { decision: 'reject', reason: 'test cleanup' })).statusCode).toBe(200);
    expect(fromDatabase).toEqual(fromWorkflow);
  });
});

describe('answers describe the state after the action', () => {
  /*
   * Each answer is read back at once, without polling: what an endpoint answered is what the
   * claim then is. The decision's answer used to come at acceptance, before the workflow had
   * written it and opened the first report window, so a report sent right after was refused.
   */
  it('re-filing answers the claim’s own status; the approval answers once the claim is active with its first window open, so a report sent at once is accepted; the termination answers terminated', async () => {
    const p = await claimant(40, 81_009);
    const first = await fileClaim(officer, p.filing);
    expect(json(first)).toMatchObject({ created: true, status: 'intake' });
    const { claimId } = json(first);
    await eventually(
      'intake',
      () => readClaim(officer, claimId),
      (s) => s.status === 'awaiting_decision',
    );
    expect(json(await fileClaim(officer, p.filing))).toEqual({ claimId, created: false, status: 'awaiting_decision' });

    const approve = await post(officer, claimId, 'decision', { decision: 'approve' });
    expect(json(approve)).toEqual({ accepted: true, status: 'active' });
    expect(await readClaim(officer, claimId)).toMatchObject({
      status: 'active',
      decision: 'approved',
      reportWindowFor: 1,
    });
    const report = await post(p.token, claimId, 'reports', {});
    expect(report.statusCode, report.body).toBe(200);
    expect(json(report)).toEqual({ accepted: true, month: 1, status: 'active', monthStatus: 'reported' });
    expect(['reported', 'paid']).toContain((await readClaim(p.token, claimId)).months[0]!.status);
    expect(json(await fileClaim(officer, p.filing))).toEqual({ claimId, created: false, status: 'active' });

    const end = await post(p.token, claimId, 'termination', { ground: 'own_request' });
    expect(json(end)).toEqual({
      accepted: true,
      status: 'terminated',
      reservedMonths: reservedOnTermination(40, 1, 'own_request'),
    });
    expect(await readClaim(officer, claimId)).toMatchObject({ status: 'terminated', terminationGround: 'own_request' });
    await payByBank(f.tdb.db, today()); // the month owed is paid: the workflow closes
  });

  it('a rejection answers rejected, and the claim reads rejected at once', async () => {
    const p = await claimant(11, 81_010);
    const { claimId } = json(await fileClaim(officer, p.filing));
    await eventually(
      'intake',
      () => readClaim(officer, claimId),
      (s) => s.status === 'awaiting_decision',
    );
    const reject = await post(officer, claimId, 'decision', { decision: 'reject', reason: 'fewer than 12 months' });
    expect(json(reject)).toEqual({ accepted: true, status: 'rejected' });
    expect(await readClaim(officer, claimId)).toMatchObject({ status: 'rejected', decision: 'rejected' });
    expect(await f.tdb.db.select({ status: uiClaims.status }).from(uiClaims).where(eq(uiClaims.id, claimId))).toEqual([
      { status: 'rejected' },
    ]);
  });
});

describe('the books after every claim above', () => {
  it('each e-book still matches its records and the contribution ledger balances', async () => {
    // Every activity rewrites the e-book in its own transaction: the books are consistent at any moment.
    expect((await verifyEbooks(f.tdb.db)).mismatches).toEqual([]);
    expect((await verifyLedger(f.tdb.db)).problems).toEqual([]);
  });
});
