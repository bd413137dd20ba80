/**
 * Account-access recovery through the API (issue #14 part 3), with the revocation list the verifier
 * checks: a participant's token issued before the recovery completed is 401 TOKEN_REVOKED afterwards
 * (the cached path and the signature path both), a token issued after it works, the person's console
 * sessions are gone, and another API process learns of the revocation by NOTIFY. After every test
 * ebook, ledger and audit verify find nothing wrong.
 */
import { and, asc, desc, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { mintToken } from '../../api/auth';
import { verifyEbooks } from '../../db/queries/ebooks';
import { auditEvents, consoleSessions, outbox } from '../../db/schema';
import { loadAuditSigningKey, type AuditSigningKey } from '../../runtime/audit-keys';
import { DEV_CLAIM_SUBJECT_KEY } from '../../runtime/config';
import { verifyAudit } from '../../services/audit';
import { findSession } from '../../services/console-sessions';
import { verifyLedger } from '../../services/ledger';
import { openOtpNotice } from '../../services/otp';
import { createRevocationList, subjectHash } from '../../services/token-revocations';
import { testClock } from '../setup/harness';
import { csrfOf, getWith, postForm, type Jar } from '../console/jar';
import { apiFixture, bearer, type ApiFixture } from './fixture';

let f: ApiFixture;
let officer: string;
let auditKey: AuditSigningKey;

beforeAll(async () => {
  f = await apiFixture('recovery-api', { worker: true, revocations: true, console: true });
  officer = await f.token({ role: 'officer' });
  auditKey = await loadAuditSigningKey({ home: f.home });
});
afterAll(async () => {
  await f?.close();
});
afterEach(async () => {
  expect((await verifyEbooks(f.tdb.db)).mismatches).toEqual([]);
  expect((await verifyLedger(f.tdb.db)).problems).toEqual([]);
  expect((await verifyAudit(f.tdb.db, auditKey)).findings).toEqual([]);
});

const nowSec = () => Math.floor(testClock().getTime() / 1000);
const participantToken = (personalId: string, extra: { subject?: string; clock?: () => Date } = {}) =>
  mintToken(
    f.home,
    {
      role: 'participant',
      personalId,
      level: 2,
      authTime: nowSec(),
      ...(extra.subject ? { subject: extra.subject } : {}),
    },
    extra.clock ?? testClock,
  );
const inbox = (personalId: string, token: string) =>
  f.app.inject({ method: 'GET', url: `/v1/participants/${personalId}/notices`, headers: bearer(token) });

async function status(id: string, token: string, want: string) {
  for (let i = 0; i < 400; i++) {
    const r = await f.app.inject({ method: 'GET', url: `/v1/recoveries/${id}`, headers: bearer(token) });
    expect(r.statusCode, r.body).toBe(200);
    if (JSON.parse(r.body).status === want) return JSON.parse(r.body);
    await new Promise((res) => setTimeout(res, 25));
  }
  throw new Error(`never ${want}`);
}

describe('account-access recovery over the API', () => {
  it('completing a recovery revokes every older token of the person (cached or not) and their console sessions; a token issued after works; others are untouched; another process learns it by NOTIFY', async () => {
    const pid = f.a.employees[0]!.personalId; // e-mail on file: an@example.vn
    const other = f.a.employees[1]!.personalId;
    const oldToken = await participantToken(pid);
    const neverUsed = await participantToken(pid, { subject: 'vssid-app' });
    const otherToken = await participantToken(other);
    expect((await inbox(pid, oldToken)).statusCode).toBe(200); // now in the verifier's cache
    expect((await inbox(other, otherToken)).statusCode).toBe(200);
    const secondProcess = await createRevocationList({
      db: f.tdb.db,
      secret: DEV_CLAIM_SUBJECT_KEY,
      clock: testClock,
      refreshMs: 0,
    });

    // The person's console session, signed in through the console (filed under their keyed hash).
    const jar: Jar = new Map();
    const csrf = csrfOf((await getWith(f.app, jar, '/console/signin')).body);
    const signin = await postForm(f.app, jar, '/console/signin', {
      role: 'participant',
      personalId: pid,
      level: '2',
      _csrf: csrf,
    });
    expect(signin.statusCode).toBe(303);
    const sid = jar.get('ansinh_sid')!.split('.')[0]!;
    expect(await findSession(f.tdb.db, sid, testClock())).not.toBeNull();
    const hash = subjectHash(DEV_CLAIM_SUBJECT_KEY, `pid:${pid}`);
    expect(await f.tdb.db.select().from(consoleSessions).where(eq(consoleSessions.subjectHash, hash))).toHaveLength(1);

    const start = await f.app.inject({ method: 'POST', url: '/v1/recoveries', headers: bearer(oldToken), payload: {} });
    expect(start.statusCode, start.body).toBe(201);
    const { recoveryId } = JSON.parse(start.body);
    await status(recoveryId, oldToken, 'awaiting_contact');
    const contact = await f.app.inject({
      method: 'POST',
      url: `/v1/recoveries/${recoveryId}/contact`,
      headers: bearer(oldToken),
      payload: { email: 'an.moi@example.vn' },
    });
    expect(contact.statusCode, contact.body).toBe(200);
    expect(JSON.parse(contact.body)).toMatchObject({ status: 'awaiting_code' });
    const [n] = await f.tdb.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.kind, 'otp.code'), eq(outbox.recipientId, pid)))
      .orderBy(desc(outbox.id))
      .limit(1);
    const { code, to } = openOtpNotice(DEV_CLAIM_SUBJECT_KEY, n!.payload)!;
    expect(to).toBe('an.moi@example.vn');
    const wrong = await f.app.inject({
      method: 'POST',
      url: `/v1/recoveries/${recoveryId}/confirmation`,
      headers: bearer(oldToken),
      payload: { code: code === '999999' ? '999998' : '999999' },
    });
    expect(JSON.parse(wrong.body).code).toBe('OTP_WRONG');
    const ok = await f.app.inject({
      method: 'POST',
      url: `/v1/recoveries/${recoveryId}/confirmation`,
      headers: bearer(oldToken),
      payload: { code },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ accepted: true, status: 'completed' });

    // This process refuses the old tokens at once: the cached one, and one it never saw.
    for (const t of [oldToken, neverUsed]) {
      const r = await inbox(pid, t);
      expect(r.statusCode).toBe(401);
      expect(JSON.parse(r.body).code).toBe('TOKEN_REVOKED');
    }
    // A token issued after the revocation (from the next second on) works; other people are untouched.
    const later = new Date(testClock().getTime() + 1500);
    const fresh = await participantToken(pid, { clock: () => later });
    expect((await inbox(pid, fresh)).statusCode).toBe(200);
    expect((await inbox(other, otherToken)).statusCode).toBe(200);
    expect(
      (await f.app.inject({ method: 'GET', url: `/v1/recoveries/${recoveryId}`, headers: bearer(officer) })).statusCode,
    ).toBe(200);
    // The console session is gone: the cookie signs nobody in.
    expect(await findSession(f.tdb.db, sid, testClock())).toBeNull();
    const page = await getWith(f.app, jar, '/console/me');
    expect(page.statusCode).toBe(303);
    // Another API process's list learns it from the NOTIFY sent at commit.
    const hashes = secondProcess.hashesOf({ subject: 'anyone', personalId: pid });
    await vi.waitFor(() => expect(secondProcess.revokedBefore(hashes)).toBeDefined(), { timeout: 10_000 });
    await secondProcess.close();

    const actions = (
      await f.tdb.db
        .select({ action: auditEvents.action, actor: auditEvents.actor })
        .from(auditEvents)
        .where(and(eq(auditEvents.subjectType, 'recovery'), eq(auditEvents.subjectId, recoveryId)))
        .orderBy(asc(auditEvents.id))
    ).map((e) => e.action);
    expect(actions).toEqual([
      'recovery.started',
      'recovery.code_sent',
      'recovery.code_refused',
      'recovery.code_confirmed',
      'recovery.completed',
    ]);
  });

  it('a participant token without a fresh sign-in starts nothing (403 SIGN_IN_NOT_FRESH); an officer starts one at the desk and verifies it', async () => {
    const pid = f.b.employees[1]!.personalId;
    const stale = await mintToken(f.home, {
      role: 'participant',
      personalId: pid,
      level: 2,
      authTime: nowSec() - 3600,
    });
    const r = await f.app.inject({ method: 'POST', url: '/v1/recoveries', headers: bearer(stale), payload: {} });
    expect(r.statusCode).toBe(403);
    expect(JSON.parse(r.body).code).toBe('SIGN_IN_NOT_FRESH');
    const noBody = await f.app.inject({ method: 'POST', url: '/v1/recoveries', headers: bearer(officer) });
    expect(JSON.parse(noBody.body), noBody.body).toMatchObject({ code: 'INVALID_PERSONAL_ID' });
    const desk = await f.app.inject({
      method: 'POST',
      url: '/v1/recoveries',
      headers: bearer(officer),
      payload: { personalId: pid },
    });
    expect(desk.statusCode, desk.body).toBe(201);
    const { recoveryId } = JSON.parse(desk.body);
    await status(recoveryId, officer, 'awaiting_identity');
    const again = await f.app.inject({
      method: 'POST',
      url: '/v1/recoveries',
      headers: bearer(officer),
      payload: { personalId: pid },
    });
    expect(again.statusCode).toBe(409);
    expect(JSON.parse(again.body).code).toBe('RECOVERY_ALREADY_OPEN');
    const whole = await f.app.inject({
      method: 'POST',
      url: `/v1/recoveries/${recoveryId}/verification`,
      headers: bearer(officer),
      payload: { documentKind: 'cccd', documentLast4: pid },
    });
    expect(whole.statusCode).toBe(400);
    expect(JSON.parse(whole.body).code).toBe('INVALID_DOCUMENT_DIGITS');
    const verified = await f.app.inject({
      method: 'POST',
      url: `/v1/recoveries/${recoveryId}/verification`,
      headers: bearer(officer),
      payload: { documentKind: 'cccd', documentLast4: pid.slice(-4) },
    });
    expect(verified.statusCode, verified.body).toBe(200);
    expect(JSON.parse(verified.body)).toMatchObject({ status: 'awaiting_contact' });
    // The person's own token sees it; no one else's does.
    const own = await participantToken(pid);
    expect(
      (await f.app.inject({ method: 'GET', url: `/v1/recoveries/${recoveryId}`, headers: bearer(own) })).statusCode,
    ).toBe(200);
    const someone = await participantToken(f.b.employees[0]!.personalId);
    const theirs = await f.app.inject({ method: 'GET', url: `/v1/recoveries/${recoveryId}`, headers: bearer(someone) });
    expect(theirs.statusCode).toBe(403);
    const unknown = await f.app.inject({
      method: 'GET',
      url: '/v1/recoveries/00000000-0000-4000-8000-000000000000',
      headers: bearer(someone),
    });
    expect(unknown.statusCode).toBe(403);
  });
});
