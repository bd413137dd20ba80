/**
 * The outbox's SMS channel (services/sms.ts through services/relay.ts) against an HTTP gateway in
 * process (test/services/sms-peer.ts) and real PostgreSQL: a one-time code for a new phone goes by
 * SMS to that number — one POST with the bearer token, JSON {to (E.164), text (the catalog's, with
 * the code), reference (the notice's own key), sender} — and its sealed part is erased once sent; a
 * 503 or a timeout is retried with the relay's backoff under the SAME reference; a 400 is dead at
 * once with a code; with no gateway the notice is dead (NO_SMS_GATEWAY), never in an inbox; a
 * notice whose recipient is sealed (a recovery's old phone) goes to that number, not to the one on
 * file. Every SMS text of the catalog fits one message in both languages.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { enqueue } from '../../db/queries/audit';
import { outbox, participants } from '../../db/schema';
import { catalog } from '../../messages';
import { renderSms } from '../../services/notices';
import { issueOneTimeCode, openOtpNotice, OTP_TTL_MINUTES } from '../../services/otp';
import { createRelay, type RelayOptions } from '../../services/relay';
import { sealRecipient } from '../../services/seal';
import { fitsOneSms, smsAddress, smsStatusFailure } from '../../services/sms';
import { createTestDatabase, testClock, type TestDatabase } from '../setup/harness';
import { SMS_PEER_SENDER, SMS_PEER_TOKEN, startSmsPeer, type SmsPeer } from './sms-peer';

const SECRET = 'sms-test-secret-0123456789abcdefghij';
const PERSON = '079200000201';
let tdb: TestDatabase;
let peer: SmsPeer;
let shift = 0;
const clock = Object.assign(() => new Date(testClock().getTime() + shift), { offsetDays: testClock.offsetDays });
const MINUTE = 60_000;

beforeAll(async () => {
  [tdb, peer] = await Promise.all([createTestDatabase('sms'), startSmsPeer()]);
  await tdb.db.insert(participants).values({
    personalId: PERSON,
    siNumber: '7920000201',
    fullName: 'Phạm Thu Trang',
    dateOfBirth: '1991-03-08',
    gender: 'female',
    email: null,
    phone: '0901111222',
  });
});
afterAll(async () => {
  await peer?.close();
  await tdb?.drop();
});
beforeEach(async () => {
  shift = 0;
  peer.received.length = 0;
  peer.delayMs = 0;
  await tdb.db.execute(sql`delete from one_time_codes; delete from outbox`);
});

const relay = (over: Partial<RelayOptions> = {}) =>
  createRelay({
    db: tdb.db,
    clock,
    transport: null,
    sms: peer.gateway(),
    from: 'Ansinh <thong-bao@ansinh.local>',
    otpSecret: SECRET,
    maxAttempts: 3,
    baseDelayMs: 30_000,
    ...over,
  });

/** A code for the new number 0912 345 678, as a phone change issues it. */
async function issuePhoneCode(phone = '0912345678') {
  const issued = await tdb.db.transaction((tx) =>
    issueOneTimeCode(
      tx,
      { secret: SECRET, clock },
      {
        processKey: 'data-update:1:phone',
        purpose: 'data_update.phone',
        recipientType: 'participant',
        recipientId: PERSON,
        phone,
      },
    ),
  );
  const [row] = await tdb.db
    .select()
    .from(outbox)
    .where(eq(outbox.dedupeKey, `otp:${issued.codeId}`));
  return row!;
}
const rowOf = async (id: number) => (await tdb.db.select().from(outbox).where(eq(outbox.id, id)))[0]!;

describe('the SMS channel', () => {
  it('sends a new phone’s code by SMS to that number: one POST with the bearer token and JSON {to, text, reference, sender}; sent via sms, the sealed part erased', async () => {
    const n = await issuePhoneCode();
    expect(n.channel).toBe('sms');
    // At rest: neither the number nor the code in clear.
    expect(JSON.stringify(n.payload)).not.toMatch(/0912345678|\+84912345678/);
    const { code, to } = openOtpNotice(SECRET, n.payload)!;
    expect(to).toBe('+84912345678');

    expect(await relay().runOnce()).toMatchObject({ leased: 1, sent: 1, inbox: 0, failed: 0, dead: 0 });
    expect(peer.received).toHaveLength(1);
    const req = peer.received[0]!;
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/v1/sms');
    expect(req.headers.authorization).toBe(`Bearer ${SMS_PEER_TOKEN}`);
    expect(req.headers['content-type']).toMatch(/^application\/json/);
    expect(req.headers['idempotency-key']).toBe(`notice-${n.id}`);
    expect(req.body).toEqual({
      to: '+84912345678',
      text: renderSms('otp.code', n.payload, 'vi', { code }),
      reference: `notice-${n.id}`,
      sender: SMS_PEER_SENDER,
    });
    expect(req.body.text).toContain(code);
    expect(req.body.text).toContain(`${OTP_TTL_MINUTES} phut`);
    expect(fitsOneSms(req.body.text as string)).toBe(true);
    const sent = await rowOf(n.id);
    expect(sent).toMatchObject({ status: 'sent', deliveredVia: 'sms', lastError: null });
    expect(sent.payload).not.toHaveProperty('sealed');
  });

  it('retries a 503 (and a timeout) with the relay’s backoff under the same reference, then sends it', async () => {
    const n = await issuePhoneCode();
    peer.answer(503);
    expect(await relay().runOnce()).toMatchObject({ leased: 1, sent: 0, failed: 1, dead: 0 });
    let row = await rowOf(n.id);
    expect(row).toMatchObject({ status: 'failed', lastError: 'SMS_UNAVAILABLE', attempts: 1 });
    expect(row.nextAttemptAt!.getTime() - clock().getTime()).toBeGreaterThan(29_000);
    // The sealed part stays until it is sent: the retry still has the code.
    expect(row.payload).toHaveProperty('sealed');
    // Not due yet: nothing is sent.
    expect(await relay().runOnce()).toMatchObject({ leased: 0 });

    // The next attempt times out (the gateway holds the request longer than the relay waits).
    shift += MINUTE;
    peer.delayMs = 1500;
    expect(await relay({ sms: peer.gateway({ timeoutMs: 200 }) }).runOnce()).toMatchObject({ failed: 1 });
    row = await rowOf(n.id);
    expect(row).toMatchObject({ status: 'failed', lastError: 'SMS_TIMEOUT', attempts: 2 });
    // The backoff doubles.
    expect(row.nextAttemptAt!.getTime() - clock().getTime()).toBeGreaterThan(59_000);

    peer.delayMs = 0;
    shift += 2 * MINUTE;
    expect(await relay().runOnce()).toMatchObject({ sent: 1 });
    expect(await rowOf(n.id)).toMatchObject({ status: 'sent', deliveredVia: 'sms', attempts: 3 });
    // Every attempt carried the same reference and the same text: the gateway can drop a copy.
    const refs = new Set(peer.received.map((r) => r.body.reference));
    expect(refs).toEqual(new Set([`notice-${n.id}`]));
    expect(new Set(peer.received.map((r) => r.body.text)).size).toBe(1);
  });

  it('a 400 is dead at once with a code (SMS_REJECTED), nothing of the gateway’s reply kept, the sealed code erased', async () => {
    const n = await issuePhoneCode();
    peer.answer(400);
    expect(await relay().runOnce()).toMatchObject({ sent: 0, failed: 0, dead: 1 });
    const row = await rowOf(n.id);
    expect(row).toMatchObject({ status: 'dead', lastError: 'SMS_REJECTED', attempts: 1 });
    expect(row.payload).not.toHaveProperty('sealed');
    expect(JSON.stringify(row)).not.toContain('912345678');
    // Dead is final: no further attempt.
    shift += 24 * 60 * MINUTE;
    expect(await relay().runOnce()).toMatchObject({ leased: 0 });
    expect(peer.received).toHaveLength(1);
    // The other statuses: a token refused is final too, a busy gateway is retried.
    expect(smsStatusFailure(401)).toMatchObject({ code: 'SMS_AUTH', permanent: true });
    expect(smsStatusFailure(429)).toMatchObject({ code: 'SMS_THROTTLED', permanent: false });
    expect(smsStatusFailure(500)).toMatchObject({ code: 'SMS_UNAVAILABLE', permanent: false });
    expect(smsStatusFailure(302)).toMatchObject({ code: 'SMS_UNEXPECTED_ANSWER', permanent: true });
  });

  it('with no gateway configured an SMS notice is dead (NO_SMS_GATEWAY), never put in the inbox', async () => {
    const n = await issuePhoneCode();
    expect(await relay({ sms: null }).runOnce()).toMatchObject({ inbox: 0, dead: 1 });
    const row = await rowOf(n.id);
    expect(row).toMatchObject({ status: 'dead', lastError: 'NO_SMS_GATEWAY', deliveredVia: null });
    expect(row.payload).not.toHaveProperty('sealed');
    expect(peer.received).toHaveLength(0);
  });

  it('a notice whose recipient is sealed in it (a recovery’s old phone) goes to that number, not to the one on file; one that does not open is dead', async () => {
    const payload = { recoveryId: '0b7c3a52-9a4e-4d0c-8f39-1d1c2b3a4f5e', completedOn: '2026-11-20', contact: 'old' };
    await enqueue(tdb.db, {
      dedupeKey: 'recovery:old-phone:completed:old',
      kind: 'recovery.completed',
      channel: 'sms',
      recipientType: 'participant',
      recipientId: PERSON, // on file: 0901111222
      payload: { ...payload, sealed: sealRecipient(SECRET, { channel: 'sms', to: '0987000111' }) },
    });
    await enqueue(tdb.db, {
      dedupeKey: 'recovery:forged:completed:old',
      kind: 'recovery.completed',
      channel: 'sms',
      recipientType: 'participant',
      recipientId: PERSON,
      payload: {
        ...payload,
        sealed: sealRecipient('another-secret-0123456789abcdefghij', { channel: 'sms', to: '0987000999' }),
      },
    });
    expect(await relay().runOnce()).toMatchObject({ leased: 2, sent: 1, dead: 1 });
    expect(peer.received.map((r) => r.body.to)).toEqual(['+84987000111']);
    expect(peer.received[0]!.body.text).toBe(renderSms('recovery.completed', payload, 'vi'));
    expect(peer.received[0]!.body.text).toContain('20/11/2026');
    const rows = await tdb.db.select().from(outbox).orderBy(outbox.id);
    expect(rows.map((r) => [r.status, r.deliveredVia, r.lastError])).toEqual([
      ['sent', 'sms', null],
      ['dead', null, 'RECIPIENT_SEALED_UNREADABLE'],
    ]);
    expect(rows.every((r) => !('sealed' in (r.payload as object)))).toBe(true);
  });

  it('every SMS text of the catalog fits one GSM 7-bit message (≤ 160 characters) in both languages, its placeholders filled at their longest', () => {
    const keys = Object.keys(catalog).filter((k) => k.startsWith('sms.'));
    expect(keys.sort()).toEqual(['sms.otp.code', 'sms.recovery.completed']);
    const longest = { code: '999999', minutes: 99, completedOn: '2026-12-31' };
    for (const key of keys)
      for (const lang of ['vi', 'en'] as const) {
        const text = renderSms(key.slice('sms.'.length), longest, lang, { code: '999999' });
        expect(text, `${key} (${lang})`).not.toMatch(/\{\w+\}/);
        expect(fitsOneSms(text), `${key} (${lang}): ${text.length} characters`).toBe(true);
      }
    // The check can fail: diacritics would make it UCS-2 (70 a message), and so would 161 characters.
    expect(fitsOneSms('Mã xác nhận 123456')).toBe(false);
    expect(fitsOneSms('a'.repeat(161))).toBe(false);
  });

  it('writes a stored number in E.164 for the gateway, and refuses anything that is not one number', () => {
    expect(smsAddress('0912345678')).toBe('+84912345678');
    expect(smsAddress('84912345678')).toBe('+84912345678');
    expect(smsAddress('+84912345678')).toBe('+84912345678');
    for (const bad of ['', '0912', '0912345678,0987654321', 'abc', '+84 912 345 678'])
      expect(() => smsAddress(bad), bad).toThrow(expect.objectContaining({ code: 'INVALID_PHONE' }));
  });
});
