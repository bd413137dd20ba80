/**
 * Why a person is not covered on a date, and the initial facility (domain/coverage.ts; rules §6,
 * §8.43): one rule per reason, each with its HI Law provision, and the order they are asked in.
 */
import { describe, expect, it } from 'vitest';
import {
  atInitialFacility,
  cardExpired,
  cardLockGroundFits,
  cardLockLiftable,
  cardNotYetValid,
  cardSuspended,
  citationsOfReason,
  coverageEnded,
  noCard,
  whyNotCovered,
  type CoverageFacts,
} from '../../domain/coverage';

const none: CoverageFacts = { cardInForce: false, lock: null, lastEnded: null, nextStarts: null };

describe('why not covered (HI Law Art.16, Art.20)', () => {
  it('a card in force is covered unless it is locked or withdrawn that day (HI Law Art.20(2); Decree 188/2025 Art.12)', () => {
    expect(whyNotCovered({ ...none, cardInForce: true })).toBeNull();
    const lock = { kind: 'locked' as const, since: '2026-11-01' };
    expect(cardSuspended({ ...none, cardInForce: true, lock })).toEqual({
      reason: 'suspended',
      since: '2026-11-01',
      lockKind: 'locked',
    });
    expect(whyNotCovered({ ...none, cardInForce: true, lock: { kind: 'withdrawn', since: '2026-11-02' } })).toEqual({
      reason: 'suspended',
      since: '2026-11-02',
      lockKind: 'withdrawn',
    });
  });

  it('a card that ended because the person left the scheme is "ended" (HI Law Art.16(4)(c)), one that ran out "expired" (Art.16(4)(a))', () => {
    expect(coverageEnded({ ...none, lastEnded: { on: '2026-11-30', leftScheme: true } })).toEqual({
      reason: 'ended',
      since: '2026-11-30',
    });
    expect(cardExpired({ ...none, lastEnded: { on: '2026-11-30', leftScheme: false } })).toEqual({
      reason: 'expired',
      since: '2026-11-30',
    });
    expect(cardExpired({ ...none, lastEnded: { on: '2026-11-30', leftScheme: true } })).toBeNull();
  });

  it('a card that starts later is "not yet valid" (HI Law Art.16(3)); with no card before or after, "no card" (Art.16(1))', () => {
    expect(cardNotYetValid({ ...none, nextStarts: '2027-01-01' })).toEqual({
      reason: 'not_yet_valid',
      since: '2027-01-01',
    });
    expect(noCard(none)).toEqual({ reason: 'no_card', since: null });
    expect(noCard({ ...none, nextStarts: '2027-01-01' })).toBeNull();
  });

  it('an ended card comes before a later one (rules §8.43): the facility asks for the renewal', () => {
    expect(
      whyNotCovered({ ...none, lastEnded: { on: '2026-10-31', leftScheme: false }, nextStarts: '2027-01-01' }),
    ).toEqual({ reason: 'expired', since: '2026-10-31' });
  });

  it('each reason cites its provisions', () => {
    expect(citationsOfReason('expired')).toEqual(['HI Law Art.16(4)(a)']);
    expect(citationsOfReason('not_yet_valid')).toEqual(['HI Law Art.16(3)']);
    expect(citationsOfReason('no_card')).toEqual(['HI Law Art.16(1)']);
    expect(citationsOfReason('ended')).toEqual([
      'HI Law Art.16(4)(c)',
      'HI Law Art.20(1)(b)',
      'Ansinh decision, rules §8.43',
    ]);
    expect(citationsOfReason('suspended')).toEqual([
      'HI Law Art.20(1)(a)',
      'HI Law Art.20(2)',
      'Decree 188/2025 Art.12',
    ]);
  });
});

describe('locks and withdrawals (HI Law Art.20; Decree 188/2025 Art.12)', () => {
  it('a lock is for a card lent or used by another, a withdrawal for fraud; only a lock is lifted', () => {
    expect(cardLockGroundFits('locked', 'lent')).toBe(true);
    expect(cardLockGroundFits('locked', 'used_by_another')).toBe(true);
    expect(cardLockGroundFits('locked', 'fraud')).toBe(false);
    expect(cardLockGroundFits('withdrawn', 'fraud')).toBe(true);
    expect(cardLockGroundFits('withdrawn', 'lent')).toBe(false);
    expect(cardLockLiftable('locked')).toBe(true);
    expect(cardLockLiftable('withdrawn')).toBe(false);
  });
});

describe('the registered initial facility (HI Law Art.26)', () => {
  it('the facility asking is the initial one only when the card registers it; no facility asking, no answer', () => {
    expect(atInitialFacility('79001', '79001')).toBe(true);
    expect(atInitialFacility('79001', '79002')).toBe(false);
    expect(atInitialFacility(null, '79001')).toBe(false);
    expect(atInitialFacility('79001', null)).toBeNull();
  });
});
