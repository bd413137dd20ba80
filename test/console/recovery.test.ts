/**
 * Account-access recovery in the console (issue #14 part 3), through the real server, database and
 * workflow: the public start page, a participant's own recovery from the start to the code (after
 * which their session is gone), and the officer's verification form at the desk.
 */
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../../db/schema';
import { DEV_CLAIM_SUBJECT_KEY } from '../../runtime/config';
import { openOtpNotice } from '../../services/otp';
import { apiFixture, type ApiFixture } from '../api/fixture';
import { csrfOf, getWith, postForm, type Jar } from './jar';

let f: ApiFixture;
beforeAll(async () => {
  f = await apiFixture('console-recovery', { worker: true, revocations: true, console: true });
});
afterAll(async () => {
  await f?.close();
});

async function signIn(jar: Jar, form: Record<string, string>) {
  const csrf = csrfOf((await getWith(f.app, jar, '/console/signin')).body);
  const r = await postForm(f.app, jar, '/console/signin', { ...form, _csrf: csrf });
  expect(r.statusCode).toBe(303);
}

/** The recovery's page once it shows this text (the workflow opens the recovery in its first activity). */
async function pageWith(jar: Jar, url: string, text: string) {
  for (let i = 0; i < 400; i++) {
    const page = await getWith(f.app, jar, url);
    if (page.body.includes(text)) return page;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${url} never showed ${text}`);
}

describe('account-access recovery in the console', () => {
  it('the start page is public and asks a visitor to sign in with VNeID', async () => {
    const page = await getWith(f.app, new Map(), '/console/recovery');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Khôi phục quyền truy cập tài khoản');
    expect(page.body).toContain('href="/console/signin?next=%2Fconsole%2Frecovery"');
  });

  it('a participant freshly signed in starts, gives a new address and types the code; then their session is gone', async () => {
    const pid = f.a.employees[2]!.personalId;
    const jar: Jar = new Map();
    await signIn(jar, { role: 'participant', personalId: pid, level: '2' });
    const startPage = await getWith(f.app, jar, '/console/recovery');
    const started = await postForm(f.app, jar, '/console/recovery', { _csrf: csrfOf(startPage.body) });
    expect(started.statusCode, started.body).toBe(303);
    const url = started.headers.location as string;
    expect(url).toMatch(/^\/console\/recovery\/[0-9a-f-]{36}$/);
    const contactPage = await pageWith(jar, url, 'name="email"');
    const sent = await postForm(f.app, jar, `${url}/contact`, {
      email: 'moi@example.vn',
      _csrf: csrfOf(contactPage.body),
    });
    expect(sent.statusCode, sent.body).toBe(303);
    const codePage = await pageWith(jar, url, 'name="code"');
    const [n] = await f.tdb.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.kind, 'otp.code'), eq(outbox.recipientId, pid)))
      .orderBy(desc(outbox.id))
      .limit(1);
    const { code } = openOtpNotice(DEV_CLAIM_SUBJECT_KEY, n!.payload)!;
    const wrong = await postForm(f.app, jar, `${url}/confirmation`, {
      code: code === '111111' ? '111112' : '111111',
      _csrf: csrfOf(codePage.body),
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('OTP_WRONG');
    const done = await postForm(f.app, jar, `${url}/confirmation`, { code, _csrf: csrfOf(wrong.body) });
    expect(done.statusCode, done.body).toBe(303);
    expect(done.headers.location).toBe('/console/recovery/done');
    const me = await getWith(f.app, jar, '/console/me');
    expect(me.statusCode).toBe(303);
    expect(me.headers.location).toMatch(/^\/console\/signin/);
  });

  it('an officer starts a recovery at the desk and records the document checked: the last 4 characters only', async () => {
    const pid = f.a.employees[3]!.personalId;
    const jar: Jar = new Map();
    await signIn(jar, { role: 'officer' });
    const startPage = await getWith(f.app, jar, '/console/recovery');
    expect(startPage.body).toContain('name="personalId"');
    const started = await postForm(f.app, jar, '/console/recovery', { personalId: pid, _csrf: csrfOf(startPage.body) });
    expect(started.statusCode, started.body).toBe(303);
    const url = started.headers.location as string;
    const form = await pageWith(jar, url, 'name="documentLast4"');
    const whole = await postForm(f.app, jar, `${url}/verification`, {
      documentKind: 'cccd',
      documentLast4: pid,
      _csrf: csrfOf(form.body),
    });
    expect(whole.statusCode).toBe(400);
    expect(whole.body).toContain('INVALID_DOCUMENT_DIGITS');
    const ok = await postForm(f.app, jar, `${url}/verification`, {
      documentKind: 'cccd',
      documentLast4: pid.slice(-4),
      _csrf: csrfOf(whole.body),
    });
    expect(ok.statusCode, ok.body).toBe(303);
    await pageWith(jar, url, 'name="email"');
  });
});
