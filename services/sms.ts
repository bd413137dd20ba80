/**
 * The SMS channel of the outbox (issue #14): an HTTP SMS gateway (the brandname SMS services of the
 * Vietnamese carriers and their resellers all take a JSON POST). The relay (services/relay.ts)
 * sends a notice whose channel is `sms` with one request:
 *
 *   POST SMS_GATEWAY_URL
 *   Authorization: Bearer SMS_GATEWAY_TOKEN
 *   Idempotency-Key: <reference>
 *   {"to": "+84912345678", "text": "...", "reference": "notice-42", "sender": "BHXH"}
 *
 * `reference` is the notice's own key (`notice-<id>`, derived from its row like its Message-ID):
 * a relay that dies between the send and the record resends with the SAME reference, so the gateway
 * can drop the copy. The dedupe key is not sent (it may name a person).
 *
 * The answer: 2xx is delivered; 408 and 429 (the gateway is busy) and 5xx, a timeout or no
 * connection are retried with the relay's backoff; any other 4xx (a number the gateway refuses, a
 * token it does not accept) is final — the notice is dead with a code. Nothing of the gateway's
 * reply is kept or logged (it may quote the number).
 */
import { DomainError } from '../domain/errors';

export interface SmsMessage {
  /** The number in E.164 (smsAddress). */
  to: string;
  text: string;
  /** The notice's key, the same on every resend. */
  reference: string;
}

export interface SmsGateway {
  /** Where messages go (`host:port`), for the start-up line; never the token. */
  readonly host: string;
  /** Sends one message; throws an SmsFailure with a code when it is not accepted. */
  send(m: SmsMessage): Promise<void>;
}

/** A send that failed: its code (what GET /v1/notices shows as lastError) and whether a retry may help. */
export class SmsFailure extends Error {
  override readonly name = 'SmsFailure';
  constructor(
    readonly code: string,
    readonly permanent: boolean,
  ) {
    super(code);
  }
}

/** The failure of a gateway's HTTP status (not 2xx). */
export function smsStatusFailure(status: number): SmsFailure {
  if (status === 401 || status === 403) return new SmsFailure('SMS_AUTH', true);
  if (status === 408 || status === 429) return new SmsFailure('SMS_THROTTLED', false);
  if (status >= 400 && status < 500) return new SmsFailure('SMS_REJECTED', true);
  if (status >= 500) return new SmsFailure('SMS_UNAVAILABLE', false);
  // A redirect (not followed: the token must not go elsewhere) or an informational answer.
  return new SmsFailure('SMS_UNEXPECTED_ANSWER', true);
}

export interface HttpSmsOptions {
  url: string;
  token: string;
  /** The brandname the message is sent under (SMS_SENDER). */
  sender: string;
  /** How long one request may take before it counts as a timeout (retried). */
  timeoutMs?: number;
}

/** The gateway of SMS_GATEWAY_URL (Node's fetch; redirects are not followed). */
export function httpSmsGateway(o: HttpSmsOptions): SmsGateway {
  const u = new URL(o.url);
  const timeoutMs = o.timeoutMs ?? 10_000;
  return {
    host: `${u.hostname}:${u.port || (u.protocol === 'https:' ? 443 : 80)}`,
    async send(m) {
      let res: Response;
      try {
        res = await fetch(o.url, {
          method: 'POST',
          redirect: 'manual',
          headers: {
            authorization: `Bearer ${o.token}`,
            'content-type': 'application/json; charset=utf-8',
            'idempotency-key': m.reference,
          },
          body: JSON.stringify({ to: m.to, text: m.text, reference: m.reference, sender: o.sender }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (err) {
        const name = (err as { name?: string }).name;
        throw new SmsFailure(
          name === 'TimeoutError' || name === 'AbortError' ? 'SMS_TIMEOUT' : 'SMS_UNAVAILABLE',
          false,
        );
      }
      // The body is read to free the connection, and dropped: it may quote the number.
      await res.arrayBuffer().catch(() => undefined);
      if (res.status < 200 || res.status >= 300) throw smsStatusFailure(res.status);
    },
  };
}

/**
 * A stored phone number as the gateway takes it, E.164: a national number (0 and 9–10 digits) gets
 * Vietnam's +84 instead of its 0; a number with + (or 84 and 11–12 digits) is kept as it is.
 * INVALID_PHONE for anything else (a code never goes to a list or a stray string).
 */
export function smsAddress(phone: string): string {
  const p = phone.trim();
  if (/^\+\d{9,15}$/.test(p)) return p;
  if (/^0\d{9,10}$/.test(p)) return `+84${p.slice(1)}`;
  if (/^84\d{9,10}$/.test(p)) return `+${p}`;
  throw new DomainError('INVALID_PHONE', 'an SMS goes to one phone number (0…, 84… or +…, 9 to 15 digits)', 'phone');
}

/**
 * Whether an SMS text fits one message: up to 160 characters of the GSM 7-bit default alphabet (its
 * ASCII part without the characters that take an escape: the catalog's SMS texts are plain
 * Vietnamese without diacritics). A text with diacritics would go as UCS-2, which splits at 70
 * characters, so the catalog's SMS texts stay in this alphabet.
 */
export const fitsOneSms = (text: string): boolean =>
  /^[A-Za-z0-9 \n!"#$%&'()*+,\-./:;<=>?@_]*$/.test(text) && text.length <= 160;
