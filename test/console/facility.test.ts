/**
 * A healthcare facility checks a covered and an uncovered person in Chromium, at a phone's width
 * (issue #12): one field, one large answer — covered, 80 % for an employee (HI Law Art.22), this
 * facility the registered initial one; then not covered, because the card expired (HI Law Art.16),
 * with the day it ended; then a person with no card at all and an entry that is neither a card code
 * nor a personal ID. Each answer comes from GET /v1/coverage through the API, access-logged.
 */
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLog, hiCards } from '../../db/schema';
import { sampleSubmission } from '../../dev/sample';
import { onboardDirectly } from '../api/fixture';
import { createClaimant } from '../setup/claimants';
import { expectNoCriticalA11y, launchBrowser, newContext, shot } from './browser';
import { startStack, type Stack } from './stack';

const FACILITY = '79001';
let stack: Stack;
let browser: Browser;
const sub = sampleSubmission(9401, 3, { startMonth: '2026-10' });
sub.employees[0]!.initialFacilityCode = FACILITY;
const covered = sub.employees[0]!;
const expired = sub.employees[1]!;
let coveredCard: string;
let noCard: string;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack('facility'), launchBrowser()]);
  await onboardDirectly(stack.tdb, sub);
  const [card] = await stack.tdb.db.select().from(hiCards).where(eq(hiCards.personalId, covered.personalId));
  coveredCard = card!.cardCode;
  // The second employee's card ended at the end of October 2026 (a leave, as the database keeps it).
  await stack.tdb.db.update(hiCards).set({ validTo: '2026-10-31' }).where(eq(hiCards.personalId, expired.personalId));
  ({ personalId: noCard } = await createClaimant(stack.tdb.db, { lastMonth: '2026-09', months: 2, salary: 8_000_000 }));
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function check(page: Page, value: string): Promise<string> {
  await page.fill('#q', value);
  // htmx replaces #answer: the new one does not carry the old one's mark.
  await page.locator('#answer').evaluate((el) => el.setAttribute('data-stale', ''));
  await page.press('#q', 'Enter'); // by keyboard
  return page.locator('#answer:not([data-stale])').innerText();
}

describe('the facility checks coverage', () => {
  it('signs in, checks a covered person by card code and an uncovered one by personal ID', async () => {
    const context = await newContext(browser, { phone: true });
    const page = await context.newPage();
    await page.goto(`${stack.url}/console/signin`);
    await page.selectOption('select[name="role"]', 'facility');
    await page.fill('input[name="facilityCode"]', FACILITY);
    await Promise.all([
      page.waitForURL(`${stack.url}/console/facility`),
      page.click('form[action="/console/signin"] button[type="submit"]'),
    ]);
    await expectNoCriticalA11y(page);

    const yes = await check(page, coveredCard.toLowerCase());
    expect(yes).toContain('CÓ BẢO HIỂM Y TẾ');
    expect(yes).toContain('80% chi phí khám chữa bệnh');
    expect(yes).toContain(`Đúng cơ sở này (${FACILITY})`);
    expect(yes).toContain(covered.fullName);
    await expectNoCriticalA11y(page);
    await shot(page, 'facility-covered');

    const no = await check(page, expired.personalId);
    expect(no).toContain('KHÔNG CÓ BẢO HIỂM Y TẾ');
    expect(no).toContain('Thẻ đã hết hạn sử dụng vào ngày 31/10/2026.');
    await expectNoCriticalA11y(page);
    await shot(page, 'facility-not-covered');

    expect(await check(page, noCard)).toContain('Người này không có thẻ bảo hiểm y tế.');
    expect(await check(page, '12345')).toContain('Không đúng định dạng');
    expect(await check(page, '999999999999')).toContain('Không tìm thấy');

    // Each answered check was the API's, and wrote its access-log row (issue #11).
    const logged = await stack.tdb.db.select().from(accessLog);
    expect(logged.filter((r) => r.role === 'facility' && r.facilityCode === FACILITY).length).toBeGreaterThanOrEqual(3);
    await context.close();
  });

  it('works without JavaScript: the form posts and the whole page answers, in English on the switch', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${stack.url}/console/signin`);
    await page.selectOption('select[name="role"]', 'facility');
    await page.fill('input[name="facilityCode"]', '01001');
    await Promise.all([
      page.waitForURL(`${stack.url}/console/facility`),
      page.click('form[action="/console/signin"] button[type="submit"]'),
    ]);
    await page.click('a[hreflang="en"]');
    await page.fill('#q', covered.personalId);
    await Promise.all([page.waitForLoadState('load'), page.click('form.check button[type="submit"]')]);
    const answer = await page.locator('#answer').innerText();
    expect(answer).toContain('COVERED');
    expect(answer).toContain(`Another facility (${FACILITY})`);
    await context.close();
  });
});
