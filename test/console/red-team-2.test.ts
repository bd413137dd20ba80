/**
 * Red team, second pass (issue 12): the officer's claim page and timeline, the lists and search.
 * Each test failed before its fix (the timeline read the role from the subject's shape; list cursors
 * were readable base64 JSON cut by the console at 200 characters; the decision forms approved
 * anything that was not exactly 'reject').
 *
 * @date-sensitive Claims are filed for today (the injected clock); they pass on any date.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, monthOf } from '../../domain/calendar';
import { formatSiNumber } from '../../domain/onboarding';
import { sampleSubmission } from '../../dev/sample';
import { apiFixture, bearer, type ApiFixture } from '../api/fixture';
import { createClaimant } from '../setup/claimants';
import { testClock } from '../setup/harness';
import { csrfOf, getWith, postForm, type Jar } from './jar';

let f: ApiFixture;
let officer: string;

beforeAll(async () => {
  f = await apiFixture('red-team-2', {
    console: true,
    worker: true,
    rateLimits: { tight: 1e9, loose: 1e9, windowMs: 60_000, facilityAlert: 1e9 },
  });
  officer = await f.token({ role: 'officer', subject: 'officer:red' });
});
afterAll(async () => {
  await f?.close();
});

const json = (r: { body: string }) => JSON.parse(r.body);

const cget = (jar: Jar, url: string, headers: Record<string, string> = {}) => getWith(f.app, jar, url, headers);
const cpost = (jar: Jar, url: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
  postForm(f.app, jar, url, form, headers);
async function signIn(role: string, extra: Record<string, string> = {}) {
  const jar: Jar = new Map();
  const csrf = csrfOf((await cget(jar, '/console/signin')).body);
  const res = await cpost(jar, '/console/signin', { role, _csrf: csrf, ...extra });
  expect(res.statusCode, res.body).toBe(303);
  return jar;
}

let serial = 0;
/** A participant with this name, inserted as the search tests do. */
async function person(fullName: string, personalId: string): Promise<void> {
  serial++;
  const siNumber = formatSiNumber('48', 71_000_000 + serial);
  await f.tdb.db.execute(sql`insert into participants (personal_id, si_number, full_name, date_of_birth, gender)
    values (${personalId}, ${siNumber}, ${fullName}, '1990-03-04', 'female')`);
}

describe('the timeline names who acted by role, whatever the identity provider puts in the subject', () => {
  it('a claimant whose IdP subject is their citizen ID (no "participant:" prefix) is "participant" with no subject, and the personal ID appears nowhere', async () => {
    const filingDate = testClock.today();
    const terminationDate = addDays(filingDate, -7);
    const c = await createClaimant(f.tdb.db, {
      lastMonth: monthOf(terminationDate),
      months: 40,
      salary: 12_000_000,
      seed: 91_001,
    });
    // A production-style subject: whatever the identity provider puts in `sub`.
    const token = await f.token({ role: 'participant', personalId: c.personalId, level: 2, subject: c.personalId });
    const filed = await f.app.inject({
      method: 'POST',
      url: '/v1/claims',
      headers: bearer(token),
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
    const claimId = json(filed).claimId as string;

    const r = await f.app.inject({ url: `/v1/claims/${claimId}/timeline`, headers: bearer(officer) });
    expect(r.statusCode, r.body).toBe(200);
    const first = json(r).items[0];
    expect(first.action).toBe('claim.filed');
    // The contract (domain/schemas-officer.ts): "null for the claimant themselves"; the claim state never carries the personal ID.
    expect(first.actor).toEqual({ kind: 'participant', subject: null });
    expect(r.body).not.toContain(c.personalId);
  });
});

describe('name search pages: a long name keeps "next page" working, and cursors are opaque', () => {
  // 51 people whose folded names start with "zzlong", each name 150 characters (the API takes up to 200).
  const stem = 'Zzlong ' + 'a'.repeat(141);
  const ids = Array.from({ length: 51 }, (_, i) => `0481911${String(10_000 + i).padStart(5, '0')}`);
  beforeAll(async () => {
    for (const [i, id] of ids.entries()) await person(`${stem}${String(i).padStart(2, '0')}`, id);
  });

  it("the console's next-page link works after a long name (the console passes the API's cursor as given)", async () => {
    const jar = await signIn('officer');
    const first = await cget(jar, '/console/officer/participants?q=zzlong');
    expect(first.statusCode, first.body.slice(0, 500)).toBe(200);
    const next = /<a class="button" href="([^"]+)"/.exec(first.body)?.[1]?.replace(/&amp;/g, '&');
    expect(next).toBeDefined();
    const second = await cget(jar, next!);
    expect(second.statusCode, second.body.match(/INVALID_CURSOR/)?.[0] ?? '').toBe(200);
    expect(second.body).toContain(`/console/officer/participants/${ids[50]}`);
  });

  it("the name search's cursor is opaque: it does not carry the last person's personal ID and name into the next page's URL", async () => {
    const page1 = await f.app.inject({ url: '/v1/participants?q=zzlong&limit=1', headers: bearer(officer) });
    expect(page1.statusCode, page1.body).toBe(200);
    const cursor = json(page1).nextCursor as string;
    // Base64 of JSON is an encoding, not a cipher: the URL (browser history, a proxy's access log) holds both.
    const decoded = Buffer.from(cursor, 'base64url').toString();
    expect(decoded).not.toContain(ids[0]);
    expect(decoded).not.toContain('zzlong');
  });

  it('the API accepts its own nextCursor after a long non-Latin name', async () => {
    // Names are not folded beyond Latin letters: 3 bytes a letter in UTF-8, 4/3 in base64.
    const long = 'Zzhan ' + '漢'.repeat(194);
    await person(long, '048191220001');
    await person('Zzhan 龠', '048191220002'); // sorts after the long one (U+9FA0 > U+6F22)
    const page1 = await f.app.inject({ url: '/v1/participants?q=zzhan&limit=1', headers: bearer(officer) });
    expect(page1.statusCode, page1.body).toBe(200);
    const cursor = json(page1).nextCursor as string;
    expect(cursor).not.toBeNull();
    const page2 = await f.app.inject({
      url: `/v1/participants?q=zzhan&limit=1&cursor=${cursor}`,
      headers: bearer(officer),
    });
    expect(page2.statusCode, `cursor of ${cursor.length} characters: ${page2.body}`).toBe(200);
    expect(json(page2).items.map((x: { personalId: string }) => x.personalId)).toEqual(['048191220002']);
  });
});

describe("the console's decision forms take a decision only when it is exactly 'approve' or 'reject'", () => {
  it("an onboarding decision posted as 'Reject' (or with no decision at all) is refused on the form, and the employer stays pending", async () => {
    const sub = sampleSubmission(91_100, 2, { startMonth: '2026-11' });
    const r = await f.app.inject({ method: 'POST', url: '/v1/onboardings', headers: bearer(officer), payload: sub });
    expect(r.statusCode, r.body).toBe(202);
    const tax = sub.employer.taxCode;
    const state = async () =>
      json(await f.app.inject({ url: `/v1/onboardings/onboarding:${tax}`, headers: bearer(officer) })).state as string;
    for (let i = 0; i < 200 && (await state()) !== 'awaiting_decision'; i++)
      await new Promise((res) => setTimeout(res, 25));
    expect(await state()).toBe('awaiting_decision');
    const jar = await signIn('officer');
    const csrf = csrfOf((await cget(jar, `/console/officer/onboardings/${tax}`)).body);
    const res = await cpost(jar, `/console/officer/onboardings/${tax}/decision`, {
      decision: 'Reject',
      reason: 'Hồ sơ thiếu giấy phép kinh doanh',
      _csrf: csrf,
    });
    // A decision the console does not recognise must be refused (4xx), not turned into its opposite.
    expect(res.statusCode).toBe(400);
    expect(await state()).toBe('awaiting_decision');
  });

  it('a claim decision posted without a decision field is refused on the form, and the claim still waits', async () => {
    const filingDate = testClock.today();
    const terminationDate = addDays(filingDate, -7);
    const c = await createClaimant(f.tdb.db, {
      lastMonth: monthOf(terminationDate),
      months: 40,
      salary: 12_000_000,
      seed: 91_002,
    });
    const filed = await f.app.inject({
      method: 'POST',
      url: '/v1/claims',
      headers: bearer(officer),
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
    const claimId = json(filed).claimId as string;
    const status = async () =>
      json(await f.app.inject({ url: `/v1/claims/${claimId}`, headers: bearer(officer) })).status as string;
    for (let i = 0; i < 400 && (await status()) !== 'awaiting_decision'; i++)
      await new Promise((res) => setTimeout(res, 50));
    expect(await status()).toBe('awaiting_decision');
    const jar = await signIn('officer');
    const csrf = csrfOf((await cget(jar, `/console/officer/claims/${claimId}`)).body);
    const res = await cpost(jar, `/console/officer/claims/${claimId}/decision`, { reason: 'thiếu hồ sơ', _csrf: csrf });
    expect(res.statusCode).toBe(400);
    expect(await status()).toBe('awaiting_decision');
  });
});
