/**
 * In a real browser (Debian's Chromium, playwright-core) against the real server on a port, real
 * PostgreSQL and the shared Temporal dev server (issue #15): an employer uploads a D02-LT list with
 * one bad row, sees the row's finding (line, column, both languages' text in the page's), fixes the
 * file, previews it (nothing written), then submits the same file from the preview; the salary is
 * then declared. No critical accessibility violation (axe-core); screenshots in test-artifacts/console/.
 * @date-sensitive The salary change is declared from this month (the test clock's; the fixture's
 * employees start in 2026-10, so from then on); it passes on any later date.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { count, eq } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declarations, employments, salaryHistory } from '../../db/schema';
import { monthOf } from '../../domain/calendar';
import { testClock } from '../setup/harness';
import { apiFixture, type ApiFixture } from '../api/fixture';
import { csvOf } from '../services/d02-helpers';
import { expectNoCriticalA11y, launchBrowser, newContext, shot } from './browser';

let f: ApiFixture;
let browser: Browser;
let base = '';
/** This month, as the form writes it (mm/yyyy); not before the employees' first month. */
const month = (() => {
  const m = monthOf(testClock.today()) < '2026-10' ? '2026-10' : monthOf(testClock.today());
  return { iso: m, form: `${m.slice(5)}/${m.slice(0, 4)}` };
})();
const dir = mkdtempSync(path.join(tmpdir(), 'ansinh-d02-browser-'));
beforeAll(async () => {
  f = await apiFixture('console-d02-browser', { console: true });
  await f.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(f.app.server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await f?.close();
});

describe('an employer uploads a D02-LT file in the browser', () => {
  it(
    'sees a bad row’s finding, previews the fixed file (nothing written), and submits it',
    { timeout: 180_000 },
    async () => {
      const context = await newContext(browser, { baseURL: base });
      const page = await context.newPage();
      const tax = f.a.employer.taxCode;
      const e = f.a.employees[1]!;
      const declared = async () => (await f.tdb.db.select({ n: count() }).from(declarations))[0]!.n;

      await page.goto('/console/signin');
      await page.selectOption('#role', 'employer');
      await page.fill('#taxCode', tax);
      await page.press('#taxCode', 'Enter');
      await page.waitForURL('**/console/employer');
      await page.getByRole('link', { name: 'Tệp D02-LT', exact: true }).click();
      await page.waitForURL('**/console/employer/file');
      await expectNoCriticalA11y(page);

      const bad = path.join(dir, 'd02-bad.csv');
      writeFileSync(
        bad,
        csvOf([
          { no: 1, fullName: 'x', personalId: e.personalId, salary: '18.000.00', fromMonth: month.form, action: 'DC' },
        ]),
      );
      await page.setInputFiles('#d02-file', bad);
      await page.getByRole('button', { name: 'Xem trước' }).click();
      const outcome = page.locator('#d02-outcome');
      await expect.poll(() => outcome.textContent()).toContain('D02_AMOUNT_FORMAT');
      expect(await outcome.textContent()).toContain('Hệ số/Mức lương');
      expect(await outcome.textContent()).toContain('Số tiền là số đồng nguyên');
      expect(await page.getByRole('button', { name: /^Gửi/ }).count()).toBe(0);
      await expectNoCriticalA11y(page);
      await shot(page, 'employer-d02-finding');

      const good = path.join(dir, 'd02.csv');
      writeFileSync(
        good,
        csvOf([
          { no: 1, fullName: 'x', personalId: e.personalId, salary: '18.000.000', fromMonth: month.form, action: 'DC' },
        ]),
      );
      await page.setInputFiles('#d02-file', good);
      await page.getByRole('button', { name: 'Xem trước' }).click();
      await expect.poll(() => outcome.textContent()).toContain('1 dòng: 1 khai báo, 0 dòng không đổi, 0 lỗi.');
      expect(await outcome.textContent()).toContain('18.000.000');
      expect(await declared()).toBe(0);
      await expectNoCriticalA11y(page);
      await shot(page, 'employer-d02-preview');

      await page.getByRole('button', { name: 'Gửi 1 khai báo' }).click();
      await expect.poll(() => outcome.textContent()).toContain('Đã ghi nhận 1 khai báo.');
      expect(await declared()).toBe(1);
      const [job] = await f.tdb.db.select().from(employments).where(eq(employments.personalId, e.personalId));
      expect(await f.tdb.db.select().from(salaryHistory).where(eq(salaryHistory.employmentId, job!.id))).toContainEqual(
        expect.objectContaining({ effectiveMonth: month.iso, amount: '18000000' }),
      );
      await shot(page, 'employer-d02-submitted');

      // The employee list to edit, in the same layout.
      const download = await page.request.get('/console/employer/file/employees.csv');
      expect(download.status()).toBe(200);
      expect((await download.text()).startsWith('\ufeffSTT,Họ và tên')).toBe(true);
      await context.close();
    },
  );
});
