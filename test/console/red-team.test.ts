/**
 * Red-team review of issue #12 (the console's sessions, CSRF, redirects; the work queue's counts
 * moved to test/activities/task-counts-empty.test.ts). Each test states what must hold; each failed
 * before its fix.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleSessions } from '../../db/schema';
import { apiFixture, bearer, type ApiFixture } from '../api/fixture';
import { csrfOf, getWith, postForm, type Jar } from './jar';

let f: ApiFixture;

beforeAll(async () => {
  f = await apiFixture('console-red', { console: true });
});
afterAll(async () => {
  await f?.close();
});

const get = (jar: Jar, url: string, headers: Record<string, string> = {}) => getWith(f.app, jar, url, headers);
const post = (jar: Jar, url: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
  postForm(f.app, jar, url, form, headers);
async function signIn(jar: Jar, form: Record<string, string>) {
  const csrf = csrfOf((await get(jar, '/console/signin')).body);
  const res = await post(jar, '/console/signin', { ...form, _csrf: csrf });
  expect(res.statusCode, res.body).toBe(303);
  return res.cookies.find((c) => c.name === 'ansinh_sid')!.value;
}
const landing = async (sid: string) =>
  (await f.app.inject({ method: 'GET', url: '/console', headers: { cookie: `ansinh_sid=${sid}` } })).headers.location;

describe('red team: console sessions', () => {
  it('keeps no bearer token in the database that the API accepts as it is (a read of console_sessions is not a sign-in as everyone)', async () => {
    const jar: Jar = new Map();
    await signIn(jar, { role: 'officer' });
    const [row] = await f.tdb.db.select().from(consoleSessions).where(eq(consoleSessions.role, 'officer'));
    expect(row).toBeDefined();
    // Whoever reads the table (the app role, a backup, a replica) gets a live bearer token for /v1:
    const direct = await f.app.inject({ method: 'GET', url: '/v1/tasks', headers: bearer(row!.sealedToken) });
    expect(direct.statusCode, 'the stored token works on /v1 directly').toBe(401);
  });

  it('signing in again ends the session the browser held before (no orphaned live session)', async () => {
    const jar: Jar = new Map();
    const first = await signIn(jar, { role: 'officer' });
    const second = await signIn(jar, { role: 'participant', personalId: f.a.employees[0]!.personalId });
    expect(second).not.toBe(first);
    // The browser now holds only the second cookie; sign out with it.
    const page = await get(jar, '/console/signin');
    expect((await post(jar, '/console/signout', { _csrf: csrfOf(page.body) })).statusCode).toBe(303);
    expect(await landing(second)).toBe('/console/signin');
    // The officer's session of the first sign-in is still alive: its replayed cookie is an officer.
    expect(await landing(first), 'the first session outlives sign-in and sign-out').toBe('/console/signin');
  });

  it('a CSRF token handed out before sign-in does not pass after it (rotated, bound to the session)', async () => {
    const jar: Jar = new Map();
    const before = csrfOf((await get(jar, '/console/signin')).body);
    await post(jar, '/console/signin', { role: 'officer', _csrf: before });
    // The same token — which anyone could have obtained with its cookie before this person signed in —
    // still authorises state-changing requests of the signed-in session.
    const out = await post(jar, '/console/signout', { _csrf: before });
    expect(out.statusCode, 'the pre-sign-in token still works').toBe(403);
  });
});

describe('red team: redirects stay inside /console', () => {
  it('does not follow a `next` whose percent-encoded dot segments leave /console once the browser resolves it', async () => {
    for (const next of ['/console/%2e%2e/docs', '/console/.%2E/openapi.json', '/console/%2e%2e/codec/decode']) {
      const jar: Jar = new Map();
      const csrf = csrfOf((await get(jar, '/console/signin')).body);
      const res = await post(jar, '/console/signin', {
        role: 'participant',
        personalId: f.a.employees[0]!.personalId,
        _csrf: csrf,
        next,
      });
      const resolved = new URL(res.headers.location as string, 'https://ansinh.example').pathname;
      expect(resolved, `${next} → ${res.headers.location as string}`).toMatch(/^\/console(\/|$)/);
    }
    const back = await f.app.inject({ method: 'GET', url: '/console/lang/en?back=%2Fconsole%2F%252e%252e%2Fdocs' });
    expect(new URL(back.headers.location as string, 'https://ansinh.example').pathname).toMatch(/^\/console(\/|$)/);
  });
});
