/**
 * Data-update requests through the API (issue #14 part 1): a new e-mail address confirmed by the
 * code the relay e-mails to it (a real SMTP peer, the code read from the message), a phone number
 * confirmed by a code to the address on file, a wrong code counted, the inbox never showing a
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
import { createRelay, smtpTransport } from '../../services/relay';
import { testClock } from '../setup/harness';
import { pdfText } from '../services/delivery-helpers';
import { startSmtpPeer, type SmtpPeer } from '../services/smtp-peer';
import { apiFixture, bearer, type ApiFixture } from './fixture';

let f: ApiFixture;
let peer: SmtpPeer;
let auditKey: AuditSigningKey;
let officer: string;
const PDF = Buffer.from('%PDF-1.7\nbirth certificate\n%%EOF\n');

beforeAll(async () => {
  [f, peer] = await Promise.all([apiFixture('dataupd-api', { worker: true }), startSmtpPeer()]);
  auditKey = await loadAuditSigningKey({ home: mkdtempSync(path.join(tmpdir(), 'ansinh-du-api-audit-')) });
  officer = await f.token({ role: 'officer', subject: 'officer:lan' });
});
afterAll(async () => {
  await f?.close();
  await peer?.close();
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

  it('a new phone number is confirmed by a code to the e-mail address on file; without an address on file it is refused and nothing is written', async () => {
    const withMail = f.a.employees[0]!.personalId; // an@example.vn
    const r = await f.app.inject({
      method: 'POST',
      url: '/v1/data-updates',
      headers: bearer(await participantToken(withMail)),
      payload: { kind: 'phone', personalId: withMail, phone: '0912345678' },
    });
    expect(r.statusCode, r.body).toBe(201);
    const before = peer.count;
    await relayOnce();
    await peer.waitFor(before + 1);
    const mail = peer.received.at(-1)!;
    expect((mail.to as { text: string }).text).toBe('an@example.vn');
    const code = /(\d{6})/.exec(mail.subject ?? '')![1]!;
    const ok = await f.app.inject({
      method: 'POST',
      url: `/v1/data-updates/${json(r).requestId}/code`,
      headers: bearer(await participantToken(withMail)),
      payload: { code },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await person(withMail)).phone).toBe('0912345678');

    const noMail = f.b.employees[0]!.personalId;
    const count = async () => (await f.tdb.db.select({ n: sql<number>`count(*)::int` }).from(dataUpdateRequests))[0]!.n;
    const n = await count();
    const refused = await f.app.inject({
      method: 'POST',
      url: '/v1/data-updates',
      headers: bearer(await participantToken(noMail)),
      payload: { kind: 'phone', personalId: noMail, phone: '0987654321' },
    });
    expect(refused.statusCode).toBe(409);
    expect(json(refused)).toMatchObject({ code: 'NO_EMAIL_ON_FILE' });
    expect(await count()).toBe(n);
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
