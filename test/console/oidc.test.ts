/**
 * Production sign-in through OpenID Connect, against a local provider (oidc-provider) whose JWKS is
 * what the API's verifier trusts, driven in Chromium: the authorization code flow with PKCE ends in
 * a session whose pages load; a participant whose token says VNeID level 1 is refused with a page
 * that says so and gets no session (Circular 09/2026/TT-BTC Art.6(1)); an answer carrying another
 * sign-in's state, or a callback with no sign-in started, is refused. Production shows only the
 * OIDC button. A sign-in for an account-access recovery forces a fresh login (max_age=900,
 * prompt=login: OIDC Core 3.1.2.1) and the recovery starts with it; a provider that answers with an
 * older sign-in anyway is refused at the callback (auth_time, 3.1.3.7), and no session is opened.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifier } from '../../api/auth';
import { accessRecoveries, consoleSessions } from '../../db/schema';
import { sampleSubmission } from '../../dev/sample';
import { onboardDirectly } from '../api/fixture';
import { testClock } from '../setup/harness';
import { expectNoCriticalA11y, launchBrowser, newContext, shot } from './browser';
import { startOidcProvider, type TestProvider } from './oidc-provider';
import { freePort, startStack, type Stack } from './stack';

let stack: Stack;
let provider: TestProvider;
let browser: Browser;
const sub = sampleSubmission(9301, 2, { startMonth: '2026-10' });
const person = sub.employees[0]!;
const sessions = async () => (await stack.tdb.db.select().from(consoleSessions)).length;

beforeAll(async () => {
  const port = await freePort();
  const callback = `http://127.0.0.1:${port}/console/login/oidc/callback`;
  [provider, browser] = await Promise.all([startOidcProvider(callback), launchBrowser()]);
  stack = await startStack('oidc', {
    port,
    // In production the API trusts the identity provider's keys (AUTH_JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE).
    verifier: () =>
      createVerifier({
        issuer: provider.issuer,
        audience: provider.audience,
        jwksUrl: provider.jwksUrl,
        clock: testClock,
      }),
    console: {
      devSignIn: undefined, // production: no development sign-in
      oidc: {
        issuer: provider.issuer,
        clientId: provider.clientId,
        clientSecret: provider.clientSecret,
        redirectUrl: callback,
        scope: 'openid api',
        resource: provider.audience,
      },
    },
  });
  await onboardDirectly(stack.tdb, sub);
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
  await provider?.close();
});

describe('OpenID Connect sign-in (VNeID)', () => {
  it('a level-2 participant signs in through the provider and their book loads; production shows only the OIDC button', async () => {
    provider.signInAs('vneid-l2', { role: 'participant', personal_id: person.personalId, ial: 2 });
    const context = await newContext(browser, { phone: true });
    const page = await context.newPage();
    await page.goto(`${stack.url}/console/signin`);
    expect(await page.locator('form[action="/console/signin"]').count()).toBe(0);
    await expectNoCriticalA11y(page);
    await shot(page, 'signin-production');
    await Promise.all([page.waitForURL(`${stack.url}/console/me`), page.click('a[href^="/console/login/oidc"]')]);
    await expect(page.locator('h1').innerText()).resolves.toBe('Sổ bảo hiểm xã hội điện tử');
    expect(await page.locator('main').innerText()).toContain(person.fullName);
    expect(await sessions()).toBe(1);
    // The session's pages load: the claims page too, and the language switch keeps it.
    await page.goto(`${stack.url}/console/me/claims`);
    expect(await page.locator('h1').innerText()).toBe('Hồ sơ trợ cấp thất nghiệp của tôi');
    await context.close();

    // A page asked for before signing in is where the sign-in ends.
    const again = await newContext(browser);
    const other = await again.newPage();
    await other.goto(`${stack.url}/console/me/claims`);
    expect(new URL(other.url()).pathname).toBe('/console/signin');
    await Promise.all([
      other.waitForURL(`${stack.url}/console/me/claims`),
      other.click('a[href^="/console/login/oidc"]'),
    ]);
    await again.close();
  });

  it('a participant at VNeID level 1 is refused with a page that says why, and no session is opened', async () => {
    const before = await sessions();
    provider.signInAs('vneid-l1', { role: 'participant', personal_id: sub.employees[1]!.personalId, ial: 1 });
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${stack.url}/console/signin`);
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().startsWith(`${stack.url}/console/login/oidc/callback`)),
      page.click('a[href^="/console/login/oidc"]'),
    ]);
    expect(res.status()).toBe(403);
    await page.waitForLoadState();
    const text = await page.locator('main').innerText();
    expect(text).toContain('VNeID mức 2');
    expect(text).toContain('mức 1');
    await expectNoCriticalA11y(page);
    await shot(page, 'signin-level-1-refused');
    expect(await sessions()).toBe(before);
    expect((await context.cookies()).map((c) => c.name)).not.toContain('ansinh_sid');
    await context.close();
  });

  it('an answer for another sign-in (a second tab) is refused, and so is a callback no sign-in started', async () => {
    const before = await sessions();
    provider.signInAs('vneid-l2', { role: 'participant', personal_id: person.personalId, ial: 2 });
    // Two sign-ins started in two tabs: each leaves its own pending cookie and its own state.
    const first = await startSignIn();
    const second = await startSignIn();
    const callback = await throughProvider(second.location);
    expect(new URL(callback).searchParams.get('state')).not.toBeNull();
    // The second sign-in's answer arrives with the first sign-in's cookie.
    const crossed = await fetch(callback, { redirect: 'manual', headers: { cookie: first.cookie } });
    expect(crossed.status).toBe(400);
    expect(await crossed.text()).toContain('không khớp');
    // No sign-in started at all: nothing to check the answer against.
    const none = await fetch(`${stack.url}/console/login/oidc/callback?code=abc&state=xyz`, { redirect: 'manual' });
    expect(none.status).toBe(400);
    // A forged pending cookie (not signed by the console) is no sign-in either.
    const forged = await fetch(callback, { redirect: 'manual', headers: { cookie: 'ansinh_oidc=eyJzdGF0ZSI6IngifQ' } });
    expect(forged.status).toBe(400);
    expect(await sessions()).toBe(before);
  });
});

describe('a sign-in for an account-access recovery is fresh (rules §8.40)', () => {
  it('asks the provider for a fresh login (max_age=900, prompt=login), and the participant starts their recovery with it; an ordinary sign-in asks for neither', async () => {
    const ordinary = new URL((await startSignIn()).location);
    expect(ordinary.searchParams.has('max_age')).toBe(false);
    expect(ordinary.searchParams.has('prompt')).toBe(false);

    const who = sub.employees[1]!; // level 1 in the test above: now level 2
    provider.signInAs('vneid-recovery', { role: 'participant', personal_id: who.personalId, ial: 2 });
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${stack.url}/console/recovery`);
    await Promise.all([
      page.waitForURL(`${stack.url}/console/recovery`),
      page.click('a[href^="/console/login/oidc?next=%2Fconsole%2Frecovery"]'),
    ]);
    const asked = provider.authorizationRequests.at(-1)!;
    expect(asked.get('max_age')).toBe('900');
    expect(asked.get('prompt')).toBe('login');
    // Signed in afresh: the API accepts the start (it checks the access token's auth_time).
    await Promise.all([
      page.waitForURL(/\/console\/recovery\/[0-9a-f-]{36}$/),
      page.click('form[action="/console/recovery"] button[type="submit"]'),
    ]);
    const rows = await stack.tdb.db.select().from(accessRecoveries);
    expect(rows.filter((r) => r.personalId === who.personalId)).toHaveLength(1);
    await context.close();
  });

  it('a provider that answers a recovery’s sign-in with an older login (it disregards max_age) is refused at the callback, and no session is opened', async () => {
    const before = await sessions();
    provider.ignoreFreshness = true;
    try {
      // Signed in at the provider 20 minutes ago: older than the 15 minutes a recovery allows.
      const authTime = Math.floor(testClock().getTime() / 1000) - 20 * 60;
      provider.signInAs('vneid-stale', { role: 'participant', personal_id: person.personalId, ial: 2 }, { authTime });
      const started = await startSignIn('/console/recovery');
      const callback = await throughProvider(started.location);
      const refused = await fetch(callback, { redirect: 'manual', headers: { cookie: started.cookie } });
      expect(refused.status).toBe(401);
      expect(await refused.text()).toContain('đăng nhập VNeID mới');
      expect(refused.headers.getSetCookie().some((c) => c.startsWith('ansinh_sid='))).toBe(false);
      expect(await sessions()).toBe(before);

      // The same older login is fine for an ordinary sign-in: only a recovery needs it fresh.
      provider.signInAs('vneid-stale', { role: 'participant', personal_id: person.personalId, ial: 2 }, { authTime });
      const ordinary = await startSignIn();
      const back = await fetch(await throughProvider(ordinary.location), {
        redirect: 'manual',
        headers: { cookie: ordinary.cookie },
      });
      expect(back.status).toBe(303);
      expect(await sessions()).toBe(before + 1);
    } finally {
      provider.ignoreFreshness = false;
    }
  });
});

/** GET /console/login/oidc (ending at `next`): the pending cookie the console set and where it sends the browser. */
async function startSignIn(next?: string): Promise<{ cookie: string; location: string }> {
  const r = await fetch(`${stack.url}/console/login/oidc${next ? `?next=${encodeURIComponent(next)}` : ''}`, {
    redirect: 'manual',
  });
  expect(r.status).toBe(303);
  const cookie = r.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('ansinh_oidc='));
  expect(cookie).toBeDefined();
  return { cookie: cookie!, location: r.headers.get('location')! };
}

/** Follows the provider's redirects (with its cookies) until it sends the browser back to the console. */
async function throughProvider(url: string): Promise<string> {
  const jar = new Map<string, string>();
  let next = url;
  for (let i = 0; i < 10; i++) {
    const r = await fetch(next, {
      redirect: 'manual',
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const c of r.headers.getSetCookie()) {
      const kv = c.split(';')[0]!;
      jar.set(kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1));
    }
    const location = r.headers.get('location');
    if (!location) throw new Error(`the provider stopped at ${r.status}`);
    next = new URL(location, next).href;
    if (next.startsWith(`${stack.url}/console/`)) return next;
  }
  throw new Error('the provider never sent the browser back');
}
