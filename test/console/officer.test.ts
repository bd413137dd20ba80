/**
 * The officer's console pages through the real server, database and a worker (no browser: the
 * flow in Chromium is officer.browser.test.ts): the claim page (facts, each condition with its
 * article, the amount's working, the timeline with who did what), the decision form (a refusal of
 * the workflow's validator shown on the form with its 4xx, an accepted one showing the new state,
 * CSRF required), the onboarding page with approve and reject, the participant's page, and the
 * officer's pages refused to a participant's or an employer's session.
 *
 * @date-sensitive Claims are filed for today (the injected clock); they pass on any date.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLog, uiClaims } from '../../db/schema';
import { addDays, monthOf } from '../../domain/calendar';
import { sampleSubmission } from '../../dev/sample';
import { apiFixture, bearer, type ApiFixture } from '../api/fixture';
import { createClaimant } from '../setup/claimants';
import { testClock } from '../setup/harness';
import { csrfOf, getWith, postForm, type Jar } from './jar';

let f: ApiFixture;
let officerToken: string;

beforeAll(async () => {
  f = await apiFixture('console-officer', { console: true, worker: true });
  officerToken = await f.token({ role: 'officer', subject: 'officer:lan' });
});
afterAll(async () => {
  await f?.close();
});

const json = (r: { body: string }) => JSON.parse(r.body);

const get = (jar: Jar, url: string, headers: Record<string, string> = {}) => getWith(f.app, jar, url, headers);
const post = (jar: Jar, url: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
  postForm(f.app, jar, url, form, headers);
/** Signs in through the development form; returns the jar and a CSRF token of the session. */
async function signIn(role: string, extra: Record<string, string> = {}) {
  const jar: Jar = new Map();
  const csrf = csrfOf((await get(jar, '/console/signin')).body);
  const res = await post(jar, '/console/signin', { role, _csrf: csrf, ...extra });
  expect(res.statusCode, res.body).toBe(303);
  return jar;
}
const csrfFor = async (jar: Jar, url: string) => csrfOf((await get(jar, url)).body);

async function claimant(months: number, seed: number) {
  const filingDate = testClock.today();
  const terminationDate = addDays(filingDate, -7);
  const c = await createClaimant(f.tdb.db, { lastMonth: monthOf(terminationDate), months, salary: 12_000_000, seed });
  const filed = await f.app.inject({
    method: 'POST',
    url: '/v1/claims',
    headers: bearer(officerToken),
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
  const claimId: string = json(filed).claimId;
  for (let i = 0; i < 400; i++) {
    const s = json(await f.app.inject({ url: `/v1/claims/${claimId}`, headers: bearer(officerToken) }));
    if (s.status === 'awaiting_decision') break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return { ...c, claimId };
}

const claimStatus = async (claimId: string) =>
  (await f.tdb.db.select({ status: uiClaims.status }).from(uiClaims).where(eq(uiClaims.id, claimId)))[0]!.status;

describe("the officer's claim page", () => {
  let eligible: Awaited<ReturnType<typeof claimant>>;
  let ineligible: Awaited<ReturnType<typeof claimant>>;
  let jar: Jar;

  beforeAll(async () => {
    eligible = await claimant(40, 87_001);
    ineligible = await claimant(6, 87_002);
    jar = await signIn('officer');
  });

  it('shows the facts, each condition with its article and result, the amount with the months averaged and the cap, and the timeline with who did it', async () => {
    const page = await get(jar, `/console/officer/claims/${eligible.claimId}`);
    expect(page.statusCode, page.body).toBe(200);
    const html = page.body;
    expect(html).toContain('Hồ sơ hưởng trợ cấp thất nghiệp');
    expect(html).toContain('chờ quyết định');
    expect(html).toContain('hết hạn hợp đồng');
    // Whose claim it is (name and SI number, never the personal ID), linked to the search for them.
    expect(html).toMatch(/href="\/console\/officer\/participants\?q=\d{10}" id="claimant">Người Thử Nghiệm</);
    expect(html).not.toContain(eligible.personalId);
    // Six conditions, each passed, with the article of Law 74/2025.
    expect(html.match(/data-condition="/g)).toHaveLength(6);
    expect(html).toContain('Law 74/2025 Art.38(1)(b)');
    expect(html.match(/class="badge ok">Đạt</g)).toHaveLength(6);
    expect(html).toContain('Đủ điều kiện hưởng');
    // Each condition's finding and what the claim waits for are written in Vietnamese from codes
    // and figures (issue #13), dates day first; not the English sentences of the state.
    expect(html).toContain('không loại trừ quyền hưởng.');
    expect(html).toMatch(/tháng đóng trong 24 tháng từ \d{2}\/\d{4} đến \d{2}\/\d{4}; cần ít nhất 12 tháng\./);
    expect(html).toMatch(/Nộp hồ sơ ngày \d{2}\/\d{2}\/\d{4}, trong vòng 3 tháng/);
    expect(html).toContain('trong 10 ngày làm việc kể từ khi nộp hồ sơ');
    expect(html).toMatch(/Chờ quyết định của cán bộ \(hạn theo luật \d{2}\/\d{2}\/\d{4}\)/);
    expect(html).not.toContain('which does not exclude the benefit');
    expect(html).not.toContain("the officer's decision");
    // The amount: 60 % of 12,000,000 = 7,200,000 over the last 6 months, below the cap.
    expect(html).toContain('Bình quân tiền lương của 6 tháng đã đóng gần nhất');
    expect(html).toContain('12.000.000 ₫');
    expect(html).toContain('id="monthly-benefit">7.200.000 ₫');
    expect(html).toContain('Chưa vượt mức trần');
    expect(html).toContain('Law 74/2025 Art.39(1)');
    // The timeline: filed by the officer, evaluated by the system.
    expect(html).toContain('data-action="claim.filed"');
    expect(html).toContain('Cán bộ officer:lan');
    expect(html).toContain('data-action="claim.evaluated"');
    expect(html).toContain('Hệ thống (system:intake)');
    // The decision form, with its CSRF token.
    expect(html).toContain('id="decision-form"');
    expect(csrfOf(html)).not.toBe('');
    // And in English on the switch.
    await get(jar, '/console/lang/en?back=%2Fconsole');
    const en = await get(jar, `/console/officer/claims/${eligible.claimId}`);
    expect(en.body).toContain('Unemployment benefit claim');
    expect(en.body).toContain('At least 12 months paid in the 24 months');
    expect(en.body).toContain('which does not exclude the benefit.');
    expect(en.body).toMatch(
      /The officer&#x27;s decision \(legal deadline \d{4}-\d{2}-\d{2}\)|The officer's decision \(legal deadline \d{4}-\d{2}-\d{2}\)/,
    );
    await get(jar, '/console/lang/vi?back=%2Fconsole');
  });

  it('a decision without the CSRF token is refused (403) and decides nothing', async () => {
    const res = await post(jar, `/console/officer/claims/${eligible.claimId}/decision`, { decision: 'approve' });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('Biểu mẫu đã cũ');
    expect(await claimStatus(eligible.claimId)).toBe('awaiting_decision');
  });

  it('an approval the validator refuses (409 NOT_ELIGIBLE) shows its reason on the form, with the failed condition on the page', async () => {
    const csrf = await csrfFor(jar, `/console/officer/claims/${ineligible.claimId}`);
    const res = await post(jar, `/console/officer/claims/${ineligible.claimId}/decision`, {
      decision: 'approve',
      _csrf: csrf,
    });
    expect(res.statusCode).toBe(409);
    const form = res.body.slice(res.body.indexOf('id="decision-form"'));
    expect(form).toContain('class="problem" role="alert"');
    expect(form).toContain('Mã lỗi: NOT_ELIGIBLE');
    expect(res.body).toContain('CONTRIBUTION_MONTHS_INSUFFICIENT');
    // The failed condition in Vietnamese, with its figures; the refusal's detail from the catalog.
    expect(res.body).toMatch(/\d+ tháng đóng trong 24 tháng/);
    expect(form).toContain('Không đủ điều kiện hưởng.');
    expect(res.body).toContain('Không đủ điều kiện hưởng');
    expect(await claimStatus(ineligible.claimId)).toBe('awaiting_decision');
  });

  it('a rejection without a reason is refused on the form (400 REASON_REQUIRED), keeping the choice; with one it closes the claim', async () => {
    const csrf = await csrfFor(jar, `/console/officer/claims/${ineligible.claimId}`);
    const res = await post(jar, `/console/officer/claims/${ineligible.claimId}/decision`, {
      decision: 'reject',
      reason: '  ',
      _csrf: csrf,
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('REASON_REQUIRED');
    expect(res.body).toMatch(/id="decision-reject" name="decision" value="reject" checked/);
    const ok = await post(jar, `/console/officer/claims/${ineligible.claimId}/decision`, {
      decision: 'reject',
      reason: 'chỉ có 6 tháng đóng <b>BHTN</b>',
      _csrf: csrf,
    });
    expect(ok.statusCode, ok.body).toBe(303);
    const page = await get(jar, ok.headers.location as string);
    expect(page.body).toContain('Đã ghi quyết định. Trạng thái hồ sơ: đã từ chối.');
    expect(page.body).toContain('chỉ có 6 tháng đóng &lt;b>BHTN&lt;/b>');
    expect(page.body).not.toContain('id="decision-form"');
    expect(page.body).toContain('data-action="claim.rejected"');
    expect(page.body).toContain('Từ chối hồ sơ');
  });

  it('an accepted approval shows the new state, the benefit months and the approval in the timeline', async () => {
    const csrf = await csrfFor(jar, `/console/officer/claims/${eligible.claimId}`);
    const res = await post(jar, `/console/officer/claims/${eligible.claimId}/decision`, {
      decision: 'approve',
      _csrf: csrf,
    });
    expect(res.statusCode, res.body).toBe(303);
    expect(res.headers.location).toBe(`/console/officer/claims/${eligible.claimId}?decided=active`);
    const page = await get(jar, res.headers.location as string);
    expect(page.body).toContain('Trạng thái hồ sơ: đang hưởng.');
    expect(page.body).toContain('id="claim-status">đang hưởng');
    expect(page.body).toContain('Các tháng hưởng');
    expect(page.body).toContain('data-action="claim.approved"');
    expect(await claimStatus(eligible.claimId)).toBe('active');
    // A second decision is refused by the workflow, on the page (the form is gone: 409 WRONG_STATE).
    const again = await post(jar, `/console/officer/claims/${eligible.claimId}/decision`, {
      decision: 'approve',
      _csrf: csrf,
    });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('WRONG_STATE');
  });

  it('an unknown claim is a 404 page; an id that is no id too', async () => {
    const missing = await get(jar, '/console/officer/claims/00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('Không tìm thấy trang này.');
    expect((await get(jar, '/console/officer/claims/not-a-claim')).statusCode).toBe(404);
  });
});

describe("the officer's pages are the officer's", () => {
  it('a participant or an employer session is refused every officer page (403), and a visitor is sent to sign in', async () => {
    const participant = await signIn('participant', { personalId: f.a.employees[0]!.personalId });
    const employer = await signIn('employer', { taxCode: f.a.employer.taxCode });
    for (const url of [
      '/console/officer',
      '/console/officer/claims/00000000-0000-4000-8000-000000000000',
      '/console/officer/onboardings',
      `/console/officer/onboardings/${f.a.employer.taxCode}`,
      '/console/officer/participants?q=nguyen',
      `/console/officer/participants/${f.a.employees[0]!.personalId}`,
    ]) {
      for (const jar of [participant, employer]) {
        const res = await get(jar, url);
        expect(res.statusCode, url).toBe(403);
        expect(res.body).toContain('Bạn không có quyền xem trang này.');
      }
      const visitor = await get(new Map(), url);
      expect(visitor.statusCode).toBe(303);
      expect(visitor.headers.location).toMatch(/^\/console\/signin\?next=/);
    }
    const csrf = await csrfFor(employer, '/console/signin');
    const res = await post(employer, '/console/officer/claims/00000000-0000-4000-8000-000000000000/decision', {
      decision: 'approve',
      _csrf: csrf,
    });
    expect(res.statusCode).toBe(403);
  });
});

describe("the officer's onboarding page", () => {
  it('shows the progress, refuses a too-short reason on the reject form (400), and approves', async () => {
    const sub = sampleSubmission(87_100, 2, { startMonth: '2026-11' });
    const r = await f.app.inject({
      method: 'POST',
      url: '/v1/onboardings',
      headers: bearer(officerToken),
      payload: sub,
    });
    expect(r.statusCode, r.body).toBe(202);
    const tax = sub.employer.taxCode;
    for (let i = 0; i < 200; i++) {
      const g = await f.app.inject({ url: `/v1/onboardings/onboarding:${tax}`, headers: bearer(officerToken) });
      if (g.statusCode === 200 && json(g).state === 'awaiting_decision') break;
      await new Promise((res) => setTimeout(res, 25));
    }
    const jar = await signIn('officer');
    const page = await get(jar, `/console/officer/onboardings/${tax}`);
    expect(page.statusCode, page.body).toBe(200);
    expect(page.body).toContain('id="onboarding-state">chờ duyệt');
    expect(page.body).toContain('role="progressbar"');
    expect(page.body).toContain('id="approve-form"');
    const csrf = csrfOf(page.body);

    const short = await post(jar, `/console/officer/onboardings/${tax}/decision`, {
      decision: 'reject',
      reason: 'x',
      _csrf: csrf,
    });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('class="problem" role="alert"');
    expect(short.body).toContain('id="onboarding-state">chờ duyệt');

    const ok = await post(jar, `/console/officer/onboardings/${tax}/decision`, { decision: 'approve', _csrf: csrf });
    expect(ok.statusCode, ok.body).toBe(303);
    const after = await get(jar, ok.headers.location as string);
    expect(after.body).toContain('Đã ghi quyết định.');
    expect(after.body).not.toContain('id="approve-form"');

    const again = await post(jar, `/console/officer/onboardings/${tax}/decision`, { decision: 'approve', _csrf: csrf });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('WRONG_STATE');
  });
});

describe("the participant's page", () => {
  it('shows the e-book in words (identity, employments, months, cards) and the read is access-logged', async () => {
    const jar = await signIn('officer');
    const person = f.a.employees[0]!;
    const logged = () =>
      f.tdb.db
        .select()
        .from(accessLog)
        .where(and(eq(accessLog.personalId, person.personalId), eq(accessLog.role, 'officer')));
    const before = (await logged()).length;
    const page = await get(jar, `/console/officer/participants/${person.personalId}`);
    expect(page.statusCode, page.body).toBe(200);
    expect(page.body).toContain(`id="participant-name">${person.fullName}`);
    expect(page.body).toContain('Quá trình làm việc');
    expect(page.body).toContain('Thẻ BHYT');
    // Two reads of the person's data, each logged: the e-book and the bank account (issue 14 part 4).
    expect((await logged()).length).toBe(before + 2);
    expect((await get(jar, '/console/officer/participants/123')).statusCode).toBe(404);
  });
});
