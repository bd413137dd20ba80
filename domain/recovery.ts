/**
 * Account-access recovery (issue #14 part 3; rules §8.40): who may start one, what "a fresh VNeID
 * sign-in" is, what an officer records of the document checked in person, and when the whole
 * process expires. Pure: importable from workflows.
 */
import { addWorkingDays, localDateOf, workingDayDeadline, type IsoDate } from './calendar';
import { ansinh, circular09, rule } from './law';

/**
 * A participant identifies by VNeID at level 2 (Circular 09/2026/TT-BTC Art.6(1)); for a recovery
 * the sign-in must also be FRESH: its `auth_time` at most this many minutes before now (by the
 * injected clock), and not after now (beyond the tokens' 60-second skew). Ansinh decision §8.40:
 * long enough to start, receive a code (valid 10 minutes) and type it; short enough that a token
 * lifted from a device hours ago cannot take an account over.
 */
export const RECOVERY_FRESH_SIGN_IN_MINUTES = 15;
const SKEW_SEC = 60;

/** Why a sign-in is not fresh enough to recover an account, or null when it is. */
export const signInFreshness = rule(
  [circular09.article('6(1)'), ansinh.decision('8.40')],
  function signInFreshness(
    authTimeSec: number | undefined,
    level: number,
    nowMs: number,
  ): 'IDENTITY_LEVEL_TOO_LOW' | 'SIGN_IN_NOT_FRESH' | null {
    if (level < 2) return 'IDENTITY_LEVEL_TOO_LOW';
    if (authTimeSec === undefined) return 'SIGN_IN_NOT_FRESH';
    const nowSec = nowMs / 1000;
    if (authTimeSec > nowSec + SKEW_SEC) return 'SIGN_IN_NOT_FRESH';
    return nowSec - authTimeSec <= RECOVERY_FRESH_SIGN_IN_MINUTES * 60 ? null : 'SIGN_IN_NOT_FRESH';
  },
);

/**
 * The whole recovery expires at the end of the 5th working day after it started, if it has not
 * completed (Ansinh decision §8.40: the span Law 41/2024 Art.28 gives the agency to answer a
 * registration, so an in-person verification at any office fits in it; an unfinished recovery must
 * not hold the account in between for longer).
 */
export const RECOVERY_EXPIRES_AFTER_WORKING_DAYS = 5;

/** The instant (epoch ms) a recovery started at `startedAtMs` expires. */
export const recoveryExpiry = rule(ansinh.decision('8.40'), function recoveryExpiry(startedAtMs: number): number {
  return workingDayDeadline(startedAtMs, RECOVERY_EXPIRES_AFTER_WORKING_DAYS);
});

/** The last day (Vietnam date) of a recovery started that day: the in-person verification task's due date. */
export function recoveryLastDay(startedOn: IsoDate): IsoDate {
  return addWorkingDays(startedOn, RECOVERY_EXPIRES_AFTER_WORKING_DAYS);
}

export const recoveryStartedOn = (startedAtMs: number): IsoDate => localDateOf(startedAtMs);

export const RECOVERY_DOCUMENT_KIND_VALUES = ['cccd', 'passport', 'vneid_app'] as const;

export const RECOVERY_STATUS_VALUES = [
  'intake',
  'awaiting_identity',
  'awaiting_contact',
  'awaiting_code',
  'completed',
  'expired',
] as const;

/** A recovery's code is valid this many minutes (the same as services/otp.ts OTP_TTL_MINUTES; a test keeps them equal). */
export const RECOVERY_CODE_MINUTES = 10;
