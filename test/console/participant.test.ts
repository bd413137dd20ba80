/**
 * A participant signs in (VNeID level 2) and reads their e-book in Chromium at a phone's width
 * (issue #12): the state is built through the real services and workflows — an onboarding, the
 * bank's statement paying April 2026 through the API, and the monthly reconciliation workflow on
 * the stack's worker for April and May — so April shows credited and May declared but unpaid (rules §8: credited only when the employer's period is paid in full), and the unpaid
 * month is listed in words. The signed book downloads and verifies with nothing but the public
 * keys. A claimant's filed claim appears in their claims; a report the workflow refuses shows its
 * reason on the page; once the officer approves, the month-1 report is sent from the form.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReconciliation } from '../../client/temporal';
import { sampleSubmission } from '../../dev/sample';
import { addDays, addMonths, monthOf } from '../../domain/calendar';
import { computeContribution } from '../../domain/contributions';
import { verifyDeliveredEbook } from '../../services/ebooks';
import type { monthlyReconciliation } from '../../workflows/reconciliation';
import { onboardDirectly } from '../api/fixture';
import { createClaimant } from '../setup/claimants';
import { testClock } from '../setup/harness';
import { expectNoCriticalA11y, launchBrowser, newContext, shot } from './browser';
import { startStack, type Stack } from './stack';

let stack: Stack;
let browser: Browser;
const sub = sampleSubmission(9501, 2, { startMonth: '2026-04' });
const person = sub.employees[0]!;
const tax = sub.employer.taxCode;
const dueOf = (m: string) =>
  sub.employees.reduce(
    (acc, e) =>
      acc + Number(computeContribution({ month: m, salary: e.salary, region: sub.employer.wageRegion }).total),
    0,
  );

async function reconcile(period: string, asOf: string) {
  const started = await startReconciliation(stack.client, stack.taskQueue, { period, asOf });
  expect(started.alreadyRunning).toBe(false);
  await stack.client.workflow.getHandle<typeof monthlyReconciliation>(started.workflowId).result();
}

async function signInAsParticipant(page: Page, personalId: string) {
  await page.goto(`${stack.url}/console/signin`);
  await page.selectOption('select[name="role"]', 'participant');
  await page.fill('input[name="personalId"]', personalId);
  await Promise.all([
    page.waitForURL(`${stack.url}/console/me`),
    page.click('form[action="/console/signin"] button[type="submit"]'),
  ]);
}

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack('participant'), launchBrowser()]);
  await onboardDirectly(stack.tdb, sub);
  // April is paid in full by a transfer on the bank's statement; May is not paid at all. (Reconciliation
  // workflow ids name the period on the shared dev server: these months are no other test file's.)
  const bank = await stack.token({ role: 'bank' });
  const r = await stack.app.inject({
    method: 'POST',
    url: '/v1/bank/statements',
    headers: { authorization: `Bearer ${bank}`, 'content-type': 'text/csv' },
    payload: `bank_reference,value_date,direction,amount,currency,remittance\nCON-APR-0001,2026-05-10,CRDT,${dueOf('2026-04')},VND,BHXH ${tax}\n`,
  });
  expect(r.statusCode, r.body).toBe(201);
  expect(r.json().results[0].status).toBe('booked');
  await reconcile('2026-04', '2026-05-31');
  await reconcile('2026-05', '2026-06-30');
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe("the participant's e-book", () => {
  it('shows April credited after the reconciliation and May unpaid, at a phone’s width; the signed book verifies', async () => {
    const context = await newContext(browser, { phone: true });
    const page = await context.newPage();
    await signInAsParticipant(page, person.personalId);
    expect(await page.locator('h1').innerText()).toBe('Sổ bảo hiểm xã hội điện tử');
    const cell = (m: string) => page.locator(`td[data-month="${m}"]`);
    await expect(cell('2026-04').getAttribute('data-status')).resolves.toBe('credited');
    await expect(cell('2026-05').getAttribute('data-status')).resolves.toBe('declared_unpaid');
    await expect(cell('2026-03').getAttribute('data-status')).resolves.toBe('none');
    await expect(cell('2026-04').innerText()).resolves.toContain('Đã đóng');
    await expect(cell('2026-05').innerText()).resolves.toContain('Chưa đóng');
    const main = await page.locator('main').innerText();
    expect(main).toContain('Số tháng đã đóng: 1. Số tháng chưa đóng: 1.');
    expect(main).toContain(`Tháng 05/2026: ${sub.employer.name} đã khai nhưng chưa nộp đủ.`);
    expect(main).toContain(person.fullName);
    expect(main).toContain('Thẻ bảo hiểm y tế');
    await expectNoCriticalA11y(page);
    await shot(page, 'participant-book');
    await shot(page.locator('section[aria-labelledby="months"]'), 'participant-months');
    // The unpaid month is not hidden below the fold of a phone by the grid: it is in the first screens.
    const box = await cell('2026-05').boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('a[href="/console/me/book.json"]'),
    ]);
    const saved = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(saved.content.contributionMonths).toEqual([
      { employerTaxCode: tax, period: '2026-04', status: 'credited' },
      { employerTaxCode: tax, period: '2026-05', status: 'declared_unpaid' },
    ]);
    const jwks = (await stack.app.inject({ url: '/.well-known/jwks.json' })).json();
    expect(await verifyDeliveredEbook(saved, jwks)).toMatchObject({ valid: true, version: saved.version });
    await context.close();
  });

  it('a claimant sees their filed claim, a report the workflow refuses shows its reason, and once approved the month-1 report is sent from the form (in English)', async () => {
    // 16 months, two of them declared but unpaid, a contract that ended a week ago, the claim filed
    // today through the API.
    const filingDate = testClock.today();
    const terminationDate = addDays(filingDate, -7);
    const last = monthOf(terminationDate);
    const unpaid = [addMonths(last, -9), addMonths(last, -5)];
    const c = await createClaimant(stack.tdb.db, {
      lastMonth: last,
      months: 16,
      unpaid,
      salary: 12_000_000,
      seed: 9502,
    });
    const token = await stack.token({ role: 'participant', personalId: c.personalId, level: 2 });
    const filed = await stack.app.inject({
      method: 'POST',
      url: '/v1/claims',
      headers: { authorization: `Bearer ${token}` },
      payload: {
        personalId: c.personalId,
        terminationDate,
        filingDate,
        region: 'I',
        contractMonths: 36,
        terminationReason: 'contract_expired',
      },
    });
    expect(filed.statusCode, filed.body).toBeLessThan(300);
    const claimId: string = filed.json().claimId;

    const context = await newContext(browser);
    const page = await context.newPage();
    await signInAsParticipant(page, c.personalId);
    await page.click('a[hreflang="en"]');
    await page.click('nav a[href="/console/me/claims"]');
    expect(await page.locator('h1').innerText()).toBe('My unemployment-benefit claims');
    await Promise.all([
      page.waitForURL(`**/console/me/claims/${claimId}`),
      page.click(`a[href="/console/me/claims/${claimId}"]`),
    ]);
    const text = await page.locator('main').innerText();
    expect(text).toContain('No report window is open now.');
    await expectNoCriticalA11y(page);
    // A report sent anyway (a stale form): the workflow's validator refuses it and the page says why.
    await page.evaluate((id) => {
      const f = document.createElement('form');
      f.method = 'post';
      f.action = `/console/me/claims/${id}/reports`;
      for (const [k, v] of [
        ['_csrf', (document.querySelector('input[name="_csrf"]') as HTMLInputElement).value],
        ['month', '1'],
      ]) {
        const i = document.createElement('input');
        i.type = 'hidden';
        i.name = k!;
        i.value = v!;
        f.append(i);
      }
      document.body.append(f);
      f.submit();
    }, claimId);
    await page.waitForSelector('.problem');
    expect(await page.locator('.problem').innerText()).toMatch(/Error code: [A-Z_]+/);
    await shot(page, 'participant-claim-refused-report');

    // The officer approves (through the API): the first report window opens with the decision.
    const officer = await stack.token({ role: 'officer', subject: 'officer:console-test' });
    const claimState = async () =>
      (await stack.app.inject({ url: `/v1/claims/${claimId}`, headers: { authorization: `Bearer ${token}` } })).json();
    for (let i = 0; i < 200 && (await claimState()).status !== 'awaiting_decision'; i++)
      await new Promise((r) => setTimeout(r, 50));
    const approved = await stack.app.inject({
      method: 'POST',
      url: `/v1/claims/${claimId}/decision`,
      headers: { authorization: `Bearer ${officer}` },
      payload: { decision: 'approve' },
    });
    expect(approved.statusCode, approved.body).toBe(200);
    await page.goto(`${stack.url}/console/me/claims/${claimId}`);
    expect(await page.locator('form[action$="/reports"]').innerText()).toContain('Report for benefit month 1');
    await page.fill('#summary', 'Applied to two firms; interview on Friday.');
    await expectNoCriticalA11y(page);
    await Promise.all([
      page.waitForURL(`**/console/me/claims/${claimId}?reported=1`),
      page.click('form[action$="/reports"] button[type="submit"]'),
    ]);
    expect(await page.locator('.notice').innerText()).toBe('Your report was received. Thank you.');
    expect(['reported', 'paid']).toContain((await claimState()).months[0].status); // paid at once when its deadline has come
    await shot(page, 'participant-claim-reported');

    // The book now shows the benefit beside the months: the two unpaid ones stand out.
    await page.click('nav a[href="/console/me"]');
    for (const m of unpaid)
      expect(await page.locator(`td[data-month="${m}"]`).getAttribute('data-status')).toBe('declared_unpaid');
    expect(await page.locator('section[aria-labelledby="benefits"]').innerText()).toContain('Being paid');
    await expectNoCriticalA11y(page);
    await shot(page, 'participant-book-claimant');
    await shot(page.locator('section[aria-labelledby="months"]'), 'participant-months-claimant');
    await context.close();
  });
});
