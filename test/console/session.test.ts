/**
 * The console's sign-in, sessions, CSRF protection and language switch (issue #12), through the
 * real server and database (no browser: test/console/*.browser.test.ts drive Chromium).
 */
import { eq } from 'drizzle-orm';
import { consoleSessions } from '../../db/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiFixture, TEST_CONSOLE_COOKIE_SECRET, type ApiFixture } from '../api/fixture';
import { csrfOf, getWith, postForm, type Jar } from './jar';

let f: ApiFixture;
let prod: ApiFixture;

beforeAll(async () => {
  f = await apiFixture('console-session', { console: true });
  prod = await apiFixture('console-prod', {
    console: { cookieSecret: TEST_CONSOLE_COOKIE_SECRET, secureCookies: true },
  });
});
afterAll(async () => {
  await f?.close();
  await prod?.close();
});

const get = (app: ApiFixture, jar: Jar, url: string) => getWith(app.app, jar, url);
const post = (app: ApiFixture, jar: Jar, url: string, form: Record<string, string>) =>
  postForm(app.app, jar, url, form);
const sessions = async (app: ApiFixture) => (await app.tdb.db.select().from(consoleSessions)).length;
const officerSessions = (app: ApiFixture) =>
  app.tdb.db.select().from(consoleSessions).where(eq(consoleSessions.role, 'officer'));

describe('console sign-in and sessions', () => {
  it('sends a visitor without a session to the sign-in page, in Vietnamese by default', async () => {
    const jar: Jar = new Map();
    const home = await get(f, jar, '/console');
    expect(home.statusCode).toBe(303);
    expect(home.headers.location).toBe('/console/signin');
    const page = await get(f, jar, '/console/signin');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toMatch(/^<!doctype html><html lang="vi">/);
    expect(page.body).toContain('Đăng nhập thử');
    expect(csrfOf(page.body)).not.toBe('');
  });

  it('refuses a sign-in without its CSRF token, and opens no session', async () => {
    const jar: Jar = new Map();
    await get(f, jar, '/console/signin');
    const before = await sessions(f);
    const res = await post(f, jar, '/console/signin', { role: 'officer' });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('Biểu mẫu đã cũ');
    expect(await sessions(f)).toBe(before);
    // A token from another visitor's cookie does not pass either.
    const other: Jar = new Map();
    const theirs = csrfOf((await get(f, other, '/console/signin')).body);
    expect((await post(f, jar, '/console/signin', { role: 'officer', _csrf: theirs })).statusCode).toBe(403);
    expect(await sessions(f)).toBe(before);
  });

  it('signs an officer in (a session stored under the hash of the cookie id), lands on the role home, and signs out', async () => {
    const jar: Jar = new Map();
    const csrf = csrfOf((await get(f, jar, '/console/signin')).body);
    const res = await post(f, jar, '/console/signin', { role: 'officer', _csrf: csrf, next: '/console' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/console/officer');
    const sid = res.cookies.find((c) => c.name === 'ansinh_sid');
    expect(sid?.httpOnly).toBe(true);
    expect(sid?.sameSite).toBe('Lax');
    expect(sid?.path).toBe('/console');
    const rows = await officerSessions(f);
    expect(rows).toHaveLength(1);
    const id = sid!.value.split('.')[0]!;
    expect(rows[0]!.idHash).not.toContain(id);
    expect(rows[0]!.idHash).toMatch(/^[0-9a-f]{64}$/);

    expect((await get(f, jar, '/console')).headers.location).toBe('/console/officer');

    const page = await get(f, jar, '/console/signin');
    const out = await post(f, jar, '/console/signout', { _csrf: csrfOf(page.body) });
    expect(out.statusCode).toBe(303);
    expect(await officerSessions(f)).toHaveLength(0);
    // The old cookie, replayed, no longer signs anyone in.
    const replay = await f.app.inject({
      method: 'GET',
      url: '/console',
      headers: { cookie: `ansinh_sid=${sid!.value}` },
    });
    expect(replay.headers.location).toBe('/console/signin');
  });

  it('refuses a binding the token minter refuses (an employer without a tax code) on the form, escaping what was typed', async () => {
    const jar: Jar = new Map();
    const csrf = csrfOf((await get(f, jar, '/console/signin')).body);
    const res = await post(f, jar, '/console/signin', { role: 'employer', _csrf: csrf });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('TOKEN_INVALID_CLAIMS');
    const typed = await post(f, jar, '/console/signin', { role: 'employer', taxCode: '<b>x</b>', _csrf: csrf });
    expect(typed.statusCode).toBe(400);
    expect(typed.body).not.toContain('<b>x</b>');
    expect(typed.body).toContain('value="&lt;b>x&lt;/b>"');
    expect(await sessions(f)).toBe(0);
  });

  it('follows `next` only inside the console', async () => {
    for (const [next, landing] of [
      ['/console/me', '/console/me'],
      ['https://evil.example/', '/console/me'],
      ['//evil.example/console', '/console/me'],
      ['/console/../v1/tasks', '/console/me'],
    ] as const) {
      const jar: Jar = new Map();
      const csrf = csrfOf((await get(f, jar, '/console/signin')).body);
      const res = await post(f, jar, '/console/signin', {
        role: 'participant',
        personalId: f.a.employees[0]!.personalId,
        _csrf: csrf,
        next,
      });
      expect(res.headers.location, next).toBe(landing);
    }
  });

  it('switches to English and back by a link, remembering the choice in a cookie', async () => {
    const jar: Jar = new Map();
    const sw = await get(f, jar, '/console/lang/en?back=%2Fconsole%2Fsignin');
    expect(sw.statusCode).toBe(303);
    expect(sw.headers.location).toBe('/console/signin');
    const page = await get(f, jar, '/console/signin');
    expect(page.body).toMatch(/<html lang="en">/);
    expect(page.body).toContain('Development sign-in');
    expect((await get(f, jar, '/console/lang/vi?back=https%3A%2F%2Fevil.example')).headers.location).toBe('/console');
    expect((await get(f, jar, '/console/signin')).body).toMatch(/<html lang="vi">/);
  });

  it('serves htmx and the stylesheet locally, and nothing else from disk', async () => {
    const js = await f.app.inject({ method: 'GET', url: '/console/assets/htmx.min.js' });
    expect(js.statusCode).toBe(200);
    expect(js.body).toContain('htmx');
    expect((await f.app.inject({ method: 'GET', url: '/console/assets/console.css' })).statusCode).toBe(200);
    for (const url of ['/console/assets/htmx.js', '/console/assets/../plugin.ts', '/console/assets/package.json']) {
      expect((await f.app.inject({ method: 'GET', url })).statusCode, url).toBe(404);
    }
  });

  it('answers an unknown console page with an HTML 404 in the console frame', async () => {
    const res = await f.app.inject({ method: 'GET', url: '/console/nowhere' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('Không tìm thấy trang này.');
  });

  it('in production offers no development sign-in, and sets Secure cookies', async () => {
    const jar: Jar = new Map();
    const page = await get(prod, jar, '/console/signin');
    expect(page.body).not.toContain('Đăng nhập thử');
    expect(page.cookies.find((c) => c.name === 'ansinh_csrf')?.secure).toBe(true);
    const res = await post(prod, jar, '/console/signin', { role: 'officer', _csrf: csrfOf(page.body) });
    expect(res.statusCode).toBe(404);
    expect(await sessions(prod)).toBe(0);
  });
});
