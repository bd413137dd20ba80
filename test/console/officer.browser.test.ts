/**
 * An officer in Chromium (issue #12), against the real stack: signs in through the development
 * form, finds a claim in the work queue (filtered by htmx, the address kept), opens it — the facts,
 * each condition with its article, the amount — approves it, goes back to the queue and it is one
 * shorter. Axe on every page, screenshots of the queue and the claim page, once at a phone's width.
 *
 * @date-sensitive Claims are filed for today (the injected clock); they pass on any date.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, monthOf } from '../../domain/calendar';
import { createClaimant } from '../setup/claimants';
import { testClock } from '../setup/harness';
import { expectNoCriticalA11y, launchBrowser, newContext, shot } from './browser';
import { startStack, type Stack } from './stack';

let stack: Stack;
let browser: Browser;
const claimIds: string[] = [];
/** Claim id → the claimant's personal ID. */
const claimants = new Map<string, string>();

async function api(method: 'GET' | 'POST', url: string, body?: unknown) {
  const token = await stack.token({ role: 'officer', subject: 'officer:seed' });
  const res = await stack.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}` },
    ...(body === undefined ? {} : { payload: body as object }),
  });
  return { status: res.statusCode, body: JSON.parse(res.body) };
}

/** An eligible claim (30 credited months of 10,000,000), filed `daysAgo` days ago, waiting for the officer's decision. */
async function eligibleClaim(seed: number, daysAgo = 0): Promise<string> {
  const filingDate = addDays(testClock.today(), -daysAgo);
  const terminationDate = addDays(filingDate, -5);
  const c = await createClaimant(stack.tdb.db, {
    lastMonth: monthOf(terminationDate),
    months: 30,
    salary: 10_000_000,
    seed,
  });
  const filed = await api('POST', '/v1/claims', {
    personalId: c.personalId,
    terminationDate,
    filingDate,
    region: 'I',
    contractMonths: 36,
    terminationReason: 'mutual_agreement',
  });
  expect(filed.status).toBe(201);
  const id = filed.body.claimId as string;
  claimants.set(id, c.personalId);
  for (let i = 0; i < 400; i++) {
    if ((await api('GET', `/v1/claims/${id}`)).body.status === 'awaiting_decision') return id;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the claim never reached the decision');
}

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack('officer-browser'), launchBrowser()]);
  // One filed 30 days ago, past its 15-working-day deadline: the queue shows it first, overdue.
  claimIds.push(await eligibleClaim(87_401, 30), await eligibleClaim(87_402), await eligibleClaim(87_403));
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function signInAsOfficer(page: Page): Promise<void> {
  await page.goto(`${stack.url}/console/signin`);
  await page.selectOption('select[name="role"]', 'officer');
  await Promise.all([
    page.waitForURL(`${stack.url}/console/officer`),
    page.click('form[action="/console/signin"] button[type="submit"]'),
  ]);
}

const queueRows = (page: Page) => page.locator('#queue-table tbody tr');

describe('the officer works the queue', () => {
  it('signs in, finds the claim in the queue, opens it, approves it, and the queue is one shorter', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signInAsOfficer(page);
    expect((await page.locator('h1').innerText()).trim()).toBe('Hàng đợi công việc');
    await expect.poll(() => queueRows(page).count()).toBe(3);
    expect(await page.locator('li[data-kind="claim.decision"]').innerText()).toContain('Đang chờ: 3');
    expect(await page.locator('li[data-kind="claim.decision"]').innerText()).toContain('Quá hạn: 1');
    expect(await queueRows(page).first().innerText()).toMatch(/quá hạn \d+ ngày làm việc/);
    expect(await queueRows(page).nth(1).innerText()).toContain('còn ');
    await expectNoCriticalA11y(page);
    await shot(page, 'officer-queue');

    // The filter, by htmx: only the results are swapped, and the address says what is shown.
    await page.locator('#queue-results').evaluate((el) => el.setAttribute('data-stale', ''));
    await page.selectOption('#kind', 'claim.decision');
    await page.click('form.filters button[type="submit"]');
    await page.waitForSelector('#queue-results:not([data-stale])');
    expect(page.url()).toContain(`${stack.url}/console/officer?kind=claim.decision`);
    await expect.poll(() => queueRows(page).count()).toBe(3);

    // Open the first claim of the queue: the overdue one.
    const first = queueRows(page).first().locator('a').first();
    const href = await first.getAttribute('href');
    const claimId = href!.split('/').pop()!;
    expect(claimId).toBe(claimIds[0]);
    await Promise.all([page.waitForURL(`${stack.url}${href}`), first.click()]);
    expect((await page.locator('h1').innerText()).trim()).toBe('Hồ sơ hưởng trợ cấp thất nghiệp');
    expect((await page.locator('#claim-status').innerText()).trim()).toBe('chờ quyết định');
    expect((await page.locator('#eligible-answer').innerText()).trim()).toBe('Đủ điều kiện hưởng');
    await expect.poll(() => page.locator('tr[data-condition]').count()).toBe(6);
    expect(await page.locator('tr[data-condition="contribution_months"]').innerText()).toContain(
      'Law 74/2025 Art.38(1)(b)',
    );
    expect((await page.locator('#monthly-benefit').innerText()).trim()).toBe('6.000.000 ₫');
    expect(await page.locator('tr[data-action="claim.filed"]').innerText()).toContain('Cán bộ officer:seed');
    await expectNoCriticalA11y(page);
    await shot(page, 'officer-claim');

    // Approve, by keyboard: the choice is the first radio, then the submit button.
    await page.focus('#decision-approve');
    await page.keyboard.press('Space');
    await Promise.all([
      page.waitForURL(/\?decided=active$/),
      page.locator('#decision-form button[type="submit"]').press('Enter'),
    ]);
    expect(await page.locator('#decision-notice').innerText()).toContain('đang hưởng');
    expect((await page.locator('#claim-status').innerText()).trim()).toBe('đang hưởng');
    expect(await page.locator('tr[data-action="claim.approved"]').innerText()).toContain('Cán bộ officer:dev');
    await expect.poll(() => page.locator('#decision-form').count()).toBe(0);
    await expectNoCriticalA11y(page);
    await shot(page, 'officer-claim-approved');

    // Whose claim: the claimant's link searches their SI number; the one hit leads to their e-book in words.
    await Promise.all([page.waitForURL(/\/console\/officer\/participants\?q=\d{10}$/), page.click('#claimant')]);
    await expect.poll(() => page.locator('#participants tbody tr').count()).toBe(1);
    await expectNoCriticalA11y(page);
    await Promise.all([
      page.waitForURL(`${stack.url}/console/officer/participants/${claimants.get(claimId)}`),
      page.click('#participants tbody a'),
    ]);
    expect((await page.locator('#participant-name').innerText()).trim()).toBe('Người Thử Nghiệm');
    expect(await page.locator('section[aria-labelledby="months"]').innerText()).toContain('30 tháng đã ghi nhận');
    expect(await page.locator('section[aria-labelledby="benefits"]').innerText()).toContain('đang hưởng');
    await expectNoCriticalA11y(page);
    await shot(page, 'officer-participant');
    await Promise.all([page.waitForURL(`${stack.url}${href}`), page.click(`a[href="${href}"]`)]);

    // Back to the queue: one shorter, and the approved claim is not in it.
    await Promise.all([page.waitForURL(`${stack.url}/console/officer`), page.click('main a[href="/console/officer"]')]);
    await expect.poll(() => queueRows(page).count()).toBe(2);
    expect(await page.locator('li[data-kind="claim.decision"]').innerText()).toContain('Đang chờ: 2');
    expect(await page.locator('li[data-kind="claim.decision"]').innerText()).not.toContain('Quá hạn');
    await expect.poll(() => page.locator(`a[href="/console/officer/claims/${claimId}"]`).count()).toBe(0);
    await context.close();
  });

  it("at a phone's width the queue and the claim page fit, pass axe, and work by keyboard", async () => {
    const context = await newContext(browser, { phone: true });
    const page = await context.newPage();
    await signInAsOfficer(page);
    await expect.poll(() => queueRows(page).count()).toBe(2);
    // Nothing wider than the screen but the tables' own scrolling boxes.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectNoCriticalA11y(page);
    await shot(page, 'officer-queue-phone');

    const link = queueRows(page).first().locator('a').first();
    await link.focus();
    await Promise.all([page.waitForURL(/\/console\/officer\/claims\//), page.keyboard.press('Enter')]);
    expect(await page.locator('#decision-form').isVisible()).toBe(true);
    const claimOverflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(claimOverflow).toBeLessThanOrEqual(0);
    await expectNoCriticalA11y(page);
    await shot(page, 'officer-claim-phone');
    await context.close();
  });
});
