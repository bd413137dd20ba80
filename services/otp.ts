/**
 * One-time codes (issue #14): a new e-mail address or phone number confirmed before it is used, and
 * the new contact of an account-access recovery. A code is 6 random digits, valid for
 * OTP_TTL_MINUTES, with OTP_MAX_ATTEMPTS tries; at most OTP_MAX_PER_HOUR codes per process key and
 * hour. At rest there is only an HMAC-SHA-256 of it (key derived from the server secret); the code
 * and the address it goes to travel once, sealed, in the outbox notice `otp.code` — channel `email`
 * for an address, `sms` for a phone number (services/sms.ts) — which the relay opens to send it and
 * erases once sent. A process key names the step (`data-update:42:email`), never a person.
 *
 * issueOneTimeCode and checkOneTimeCode run inside the caller's transaction. A wrong code must
 * count even though the answer is a refusal: checkOneTimeCode returns the outcome instead of
 * throwing, the caller commits (the attempt is recorded — the one write a refusal makes, so that
 * guessing is bounded) and then answers with `otpRefusal(outcome)`.
 */
import { createHmac, hkdfSync, randomInt, timingSafeEqual } from 'node:crypto';
import type { Tx } from '../db/client';
import { enqueue, lockKey } from '../db/queries/audit';
import {
  codesIssuedSince,
  consumeCode,
  countAttempt,
  insertCode,
  keyHeldByOther,
  lockLiveCode,
} from '../db/queries/self-service';
import { DomainError } from '../domain/errors';
import { emailAddressSchema } from '../domain/schemas';
import { sealer } from './seal';
import { smsAddress } from './sms';

export const OTP_DIGITS = 6;
export const OTP_TTL_MINUTES = 10;
export const OTP_MAX_ATTEMPTS = 5;
export const OTP_MAX_PER_HOUR = 5;
/** The notice that carries a code. */
export const OTP_NOTICE_KIND = 'otp.code';
const SEAL_PURPOSE = 'outbox-otp';

export interface OtpDeps {
  /** The server secret the HMAC key and the sealing key derive from (CLAIM_SUBJECT_KEY). */
  secret: string;
  clock: () => Date;
}

const hmacKey = (secret: string) => Buffer.from(hkdfSync('sha256', secret, 'ansinh-otp', 'code-hmac-v1', 32));
const hashOf = (secret: string, id: number, processKey: string, code: string) =>
  createHmac('sha256', hmacKey(secret)).update(`${id}\n${processKey}\n${code}`).digest('hex');
const recipientRefOf = (secret: string, type: string, id: string) =>
  createHmac('sha256', hmacKey(secret)).update(`recipient\n${type}\n${id}`).digest('hex');
/** Seconds to wait before another code may be asked for (OTP_TOO_MANY's Retry-After). */
export const OTP_RETRY_AFTER_SECONDS = 3600;

export interface IssueInput {
  processKey: string;
  purpose: string;
  /** Who the notice is for (the outbox's recipient, e.g. participant + personal ID). */
  recipientType: 'participant' | 'employer';
  recipientId: string;
  /** Where the code goes, not on file yet: the new address (by e-mail) or else the new number (`phone`, by SMS). */
  email?: string;
  phone?: string;
  lang?: 'vi' | 'en';
}

export interface IssuedCode {
  codeId: number;
  expiresAt: Date;
}

/** Issues a new code for the key (superseding the live one) and queues the notice that delivers it. */
export async function issueOneTimeCode(tx: Tx, deps: OtpDeps, input: IssueInput): Promise<IssuedCode> {
  // One address or number, never a list or a header (the relay would send to whatever this says).
  const bySms = input.email === undefined;
  if (bySms === (input.phone === undefined))
    throw new DomainError('INVALID_INPUT', 'a code goes to one e-mail address or one phone number');
  const to = bySms ? smsAddress(input.phone!) : input.email!;
  if (!bySms && !emailAddressSchema.safeParse(to).success)
    throw new DomainError('INVALID_EMAIL', 'the code goes to one e-mail address (name@domain)', 'email');
  const now = deps.clock();
  // Serialise the key's issues: the hourly count and the recipient check hold under concurrency.
  await lockKey(tx, `otp:${input.processKey}`);
  const recipientRef = recipientRefOf(deps.secret, input.recipientType, input.recipientId);
  if (await keyHeldByOther(tx, input.processKey, recipientRef))
    throw new DomainError('OTP_KEY_TAKEN', "this step's codes go to someone else", 'processKey');
  const issued = await codesIssuedSince(tx, input.processKey, new Date(now.getTime() - 3600_000));
  if (issued >= OTP_MAX_PER_HOUR)
    throw new DomainError('OTP_TOO_MANY', `at most ${OTP_MAX_PER_HOUR} codes an hour for one step`, undefined, {
      retryAfterSeconds: OTP_RETRY_AFTER_SECONDS,
    });
  const code = String(randomInt(0, 10 ** OTP_DIGITS)).padStart(OTP_DIGITS, '0');
  const expiresAt = new Date(now.getTime() + OTP_TTL_MINUTES * 60_000);
  const row = await insertCode(tx, {
    processKey: input.processKey,
    purpose: input.purpose,
    recipientRef,
    createdAt: now,
    expiresAt,
    maxAttempts: OTP_MAX_ATTEMPTS,
    hashOf: (id) => hashOf(deps.secret, id, input.processKey, code),
  });
  await enqueue(tx, {
    dedupeKey: `otp:${row.id}`,
    kind: OTP_NOTICE_KIND,
    channel: bySms ? 'sms' : 'email',
    recipientType: input.recipientType,
    recipientId: input.recipientId,
    payload: {
      purpose: input.purpose,
      minutes: OTP_TTL_MINUTES,
      ...(input.lang ? { lang: input.lang } : {}),
      sealed: sealer(deps.secret, SEAL_PURPOSE).seal({ code, to }),
    },
  });
  return { codeId: row.id, expiresAt };
}

/** What the relay needs to deliver an `otp.code` notice: the code and the address (or E.164 number), or null. */
export function openOtpNotice(secret: string, payload: unknown): { code: string; to: string } | null {
  const v = sealer(secret, SEAL_PURPOSE).open((payload as { sealed?: unknown } | null)?.sealed) as {
    code?: unknown;
    to?: unknown;
  } | null;
  return v && typeof v.code === 'string' && typeof v.to === 'string' ? { code: v.code, to: v.to } : null;
}

export type OtpOutcome =
  | { ok: true; codeId: number }
  | { ok: false; code: 'OTP_NOT_FOUND' | 'OTP_EXPIRED' | 'OTP_LOCKED' | 'OTP_WRONG'; attemptsLeft: number };

/** Checks a code against the key's live code: consumes it when right, counts the attempt when wrong. */
export async function checkOneTimeCode(
  tx: Tx,
  deps: OtpDeps,
  input: { processKey: string; code: string },
): Promise<OtpOutcome> {
  const row = await lockLiveCode(tx, input.processKey);
  if (!row) return { ok: false, code: 'OTP_NOT_FOUND', attemptsLeft: 0 };
  const now = deps.clock();
  if (row.attempts >= row.maxAttempts) return { ok: false, code: 'OTP_LOCKED', attemptsLeft: 0 };
  // A clock that reads earlier than the code's issue (a pinned date wraps at local midnight, a
  // clock set back) cannot tell how long ago it was issued: the code counts as expired.
  if (now.getTime() >= row.expiresAt.getTime() || now.getTime() < row.createdAt.getTime())
    return { ok: false, code: 'OTP_EXPIRED', attemptsLeft: 0 };
  const given = /^\d{6}$/.test(input.code) ? hashOf(deps.secret, row.id, input.processKey, input.code) : '';
  const right = given.length === 64 && timingSafeEqual(Buffer.from(given, 'hex'), Buffer.from(row.codeHash, 'hex'));
  if (!right) {
    const attempts = await countAttempt(tx, row.id);
    return attempts >= row.maxAttempts
      ? { ok: false, code: 'OTP_LOCKED', attemptsLeft: 0 }
      : { ok: false, code: 'OTP_WRONG', attemptsLeft: row.maxAttempts - attempts };
  }
  await consumeCode(tx, row.id, now);
  return { ok: true, codeId: row.id };
}

/** The refusal for an outcome that is not ok (thrown by the caller after its transaction committed). */
export function otpRefusal(outcome: Exclude<OtpOutcome, { ok: true }>): DomainError {
  const messages = {
    OTP_NOT_FOUND: 'no code is waiting for this step: ask for a new one',
    OTP_EXPIRED: 'the code has expired: ask for a new one',
    OTP_LOCKED: 'too many wrong codes: ask for a new one',
    OTP_WRONG: `the code is not right (${outcome.attemptsLeft} attempts left)`,
  } as const;
  return new DomainError(outcome.code, messages[outcome.code], 'code', { attemptsLeft: outcome.attemptsLeft });
}
