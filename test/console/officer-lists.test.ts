/**
 * The officer's list pages over the lists API (issue 12, Part B), through the real server,
 * database and a worker: the onboardings awaiting approval (GET /v1/onboardings?status=pending),
 * each linked to its page; participant search (GET /v1/participants?q=) by name without accents,
 * by personal ID, refused with its code on the page, each hit linked to the participant's page and
 * access-logged.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLog } from '../../db/schema';
import { sampleSubmission } from '../../dev/sample';
import { apiFixture, bearer, type ApiFixture } from '../api/fixture';
import { cookieHeader, csrfOf, getWith, keep } from './jar';

let f: ApiFixture;
let jar: Map<string, string>;

const get = (url: string) => getWith(f.app, jar, url);

beforeAll(async () => {
  f = await apiFixture('console-officer-lists', { console: true, worker: true });
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

describe("the officer's lists", () => {
  it('lists the onboardings awaiting approval, each linked to its page', async () => {
    const sub = sampleSubmission(87_300, 2, { startMonth: '2026-11' });
    const officer = await f.token({ role: 'officer' });
    const r = await f.app.inject({ method: 'POST', url: '/v1/onboardings', headers: bearer(officer), payload: sub });
    expect(r.statusCode, r.body).toBe(202);
    const tax = sub.employer.taxCode;
    for (let i = 0; i < 200; i++) {
      const g = await f.app.inject({ url: `/v1/onboardings/onboarding:${tax}`, headers: bearer(officer) });
      if (g.statusCode === 200 && JSON.parse(g.body).state === 'awaiting_decision') break;
      await new Promise((res) => setTimeout(res, 25));
    }
    const page = await get('/console/officer/onboardings');
    expect(page.statusCode, page.body).toBe(200);
    expect(page.body).toContain(`href="/console/officer/onboardings/${tax}">${sub.employer.name}`);
    // The fixture's two employers were onboarded long ago: not pending.
    expect(page.body).not.toContain(f.a.employer.taxCode);
  });

  it('finds a participant by the start of the name without accents and by personal ID; each hit leads to the page, and the search is access-logged', async () => {
    const person = f.a.employees[0]!;
    const unaccented = person.fullName
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .toLowerCase();
    const logged = () =>
      f.tdb.db
        .select()
        .from(accessLog)
        .where(and(eq(accessLog.personalId, person.personalId), eq(accessLog.purpose, 'GET /v1/participants')));
    const before = (await logged()).length;
    const byName = await get(`/console/officer/participants?q=${encodeURIComponent(unaccented)}`);
    expect(byName.statusCode, byName.body).toBe(200);
    expect(byName.body).toContain(`href="/console/officer/participants/${person.personalId}">${person.fullName}`);
    expect((await logged()).length).toBe(before + 1);

    const byId = await get(`/console/officer/participants?q=${person.personalId}`);
    expect(byId.body).toContain(`href="/console/officer/participants/${person.personalId}"`);
    expect(byId.body).toContain(`value="${person.personalId}"`);

    const empty = await get('/console/officer/participants');
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('id="q"');
    expect(empty.body).not.toContain('id="participants"');
  });

  it('a search the API refuses is shown on the page with its code (400)', async () => {
    const res = await get('/console/officer/participants?q=x');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('class="problem" role="alert"');
    expect(res.body).toMatch(/SEARCH_TOO_SHORT|INVALID_SEARCH/);
  });
});
