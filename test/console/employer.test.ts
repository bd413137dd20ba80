/**
 * The employer's console pages through the real server and database (the same requests a browser
 * makes; test/console/employer.browser.test.ts drives Chromium): the unit and its onboarding
 * status, its employees, a hire declared with one bad row — the row's error shown beside it, the
 * other rows kept, nothing written — then fixed and submitted; the months after a reconciliation;
 * a transfer announced; another employer's data never reachable.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReconciliationActivities } from '../../activities/reconciliation';
import { queryRows } from '../../db/client';
import { declarations, employments } from '../../db/schema';
import { apiFixture, type ApiFixture } from '../api/fixture';
import { csrfOf, getWith, postForm, type Jar } from './jar';

let f: ApiFixture;
beforeAll(async () => {
  f = await apiFixture('console-employer', { console: true });
});
afterAll(async () => {
  await f?.close();
});

const get = (jar: Jar, url: string, headers: Record<string, string> = {}) => getWith(f.app, jar, url, headers);
const post = (jar: Jar, url: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
  postForm(f.app, jar, url, form, headers);
/** Signs an employer in through the development sign-in; the jar then holds its session. */
async function signIn(taxCode: string): Promise<Jar> {
  const jar: Jar = new Map();
  const csrf = csrfOf((await get(jar, '/console/signin')).body);
  const res = await post(jar, '/console/signin', { role: 'employer', taxCode, _csrf: csrf, next: '/console' });
  expect(res.statusCode, res.body).toBe(303);
  expect(res.headers.location).toBe('/console/employer');
  return jar;
}
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

describe("the employer's console", () => {
  let jar: Jar;
  beforeAll(async () => {
    jar = await signIn(f.a.employer.taxCode);
  });

  it('shows the unit and where its onboarding stands, with the navigation of its pages', async () => {
    const res = await get(jar, '/console/employer');
    expect(res.statusCode).toBe(200);
    const body = text(res.body);
    expect(body).toContain(f.a.employer.name);
    expect(body).toContain(f.a.employer.taxCode);
    expect(body).toContain('Đang hoạt động');
    expect(res.body).toContain('id="onboarding-status"');
    for (const href of ['/console/employer/employees', '/console/employer/declare', '/console/employer/months'])
      expect(res.body).toContain(`href="${href}"`);
  });

  it('lists its employees (and only its own)', async () => {
    const res = await get(jar, '/console/employer/employees');
    expect(res.statusCode).toBe(200);
    for (const e of f.a.employees) expect(res.body).toContain(e.personalId);
    for (const e of f.b.employees) expect(res.body).not.toContain(e.personalId);
  });

  it('a hire with one bad row: the row’s error beside its field, the other rows kept, nothing written; fixed, it is recorded', async () => {
    const form = await get(jar, '/console/employer/declare?kind=hire');
    expect(form.statusCode).toBe(200);
    const csrf = csrfOf(form.body);
    const month = f.a.employees[0]!.startMonth;
    const good = {
      r0_personalId: '001190123451',
      r0_fullName: 'Lý Thị Hoa',
      r0_dateOfBirth: '1990-04-02',
      r0_gender: 'female',
      r0_startMonth: month,
      r0_salary: '9.500.000',
      r0_jobTitle: 'Kế toán',
      r0_contractType: 'indefinite',
    };
    const bad = {
      r1_personalId: '00119012345', // 11 digits
      r1_fullName: 'Trần Văn Bảo',
      r1_dateOfBirth: '1990-07-09',
      r1_gender: 'male',
      r1_startMonth: month,
      r1_salary: '8000000',
      r1_jobTitle: 'Lái xe',
      r1_contractType: 'fixed_term_12_36',
    };
    const before = await f.tdb.db.select().from(declarations);
    const refused = await post(jar, '/console/employer/declare', {
      _csrf: csrf,
      kind: 'hire',
      rows: '3',
      ...good,
      ...bad,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('id="declare-errors"');
    // The error is on row 2's personal ID, in the page's language, and what was typed is still there.
    expect(refused.body).toMatch(
      /id="r1_personalId"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="r1_personalId"/,
    );
    expect(refused.body).toContain('id="r1_personalId-error"');
    expect(text(refused.body)).toContain('Dòng 2, Số định danh cá nhân: số định danh cá nhân gồm đúng 12 chữ số');
    expect(refused.body).not.toMatch(/id="r0_personalId"[^>]*aria-invalid/);
    expect(refused.body).toContain('value="Lý Thị Hoa"');
    expect(refused.body).toContain('value="00119012345"');
    expect(await f.tdb.db.select().from(declarations)).toEqual(before);

    const fixed = await post(jar, '/console/employer/declare', {
      _csrf: csrfOf(refused.body),
      kind: 'hire',
      rows: '3',
      ...good,
      ...bad,
      r1_personalId: '001090123452',
    });
    expect(fixed.statusCode, text(fixed.body)).toBe(200);
    expect(text(fixed.body)).toContain('Đã ghi nhận 2 khai báo.');
    const hired = await f.tdb.db
      .select({ personalId: employments.personalId })
      .from(employments)
      .where(eq(employments.employerTaxCode, f.a.employer.taxCode));
    expect(hired.map((h) => h.personalId)).toEqual(expect.arrayContaining(['001190123451', '001090123452']));
  });

  it('an error the service finds (a salary change for someone it does not employ) is shown on its row too; an empty form is refused', async () => {
    const csrf = csrfOf((await get(jar, '/console/employer/declare?kind=salary_change')).body);
    const res = await post(jar, '/console/employer/declare', {
      _csrf: csrf,
      kind: 'salary_change',
      rows: '2',
      r1_personalId: f.b.employees[0]!.personalId,
      r1_effectiveMonth: f.a.employees[0]!.startMonth,
      r1_salary: '9000000',
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('id="r1_personalId-error"');
    expect(text(res.body)).toContain('người này không làm việc tại đơn vị trong tháng đó');
    const empty = await post(jar, '/console/employer/declare', { _csrf: csrfOf(res.body), kind: 'leave', rows: '3' });
    expect(empty.statusCode).toBe(400);
    expect(text(empty.body)).toContain('Hãy điền ít nhất một dòng.');
    const more = await post(jar, '/console/employer/declare', {
      _csrf: csrfOf(empty.body),
      kind: 'leave',
      rows: '3',
      add: '1',
    });
    expect(more.body).toContain('id="r3_personalId"');
  });

  it('shows its months as reconciled, and announces a transfer', async () => {
    await createReconciliationActivities({ db: f.tdb.db }).reconcileEmployers({
      period: '2026-10',
      asOf: '2026-12-05',
      after: '',
      upTo: null,
      limit: 100,
      workflowId: 'reconciliation:console-employer',
      runId: 'r1',
    });
    const [row] = await queryRows<{ due: string }>(
      f.tdb.db,
      sql`select due::text as due from employer_periods where employer_tax_code = ${f.a.employer.taxCode} and period = '2026-10'`,
    );
    const months = await get(jar, '/console/employer/months');
    expect(months.statusCode).toBe(200);
    expect(months.body).toContain('data-period="2026-10"');
    const due = Number(row!.due).toLocaleString('de-DE'); // 1.234.567, as Vietnamese groups digits
    expect(text(months.body)).toContain(`${due} ₫`);
    expect(months.body).toContain('id="credit-held"');

    const page = await get(jar, '/console/employer/transfers');
    const res = await post(jar, '/console/employer/transfers', {
      _csrf: csrfOf(page.body),
      amount: '1.000.000',
      expectedValueDate: '2026-11-20',
      reference: 'CONSOLE-0001',
    });
    expect(res.statusCode, text(res.body)).toBe(200);
    expect(text(res.body)).toContain('Đã báo chuyển khoản CONSOLE-0001.');
    expect(text(res.body)).toContain('Chờ sao kê ngân hàng');
    const bad = await post(jar, '/console/employer/transfers', {
      _csrf: csrfOf(res.body),
      amount: 'abc',
      expectedValueDate: '2026-11-20',
      reference: 'CONSOLE-0002',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('role="alert"');
  });

  it('speaks English on the switch: labels and the row errors from the catalog', async () => {
    const en: Jar = await signIn(f.a.employer.taxCode);
    await get(en, '/console/lang/en?back=%2Fconsole%2Femployer%2Fdeclare');
    const form = await get(en, '/console/employer/declare?kind=unpaid_leave');
    expect(form.body).toMatch(/<html lang="en">/);
    expect(text(form.body)).toContain('Month of unpaid leave');
    const res = await post(en, '/console/employer/declare', {
      _csrf: csrfOf(form.body),
      kind: 'unpaid_leave',
      rows: '1',
      r0_personalId: f.a.employees[0]!.personalId,
      r0_month: '2026-13',
    });
    expect(res.statusCode).toBe(400);
    expect(text(res.body)).toContain('Row 1, Month of unpaid leave: not a month (YYYY-MM)');
  });

  it("is for employers only, and never shows another employer's data", async () => {
    const officer: Jar = new Map();
    const csrf = csrfOf((await get(officer, '/console/signin')).body);
    await post(officer, '/console/signin', { role: 'officer', _csrf: csrf });
    expect((await get(officer, '/console/employer')).statusCode).toBe(403);
    const anonymous = await get(new Map(), '/console/employer/months');
    expect(anonymous.statusCode).toBe(303);
    const b = await signIn(f.b.employer.taxCode);
    const theirs = await get(b, '/console/employer/employees');
    for (const e of f.a.employees) expect(theirs.body).not.toContain(e.personalId);
  });
});
