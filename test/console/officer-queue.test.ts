/**
 * The officer's work queue page (GET /console/officer over GET /v1/tasks) through the real server,
 * database and a worker: overdue first with its deadline in working days, the counts per kind, each
 * row linked to its case, the filter as a plain GET form and as an htmx fragment, cursor paging,
 * and a refused filter shown with its code.
 *
 * @date-sensitive Claims are filed for today and 30 days ago (the injected clock); they pass on any date.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, monthOf, workingDaysLeft, type IsoDate } from '../../domain/calendar';
import { apiFixture, bearer, type ApiFixture } from '../api/fixture';
import { createClaimant } from '../setup/claimants';
import { testClock } from '../setup/harness';
import { cookieHeader, csrfOf, getWith, keep, type Jar } from './jar';

let f: ApiFixture;
let officerToken: string;
const claims: { id: string; deadline: IsoDate }[] = [];

const json = (r: { body: string }) => JSON.parse(r.body);
let jar: Jar;

const get = (url: string, headers: Record<string, string> = {}) => getWith(f.app, jar, url, headers);

/** Files a claim with a filing `daysAgo` days ago and waits for it to await the decision. */
async function fileClaim(seed: number, daysAgo: number) {
  const filingDate = addDays(testClock.today(), -daysAgo);
  const terminationDate = addDays(filingDate, -7);
  const c = await createClaimant(f.tdb.db, {
    lastMonth: monthOf(terminationDate),
    months: 30,
    salary: 9_000_000,
    seed,
  });
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
  const id: string = json(filed).claimId;
  for (let i = 0; i < 400; i++) {
    const s = json(await f.app.inject({ url: `/v1/claims/${id}`, headers: bearer(officerToken) }));
    if (s.status === 'awaiting_decision') return { id, deadline: s.decisionDeadline as IsoDate };
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the claim never reached the decision');
}

/** The rows of the queue's table, in order: the task's case link, its time-left text, whether it is marked overdue. */
function rows(html: string): { href: string; left: string; overdue: boolean }[] {
  const body = html.slice(html.indexOf('<tbody>'), html.indexOf('</tbody>'));
  return [...body.matchAll(/<tr([^>]*)>([\s\S]*?)<\/tr>/g)].map(([, attrs, cells]) => ({
    overdue: attrs!.includes('row-overdue'),
    href: /href="([^"]+)"/.exec(cells!)?.[1] ?? '',
    left: (cells!.match(/<td[^>]*>([\s\S]*?)<\/td>/g) ?? []).at(-1)!.replace(/<[^>]+>/g, ''),
  }));
}

beforeAll(async () => {
  f = await apiFixture('console-officer-queue', { console: true, worker: true });
  officerToken = await f.token({ role: 'officer', subject: 'officer:lan' });
  // A claim filed 30 days ago (its 15-working-day deadline is behind) and one filed today.
  claims.push(await fileClaim(87_201, 30), await fileClaim(87_202, 0));
  jar = new Map();
  const csrf = csrfOf((await get('/console/signin')).body);
  const res = await f.app.inject({
    method: 'POST',
    url: '/console/signin',
    headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ role: 'officer', _csrf: csrf }).toString(),
  });
  keep(jar, res);
  expect(res.statusCode).toBe(303);
});
afterAll(async () => {
  await f?.close();
});

describe("the officer's work queue", () => {
  it('lists the overdue claim first with how many working days it is late, then the other with the working days left, each linked to its claim', async () => {
    const page = await get('/console/officer');
    expect(page.statusCode, page.body).toBe(200);
    const [late, fresh] = claims;
    const today = testClock.today();
    const r = rows(page.body);
    expect(r.map((x) => x.href)).toEqual([
      `/console/officer/claims/${late!.id}`,
      `/console/officer/claims/${fresh!.id}`,
    ]);
    const behind = -workingDaysLeft(today, late!.deadline);
    expect(behind).toBeGreaterThan(0);
    expect(r.map((x) => x.overdue)).toEqual([true, false]);
    expect(r[0]!.left).toContain(behind === 1 ? 'quá hạn 1 ngày làm việc' : `quá hạn ${behind} ngày làm việc`);
    expect(r[1]!.left).toContain(`còn ${workingDaysLeft(today, fresh!.deadline)} ngày làm việc`);
    // The counts per kind, over the whole filter.
    expect(page.body).toMatch(/data-kind="claim.decision"[\s\S]*?Đang chờ: 2[\s\S]*?Quá hạn: 1/);
    expect(page.body).toContain('1 việc quá hạn trong danh sách này.');
    // The filter is a GET form that htmx enhances.
    expect(page.body).toMatch(/<form method="get" action="\/console\/officer"[^>]*hx-get="\/console\/officer"/);
    expect(page.body).toContain('hx-push-url="true"');
  });

  it('in English, the deadlines read "working days overdue" and "working days left"', async () => {
    await get('/console/lang/en?back=%2Fconsole');
    const page = await get('/console/officer');
    const r = rows(page.body);
    expect(r[0]!.left).toMatch(/\d+ working days? overdue/);
    expect(r[1]!.left).toMatch(/\d+ working days? left|due today/);
    await get('/console/lang/vi?back=%2Fconsole');
  });

  it('filters by kind as a plain page, and as the results fragment alone for htmx', async () => {
    const plain = await get('/console/officer?kind=onboarding.approval');
    expect(plain.statusCode).toBe(200);
    expect(plain.body).toMatch(/^<!doctype html>/);
    expect(plain.body).toContain('Không có việc nào phù hợp.');
    expect(plain.body).toMatch(/<option value="onboarding.approval" selected/);

    const fragment = await get('/console/officer?kind=claim.decision', {
      'hx-request': 'true',
      'hx-target': 'queue-results',
    });
    expect(fragment.statusCode).toBe(200);
    expect(fragment.body).toMatch(/^<div id="queue-results"/);
    expect(fragment.body).not.toContain('<html');
    expect(rows(fragment.body)).toHaveLength(2);
    // A history restore needs the whole page.
    const restore = await get('/console/officer?kind=claim.decision', {
      'hx-request': 'true',
      'hx-target': 'queue-results',
      'hx-history-restore-request': 'true',
    });
    expect(restore.body).toMatch(/^<!doctype html>/);
  });

  it('pages with the cursor: one task a page, the second page the other claim', async () => {
    const first = await get('/console/officer?limit=1');
    expect(rows(first.body)).toHaveLength(1);
    const next = /href="(\/console\/officer\?limit=1&amp;cursor=[^"]+)"/.exec(first.body)?.[1];
    expect(next).toBeDefined();
    const second = await get(next!.replace(/&amp;/g, '&'));
    expect(rows(second.body).map((x) => x.href)).toEqual([`/console/officer/claims/${claims[1]!.id}`]);
    expect(second.body).not.toContain('cursor=');
  });

  it('a filter the API refuses is shown with its code (400 page; a 200 fragment for htmx, which swaps only 2xx)', async () => {
    const page = await get('/console/officer?province=abc');
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('class="problem" role="alert"');
    expect(page.body).toContain('INVALID_PROVINCE_CODE');
    const fragment = await get('/console/officer?province=abc', { 'hx-request': 'true', 'hx-target': 'queue-results' });
    expect(fragment.statusCode).toBe(200);
    expect(fragment.body).toContain('INVALID_PROVINCE_CODE');
  });

  it('a bank line in suspense has its assign form on the row: a refused tax code is shown with its code, an accepted one books it and the row leaves the queue', async () => {
    const bank = await f.token({ role: 'bank' });
    const posted = await f.app.inject({
      method: 'POST',
      url: '/v1/bank/statements',
      headers: { ...bearer(bank), 'content-type': 'text/csv' },
      payload: `bank_reference,value_date,direction,amount,currency,remittance\nQUEUE-1,2026-11-20,CRDT,250000,VND,no employer named\n`,
    });
    expect(posted.statusCode, posted.body).toBeLessThan(300);
    const page = await get('/console/officer?kind=bank.suspense');
    const action = /<form method="post" action="(\/console\/officer\/bank\/\d+\/assignment)"/.exec(page.body)?.[1];
    expect(action, page.body).toBeDefined();
    const csrf = csrfOf(page.body);
    const send = (taxCode: string) =>
      f.app.inject({
        method: 'POST',
        url: action!,
        headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ taxCode, _csrf: csrf }).toString(),
      });
    const refused = await send('0000000000');
    expect(refused.statusCode).toBeGreaterThanOrEqual(400);
    expect(refused.statusCode).toBeLessThan(500);
    expect(refused.body).toContain('class="problem" role="alert"');
    const ok = await send(f.a.employer.taxCode);
    expect(ok.statusCode, ok.body).toBe(303);
    const after = await get(ok.headers.location as string);
    expect(after.body).toMatch(/Đã gán dòng sao kê \d+ cho đơn vị\./);
    expect((await get('/console/officer?kind=bank.suspense')).body).not.toContain(action!);
  });
});
