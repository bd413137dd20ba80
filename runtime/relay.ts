/**
 * The relay as a process (issue 13): built from the configuration (SMTP_URL, SMTP_FROM, SMS_*, RELAY_*)
 * and run by `ansinh start` beside the worker and the API, or alone by `ansinh relay`. Several
 * relays may run at once: the leases (db/queries/notices.ts) keep them off each other's notices.
 */
import type { Db } from '../db/client';
import { renderAttachment } from '../services/documents';
import { createRelay, smtpTransport, type Relay, type RelayOptions } from '../services/relay';
import { httpSmsGateway } from '../services/sms';
import { t, type Lang } from '../messages';
import { smsGatewayOf, type Config } from './config';
import { componentLogger } from './logger';

export interface RunningRelay {
  relay: Relay;
  /** The SMTP server e-mail goes to (`host:port`), or null: the app's inbox only (no SMTP_URL, development). */
  smtpHost: string | null;
  /** The SMS gateway SMS go to (`host:port`), or null: no SMS (an `sms` notice is dead, NO_SMS_GATEWAY). */
  smsHost: string | null;
  /** The same in words, in `lang`: `smtp host:port`, or inbox only (and the SMS gateway, or none). */
  describe(lang: Lang): string;
  stop(): Promise<void>;
}

/**
 * The notice's PDF (the e-book, a decision letter, an arrears notice) in the language the relay
 * resolved for its recipient (services/notices.ts noticeLang: the notice's own `lang`, else the
 * stored preference, else Vietnamese).
 */
export const noticeAttachment: NonNullable<RelayOptions['attachment']> = (db, n, lang) =>
  renderAttachment(db, n, { lang });

/** The relay of this configuration, started; null outside development when SMTP_URL is unset (notices stay queued). */
export function startRelay(cfg: Config, db: Db): RunningRelay | null {
  if (!cfg.SMTP_URL && !cfg.devMode) return null;
  const log = componentLogger('relay');
  const transport = cfg.SMTP_URL ? smtpTransport(cfg.SMTP_URL) : null;
  const smsOptions = smsGatewayOf(cfg);
  const sms = smsOptions ? httpSmsGateway(smsOptions) : null;
  const relay = createRelay({
    db,
    clock: cfg.clock,
    transport,
    sms,
    from: cfg.SMTP_FROM,
    maxAttempts: cfg.RELAY_MAX_ATTEMPTS,
    baseDelayMs: cfg.RELAY_BACKOFF_SECONDS * 1000,
    leaseMs: cfg.RELAY_LEASE_SECONDS * 1000,
    maxAgeDays: cfg.RELAY_MAX_AGE_DAYS,
    attachment: noticeAttachment,
    // Opens the sealed code and address of an otp.code notice (services/otp.ts).
    otpSecret: cfg.CLAIM_SUBJECT_KEY,
    // Ids, codes and counts only: never an address or a subject.
    log: (event, facts) => log.warn({ event, ...facts }, event),
  });
  const loop = relay.start(cfg.RELAY_POLL_MS);
  const u = cfg.SMTP_URL ? new URL(cfg.SMTP_URL) : null;
  const smtpHost = u ? `${u.hostname}:${u.port || (u.protocol === 'smtps:' ? 465 : 587)}` : null;
  const smsHost = sms?.host ?? null;
  return {
    relay,
    smtpHost,
    smsHost,
    describe: (lang) =>
      `${smtpHost ? t(lang, 'cli.stack.relay_smtp', { host: smtpHost }) : t(lang, 'cli.stack.relay_inbox')}; ${
        smsHost ? t(lang, 'cli.stack.relay_sms', { host: smsHost }) : t(lang, 'cli.stack.relay_no_sms')
      }`,
    async stop() {
      await loop.stop();
      transport?.close();
    },
  };
}
