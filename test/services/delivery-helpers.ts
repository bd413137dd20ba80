/**
 * What the delivery tests (test/services/delivery-*.test.ts, issue #13) share: the real relay
 * (services/relay.ts, nodemailer over STARTTLS + AUTH to an in-process smtp-server, an HTTP SMS
 * gateway in process (sms-peer.ts), the notices' PDFs through services/documents.ts
 * renderAttachment, exactly as runtime/relay.ts wires it) and `delivered(…)`, which proves that one
 * notice the flows enqueued arrived: by e-mail (parsed by mailparser, its Vietnamese subject, its
 * stable Message-ID), by SMS (its catalog text, its reference) or in the recipient's inbox (sent,
 * delivered via inbox). test/services/delivery-kinds.test.ts reads these files for every
 * `delivered(…, '<kind>'` and fails when a kind the source enqueues has none.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { and, asc, eq } from 'drizzle-orm';
import type { ParsedMail } from 'mailparser';
import { expect } from 'vitest';
import type { Db } from '../../db/client';
import { outbox } from '../../db/schema';
import { renderAttachment } from '../../services/documents';
import {
  employerInbox,
  noticeLang,
  noticesByStatus,
  participantInbox,
  renderNotice,
  renderSms,
} from '../../services/notices';
import { createRelay, smtpTransport, type Relay } from '../../services/relay';
import { DEV_CLAIM_SUBJECT_KEY } from '../../runtime/config';
import { testClock } from '../setup/harness';
import { startSmsPeer, type SmsPeer, type SmsRequest } from './sms-peer';
import { startSmtpPeer, type SmtpPeer } from './smtp-peer';

const run = promisify(execFile);

export interface Delivery {
  peer: SmtpPeer;
  /** The SMS gateway the relay sends `sms` notices to. */
  sms: SmsPeer;
  relay: Relay;
  /** Runs the relay until nothing is due; returns how many notices it took. */
  drain(): Promise<number>;
  close(): Promise<void>;
}

export async function startDelivery(db: Db): Promise<Delivery> {
  const [peer, sms] = await Promise.all([startSmtpPeer(), startSmsPeer()]);
  const transport = smtpTransport(peer.url(), { pool: false });
  const relay = createRelay({
    db,
    clock: testClock,
    transport,
    sms: sms.gateway(),
    from: 'Ansinh <thong-bao@ansinh.local>',
    maxAttempts: 2,
    // Opens the sealed code and address of an otp.code notice, as runtime/relay.ts does (the tests' server secret).
    otpSecret: DEV_CLAIM_SUBJECT_KEY,
    attachment: (d, n) => renderAttachment(d, n, { lang: noticeLang(n.payload) }),
  });
  return {
    peer,
    sms,
    relay,
    async drain() {
      let total = 0;
      for (;;) {
        const pass = await relay.runOnce();
        expect(pass.failed + pass.dead, 'a delivery failed').toBe(0);
        total += pass.leased;
        if (pass.leased === 0) return total;
      }
    },
    async close() {
      transport.close();
      await Promise.all([peer.close(), sms.close()]);
    },
  };
}

export interface Delivered {
  row: typeof outbox.$inferSelect;
  /** The e-mail as it arrived (undefined when it went to the inbox or by SMS). */
  mail?: ParsedMail;
  /** The SMS as the gateway received it (via sms only). */
  sms?: SmsRequest;
}

/**
 * The notice of `kind` to `recipientId` (the `nth`, oldest first) was delivered: `via: 'smtp'` — one
 * e-mail arrived with its Message-ID and the Vietnamese subject the catalog gives, NFC; `via:
 * 'inbox'` — it is sent, delivered via inbox, and listed in the recipient's inbox: the participant's
 * (GET /v1/participants/{id}/notices) or the employer's (GET /v1/employers/{taxCode}/notices); an
 * officers' queue notice in the outbox list operators read (GET /v1/notices): officers act on the
 * work queue's task the same step opens or alerts (GET /v1/tasks).
 */
export async function delivered(
  d: Delivery & { db: Db },
  kind: string,
  to: { recipientId: string; via: 'smtp' | 'sms' | 'inbox'; nth?: number },
): Promise<Delivered> {
  const rows = await d.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.kind, kind), eq(outbox.recipientId, to.recipientId)))
    .orderBy(asc(outbox.id));
  const row = rows[to.nth ?? 0];
  expect(row, `a ${kind} notice to ${to.recipientId}`).toBeDefined();
  expect({ kind, status: row!.status, via: row!.deliveredVia }).toEqual({ kind, status: 'sent', via: to.via });
  const { subject } = renderNotice(kind, row!.payload);
  expect(subject).toMatch(/[^ -~]/); // Vietnamese, with its diacritics
  if (to.via === 'smtp') {
    const mails = d.peer.received.filter((m) => m.messageId === row!.messageId);
    expect(mails, `the e-mail of ${kind}`).toHaveLength(1);
    expect(row!.messageId).toBe(`<notice-${row!.id}@ansinh.local>`);
    const mail = mails[0]!;
    // A one-time code's e-mail carries the code where every other view shows it masked.
    if (kind === 'otp.code') expect(mail.subject).toBe(subject.replace('••••••', /\d{6}/.exec(mail.subject!)![0]));
    else expect(mail.subject).toBe(subject);
    expect(mail.subject!.normalize('NFC')).toBe(mail.subject);
    expect(mail.headers.get('x-ansinh-notice')).toContain(kind);
    return { row: row!, mail };
  }
  expect(d.peer.received.some((m) => m.messageId === row!.messageId)).toBe(false);
  if (to.via === 'sms') {
    // One request under the notice's own reference, with its catalog text (a code's is checked by its test).
    const sms = d.sms.received.filter((m) => m.body.reference === `notice-${row!.id}` && m.status < 300);
    expect(sms, `the SMS of ${kind}`).toHaveLength(1);
    if (kind !== 'otp.code') expect(sms[0]!.body.text).toBe(renderSms(kind, row!.payload, noticeLang(row!.payload)));
    return { row: row!, sms: sms[0]! };
  }
  const page = { before: null, limit: 200 };
  const list =
    row!.recipientType === 'participant'
      ? await participantInbox(d.db, to.recipientId, page)
      : row!.recipientType === 'employer'
        ? await employerInbox(d.db, to.recipientId, page)
        : await noticesByStatus(d.db, { status: 'sent', before: null, limit: 500 });
  const item = list.items.find((i) => i.id === row!.id);
  expect(item, `${kind} in the inbox`).toMatchObject({ kind, status: 'sent', deliveredVia: 'inbox', subject });
  return { row: row! };
}

/** The PDF attached to a mail (exactly one), as pdftotext reads it, NFC, whitespace collapsed. */
export async function attachedPdfText(mail: ParsedMail, filename: RegExp): Promise<string> {
  const pdfs = mail.attachments.filter((a) => a.contentType === 'application/pdf');
  expect(pdfs).toHaveLength(1);
  expect(pdfs[0]!.filename).toMatch(filename);
  return pdfText(pdfs[0]!.content);
}

let dir: string | undefined;
export async function pdfText(pdf: Buffer): Promise<string> {
  dir ??= mkdtempSync(path.join(tmpdir(), 'ansinh-delivery-'));
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-']);
  return stdout.normalize('NFC').replace(/\s+/g, ' ');
}
