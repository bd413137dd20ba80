/**
 * Data-update requests through the API (issue #14 part 1): a new e-mail address confirmed by the
 * code the relay e-mails to it (a real SMTP peer, the code read from the message), a phone number
 * confirmed by the code the relay sends by SMS to that number (an HTTP gateway in process, the code
 * read from the SMS) and refused without a gateway, a wrong code counted, the inbox never showing a
 * code, a corrected birth date or gender refused when it disagrees with the personal ID (nothing
 * written), evidence on a request and the officer's review through the workflow on the dev server.
 * After every test the e-book, ledger and audit verifications find nothing wrong.
 */
import { eq, sql } from 'drizzle-orm';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dataUpdateRequests, oneTimeCodes, outbox, participants } from '../../db/schema';
import { findEbook, verifyEbooks } from '../../db/queries/ebooks';
import { DEV_CLAIM_SUBJECT_KEY } from '../../runtime/config';
import { loadAuditSigningKey, type AuditSigningKey } from '../../runtime/audit-keys';
import { verifyAudit } from '../../services/audit';
import { verifyLedger } from '../../services/ledger';
import { createVerifier, DEV_AUDIENCE, DEV_ISSUER, ensureDevKeys } from '../../api/auth';
import { buildServer } from '../../api/server';
import { createRelay, smtpTransport } from '../../services/relay';
import { testClock } from '../setup/harness';
import { pdfText } from '../services/delivery-helpers';
import { startSmsPeer, type SmsPeer } from '../services/sms-peer';
import { startSmtpPeer, type SmtpPeer } from '../services/smtp-peer';
import { apiFixture, bearer, type ApiFixture } from './fixture';

let f: ApiFixture;
let peer: SmtpPeer;
let smsPeer: SmsPeer;
let auditKey: AuditSigningKey;
let officer: string;
const PDF = Buffer.from('%PDF-1.7\nbirth certificate\n%%EOF\n');

beforeAll(async () => {
  [f, peer, smsPeer] = await Promise.all([
    apiFixture('dataupd-api', { worker: true, sms: true }),
    startSmtpPeer(),
    startSmsPeer(),
  ]);
  auditKey = await loadAuditSigningKey({ home: mkdtempSync(path.join(tmpdir(), 'ansinh-du-api-audit-')) });
  officer = await f.token({ role: 'officer', subject: 'officer:lan' });
});
afterAll(async () => {
  await f?.close();
  await peer?.close();
  await smsPeer?.close();
});
afterEach(async () => {
  expect((await verifyEbooks(f.tdb.db)).mismatches).toEqual([]);
  expect((await verifyLedger(f.tdb.db)).problems).toEqual([]);
  expect((await verifyAudit(f.tdb.db, auditKey)).findings).toEqual([]);
});

const json = (r: { body: string }) => JSON.parse(r.body);
const participantToken = (personalId: string) => f.token({ role: 'participant', personalId, level: 2 });
/** One relay pass over the outbox to the SMTP peer, as `ansinh relay` runs it. */
async function relayOnce() {
  const transport = smtpTransport(peer.url(), { pool: false });
  try {
    return await createRelay({
      db: f.tdb.db,
      clock: testClock,
      transport,
      from: 'Ansinh <no-reply@ansinh.local>',
      otpSecret: DEV_CLAIM_SUBJECT_KEY,
      sms: smsPeer.gateway(),
    }).runOnce();
  } finally {
    transport.close();
  }
}
const person = async (personalId: string) =>
  (await f.tdb.db.select().from(participants).where(eq(participants.personalId, personalId)))[0]!;

describe('contact details confirmed by a one-time code', () => {
  it('a new e-mail address: the code is e-mailed to it, read from the message and confirmed; the address applies at once, the sealed code is erased and the inbox shows ••••••', async () => {
    const pid = f.a.employees[1]!.personalId;
    const token = await participantToken(pid);
    const filed = await f.app.inject({
      method: 'POST',
      url: '/v1/data-updates',
      headers: bearer(token),
      payload: { kind: 'email', personalId: pid, email: 'moi@example.vn' },
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const { requestId, status, codeExpiresAt } = json(filed);
    expect(status).toBe('awaiting_code');
    expect(codeExpiresAt).toEqual(expect.any(String));
    // Only an HMAC at rest; the code travels sealed in the outbox notice.
    const [row] = await f.tdb.db
      .select()
      .from(outbox)
      .where(eq(outbox.kind, 'otp.code'))
      .orderBy(sql`${outbox.id} desc`)
      .limit(1);
    expect(JSON.stringify(row!.payload)).not.toMatch(/moi@example\.vn|"code"/);

    const before = peer.count;
    expect(await relayOnce()).toMatchObject({ sent: expect.any(Number) });
    await peer.waitFor(before + 1);
    const mail = peer.received.find((m) => (m.to as { text: string } | undefined)?.text === 'moi@example.vn')!;
    expect(mail).toBeDefined();
    const code = /(\d{6})/.exec(mail.subject ?? '')![1]!;
    expect(mail.text).toContain(code);
    const [sent] = await f.tdb.db.select().from(outbox).where(eq(outbox.id, row!.id));
    expect(sent).toMatchObject({ status: 'sent', deliveredVia: 'smtp' });
    expect(sent!.payload).not.toHaveProperty('sealed');

    // The participant's inbox lists the notice without the code.
    const inbox = json(await f.app.inject({ url: `/v1/participants/${pid}/notices`, headers: bearer(token) }));
    const listed = inbox.items.find((n: { kind: string }) => n.kind === 'otp.code');
    expect(listed.subject).toContain('••••••');
    expect(`${listed.subject}${listed.body}`).not.toContain(code);

    // A wrong code is refused and counted; the right one applies the address.
    const wrong = code === '000000' ? '111111' : '000000';
    const w = await f.app.inject({
      method: 'POST',
      url: `/v1/data-updates/${requestId}/code`,
      headers: bearer(token),
      payload: { code: wrong },
    });
    expect(w.statusCode).toBe(422);
    expect(json(w)).toMatchObject({ code: 'OTP_WRONG' });
    const [live] = await f.tdb.db
      .select()
      .from(oneTimeCodes)
      .where(eq(oneTimeCodes.processKey, `data-update:${requestId}:email`));
    expect(live!.attempts).toBe(1);
    expect((await person(pid)).email).not.toBe('moi@example.vn');

    const ok = await f.app.inject({
      method: 'POST',
      url: `/v1/data-updates/${requestId}/code`,
      headers: bearer(token),
      payload: { code },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(json(ok)).toMatchObject({ status: 'approved', applied: true });
    expect((await person(pid)).email).toBe('moi@example.vn');
    // The code is spent.
    const again = await f.app.inject({
      method: 'POST',
      url: `/v1/data-updates/${requestId}/code`,
      headers: bearer(token),
      payload: { code },
    });
    expect(json(again)).toMatchObject({ code: 'WRONG_STATE' });
  });

  it('a new phone number is confirmed by the code the relay sends by SMS to that number (not to the e-mail on file); without an SMS gateway a phone change is refused 409 NO_SMS_GATEWAY and nothing is written', async () => {
    const pid = f.a.employees[0]!.personalId; // an@example.vn
    const token = await participantToken(pid);
    await relayOnce(); // what earlier tests left queued
    const r = await f.app.inject({
      method: 'POST',
      url: '/v1/data-updates',
      headers: bearer(token),
      payload: { kind: 'phone', personalId: pid, phone: '0912345678' },
    });
    expect(r.statusCode, r.body).toBe(201);
    const mails = peer.count;
    smsPeer.received.length = 0;
    expect(await relayOnce()).toMatchObject({ sent: 1, dead: 0, failed: 0 });
    // By SMS to the new number; no e-mail (the address on file does not prove the number).
    expect(smsPeer.received.map((m) => m.body.to)).toEqual(['+84912345678']);
    expect(peer.count).toBe(mails);
    const code = /(\d{6})/.exec(String(smsPeer.received[0]!.body.text))![1]!;
    const [sent] = await f.tdb.db
      .select()
      .from(outbox)
      .where(eq(outbox.kind, 'otp.code'))
      .orderBy(sql`${outbox.id} desc`)
      .limit(1);
    expect(sent).toMatchObject({ channel: 'sms', status: 'sent', deliveredVia: 'sms' });
    expect(sent!.payload).not.toHaveProperty('sealed');
    expect((await person(pid)).phone).not.toBe('0912345678');
    const ok = await f.app.inject({
      method: 'POST',
      url: `/v1/data-updates/${json(r).requestId}/code`,
      headers: bearer(token),
      payload: { code },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(json(ok)).toMatchObject({ status: 'approved', applied: true });
    expect((await person(pid)).phone).toBe('0912345678');

    // The same API without an SMS gateway (no SMS_GATEWAY_URL): refused before anything is written,
    // even for a participant with no e-mail address on file.
    const plain = await buildServer({
      db: f.tdb.db,
      client: f.client,
      taskQueue: f.taskQueue,
      verifier: await createVerifier({
        issuer: DEV_ISSUER,
        audience: DEV_AUDIENCE,
        jwksFile: (await ensureDevKeys(f.home)).jwksPath,
        clock: testClock,
      }),
      clock: testClock,
      signingKeys: f.signingKeys,
      logLevel: 'silent',
    });
    try {
      const count = async () =>
        Promise.all(
          [dataUpdateRequests, outbox, oneTimeCodes].map(
            async (t) => (await f.tdb.db.select({ n: sql<number>`count(*)::int` }).from(t))[0]!.n,
          ),
        );
      const before = await count();
      for (const who of [pid, f.b.employees[0]!.personalId]) {
        const refused = await plain.inject({
          method: 'POST',
          url: '/v1/data-updates',
          headers: bearer(await participantToken(who)),
          payload: { kind: 'phone', personalId: who, phone: '0987654321' },
        });
        expect(refused.statusCode, refused.body).toBe(409);
        expect(json(refused)).toMatchObject({ code: 'NO_SMS_GATEWAY' });
      }
      expect(await count()).toEqual(before);
    } finally {
      await plain.close();
    }
  });
});

describe('corrections reviewed by an officer', () => {
  it('a corrected birth date or gender that disagrees with the personal ID is refused with the rule (Decree 137/2015 Art.13; Circular 07/2016/TT-BCA Art.7) and writes nothing', async () => {
    const e = f.a.employees[2]!;
    const token = await participantToken(e.personalId);
    const count = async () => (await f.tdb.db.select({ n: sql<number>`count(*)::int` }).from(dataUpdateRequests))[0]!.n;
    const n = await count();
    const otherYear = `${Number(e.dateOfBirth.slice(0, 4)) + 1}${e.dateOfBirth.slice(4)}`;
    const year = await f.app.inject({
      method: 'POST',
      url: '/v1/data-updates',
      headers: bearer(token),
      payload: { kind: 'identity', personalId: e.personalId, dateOfBirth: otherYear },
    });
    expect(year.statusCode).toBe(422);
    expect(json(year)).toMatchObject({ code: 'PERSONAL_ID_BIRTH_YEAR_MISMATCH', field: 'dateOfBirth' });
    const otherGender = e.gender === 'male' ? 'female' : 'male';
    const gender = await f.app.inject({
      method: 'POST',
      url: '/v1/data-updates',
      headers: bearer(token),
      payload: { kind: 'identity', personalId: e.personalId, gender: otherGender },
    });
    expect(json(gender)).toMatchObject({ code: 'PERSONAL_ID_GENDER_MISMATCH', field: 'gender' });
    expect(await count()).toBe(n);
    // The same day and month in the same year is another date the ID allows: accepted.
    const sameYear =
      `${e.dateOfBirth.slice(0, 4)}-01-01` === e.dateOfBirth
        ? `${e.dateOfBirth.slice(0, 4)}-12-31`
        : `${e.dateOfBirth.slice(0, 4)}-01-01`;
    const ok = await f.app.inject({
      method: 'POST',
      url: '/v1/data-updates',
      headers: bearer(token),
      payload: { kind: 'identity', personalId: e.personalId, dateOfBirth: sameYear },
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const id = json(ok).requestId as number;

    // Evidence, then the officer approves: the birth date and the e-book change, with the correction note.
    const up = await f.app.inject({
      method: 'POST',
      url: `/v1/data-updates/${id}/evidence`,
      headers: {
        ...bearer(token),
        'content-type': 'application/pdf',
        'content-disposition': 'attachment; filename="khai-sinh.pdf"',
      },
      payload: PDF,
    });
    expect(up.statusCode, up.body).toBe(201);
    let view: { dueDate: string | null; evidence: { filename: string }[] } = { dueDate: null, evidence: [] };
    for (let i = 0; i < 200 && !view.dueDate; i++) {
      view = json(await f.app.inject({ url: `/v1/data-updates/${id}`, headers: bearer(officer) }));
      if (!view.dueDate) await new Promise((res) => setTimeout(res, 50));
    }
    expect(view.evidence.map((d) => d.filename)).toEqual(['khai-sinh.pdf']);
    const doc = await f.app.inject({
      url: `/v1/data-updates/${id}/evidence/${(view.evidence[0] as unknown as { id: number }).id}`,
      headers: bearer(officer),
    });
    expect(doc.statusCode).toBe(200);
    expect(doc.rawPayload.equals(PDF)).toBe(true);
    // The participant cannot decide their own request.
    const self = await f.app.inject({
      method: 'POST',
      url: `/v1/data-updates/${id}/decision`,
      headers: bearer(token),
      payload: { decision: 'approve' },
    });
    expect(self.statusCode).toBe(403);
    const d = await f.app.inject({
      method: 'POST',
      url: `/v1/data-updates/${id}/decision`,
      headers: bearer(officer),
      payload: { decision: 'approve' },
    });
    expect(d.statusCode, d.body).toBe(200);
    expect(json(d)).toEqual({ accepted: true, status: 'approved' });
    expect((await person(e.personalId)).dateOfBirth).toBe(sameYear);
    const mine = json(
      await f.app.inject({ url: `/v1/participants/${e.personalId}/data-updates`, headers: bearer(token) }),
    );
    expect(mine.items[0]).toMatchObject({ requestId: id, status: 'approved', applied: true });
    const book = JSON.parse((await findEbook(f.tdb.db, e.personalId))!.content);
    expect(book.identity.dateOfBirth).toBe(sameYear);
    expect(book.corrections).toEqual([{ field: 'dateOfBirth', correctedOn: mine.items[0].decidedOn }]);
    // The printed book says so too: the field and the day.
    const pdf = await f.app.inject({ url: `/v1/participants/${e.personalId}/ebook.pdf`, headers: bearer(token) });
    expect(pdf.statusCode).toBe(200);
    const text = await pdfText(pdf.rawPayload);
    const [y, m, dd] = (mine.items[0].decidedOn as string).split('-');
    expect(text).toContain(`Đã điều chỉnh: Ngày sinh ngày ${dd}/${m}/${y}`);
  });
});
