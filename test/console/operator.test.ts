/**
 * The operator's console pages (issue #12) through the real server, database and dev server
 * (no browser: test/console/operator.browser.test.ts drives Chromium): a run started from the form
 * and followed by the live fragment until its bar is full and the polling stops, a refused period
 * shown on the form, the schedule applied from its button, the three verify buttons' results in
 * place (and what they find once something is broken), the arrears chart with its figures, the
 * stalled list; an officer is refused every page.
 *
 * Period 2027-09 is this file's own (workflow ids are `reconciliation:<period>` on a shared server).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { formatMoney } from '../../messages/format';
import { apiFixture, type ApiFixture } from '../api/fixture';
import { csrfOf, getWith, postForm, type Jar } from './jar';

const PERIOD = '2027-09';

let f: ApiFixture;

beforeAll(async () => {
  f = await apiFixture('console-operator', { console: true, worker: true });
});
afterAll(async () => {
  await f?.close();
});

const get = (jar: Jar, url: string, headers: Record<string, string> = {}) => getWith(f.app, jar, url, headers);
const post = (jar: Jar, url: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
  postForm(f.app, jar, url, form, headers);

async function signIn(role: string): Promise<{ jar: Jar; csrf: string }> {
  const jar: Jar = new Map();
  const csrf = csrfOf((await get(jar, '/console/signin')).body);
  const res = await post(jar, '/console/signin', { role, _csrf: csrf, next: '/console' });
  expect(res.statusCode).toBe(303);
  const home = await get(jar, res.headers.location as string);
  return { jar, csrf: csrfOf(home.body) || csrf };
}

let op: { jar: Jar; csrf: string };

describe('the operator console', () => {
  beforeAll(async () => {
    op = await signIn('operator');
  });

  it('lands on its page: the start form, no runs yet, the schedule not applied, three verify buttons, its menu', async () => {
    const page = await get(op.jar, '/console/operator');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Chạy đối soát một kỳ');
    expect(page.body).toContain('Chưa có lần đối soát nào.');
    expect(page.body).toContain('Lịch chưa được thiết lập');
    for (const k of ['ebooks', 'ledger', 'audit'])
      expect(page.body).toContain(`hx-post="/console/operator/verify/${k}"`);
    expect(page.body).toContain('href="/console/operator/stalled"');
    expect(page.body).toContain('href="/console/operator/arrears"');
    expect(page.body).toMatch(/<a href="\/console\/operator" aria-current="page">/);
  });

  it('shows a refused period on the form, with its code, keeping what was typed', async () => {
    const res = await post(op.jar, '/console/operator/reconciliations', { _csrf: op.csrf, period: '2027-13' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('class="problem"');
    expect(res.body).toMatch(/Mã lỗi: [A-Z_]+/);
    expect(res.body).toContain('value="2027-13"');
  });

  it('starts a run from the form and follows it: the fragment polls every 2 s while it runs and stops with a full bar', async () => {
    const res = await post(op.jar, '/console/operator/reconciliations', { _csrf: op.csrf, period: PERIOD });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/console/operator?started=${PERIOD}`);
    const page = await get(op.jar, res.headers.location as string);
    expect(page.body).toContain('Đã bắt đầu đối soát kỳ 09/2027.');
    let fragment = page.body;
    // Until the run is listed (visibility lags) or while it runs, the fragment asks again.
    if (!/data-status="completed"/.test(fragment)) expect(fragment).toContain('hx-trigger="every 2s"');
    for (let i = 0; i < 100 && !/data-status="completed"/.test(fragment); i++) {
      await new Promise((r) => setTimeout(r, 200));
      const r = await get(op.jar, `/console/operator/runs?started=${PERIOD}`, { 'hx-request': 'true' });
      expect(r.statusCode).toBe(200);
      fragment = r.body;
      expect(fragment).not.toContain('<html');
      if (!/data-status="completed"/.test(fragment)) expect(fragment).toContain('hx-trigger="every 2s"');
    }
    expect(fragment).toContain('data-status="completed"');
    expect(fragment).toContain(
      '<progress class="run-progress" max="100" value="100" aria-label="Tiến độ đối soát kỳ 09/2027">100%</progress>',
    );
    expect(fragment).toContain('Đơn vị: 2 / 2');
    expect(fragment).toContain('Người lao động: 7 / 7');
    expect(fragment).not.toContain('hx-trigger');
    // The page itself shows the finished run with its totals, and polls nothing.
    const after = await get(op.jar, '/console/operator');
    expect(after.body).toContain('Kỳ 09/2027');
    expect(after.body).toContain('Hoàn thành');
    expect(after.body).not.toContain('hx-trigger');
  });

  it('applies the schedule from its button and describes it', async () => {
    const res = await post(op.jar, '/console/operator/schedule', { _csrf: op.csrf });
    expect(res.statusCode).toBe(303);
    try {
      const page = await get(op.jar, res.headers.location as string);
      expect(page.body).toContain(`Đã tạo lịch monthly-reconciliation:${f.taskQueue}.`);
      expect(page.body).toContain('Ngày 1 hằng tháng, lúc 02:00 (Asia/Ho_Chi_Minh)');
      expect(page.body).toContain('Đang hoạt động');
      // A notice of the URL's choosing is not shown.
      const forged = await get(op.jar, '/console/operator?applied=created&id=' + encodeURIComponent('call 1900 now'));
      expect(forged.body).not.toContain('call 1900 now');
    } finally {
      await f.client.schedule.getHandle(`monthly-reconciliation:${f.taskQueue}`).delete();
    }
  });

  it('runs each verification in place (htmx fragment) and, without htmx, on the whole page', async () => {
    for (const kind of ['ebooks', 'ledger', 'audit']) {
      const r = await post(
        op.jar,
        `/console/operator/verify/${kind}`,
        {},
        { 'hx-request': 'true', 'x-csrf-token': op.csrf },
      );
      expect(r.statusCode, r.body).toBe(200);
      expect(r.body).not.toContain('<html');
      expect(r.body).toContain('Không có sai lệch');
    }
    const full = await post(op.jar, '/console/operator/verify/ledger', { _csrf: op.csrf });
    expect(full.statusCode).toBe(200);
    expect(full.body).toMatch(/^<!doctype html>/);
    expect(full.body).toMatch(/id="verify-ledger-result"[^>]*>.*Không có sai lệch/s);
  });

  it('shows what a verification finds: the count, and the first findings without a full personal ID', async () => {
    const [book] = await queryRows<{ personal_id: string; root: string }>(
      f.tdb.db,
      sql`select personal_id, root from ebooks limit 1`,
    );
    await f.tdb.db.execute(sql`update ebooks set root = repeat('0', 64) where personal_id = ${book!.personal_id}`);
    const [m] = await queryRows<{ personal_id: string; employer_tax_code: string }>(
      f.tdb.db,
      sql`select personal_id, employer_tax_code from contribution_months where period = ${PERIOD} limit 1`,
    );
    await f.tdb.db.execute(
      sql`update contribution_months set status = 'credited' where personal_id = ${m!.personal_id} and period = ${PERIOD}`,
    );
    try {
      const e = await post(
        op.jar,
        '/console/operator/verify/ebooks',
        {},
        { 'hx-request': 'true', 'x-csrf-token': op.csrf },
      );
      // The stored hash no longer matches the content, nor the book's version history.
      expect(e.body).toMatch(/<p class="big-answer bad">[1-9]\d* sai lệch<\/p>/);
      expect(e.body).toContain('hash_differs');
      expect(e.body).toContain(`…${book!.personal_id.slice(-4)}`);
      expect(e.body).not.toContain(book!.personal_id);
      const l = await post(
        op.jar,
        '/console/operator/verify/ledger',
        {},
        { 'hx-request': 'true', 'x-csrf-token': op.csrf },
      );
      expect(l.body).toContain('1 sai lệch');
      expect(l.body).toContain(`${m!.employer_tax_code} · ${PERIOD}`);
      expect(l.body).not.toContain(m!.personal_id);
    } finally {
      await f.tdb.db.execute(sql`update ebooks set root = ${book!.root} where personal_id = ${book!.personal_id}`);
      await f.tdb.db.execute(
        sql`update contribution_months set status = 'declared_unpaid' where personal_id = ${m!.personal_id} and period = ${PERIOD}`,
      );
    }
  });

  it('refuses a verification without its CSRF token', async () => {
    const r = await post(op.jar, '/console/operator/verify/ledger', {}, { 'hx-request': 'true' });
    expect(r.statusCode).toBe(403);
  });

  it('draws the arrears by month as an SVG with a title, a description and the same figures in a table', async () => {
    const res = await get(op.jar, `/console/operator/arrears?from=2027-07&to=2027-10`);
    expect(res.statusCode).toBe(200);
    const [s] = await queryRows<{ outstanding: string; late: string; n: number }>(
      f.tdb.db,
      sql`select sum(outstanding)::text as outstanding, sum(late_charge)::text as late,
                 (count(*) filter (where outstanding > 0))::int as n from employer_periods where period = ${PERIOD}`,
    );
    const html = res.body;
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="arrears-title arrears-desc"/);
    expect(html).toContain('<title id="arrears-title">Biểu đồ nợ đóng từ 07/2027 đến 10/2027</title>');
    expect(html).toContain(`Cao nhất: 09/2027, ${formatMoney('vi', s!.outstanding)} còn nợ.`);
    // A pair of bars per month; only September has a height.
    expect(html.match(/class="bar-outstanding"/g)).toHaveLength(4);
    expect(html).toMatch(/<g class="month" data-period="2027-08"><rect class="bar-outstanding"[^>]*height="0"/);
    expect(html).toMatch(/<g class="month" data-period="2027-09"><rect class="bar-outstanding"[^>]*height="(?!0")/);
    const row = new RegExp(
      `<tr data-period="2027-09"><th scope="row">09/2027</th><td class="num">${escape(formatMoney('vi', s!.outstanding))}</td><td class="num">${escape(formatMoney('vi', s!.late))}</td><td class="num">${s!.n} / 2</td></tr>`,
    );
    expect(html).toMatch(row);
    expect(html).toContain(
      '<tr data-period="2027-10"><th scope="row">10/2027</th><td class="num">0 ₫</td><td class="num">0 ₫</td><td class="num">0 / 0</td></tr>',
    );
    // A reversed range is the API's refusal, on the page.
    const bad = await get(op.jar, `/console/operator/arrears?from=2027-10&to=2027-07`);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('INVALID_RANGE');
    // In English, the same chart speaks English.
    const en = new Map(op.jar);
    en.set('ansinh_lang', 'en');
    expect((await get(en, `/console/operator/arrears?from=2027-07&to=2027-10`)).body).toContain(
      '<title id="arrears-title">Arrears from 2027-07 to 2027-10</title>',
    );
  });

  it('lists the stalled cases from GET /v1/tasks/stalled: kind, case, who must act, how many working days late', async () => {
    const empty = await get(op.jar, '/console/operator/stalled');
    expect(empty.statusCode, empty.body).toBe(200);
    expect(empty.body).toContain('Không có hồ sơ nào quá hạn.');
    // An employer's wait, due long ago (the projection's row, as an activity would write it).
    await f.tdb
      .sql!`insert into tasks (dedupe_key, kind, queue, actor, due_date, employer_tax_code, province_code, escalated_at)
                      values ('test:stalled:1', 'onboarding.approval', 'onboarding:79', 'officer', '2020-01-02',
                              ${f.a.employer.taxCode}, '79', now())`;
    const res = await get(op.jar, '/console/operator/stalled');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).toContain('1 hồ sơ quá hạn');
    expect(res.body).toContain('Duyệt hồ sơ đơn vị');
    expect(res.body).toContain('đã chuyển cấp trên');
    expect(res.body).toContain(`Đơn vị ${f.a.employer.taxCode}`);
    expect(res.body).toContain('02/01/2020');
    expect(res.body).toMatch(/<dd class="overdue">\d+ ngày làm việc<\/dd>/);
  });
});

describe('an officer', () => {
  it('is refused every operator page and action (403), and the API refuses it too', async () => {
    const officer = await signIn('officer');
    for (const url of [
      '/console/operator',
      '/console/operator/runs',
      '/console/operator/stalled',
      '/console/operator/arrears',
    ]) {
      const r = await get(officer.jar, url);
      expect(r.statusCode, url).toBe(403);
      expect(r.body).toContain('Bạn không có quyền xem trang này.');
    }
    const v = await post(officer.jar, '/console/operator/verify/ledger', { _csrf: officer.csrf });
    expect(v.statusCode).toBe(403);
    const s = await post(officer.jar, '/console/operator/reconciliations', { _csrf: officer.csrf, period: PERIOD });
    expect(s.statusCode).toBe(403);
  });

  it('a visitor without a session is sent to sign in (htmx: by HX-Redirect)', async () => {
    const jar: Jar = new Map();
    const page = await get(jar, '/console/operator');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/console/signin?next=%2Fconsole%2Foperator');
    const frag = await get(jar, '/console/operator/runs', { 'hx-request': 'true' });
    expect(frag.statusCode).toBe(401);
    expect(frag.headers['hx-redirect']).toMatch(/^\/console\/signin\?next=/);
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
