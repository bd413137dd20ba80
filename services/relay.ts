/**
 * The relay (issue 13): delivers the outbox. A process (run by `ansinh start` and `ansinh relay`)
 * leases due notices in PostgreSQL (db/queries/notices.ts: FOR UPDATE SKIP LOCKED, a lease that
 * expires), sends e-mail notices over SMTP with nodemailer, and records the outcome:
 *
 * - BEFORE the send the row is `sending`, leased by this relay (its own committed statement);
 *   AFTER it, `sent`. A relay killed between the two leaves the lease to expire: the next relay
 *   sends again with the SAME Message-ID (derived from the row, `<notice-{id}@ansinh.local>`), so
 *   the receiving side can drop the copy — delivered once as far as SMTP allows.
 * - A failure is `failed` with a code (never the server's text or an address) and retried after
 *   an exponential backoff; after `maxAttempts` it is `dead`, which an operator sees
 *   (GET /v1/notices?status=dead) and may queue again (POST /v1/notices/{id}/retry).
 * - A notice that is not for e-mail or SMS, or whose participant has no address on file, is
 *   delivered to the app's inbox (GET /v1/participants/{id}/notices): `sent` with delivered_via `inbox`.
 * - A notice whose channel is `sms` goes through the HTTP SMS gateway (services/sms.ts; delivered_via
 *   `sms`) with its catalog text `sms.<kind>`, to the participant's phone on file or the number
 *   sealed in it; its failures are recorded as for e-mail (retried with the same backoff, or dead
 *   with a code). Without a gateway (no SMS_GATEWAY_URL) it is dead at once, NO_SMS_GATEWAY: a code
 *   or a warning meant for a phone must not land in an inbox the phone's holder may not read.
 * - A notice may carry its recipient sealed (services/seal.ts openRecipient: the OLD contact of a
 *   completed recovery, no longer on file): it goes there by its channel, never to the address on
 *   file, and the sealed part is erased once it is sent or dead, like a code's.
 * - Each e-mail (subject, body, PDF) is written in the recipient's language at send time: a `lang`
 *   the notice carries, else the participant's or employer's stored preference (read by the lease's
 *   own statement, no query per notice), else Vietnamese.
 * - A notice older than `maxAgeDays` when the relay first picks it is not sent (a reminder of a
 *   deadline long past): the lease makes it `dead` with last_error EXPIRED, among the dead letters.
 *   An operator's retry resets its age (retried_at), so a deliberate retry sends it.
 *
 * Why not Temporal: a notice is one row and one SMTP exchange; a lease in the row the notice lives
 * in keeps its state, its attempts and its Message-ID in one place, costs no workflow per notice
 * (millions of arrears notices a month), and carries no personal data into Temporal's history.
 */
import { randomUUID } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Db } from '../db/client';
import { leaseDueNotices, recordFailure, recordSent, type LeasedNotice } from '../db/queries/notices';
import type { Lang } from '../messages';
import { hasSmsText, noticeAgeNow, noticeLang, renderNotice, renderSms } from './notices';
import { openOtpNotice, OTP_NOTICE_KIND } from './otp';
import { openRecipient } from './seal';
import { smsAddress, SmsFailure, type SmsGateway } from './sms';

export interface RelayAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface RelayOptions {
  db: Db;
  /**
   * The injected clock (runtime/clock.ts): lease times, backoff and a notice's age are measured on
   * it (its `offsetDays`, when pinned, maps it onto the database's created_at: services/notices.ts noticeAgeNow).
   */
  clock: (() => Date) & { readonly offsetDays?: number };
  /** The SMTP transport; null = no SMTP configured (development): every notice goes to the app's inbox. */
  transport: Transporter | null;
  /** The SMS gateway (services/sms.ts httpSmsGateway); null or absent = none: an `sms` notice is dead (NO_SMS_GATEWAY). */
  sms?: SmsGateway | null;
  /** The From address (SMTP_FROM). */
  from: string;
  /** This relay's name in the lease (default: a fresh UUID). */
  owner?: string;
  leaseMs?: number;
  batch?: number;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A notice older than this many days at its first pick is dead (EXPIRED), not sent; null = no limit (default 14). */
  maxAgeDays?: number | null;
  /** A notice's attachment (services/documents.ts renderAttachment when present) in `lang`, or null. */
  attachment?: (db: Db, notice: LeasedNotice, lang: Lang) => Promise<RelayAttachment | null>;
  /** Passes start() keeps running at once (default 2): one sends while another leases and records; SKIP LOCKED keeps them apart. */
  concurrency?: number;
  /** Test hook: called at named points ('relay:after-send'); a throw there is a relay that dies. */
  faults?: (point: string, notice: LeasedNotice) => void | Promise<void>;
  /** Facts only (ids, codes, counts). */
  log?: (event: string, facts: Record<string, string | number>) => void;
  /**
   * The server secret (CLAIM_SUBJECT_KEY) that opens what a notice carries sealed: the code and
   * address of an `otp.code` notice (services/otp.ts), a recipient no longer on file
   * (services/seal.ts openRecipient). Without it such a notice cannot be delivered and is dead at once.
   */
  otpSecret?: string;
}

export interface RelayPass {
  leased: number;
  /** Sent by e-mail or SMS. */
  sent: number;
  inbox: number;
  failed: number;
  dead: number;
  /** Notices found too old at their first pick: dead with EXPIRED, not sent. */
  expired: number;
}

export interface Relay {
  readonly owner: string;
  /** One pass: lease what is due, deliver it, record each outcome. */
  runOnce(): Promise<RelayPass>;
  /** `concurrency` loops of passes until stop(); a pass that found a full batch is followed at once, else after `idleMs`. */
  start(idleMs?: number): { stop(): Promise<void> };
}

/** A delivery failure as a code: nothing of the server's reply text, which may quote an address. */
/** A delivery failure's code (not a problem+json answer: what GET /v1/notices shows as lastError). */
const failure = (code: string, permanent: boolean) => ({ code, permanent });

export function smtpErrorCode(err: unknown): { code: string; permanent: boolean } {
  const e = err as { code?: string; responseCode?: number } | null;
  if (e?.code === 'EAUTH' || e?.responseCode === 535 || e?.responseCode === 534) return failure('SMTP_AUTH', false);
  if (e?.code === 'EENVELOPE' || (e?.responseCode !== undefined && e.responseCode >= 550 && e.responseCode < 560))
    return failure('SMTP_REJECTED', true);
  if (e?.code === 'ETLS' || (e?.code === 'ESOCKET' && /TLS|SSL|certificate/i.test(String((err as Error).message))))
    return failure('SMTP_TLS', false);
  if (e?.code === 'ECONNECTION' || e?.code === 'ETIMEDOUT' || e?.code === 'ESOCKET' || e?.code === 'ECONNREFUSED')
    return failure('SMTP_UNAVAILABLE', false);
  if (e?.responseCode !== undefined && e.responseCode >= 400 && e.responseCode < 500)
    return failure('SMTP_DEFERRED', false);
  if (e?.responseCode !== undefined && e.responseCode >= 500) return failure('SMTP_REFUSED', false);
  return failure('SEND_FAILED', false);
}

/** The transport of SMTP_URL (smtp:// with STARTTLS required unless `?requireTLS=false`, or smtps://). */
export function smtpTransport(url: string, opts: { pool?: boolean } = {}): Transporter {
  const u = new URL(url);
  const secure = u.protocol === 'smtps:';
  const requireTLS = !secure && u.searchParams.get('requireTLS') !== 'false';
  const rejectUnauthorized = u.searchParams.get('tlsRejectUnauthorized') !== 'false';
  return nodemailer.createTransport({
    host: u.hostname,
    port: u.port ? Number(u.port) : secure ? 465 : 587,
    secure,
    requireTLS,
    ignoreTLS: !secure && !requireTLS && u.searchParams.get('ignoreTLS') === 'true',
    ...(u.username ? { auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } } : {}),
    tls: { rejectUnauthorized },
    pool: opts.pool ?? true,
    maxConnections: 5,
  });
}

export function createRelay(o: RelayOptions): Relay {
  const owner = o.owner ?? `relay-${randomUUID()}`;
  const leaseMs = o.leaseMs ?? 60_000;
  const batch = o.batch ?? 20;
  const maxAttempts = o.maxAttempts ?? 8;
  const baseDelayMs = o.baseDelayMs ?? 30_000;
  const maxDelayMs = o.maxDelayMs ?? 6 * 60 * 60_000;
  const maxAgeDays = o.maxAgeDays === undefined ? 14 : o.maxAgeDays;
  const log = o.log ?? (() => {});

  async function deliver(n: LeasedNotice, pass: RelayPass): Promise<void> {
    // A one-time code goes to the sealed (new) address, never to the inbox, which must not show it.
    if (n.kind === OTP_NOTICE_KIND) return deliverCode(n, pass);
    // A recipient sealed in the notice (no longer on file): there, never to the address on file.
    if (n.payload?.['sealed'] !== undefined) return deliverToSealed(n, pass);
    const lang = noticeLang(n.payload, n.preferredLang);
    if (n.channel === 'sms' && n.phone) return sendSms(n, n.phone, renderSms(n.kind, n.payload, lang), pass);
    // Not an e-mail, no address on file, or no SMTP configured (development): the app's inbox.
    if (n.channel !== 'email' || !n.email || !o.transport) {
      if (await recordSent(o.db, { id: n.id, owner, via: 'inbox', at: o.clock() })) pass.inbox++;
      return;
    }
    await send(n, n.email, lang, renderNotice(n.kind, n.payload, lang), pass);
  }

  /**
   * An `otp.code` notice: the code and the new address (or number) are opened from the sealed
   * payload, the code is written into the text, and it goes to that address by e-mail, or to that
   * number by SMS. Recording it sent (or dead) erases the sealed part (db/queries/notices.ts). No
   * SMTP (or no SMS gateway), or no way to open it: dead at once, with a code.
   */
  async function deliverCode(n: LeasedNotice, pass: RelayPass): Promise<void> {
    const opened = o.otpSecret ? openOtpNotice(o.otpSecret, n.payload) : null;
    if (!opened) return dead(n, 'OTP_SEALED_UNREADABLE', pass);
    const lang = noticeLang(n.payload, n.preferredLang);
    if (n.channel === 'sms')
      return sendSms(n, opened.to, renderSms(n.kind, n.payload, lang, { code: opened.code }), pass);
    if (!o.transport) return dead(n, 'OTP_NO_SMTP', pass);
    await send(n, opened.to, lang, renderNotice(n.kind, n.payload, lang, { code: opened.code }), pass);
  }

  /**
   * A notice whose recipient is sealed in it (the old contact of a recovery): opened, and sent there
   * by the channel sealed with it. Without SMTP (development) an e-mail goes to the inbox as every
   * other; one that does not open is dead (RECIPIENT_SEALED_UNREADABLE), never sent to the address on file.
   */
  async function deliverToSealed(n: LeasedNotice, pass: RelayPass): Promise<void> {
    const r = o.otpSecret ? openRecipient(o.otpSecret, n.payload['sealed']) : null;
    if (!r) return dead(n, 'RECIPIENT_SEALED_UNREADABLE', pass);
    const lang = noticeLang(n.payload, n.preferredLang);
    if (r.channel === 'sms') return sendSms(n, r.to, renderSms(n.kind, n.payload, lang), pass);
    if (!o.transport) {
      if (await recordSent(o.db, { id: n.id, owner, via: 'inbox', at: o.clock() })) pass.inbox++;
      return;
    }
    await send(n, r.to, lang, renderNotice(n.kind, n.payload, lang), pass);
  }

  /** Final at once: dead with a code (the sealed part erased), no attempt left. */
  async function dead(n: LeasedNotice, code: string, pass: RelayPass): Promise<void> {
    await recordFailure(o.db, { id: n.id, owner, code, retryAt: null });
    log('notice.dead', { id: n.id, attempts: n.attempts, code });
    pass.dead++;
  }

  /** A failed attempt: retried after the backoff, or dead when final or the attempts are spent. */
  async function failed(n: LeasedNotice, code: string, permanent: boolean, pass: RelayPass): Promise<void> {
    const last = permanent || n.attempts >= maxAttempts;
    const delay = Math.min(maxDelayMs, baseDelayMs * 2 ** (n.attempts - 1));
    const retryAt = last ? null : new Date(o.clock().getTime() + delay);
    await recordFailure(o.db, { id: n.id, owner, code, retryAt });
    log(last ? 'notice.dead' : 'notice.failed', { id: n.id, attempts: n.attempts, code });
    if (last) pass.dead++;
    else pass.failed++;
  }

  async function send(
    n: LeasedNotice,
    to: string,
    lang: Lang,
    { subject, text }: { subject: string; text: string },
    pass: RelayPass,
  ) {
    const transport = o.transport!;
    try {
      const attachment = o.attachment ? await o.attachment(o.db, n, lang) : null;
      await transport.sendMail({
        from: o.from,
        to,
        subject,
        text,
        messageId: n.messageId,
        headers: { 'X-Ansinh-Notice': `${n.kind}; id=${n.id}; attempt=${n.attempts}` },
        ...(attachment ? { attachments: [attachment] } : {}),
      });
    } catch (err) {
      const { code, permanent } = smtpErrorCode(err);
      return failed(n, code, permanent, pass);
    }
    // Sent: a relay that dies here leaves the row `sending`; the next one resends it with the same Message-ID.
    if (o.faults) await o.faults('relay:after-send', n);
    if (await recordSent(o.db, { id: n.id, owner, via: 'smtp', at: o.clock() })) pass.sent++;
  }

  /**
   * One SMS through the gateway, under the notice's own reference (`notice-<id>`: a resend after a
   * relay died repeats it). A kind without an SMS text, or a number that is not one, is dead.
   */
  async function sendSms(n: LeasedNotice, phone: string, text: string, pass: RelayPass) {
    if (!o.sms) return dead(n, 'NO_SMS_GATEWAY', pass);
    if (!hasSmsText(n.kind)) return dead(n, 'NO_SMS_TEXT', pass);
    let to: string;
    try {
      to = smsAddress(phone);
    } catch {
      return dead(n, 'SMS_INVALID_NUMBER', pass);
    }
    try {
      await o.sms.send({ to, text, reference: `notice-${n.id}` });
    } catch (err) {
      if (err instanceof SmsFailure) return failed(n, err.code, err.permanent, pass);
      return failed(n, 'SEND_FAILED', false, pass);
    }
    if (o.faults) await o.faults('relay:after-send', n);
    if (await recordSent(o.db, { id: n.id, owner, via: 'sms', at: o.clock() })) pass.sent++;
  }

  async function runOnce(): Promise<RelayPass> {
    const now = o.clock();
    const staleBefore =
      maxAgeDays === null ? null : new Date(noticeAgeNow(o.clock).getTime() - maxAgeDays * 24 * 60 * 60_000);
    const { leased, expired } = await leaseDueNotices(o.db, {
      owner,
      now,
      until: new Date(now.getTime() + leaseMs),
      limit: batch,
      staleBefore,
    });
    const pass: RelayPass = {
      leased: leased.length,
      sent: 0,
      inbox: 0,
      failed: 0,
      dead: expired.length,
      expired: expired.length,
    };
    // One line per pass, not per notice: the first pass after migration 0015 may expire a backlog.
    if (expired.length > 0)
      log('notice.expired', { count: expired.length, firstId: expired[0]!, lastId: expired[expired.length - 1]! });
    await Promise.all(leased.map((n) => deliver(n, pass)));
    return pass;
  }

  return {
    owner,
    runOnce,
    start(idleMs = 2000) {
      let stopped = false;
      const wakers = new Set<() => void>();
      const loop = async () => {
        while (!stopped) {
          let full = false;
          try {
            const pass = await runOnce();
            full = pass.leased + pass.expired >= batch;
          } catch (err) {
            log('relay.pass_failed', { code: (err as { code?: string }).code ?? 'ERROR' });
          }
          if (!full && !stopped)
            await new Promise<void>((r) => {
              const wake = () => (wakers.delete(wake), r());
              wakers.add(wake);
              setTimeout(wake, idleMs);
            });
        }
      };
      const loops = Array.from({ length: Math.max(1, o.concurrency ?? 2) }, loop);
      return {
        async stop() {
          stopped = true;
          for (const wake of [...wakers]) wake();
          await Promise.all(loops);
        },
      };
    },
  };
}
