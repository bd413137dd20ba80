/**
 * An operator in Chromium at a phone's width (issue #12): signs in, starts the reconciliation of a
 * period from the form, watches its progress bar — updated in place by htmx every 2 s, the page
 * never reloaded — reach done and the polling stop, presses the three verify buttons (by keyboard)
 * and reads their results in place, then opens the arrears chart. axe finds no critical violation
 * on any of it; screenshots in test-artifacts/console/.
 *
 * Periods 2027-10 to 2027-12 are this file's own (workflow ids are `reconciliation:<period>` on a
 * dev server shared by every test file).
 */
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReconciliation } from '../../client/temporal';
import { sampleSubmission } from '../../dev/sample';
import { loadAuditSigningKey } from '../../runtime/audit-keys';
import { onboardDirectly } from '../api/fixture';
import { expectNoCriticalA11y, launchBrowser, newContext, shot } from './browser';
import { startStack, type Stack } from './stack';

let stack: Stack;
let browser: Browser;
const scheduleId = `monthly-reconciliation:browser-${randomUUID()}`;

beforeAll(async () => {
  [stack, browser] = await Promise.all([
    startStack('operator', {
      deps: (home) => ({ auditKey: () => loadAuditSigningKey({ home }), reconciliationScheduleId: scheduleId }),
    }),
    launchBrowser(),
  ]);
  for (const seed of [9501, 9502, 9503])
    await onboardDirectly(stack.tdb, sampleSubmission(seed, 3, { startMonth: '2026-10' }));
  // Two more months reconciled late (so the chart has late charges), by the API's own client.
  for (const [period, asOf] of [
    ['2027-11', '2028-03-15'],
    ['2027-12', '2028-03-15'],
  ] as const) {
    const r = await startReconciliation(stack.client, stack.taskQueue, { period, asOf });
    await stack.client.workflow.getHandle(r.workflowId).result();
  }
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('the operator', () => {
  it('starts a run, watches its bar reach done in place, verifies, and reads the arrears chart', async () => {
    const context = await newContext(browser, { phone: true });
    const page = await context.newPage();
    await page.goto(`${stack.url}/console/signin`);
    await page.selectOption('select[name="role"]', 'operator');
    await Promise.all([
      page.waitForURL(`${stack.url}/console/operator`),
      page.click('form[action="/console/signin"] button[type="submit"]'),
    ]);
    await expectNoCriticalA11y(page);

    // Hold the run's batch at its first write (contribution_months locked), so the bar is seen moving.
    const hold = stack.tdb.sql!.reserve();
    const held = await hold;
    await held.unsafe('begin');
    await held.unsafe('lock table contribution_months in access exclusive mode');
    try {
      await page.fill('#period', '2027-10');
      await Promise.all([
        page.waitForURL(`${stack.url}/console/operator?started=2027-10`),
        page.click('form[action="/console/operator/reconciliations"] button[type="submit"]'),
      ]);
      await expect.poll(() => page.locator('#runs').getAttribute('hx-trigger')).toBe('every 2s');
      await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
      // The bar is a progress bar to assistive technology, named by its period.
      const bar = page.getByRole('progressbar', { name: 'Tiến độ đối soát kỳ 10/2027' });
      await page.locator('[data-status="running"] progress').waitFor();
      expect(await bar.getAttribute('value')).toBe('0');
      expect(await page.locator('[data-status="running"]').innerText()).toContain('Đơn vị: 0 / 3');
      await expectNoCriticalA11y(page);
      await shot(page, 'operator-run-in-progress');
    } finally {
      await held.unsafe('commit');
      held.release();
    }

    const done = page.locator('[data-status="completed"][data-run="reconciliation:2027-10"] progress');
    await done.waitFor({ timeout: 30_000 });
    expect(await done.getAttribute('value')).toBe('100');
    expect(await page.getByRole('progressbar', { name: 'Tiến độ đối soát kỳ 10/2027' }).count()).toBe(1);
    const card = await page.locator('[data-run="reconciliation:2027-10"]').innerText();
    expect(card).toContain('Hoàn thành');
    expect(card).toContain('Đơn vị: 3 / 3');
    expect(card).toContain('Người lao động: 9 / 9');
    // Updated in place, and no longer asking.
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    expect(await page.locator('#runs').getAttribute('hx-trigger')).toBeNull();

    // The verify buttons, by keyboard: each result replaces its own panel's.
    for (const kind of ['ebooks', 'ledger', 'audit']) {
      await page.focus(`#verify-${kind} button`);
      await page.keyboard.press('Enter');
      await page.locator(`#verify-${kind}-result .big-answer`).waitFor();
      expect(await page.locator(`#verify-${kind}-result`).innerText()).toContain('Không có sai lệch');
    }
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await expectNoCriticalA11y(page);
    await shot(page, 'operator-runs-verified');

    await page.click('nav a[href="/console/operator/arrears"]');
    await page.fill('#from', '2027-09');
    await page.fill('#to', '2028-01');
    await Promise.all([
      page.waitForURL(/\/console\/operator\/arrears\?from=2027-09&to=2028-01/),
      page.click('form.inline-fields button'),
    ]);
    expect(await page.locator('svg[role="img"] title#arrears-title').textContent()).toBe(
      'Biểu đồ nợ đóng từ 09/2027 đến 01/2028',
    );
    expect(await page.locator('#arrears-table tbody tr').count()).toBe(5);
    const dec = await page.locator('#arrears-table tr[data-period="2027-12"]').innerText();
    expect(dec).toMatch(/12\/2027\s+[\d.]+ ₫\s+[\d.]+ ₫\s+3 \/ 3/);
    // The bars of a month with arrears have a height; a month without has none.
    const h = (p: string) => page.locator(`g[data-period="${p}"] rect.bar-outstanding`).getAttribute('height');
    expect(Number(await h('2027-11'))).toBeGreaterThan(0);
    expect(Number(await h('2027-09'))).toBe(0);
    expect(
      Number(await page.locator('g[data-period="2027-12"] rect.bar-charge').getAttribute('height')),
    ).toBeGreaterThan(0);
    await expectNoCriticalA11y(page);
    await shot(page, 'operator-arrears');

    // Stalled cases: an approval past its deadline and escalated, a report window the participant let pass.
    const [a, b] = await stack.tdb.sql!<
      { tax_code: string }[]
    >`select tax_code from employers order by tax_code limit 2`;
    await stack.tdb
      .sql!`insert into tasks (dedupe_key, kind, queue, actor, due_date, employer_tax_code, province_code, escalated_at)
      values ('browser:stalled:1', 'onboarding.approval', 'onboarding:79', 'officer', '2026-11-03', ${a!.tax_code}, '79', now()),
             ('browser:stalled:2', 'onboarding.approval', 'onboarding:01', 'officer', '2026-11-20', ${b!.tax_code}, '01', null)`;
    await page.click('nav a[href="/console/operator/stalled"]');
    await page.locator('#stalled > li').first().waitFor();
    expect(await page.locator('#stalled > li').count()).toBe(2);
    expect(await page.locator('#stalled > li').first().innerText()).toContain('đã chuyển cấp trên');
    await expectNoCriticalA11y(page);
    await shot(page, 'operator-stalled');

    // The same chart at a desktop's width.
    const wide = await newContext(browser);
    const desk = await wide.newPage();
    await desk.context().addCookies(await context.cookies());
    await desk.goto(`${stack.url}/console/operator/arrears?from=2027-09&to=2028-01`);
    await expectNoCriticalA11y(desk);
    await shot(desk, 'operator-arrears-desktop');
    // The runs at a desktop's width, in English (the language switch is a link).
    await desk.goto(`${stack.url}/console/operator`);
    await Promise.all([desk.waitForURL(`${stack.url}/console/operator`), desk.click('a[hreflang="en"]')]);
    expect(await desk.locator('h1').innerText()).toBe('Operations: the monthly reconciliation');
    await desk.click('#verify-ledger button');
    await desk.locator('#verify-ledger-result .big-answer').waitFor();
    expect(await desk.locator('#verify-ledger-result').innerText()).toContain('No discrepancy');
    await expectNoCriticalA11y(desk);
    await shot(desk, 'operator-runs-desktop-en');
    await wide.close();
    await context.close();
  });
});
