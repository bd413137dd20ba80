/**
 * In a real browser (Debian's Chromium, playwright-core) at a phone's width, against the real
 * server listening on a port, real PostgreSQL and the shared Temporal dev server: an employer
 * signs in, declares a hire with one bad row, sees the row's error beside it, fixes it, and
 * submits — both people are then employed. Keyboard only on the form; no critical accessibility
 * violation (axe-core) on the pages it sees; screenshots in test-artifacts/console/.
 */
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { employments } from '../../db/schema';
import { apiFixture, type ApiFixture } from '../api/fixture';
import { expectNoCriticalA11y, launchBrowser, newContext, shot } from './browser';

let f: ApiFixture;
let browser: Browser;
let base = '';
beforeAll(async () => {
  f = await apiFixture('console-employer-browser', { console: true });
  await f.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(f.app.server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await f?.close();
});

describe('an employer in the browser', () => {
  it('declares a hire with one bad row, sees the row’s error, fixes it, and submits', async () => {
    const context = await newContext(browser, { phone: true, baseURL: base });
    const page = await context.newPage();
    const tax = f.a.employer.taxCode;
    const month = f.a.employees[0]!.startMonth;

    // Sign in (the development sign-in: a role and its binding).
    await page.goto('/console/signin');
    await page.selectOption('#role', 'employer');
    await page.fill('#taxCode', tax);
    await page.press('#taxCode', 'Enter');
    await page.waitForURL('**/console/employer');
    await expect.poll(() => page.textContent('main')).toContain(f.a.employer.name);
    await expectNoCriticalA11y(page);
    await shot(page, 'employer-home');

    // To the declarations (a hire is the first form).
    await page.getByRole('link', { name: 'Khai báo', exact: true }).click();
    await page.waitForURL('**/console/employer/declare');
    await expectNoCriticalA11y(page);

    // Row 1 right, row 2 with an 11-digit personal ID; typed with the keyboard, Tab from field to field.
    const typeRow = async (row: number, values: string[]) => {
      await page.focus(`#r${row}_personalId`);
      for (const [i, v] of values.entries()) {
        if (i > 0) await page.keyboard.press('Tab');
        if (v.startsWith('select:')) await page.keyboard.press(v.slice('select:'.length));
        else await page.keyboard.type(v);
      }
    };
    await typeRow(0, [
      '001190223451',
      'Lý Thị Hoa',
      '1990-04-02',
      'select:ArrowDown', // Nữ
      month,
      '9.500.000',
      'Kế toán',
    ]);
    await typeRow(1, ['00109022345', 'Trần Văn Bảo', '1990-07-09', 'select:Home', month, '8000000', 'Lái xe']);
    await page.getByRole('button', { name: 'Gửi tờ khai' }).click();

    // The error is on row 2's personal ID: beside the field and in the list at the top; row 1 kept.
    const summary = page.locator('#declare-errors');
    await expect.poll(() => summary.isVisible()).toBe(true);
    expect(await summary.textContent()).toContain(
      'Dòng 2, Số định danh cá nhân: số định danh cá nhân gồm đúng 12 chữ số',
    );
    expect(await page.getAttribute('#r1_personalId', 'aria-invalid')).toBe('true');
    expect(await page.getAttribute('#r0_personalId', 'aria-invalid')).toBeNull();
    expect(await page.textContent('#r1_personalId-error')).toContain('12 chữ số');
    expect(await page.inputValue('#r0_fullName')).toBe('Lý Thị Hoa');
    expect(await page.inputValue('#r0_gender')).toBe('female');
    expect(await page.inputValue('#r1_personalId')).toBe('00109022345');
    expect(await f.tdb.db.select().from(employments).where(eq(employments.personalId, '001190223451'))).toEqual([]);
    await expectNoCriticalA11y(page);
    await shot(page, 'employer-declare-row-error');

    // The error's link leads to the field; fixed, the form goes again.
    await summary.getByRole('link').first().click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('r1_personalId');
    await page.fill('#r1_personalId', '001090223452');
    await page.keyboard.press('Enter');
    const done = page.locator('#declare-done');
    await expect.poll(() => done.isVisible()).toBe(true);
    expect(await done.textContent()).toContain('Đã ghi nhận 2 khai báo.');
    expect(await page.locator('#declare-errors').count()).toBe(0);
    await shot(page, 'employer-declare-submitted');

    const hired = await f.tdb.db
      .select({ personalId: employments.personalId, tax: employments.employerTaxCode })
      .from(employments)
      .where(eq(employments.employerTaxCode, tax));
    expect(hired.map((h) => h.personalId)).toEqual(expect.arrayContaining(['001190223451', '001090223452']));

    // The employees' page now lists them.
    await page.getByRole('link', { name: 'Người lao động', exact: true }).click();
    await page.waitForURL('**/console/employer/employees');
    expect(await page.textContent('#employees')).toContain('Trần Văn Bảo');
    await expectNoCriticalA11y(page);

    // Its months and its transfers: the other pages of the navigation, by keyboard and accessible too.
    for (const [name, url] of [
      ['Các tháng đóng', '**/console/employer/months'],
      ['Chuyển khoản', '**/console/employer/transfers'],
    ] as const) {
      await page.getByRole('link', { name, exact: true }).focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(url);
      await expectNoCriticalA11y(page);
    }
    await page.fill('#amount', '2.000.000');
    await page.fill('#expectedValueDate', '2026-11-20');
    await page.fill('#reference', 'BROWSER-0001');
    await page.press('#reference', 'Enter');
    await expect.poll(() => page.textContent('main')).toContain('Đã báo chuyển khoản BROWSER-0001.');
    await shot(page, 'employer-transfers');
    await context.close();
  });
});
