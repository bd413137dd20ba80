/**
 * An officer locks or withdraws a person's HI card, and lifts a lock (issue 15: the "suspended"
 * answer of the coverage check). HI Law Art.20 and Decree 188/2025 Art.12: the card is withdrawn
 * (thu hồi) for fraud in its issue; its validity is temporarily locked (tạm khóa) when someone used
 * another person's card or lent theirs, and unlocked once the fine is paid. Each decision is one
 * transaction: the person's row locked, one row per card they hold in force on the day (the law
 * gives one card; the database keeps one per payer), an audit event, and the e-book re-rendered.
 * The officer's reference is the business key: the same decision again changes nothing and gives
 * the same answer; a refusal writes nothing. The participant is told in the same transaction
 * (Decree 188/2025 Art.12: rules §6): an `hi_card.locked`, `hi_card.withdrawn` or
 * `hi_card.lock_lifted` notice in the outbox, under a dedupe key of the person, the step and the
 * reference, which the relay delivers by e-mail, or to the inbox without an address on file.
 */
import type { Db } from '../db/client';
import { audit, enqueue } from '../db/queries/audit';
import { rewriteEbooks } from '../db/queries/ebooks';
import {
  cardsInForceOn,
  insertHiCardLocks,
  liftHiCardLocks,
  locksOfDecision,
  lockParticipantForCard,
} from '../db/queries/hi-card-locks';
import { localDateOf, type IsoDate } from '../domain/calendar';
import { cardLockGroundFits, cardLockLiftable, type CardLockGround, type CardLockKind } from '../domain/coverage';
import { DomainError } from '../domain/errors';

export interface HiCardLockDecision {
  personalId: string;
  reference: string;
  kind: CardLockKind;
  ground: CardLockGround;
  effectiveFrom: IsoDate;
  /** The day the lock was lifted (the card usable again from it); null while in effect. */
  liftedOn: IsoDate | null;
  /** The codes of the cards it applies to. */
  cards: string[];
  /** The same decision was recorded before: nothing was written now. */
  alreadyRecorded: boolean;
}

type Decision = Omit<HiCardLockDecision, 'alreadyRecorded' | 'personalId' | 'reference'>;

/** A decision's notice key: the person, the step and the reference (one notice per decision and step). */
const noticeKey = (personalId: string, step: CardLockKind | 'lifted', reference: string) =>
  `hi-card:${personalId}:${step}:${reference}`;

function decisionOf(rows: Awaited<ReturnType<typeof locksOfDecision>>): Decision | null {
  const first = rows[0];
  if (!first) return null;
  return {
    kind: first.kind as CardLockKind,
    ground: first.ground as CardLockGround,
    effectiveFrom: first.effectiveFrom,
    liftedOn: first.liftedOn,
    cards: [...new Set(rows.map((r) => r.cardCode))],
  };
}

/**
 * Locks (or withdraws) every card the person holds in force on `effectiveFrom`. Refusals: an
 * unknown person (NOT_FOUND), a ground that does not fit the kind (LOCK_GROUND_MISMATCH), no card
 * in force that day (NO_CARD_IN_FORCE), a card already locked by another decision
 * (HI_CARD_ALREADY_LOCKED), the reference of another decision (HI_CARD_LOCK_REFERENCE_CONFLICT).
 */
export async function lockHiCard(
  db: Db,
  r: {
    personalId: string;
    reference: string;
    kind: CardLockKind;
    ground: CardLockGround;
    effectiveFrom: IsoDate;
    actor: string;
    now: Date;
  },
): Promise<HiCardLockDecision> {
  if (!cardLockGroundFits(r.kind, r.ground))
    throw new DomainError(
      'LOCK_GROUND_MISMATCH',
      'a card is locked for being lent or used by another, withdrawn for fraud',
      'ground',
    );
  return db.transaction(async (tx) => {
    if (!(await lockParticipantForCard(tx, r.personalId))) throw new DomainError('NOT_FOUND', 'participant not found');
    const before = decisionOf(await locksOfDecision(tx, r.personalId, r.reference));
    if (before) {
      if (before.kind !== r.kind || before.ground !== r.ground || before.effectiveFrom !== r.effectiveFrom)
        throw new DomainError(
          'HI_CARD_LOCK_REFERENCE_CONFLICT',
          'this decision reference already names another lock of this person',
          'reference',
        );
      return { personalId: r.personalId, reference: r.reference, ...before, alreadyRecorded: true };
    }
    const cards = await cardsInForceOn(tx, r.personalId, r.effectiveFrom);
    if (cards.length === 0)
      throw new DomainError('NO_CARD_IN_FORCE', 'the person holds no card in force on that day', 'effectiveFrom');
    if (cards.some((c) => c.openLock !== null))
      throw new DomainError('HI_CARD_ALREADY_LOCKED', 'this card is already locked or withdrawn');
    await insertHiCardLocks(
      tx,
      cards.map((c) => ({
        personalId: r.personalId,
        cardId: c.id,
        reference: r.reference,
        kind: r.kind,
        ground: r.ground,
        effectiveFrom: r.effectiveFrom,
        decidedBy: r.actor,
        decidedAt: r.now,
      })),
    );
    await audit(tx, {
      actor: r.actor,
      action: r.kind === 'withdrawn' ? 'hi_card.withdrawn' : 'hi_card.locked',
      subjectType: 'participant',
      subjectId: r.personalId,
      details: { reference: r.reference, kind: r.kind, ground: r.ground, effectiveFrom: r.effectiveFrom },
    });
    await rewriteEbooks(tx, [r.personalId]);
    const cardCodes = [...new Set(cards.map((c) => c.cardCode))];
    const notice = {
      dedupeKey: noticeKey(r.personalId, r.kind, r.reference),
      channel: 'email' as const,
      recipientType: 'participant' as const,
      recipientId: r.personalId,
      payload: {
        reference: r.reference,
        lockKind: r.kind,
        ground: r.ground,
        effectiveFrom: r.effectiveFrom,
        cards: cardCodes,
        decidedOn: localDateOf(r.now.getTime()),
      },
    };
    await enqueue(
      tx,
      r.kind === 'withdrawn' ? { ...notice, kind: 'hi_card.withdrawn' } : { ...notice, kind: 'hi_card.locked' },
    );
    return {
      personalId: r.personalId,
      reference: r.reference,
      kind: r.kind,
      ground: r.ground,
      effectiveFrom: r.effectiveFrom,
      liftedOn: null,
      cards: cardCodes,
      alreadyRecorded: false,
    };
  });
}

/**
 * Lifts a temporary lock from `liftedOn` (the card is usable again that day). Refusals: an unknown
 * person or decision (HI_CARD_LOCK_NOT_FOUND), a withdrawal (LOCK_NOT_LIFTABLE: a withdrawn card
 * stays withdrawn), a day not after the lock took effect (LIFT_BEFORE_LOCK), a lock already lifted
 * on another day (LOCK_ALREADY_LIFTED). Lifted on the same day again: the same answer.
 */
export async function liftHiCardLock(
  db: Db,
  r: { personalId: string; reference: string; liftedOn: IsoDate; actor: string; now: Date },
): Promise<HiCardLockDecision> {
  return db.transaction(async (tx) => {
    const known = await lockParticipantForCard(tx, r.personalId);
    const d = known ? decisionOf(await locksOfDecision(tx, r.personalId, r.reference)) : null;
    if (!d) throw new DomainError('HI_CARD_LOCK_NOT_FOUND', 'no such lock of this person', 'reference');
    if (!cardLockLiftable(d.kind))
      throw new DomainError('LOCK_NOT_LIFTABLE', 'a withdrawn card stays withdrawn: a new card is issued instead');
    if (d.liftedOn !== null) {
      if (d.liftedOn !== r.liftedOn)
        throw new DomainError('LOCK_ALREADY_LIFTED', 'this lock was already lifted on another day', 'liftedOn');
      return { personalId: r.personalId, reference: r.reference, ...d, alreadyRecorded: true };
    }
    if (r.liftedOn <= d.effectiveFrom)
      throw new DomainError('LIFT_BEFORE_LOCK', 'a lock is lifted on a day after it took effect', 'liftedOn');
    await liftHiCardLocks(tx, { ...r, liftedBy: r.actor, liftedAt: r.now });
    await audit(tx, {
      actor: r.actor,
      action: 'hi_card.lock_lifted',
      subjectType: 'participant',
      subjectId: r.personalId,
      details: { reference: r.reference, liftedOn: r.liftedOn },
    });
    await rewriteEbooks(tx, [r.personalId]);
    await enqueue(tx, {
      dedupeKey: noticeKey(r.personalId, 'lifted', r.reference),
      kind: 'hi_card.lock_lifted',
      channel: 'email',
      recipientType: 'participant',
      recipientId: r.personalId,
      payload: { reference: r.reference, effectiveFrom: d.effectiveFrom, liftedOn: r.liftedOn, cards: d.cards },
    });
    return { personalId: r.personalId, reference: r.reference, ...d, liftedOn: r.liftedOn, alreadyRecorded: false };
  });
}
