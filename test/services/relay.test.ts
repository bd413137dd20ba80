/**
 * The relay (services/relay.ts) against a real SMTP peer (smtp-server in process, STARTTLS and
 * AUTH required; mailparser reads what arrives) and real PostgreSQL: every notice kind the system
 * creates is delivered (by e-mail or to the inbox) with its Vietnamese subject intact; a refused
 * login is retried with backoff and ends in the dead letter, which an operator queues again; a
 * relay killed between the send and the record leaves the next relay to resend with the SAME
 * Message-ID; two relays never take the same notice. Each e-mail goes in its recipient's stored
 * language (migration 0016) — subject, body and PDF — unless the notice carries its own; a notice
 * older than the age limit at its first pick is dead (EXPIRED), and the operator's retry sends it.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { enqueue, type OutboxMessage } from '../../db/queries/audit';
import { rewriteEbooks } from '../../db/queries/ebooks';
import { findNotice, leaseDueNotices, recordSent } from '../../db/queries/notices';
import { employers, outbox, participants } from '../../db/schema';
import { noticeAttachment } from '../../runtime/relay';
import { loadSigningKeys } from '../../runtime/signing-keys';
import { emailEbook } from '../../services/ebooks';
import { createRelay, smtpTransport } from '../../services/relay';
import {
  hasNoticeTexts,
  noticeAgeNow,
  noticeLang,
  noticesByStatus,
  participantInbox,
  renderNotice,
  retryDeadNotice,
} from '../../services/notices';
import { createTestDatabase, testClock, type TestDatabase } from '../setup/harness';
import { PEER_PASS, startSmtpPeer, type SmtpPeer } from './smtp-peer';

let tdb: TestDatabase;
let peer: SmtpPeer;
/** The injected clock, moved forward by `shift` (lease expiry, backoff and a notice's age without waiting). */
let shift = 0;
const clock = Object.assign(() => new Date(testClock().getTime() + shift), { offsetDays: testClock.offsetDays });
const DAY = 24 * 60 * 60_000;
const FROM = 'Ansinh <thong-bao@ansinh.local>';
const WITH_MAIL = '079200000001';
const NO_MAIL = '079200000002';
const TAX = '0312345678';
/** An English-preferring participant with an address, and an English-preferring employer. */
const EN_MAIL = '079200000003';
const EN_TAX = '0312345679';
const run = promisify(execFile);
const scratch = mkdtempSync(path.join(tmpdir(), 'ansinh-relay-'));

async function pdfText(pdf: Buffer): Promise<string> {
  const file = path.join(scratch, `n-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-']);
  return stdout.normalize('NFC');
}

beforeAll(async () => {
  tdb = await createTestDatabase('relay');
  peer = await startSmtpPeer();
  await tdb.db.insert(participants).values([
    {
      personalId: WITH_MAIL,
      siNumber: '7920000001',
      fullName: 'Nguyễn Thị Hoa',
      dateOfBirth: '1990-04-02',
      gender: 'female',
      email: 'hoa@example.vn',
    },
    {
      personalId: NO_MAIL,
      siNumber: '7920000002',
      fullName: 'Trần Văn Đức',
      dateOfBirth: '1985-11-20',
      gender: 'male',
      email: null,
    },
    {
      personalId: EN_MAIL,
      siNumber: '7920000003',
      fullName: 'Lê Minh Anh',
      dateOfBirth: '1992-07-15',
      gender: 'female',
      email: 'anh@example.vn',
      preferredLang: 'en',
    },
  ]);
  await tdb.db.insert(employers).values({
    taxCode: EN_TAX,
    name: 'Công ty TNHH Ánh Dương',
    address: '12 Lê Lợi, Quận 1',
    provinceCode: '79',
    wageRegion: 'I',
    category: 'enterprise',
    status: 'active',
    unitCode: 'TA0099',
    preferredLang: 'en',
  });
  await tdb.db.transaction((tx) => rewriteEbooks(tx, [EN_MAIL]));
});
afterAll(async () => {
  await peer.close();
  await tdb.drop();
  rmSync(scratch, { recursive: true, force: true });
});
beforeEach(async () => {
  shift = 0;
  await tdb.db.execute(sql`delete from outbox`);
  peer.received.length = 0;
  peer.count = 0;
});

const CLAIM = '6f1c1f0e-4d7e-4b43-9a3b-1b2f3c4d5e6f';
const toParticipant = (kind: string, payload: Record<string, unknown>, who = WITH_MAIL): OutboxMessage => ({
  dedupeKey: `${kind}:${who}:${JSON.stringify(payload)}`,
  kind,
  channel: 'email',
  recipientType: 'participant',
  recipientId: who,
  payload,
});

/** Every kind of notice the system enqueues today (grep enqueue in activities/, services/, db/queries/), with its payload's shape. */
const EVERY_KIND: OutboxMessage[] = [
  toParticipant('claim.approved', { claimId: CLAIM, decision: 'approve', decidedOn: '2026-11-20' }),
  toParticipant('claim.rejected', { claimId: CLAIM, decision: 'reject', decidedOn: '2026-11-21' }),
  toParticipant('claim.payment', { claimId: CLAIM, month: 1, amount: '4500000.00', paidOn: '2026-12-05' }),
  toParticipant('claim.suspended', { claimId: CLAIM, month: 2 }),
  toParticipant('claim.terminated', {
    claimId: CLAIM,
    ground: 'new_job',
    effectiveDate: '2027-01-10',
    reservedMonths: 3,
  }),
  toParticipant('claim.completed', { claimId: CLAIM, monthsPaid: 3, monthsSuspended: 0, reservedMonths: 0 }),
  toParticipant('coverage.ui_card_issued', { claimId: CLAIM, validFrom: '2026-12-01', validTo: '2027-02-28' }),
  toParticipant('coverage.ui_card_ended', { claimId: CLAIM, lastDay: '2027-01-10' }),
  toParticipant('contributions.month_unpaid', { period: '2026-10', employerTaxCode: TAX }),
  toParticipant('ebook.email', {
    version: 4,
    sha256: 'ab'.repeat(32),
    signature: 'eyJ.x.y',
    requestedBy: 'participant',
  }),
  {
    ...toParticipant('employment.declared', {
      employmentId: 7,
      employerTaxCode: TAX,
      unitCode: 'TA0001',
      startMonth: '2026-11',
    }),
    channel: 'portal',
  },
  toParticipant('claim.approved', { claimId: CLAIM, decision: 'approve', decidedOn: '2026-11-22' }, NO_MAIL),
  {
    dedupeKey: 'arrears',
    kind: 'contributions.arrears',
    channel: 'portal',
    recipientType: 'employer',
    recipientId: TAX,
    payload: {
      period: '2026-10',
      asOf: '2026-11-30',
      outstanding: '12345678.00',
      lateCharge: '12345.00',
      deadline: '2026-11-30',
      evasion: false,
    },
  },
  {
    dedupeKey: 'onb-rej',
    kind: 'onboarding.rejected',
    channel: 'portal',
    recipientType: 'employer',
    recipientId: TAX,
    payload: { requestId: 'r1', reason: 'thiếu hồ sơ', automatic: false },
  },
  {
    dedupeKey: 'onb-done',
    kind: 'onboarding.completed',
    channel: 'portal',
    recipientType: 'employer',
    recipientId: TAX,
    payload: { requestId: 'r2', unitCode: 'TA0001', employeesOnboarded: 12 },
  },
  {
    dedupeKey: 'onb-late',
    kind: 'onboarding.decision_overdue',
    channel: 'officer_queue',
    recipientType: 'officer',
    recipientId: 'onboarding-officers',
    payload: { taxCode: TAX, requestId: 'r3', workflowId: 'w', deadline: '2026-12-01' },
  },
  {
    dedupeKey: 'c-await',
    kind: 'claim.awaiting_decision',
    channel: 'officer_queue',
    recipientType: 'officer',
    recipientId: 'ui-claims',
    payload: { claimId: CLAIM, eligible: true, decisionDeadline: '2026-12-10' },
  },
  ...(['decision_reminder', 'decision_escalation', 'decision_overdue'] as const).map((k) => ({
    dedupeKey: `c-${k}`,
    kind: `claim.${k}`,
    channel: 'officer_queue' as const,
    recipientType: 'officer' as const,
    recipientId: 'ui-claims',
    payload: { claimId: CLAIM, deadline: '2026-12-10' },
  })),
];

async function idOf(dedupeKey: string): Promise<number> {
  const [row] = await tdb.db.select({ id: outbox.id }).from(outbox).where(eq(outbox.dedupeKey, dedupeKey));
  return Number(row!.id);
}
const byMessageId = (id: number) => (m: ParsedMail) => m.messageId === `<notice-${id}@ansinh.local>`;

describe('the relay delivers the outbox', () => {
  it('delivers every kind of notice: by e-mail when the participant has an address (Vietnamese subject intact), else to the inbox', async () => {
    for (const m of EVERY_KIND) await enqueue(tdb.db, m);
    for (const m of EVERY_KIND) expect(hasNoticeTexts(m.kind), m.kind).toBe(true);
    const transport = smtpTransport(peer.url());
    const relay = createRelay({ db: tdb.db, clock, transport, from: FROM, batch: 50 });
    const pass = await relay.runOnce();
    const emailed = EVERY_KIND.filter((m) => m.channel === 'email' && m.recipientId === WITH_MAIL);
    expect(pass).toMatchObject({
      leased: EVERY_KIND.length,
      sent: emailed.length,
      inbox: EVERY_KIND.length - emailed.length,
      failed: 0,
      dead: 0,
    });
    await peer.waitFor(emailed.length);
    expect(peer.received).toHaveLength(emailed.length);

    const approved = peer.received.find(byMessageId(await idOf(emailed[0]!.dedupeKey)))!;
    expect(approved.subject).toBe('Quyết định hưởng trợ cấp thất nghiệp: chấp thuận');
    expect(approved.subject!.normalize('NFC')).toBe(approved.subject);
    expect(approved.to).toMatchObject({ value: [{ address: 'hoa@example.vn' }] });
    expect(approved.text).toContain('đã được chấp thuận ngày 20/11/2026');
    const payment = peer.received.find(byMessageId(await idOf(emailed[2]!.dedupeKey)))!;
    expect(payment.text).toContain('4.500.000 ₫');
    expect(payment.text).toContain('05/12/2026');

    // Every notice is recorded as sent, with how it went.
    for (const m of EVERY_KIND) {
      const n = (await findNotice(tdb.db, await idOf(m.dedupeKey)))!;
      expect(n.status, m.kind).toBe('sent');
      expect(n.deliveredVia, m.kind).toBe(emailed.includes(m) ? 'smtp' : 'inbox');
      expect(n.attempts).toBe(1);
    }
    // The participant without an address reads theirs in the inbox; the one with one sees the status of each e-mail.
    const inbox = await participantInbox(tdb.db, NO_MAIL, { before: null, limit: 50 });
    expect(inbox.items.map((i) => [i.kind, i.status, i.deliveredVia, i.subject])).toEqual([
      ['claim.approved', 'sent', 'inbox', 'Quyết định hưởng trợ cấp thất nghiệp: chấp thuận'],
    ]);
    const mine = await participantInbox(tdb.db, WITH_MAIL, { before: null, limit: 50 });
    expect(mine.items).toHaveLength(emailed.length + 1);
    // A second pass finds nothing to do: nothing is sent twice.
    expect((await relay.runOnce()).leased).toBe(0);
    transport.close();
  });

  it('a refused login is retried with exponential backoff, then dead; an operator sees it, retries it, and it goes with the same Message-ID', async () => {
    await enqueue(tdb.db, EVERY_KIND[0]!);
    const id = await idOf(EVERY_KIND[0]!.dedupeKey);
    const bad = smtpTransport(peer.url('relay', 'wrong-password'));
    const relay = createRelay({ db: tdb.db, clock, transport: bad, from: FROM, maxAttempts: 3, baseDelayMs: 1000 });
    const r1 = await relay.runOnce();
    expect(r1).toMatchObject({ leased: 1, failed: 1 });
    let n = (await findNotice(tdb.db, id))!;
    expect(n).toMatchObject({ status: 'failed', attempts: 1, lastError: 'SMTP_AUTH' });
    expect(n.nextAttemptAt!.getTime() - clock().getTime()).toBeGreaterThan(500);
    // Not due before its time.
    expect((await relay.runOnce()).leased).toBe(0);
    shift += 1001;
    expect(await relay.runOnce()).toMatchObject({ leased: 1, failed: 1 });
    n = (await findNotice(tdb.db, id))!;
    expect(n).toMatchObject({ status: 'failed', attempts: 2 });
    // The second delay is twice the first.
    expect(n.nextAttemptAt!.getTime() - clock().getTime()).toBeGreaterThan(1500);
    shift += 2001;
    expect(await relay.runOnce()).toMatchObject({ leased: 1, dead: 1 });
    n = (await findNotice(tdb.db, id))!;
    expect(n).toMatchObject({ status: 'dead', attempts: 3, lastError: 'SMTP_AUTH', nextAttemptAt: null });
    expect(peer.refusedLogins).toBeGreaterThanOrEqual(3);
    expect(peer.count).toBe(0);
    shift += 60 * 60_000;
    expect((await relay.runOnce()).leased).toBe(0);

    const dead = await noticesByStatus(tdb.db, { status: 'dead', before: null, limit: 10 });
    expect(dead.items.map((d) => [d.id, d.lastError])).toEqual([[id, 'SMTP_AUTH']]);
    const again = await retryDeadNotice(tdb.db, id, clock);
    expect(again).toMatchObject({ status: 'queued', attempts: 0 });
    await expect(retryDeadNotice(tdb.db, id, clock)).rejects.toMatchObject({ code: 'WRONG_STATE' });
    await expect(retryDeadNotice(tdb.db, 987654, clock)).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const good = smtpTransport(peer.url());
    expect(await createRelay({ db: tdb.db, clock, transport: good, from: FROM }).runOnce()).toMatchObject({ sent: 1 });
    await peer.waitFor(1);
    expect(peer.received[0]!.messageId).toBe(n.messageId);
    expect((await findNotice(tdb.db, id))!).toMatchObject({ status: 'sent', deliveredVia: 'smtp', lastError: null });
    bad.close();
    good.close();
    expect(PEER_PASS.normalize('NFC')).toBe(PEER_PASS);
  });

  it('a relay killed between the send and the record: the next relay resends after the lease, with the same Message-ID', async () => {
    await enqueue(tdb.db, EVERY_KIND[2]!);
    const id = await idOf(EVERY_KIND[2]!.dedupeKey);
    const transport = smtpTransport(peer.url());
    const dying = createRelay({
      db: tdb.db,
      clock,
      transport,
      from: FROM,
      leaseMs: 30_000,
      faults: (point) => {
        if (point === 'relay:after-send') throw new Error('killed');
      },
    });
    await expect(dying.runOnce()).rejects.toThrow('killed');
    await peer.waitFor(1);
    const before = (await findNotice(tdb.db, id))!;
    expect(before).toMatchObject({ status: 'sending', attempts: 1 });
    // While the lease holds, no other relay takes it.
    const next = createRelay({ db: tdb.db, clock, transport, from: FROM });
    expect((await next.runOnce()).leased).toBe(0);
    shift += 30_001;
    expect(await next.runOnce()).toMatchObject({ leased: 1, sent: 1 });
    await peer.waitFor(2);
    const ids = peer.received.map((m) => m.messageId);
    expect(ids).toEqual([before.messageId, before.messageId]);
    expect(new Set(ids).size).toBe(1);
    expect(peer.received[1]!.subject).toBe(peer.received[0]!.subject);
    expect((await findNotice(tdb.db, id))!).toMatchObject({ status: 'sent', attempts: 2 });
    // The dead relay's late record is refused: the lease is no longer its own.
    expect(await recordSent(tdb.db, { id, owner: dying.owner, via: 'smtp', at: clock() })).toBe(false);
    transport.close();
  });

  it('two relays at once never take the same notice (FOR UPDATE SKIP LOCKED)', async () => {
    const n = 40;
    for (let i = 0; i < n; i++)
      await enqueue(tdb.db, toParticipant('claim.suspended', { claimId: CLAIM, month: i + 1 }));
    const t1 = smtpTransport(peer.url());
    const t2 = smtpTransport(peer.url());
    const a = createRelay({ db: tdb.db, clock, transport: t1, from: FROM, batch: 10 });
    const b = createRelay({ db: tdb.db, clock, transport: t2, from: FROM, batch: 10 });
    let total = 0;
    for (let i = 0; i < 4; i++) {
      const [x, y] = await Promise.all([a.runOnce(), b.runOnce()]);
      total += x.sent + y.sent;
    }
    expect(total).toBe(n);
    await peer.waitFor(n);
    expect(new Set(peer.received.map((m) => m.messageId)).size).toBe(n);
    const [row] = await tdb.db
      .execute(sql`select count(*)::int as c from outbox where status = 'sent'`)
      .then((r) => (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as { c: number }[]);
    expect(row!.c).toBe(n);
    t1.close();
    t2.close();
  });

  it('start() runs its loops of passes until stop(): what is enqueued while it runs is delivered, each once', async () => {
    const transport = smtpTransport(peer.url());
    const running = createRelay({ db: tdb.db, clock, transport, from: FROM, batch: 5, concurrency: 3 }).start(10);
    for (let i = 0; i < 12; i++)
      await enqueue(
        tdb.db,
        toParticipant('claim.payment', { claimId: CLAIM, month: i + 1, amount: '100.00', paidOn: '2026-12-05' }),
      );
    await peer.waitFor(12);
    await running.stop();
    expect(new Set(peer.received.map((m) => m.messageId)).size).toBe(12);
    expect(peer.count).toBe(12);
    transport.close();
  });
});

describe("the recipient's language (migration 0016)", () => {
  it("an English-preferring participant's e-book e-mail arrives with the English subject and an English PDF", async () => {
    const home = mkdtempSync(path.join(scratch, 'home-'));
    const keys = await loadSigningKeys({ home, clock: testClock });
    const queued = await emailEbook(tdb.db, keys, { personalId: EN_MAIL, requestedBy: 'participant' });
    const transport = smtpTransport(peer.url());
    const relay = createRelay({ db: tdb.db, clock, transport, from: FROM, attachment: noticeAttachment });
    expect(await relay.runOnce()).toMatchObject({ leased: 1, sent: 1 });
    await peer.waitFor(1);
    const mail = peer.received.find(byMessageId(queued.outboxId))!;
    expect(mail.subject).toBe(`Your electronic social insurance book (version ${queued.version})`);
    expect(mail.to).toMatchObject({ value: [{ address: 'anh@example.vn' }] });
    expect(mail.attachments).toHaveLength(1);
    const text = await pdfText(mail.attachments[0]!.content);
    expect(text).toContain('ELECTRONIC SOCIAL INSURANCE BOOK');
    expect(text).toContain('Date of birth');
    expect(text).not.toContain('Ngày sinh');
    expect(text).toContain('Lê Minh Anh');
    transport.close();
  });

  it('a Vietnamese-preferring participant gets Vietnamese, and a notice that carries its own lang is written in it', async () => {
    await enqueue(tdb.db, toParticipant('claim.suspended', { claimId: CLAIM, month: 3, lang: 'en' }));
    await enqueue(tdb.db, toParticipant('claim.suspended', { claimId: CLAIM, month: 4 }));
    await enqueue(tdb.db, toParticipant('claim.suspended', { claimId: CLAIM, month: 5, lang: 'vi' }, EN_MAIL));
    const transport = smtpTransport(peer.url());
    expect(await createRelay({ db: tdb.db, clock, transport, from: FROM }).runOnce()).toMatchObject({ sent: 3 });
    await peer.waitFor(3);
    const subjects = await Promise.all(
      [
        toParticipant('claim.suspended', { claimId: CLAIM, month: 3, lang: 'en' }),
        toParticipant('claim.suspended', { claimId: CLAIM, month: 4 }),
        toParticipant('claim.suspended', { claimId: CLAIM, month: 5, lang: 'vi' }, EN_MAIL),
      ].map(async (m) => peer.received.find(byMessageId(await idOf(m.dedupeKey)))!.subject),
    );
    expect(subjects).toEqual([
      renderNotice('claim.suspended', {}, 'en').subject,
      renderNotice('claim.suspended', {}, 'vi').subject,
      renderNotice('claim.suspended', {}, 'vi').subject,
    ]);
    expect(subjects[0]).not.toBe(subjects[1]);
    transport.close();
  });

  it("an automatic onboarding rejection gives its reason in the reader's language, not the workflow's English", () => {
    // The workflow writes the automatic reason in English ("no decision within 30 days …").
    const payload = { requestId: 'R-1', reason: 'no decision within 30 days of registration', automatic: true };
    expect(renderNotice('onboarding.rejected', payload, 'vi').text).toContain(
      'Lý do: không có quyết định trong vòng 30 ngày kể từ ngày đăng ký.',
    );
    expect(renderNotice('onboarding.rejected', payload, 'en').text).toContain(
      'Reason: no decision within 30 days of registration.',
    );
    // An officer's own reason is theirs, as written.
    expect(
      renderNotice('onboarding.rejected', { requestId: 'R-2', reason: 'Thiếu hồ sơ', automatic: false }, 'vi').text,
    ).toContain('Lý do: Thiếu hồ sơ.');
  });

  it("an employer's arrears notice is written in the employer's stored language: the lease reads it, the subject and the PDF are English", async () => {
    const payload = {
      period: '2026-10',
      asOf: '2026-11-30',
      outstanding: '12345678.00',
      lateCharge: '12345.00',
      deadline: '2026-11-30',
      evasion: false,
    };
    await enqueue(tdb.db, {
      dedupeKey: 'arrears-en',
      kind: 'contributions.arrears',
      channel: 'portal',
      recipientType: 'employer',
      recipientId: EN_TAX,
      payload,
    });
    await enqueue(tdb.db, {
      dedupeKey: 'arrears-vi',
      kind: 'contributions.arrears',
      channel: 'portal',
      recipientType: 'employer',
      recipientId: TAX,
      payload,
    });
    const now = clock();
    const { leased } = await leaseDueNotices(tdb.db, {
      owner: 'test',
      now,
      until: new Date(now.getTime() + 60_000),
      limit: 10,
    });
    const en = leased.find((n) => n.recipientId === EN_TAX)!;
    const vi = leased.find((n) => n.recipientId === TAX)!;
    expect([en.preferredLang, vi.preferredLang]).toEqual(['en', null]);
    const lang = noticeLang(en.payload, en.preferredLang);
    expect(lang).toBe('en');
    expect(noticeLang(vi.payload, vi.preferredLang)).toBe('vi');
    expect(renderNotice(en.kind, en.payload, lang).subject).toMatch(/^Contribution arrears for /);
    const pdf = (await noticeAttachment(tdb.db, en, lang))!;
    const text = await pdfText(pdf.content);
    expect(text).toContain('NOTICE OF LATE CONTRIBUTIONS');
    expect(text).toContain('Outstanding principal');
    expect(text).not.toContain('THÔNG BÁO CHẬM ĐÓNG');
  });
});

describe('stale notices (RELAY_MAX_AGE_DAYS)', () => {
  it('a notice older than the limit at its first pick is dead with EXPIRED, not sent; the operator retries it and it goes despite its age', async () => {
    const old = toParticipant('claim.payment', { claimId: CLAIM, month: 9, amount: '100.00', paidOn: '2026-12-05' });
    const young = toParticipant('claim.payment', { claimId: CLAIM, month: 10, amount: '100.00', paidOn: '2026-12-05' });
    await enqueue(tdb.db, old);
    await enqueue(tdb.db, young);
    const id = await idOf(old.dedupeKey);
    const youngId = await idOf(young.dedupeKey);
    // Written 15 and 13 days before the clock's now (created_at is on the database's clock: noticeAgeNow).
    const writtenDaysAgo = (days: number) => new Date(noticeAgeNow(clock).getTime() - days * DAY).toISOString();
    await tdb.db.execute(sql`update outbox set created_at = ${writtenDaysAgo(15)}::timestamptz where id = ${id}`);
    await tdb.db.execute(sql`update outbox set created_at = ${writtenDaysAgo(13)}::timestamptz where id = ${youngId}`);
    const transport = smtpTransport(peer.url());
    const relay = createRelay({ db: tdb.db, clock, transport, from: FROM, maxAgeDays: 14 });
    expect(await relay.runOnce()).toMatchObject({ leased: 1, sent: 1, expired: 1, dead: 1 });
    await peer.waitFor(1);
    expect(peer.received.map((m) => m.messageId)).toEqual([`<notice-${youngId}@ansinh.local>`]);
    expect((await findNotice(tdb.db, id))!).toMatchObject({ status: 'dead', lastError: 'EXPIRED', attempts: 0 });
    const dead = await noticesByStatus(tdb.db, { status: 'dead', before: null, limit: 10 });
    expect(dead.items.map((d) => [d.id, d.lastError])).toEqual([[id, 'EXPIRED']]);
    expect((await relay.runOnce()).leased).toBe(0);

    // The operator's deliberate retry: it is sent, however old it is (its age now counts from the retry).
    await retryDeadNotice(tdb.db, id, clock);
    expect(await relay.runOnce()).toMatchObject({ leased: 1, sent: 1, expired: 0 });
    await peer.waitFor(2);
    expect(peer.received[1]!.messageId).toBe(`<notice-${id}@ansinh.local>`);
    expect((await findNotice(tdb.db, id))!).toMatchObject({ status: 'sent', lastError: null, attempts: 1 });
    transport.close();
  });

  it('only the first pick is judged: a notice already attempted is retried by its backoff whatever its age, and no limit (null) sends everything', async () => {
    const m = toParticipant('claim.suspended', { claimId: CLAIM, month: 11 });
    await enqueue(tdb.db, m);
    const id = await idOf(m.dedupeKey);
    // A notice that failed once, 20 days ago, and is due again now.
    await tdb.db.execute(
      sql`update outbox set status = 'failed', attempts = 1, last_error = 'SMTP_UNAVAILABLE' where id = ${id}`,
    );
    const stale = toParticipant('claim.suspended', { claimId: CLAIM, month: 12 });
    await enqueue(tdb.db, stale);
    shift = 20 * DAY;
    const transport = smtpTransport(peer.url());
    expect(await createRelay({ db: tdb.db, clock, transport, from: FROM }).runOnce()).toMatchObject({
      sent: 1,
      expired: 1,
    });
    expect((await findNotice(tdb.db, id))!).toMatchObject({ status: 'sent', attempts: 2 });
    const again = toParticipant('claim.suspended', { claimId: CLAIM, month: 1 });
    await enqueue(tdb.db, again);
    expect(await createRelay({ db: tdb.db, clock, transport, from: FROM, maxAgeDays: null }).runOnce()).toMatchObject({
      sent: 1,
      expired: 0,
    });
    transport.close();
  });
});
