/**
 * The language preference form in the console (issue 13): on the participant's page (/console/me)
 * and the employer's (/console/employer), it stores the language of their notices through the API
 * (PUT …/preferences, in process) and switches the console's language cookie; a refused value is
 * shown on the form with its code and stores nothing.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { apiFixture, type ApiFixture } from '../api/fixture';
import { csrfOf, getWith, postForm, type Jar } from './jar';

let f: ApiFixture;
beforeAll(async () => {
  f = await apiFixture('console_prefs', { console: true });
});
afterAll(async () => {
  await f?.close();
});

async function signedIn(form: Record<string, string>): Promise<Jar> {
  const jar: Jar = new Map();
  const csrf = csrfOf((await getWith(f.app, jar, '/console/signin')).body);
  const res = await postForm(f.app, jar, '/console/signin', { ...form, _csrf: csrf });
  expect(res.statusCode, res.body).toBe(303);
  return jar;
}

const stored = async (table: 'participants' | 'employers', key: string) =>
  (
    await queryRows<{ preferred_lang: string }>(
      f.tdb.db,
      table === 'participants'
        ? sql`select preferred_lang from participants where personal_id = ${key}`
        : sql`select preferred_lang from employers where tax_code = ${key}`,
    )
  )[0]!.preferred_lang;

describe('the language preference form', () => {
  it("on the participant's page: stores English through the API and switches the console to English", async () => {
    const person = f.a.employees[2]!.personalId;
    const jar = await signedIn({ role: 'participant', personalId: person });
    const page = await getWith(f.app, jar, '/console/me');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<html lang="vi">');
    expect(page.body).toContain('action="/console/me/preferences"');
    expect(page.body).toContain('Ngôn ngữ thông báo');

    const saved = await postForm(f.app, jar, '/console/me/preferences', { lang: 'en', _csrf: csrfOf(page.body) });
    expect(saved.statusCode, saved.body).toBe(303);
    expect(saved.headers.location).toBe('/console/me?prefs=saved');
    expect(await stored('participants', person)).toBe('en');
    const after = await getWith(f.app, jar, '/console/me?prefs=saved');
    expect(after.body).toContain('<html lang="en">');
    expect(after.body).toContain('The language of your notices is saved.');
    expect(after.body).toMatch(/value="en" checked/);
  });

  it('a refused value is shown on the form with its code, and nothing is stored', async () => {
    const person = f.a.employees[3]!.personalId;
    const jar = await signedIn({ role: 'participant', personalId: person });
    const page = await getWith(f.app, jar, '/console/me');
    const refused = await postForm(f.app, jar, '/console/me/preferences', { lang: 'fr', _csrf: csrfOf(page.body) });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('INVALID_LANG');
    expect(refused.body).toContain('<html lang="vi">');
    expect(await stored('participants', person)).toBe('vi');
    // Without the CSRF token the form does nothing.
    const forged = await postForm(f.app, jar, '/console/me/preferences', { lang: 'en' });
    expect(forged.statusCode).toBeGreaterThanOrEqual(400);
    expect(await stored('participants', person)).toBe('vi');
  });

  it("on the employer's page: stores English for the employer and switches the console", async () => {
    const tax = f.b.employer.taxCode;
    const jar = await signedIn({ role: 'employer', taxCode: tax });
    const page = await getWith(f.app, jar, '/console/employer');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('action="/console/employer/preferences"');
    const saved = await postForm(f.app, jar, '/console/employer/preferences', { lang: 'en', _csrf: csrfOf(page.body) });
    expect(saved.statusCode, saved.body).toBe(303);
    expect(saved.headers.location).toBe('/console/employer?prefs=saved');
    expect(await stored('employers', tax)).toBe('en');
    const after = await getWith(f.app, jar, '/console/employer?prefs=saved');
    expect(after.body).toContain('<html lang="en">');
    expect(after.body).toContain('Language of notices');
  });
});
