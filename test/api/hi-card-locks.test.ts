/**
 * An officer locks (tạm khóa) or withdraws (thu hồi) a person's HI card and lifts a lock (issue 15;
 * HI Law Art.20, Decree 188/2025 Art.12): one transaction that writes the lock of every card in force
 * that day, an audit event, the re-rendered e-book and the participant's notice; the decision's
 * reference makes it idempotent; every refusal writes nothing.
 */
import { and, eq, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { auditEvents, hiCardLocks, outbox } from '../../db/schema';
import { findEbook, verifyEbooks } from '../../db/queries/ebooks';
import { testClock } from '../setup/harness';
import { apiFixture, bearer, type ApiFixture } from './fixture';

let f: ApiFixture;
let officer: string;
const lockUrl = (pid: string) => `/v1/participants/${pid}/hi-card/locks`;

const post = (url: string, payload: unknown) =>
  f.app.inject({ method: 'POST', url, headers: bearer(officer), payload: payload as object });

/** What a refusal must leave alone: the locks, the audit events, the e-books and the outbox (the participant's notice). */
async function state() {
  const [row] = await queryRows<{ locks: number; audits: number; books: string; notices: number }>(
    f.tdb.db,
    sql`select (select count(*)::int from hi_card_locks) as locks, (select count(*)::int from audit_events) as audits,
               (select string_agg(personal_id || ':' || version, ',' order by personal_id) from ebooks) as books,
               (select count(*)::int from outbox) as notices`,
  );
  return row;
}

/** The card notices queued for a person (services/hi-card-locks.ts, in the decision's transaction). */
const cardNotices = (pid: string) =>
  f.tdb.db
    .select({ kind: outbox.kind, dedupeKey: outbox.dedupeKey, payload: outbox.payload })
    .from(outbox)
    .where(and(eq(outbox.recipientId, pid), like(outbox.kind, 'hi_card.%')))
    .orderBy(outbox.id);

beforeAll(async () => {
  f = await apiFixture('hi-card-locks');
  officer = await f.token({ role: 'officer', subject: 'officer-lock' });
});
afterAll(async () => {
  await f?.close();
});

describe('locking an HI card', () => {
  it('writes the lock, an audit event and the e-book in one go; the same decision again changes nothing', async () => {
    const pid = f.a.employees[0]!.personalId;
    const book = (await findEbook(f.tdb.db, pid))!;
    const body = { reference: 'QD-45/2026', kind: 'locked', ground: 'used_by_another', effectiveFrom: '2026-11-03' };
    const r = await post(lockUrl(pid), body);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({
      personalId: pid,
      reference: 'QD-45/2026',
      kind: 'locked',
      ground: 'used_by_another',
      effectiveFrom: '2026-11-03',
      liftedOn: null,
      alreadyRecorded: false,
    });
    expect(r.json().cards).toHaveLength(1);
    const after = (await findEbook(f.tdb.db, pid))!;
    expect(after!.version).toBe(book!.version + 1);
    expect(JSON.parse(after!.content).cardLocks).toEqual([
      {
        cardCode: r.json().cards[0],
        effectiveFrom: '2026-11-03',
        ground: 'used_by_another',
        kind: 'locked',
        liftedOn: null,
      },
    ]);
    const events = await f.tdb.db.select().from(auditEvents).where(eq(auditEvents.subjectId, pid));
    expect(events.filter((e) => e.action === 'hi_card.locked')).toHaveLength(1);
    // The participant's notice, queued by the same transaction (Decree 188/2025 Art.12).
    expect(await cardNotices(pid)).toEqual([
      {
        kind: 'hi_card.locked',
        dedupeKey: `hi-card:${pid}:locked:QD-45/2026`,
        payload: {
          reference: 'QD-45/2026',
          lockKind: 'locked',
          ground: 'used_by_another',
          effectiveFrom: '2026-11-03',
          cards: r.json().cards,
          decidedOn: testClock.today(),
        },
      },
    ]);
    // A retry of the same decision: the same answer, nothing new (no second notice either).
    const before = await state();
    const again = await post(lockUrl(pid), body);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ alreadyRecorded: true, cards: r.json().cards });
    expect(await state()).toEqual(before);
    expect((await verifyEbooks(f.tdb.db)).mismatches).toEqual([]);
  });

  it('refuses, writing nothing: a ground that does not fit, a card already locked, a reused reference, no card that day, an unknown person', async () => {
    const locked = f.a.employees[0]!.personalId;
    const free = f.a.employees[1]!.personalId;
    const before = await state();
    const cases: [string, unknown, number, string][] = [
      [lockUrl(free), { reference: 'QD-1', kind: 'withdrawn', ground: 'lent' }, 422, 'LOCK_GROUND_MISMATCH'],
      [lockUrl(free), { reference: 'QD-1', kind: 'locked', ground: 'fraud' }, 422, 'LOCK_GROUND_MISMATCH'],
      [
        lockUrl(locked),
        { reference: 'QD-2', kind: 'withdrawn', ground: 'fraud', effectiveFrom: '2026-11-10' },
        409,
        'HI_CARD_ALREADY_LOCKED',
      ],
      [
        lockUrl(locked),
        { reference: 'QD-45/2026', kind: 'locked', ground: 'lent', effectiveFrom: '2026-11-03' },
        409,
        'HI_CARD_LOCK_REFERENCE_CONFLICT',
      ],
      [
        lockUrl(free),
        { reference: 'QD-3', kind: 'locked', ground: 'lent', effectiveFrom: '2026-09-01' },
        409,
        'NO_CARD_IN_FORCE',
      ],
      [lockUrl('001099000001'), { reference: 'QD-4', kind: 'locked', ground: 'lent' }, 404, 'NOT_FOUND'],
      [lockUrl(free), { reference: 'QD 5', kind: 'locked', ground: 'lent' }, 400, 'INVALID_REFERENCE'],
      [lockUrl(free), { reference: 'QD-6', kind: 'frozen', ground: 'lent' }, 400, 'INVALID_LOCK_KIND'],
    ];
    for (const [url, body, status, code] of cases) {
      const r = await post(url, body);
      expect(r.statusCode, `${JSON.stringify(body)} ${r.body}`).toBe(status);
      expect(r.json().code).toBe(code);
    }
    expect(await state()).toEqual(before);
  });
});

describe('lifting a lock', () => {
  it('from a day after it took effect: audited, the e-book shows the day; the same lift again is the same answer', async () => {
    const pid = f.a.employees[0]!.personalId;
    const url = `${lockUrl(pid)}/QD-45%2F2026/lifting`;
    const early = await post(url, { liftedOn: '2026-11-03' });
    expect(early.statusCode).toBe(422);
    expect(early.json().code).toBe('LIFT_BEFORE_LOCK');
    const r = await post(url, { liftedOn: '2026-11-10' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ liftedOn: '2026-11-10', alreadyRecorded: false });
    const book = (await findEbook(f.tdb.db, pid))!;
    expect(JSON.parse(book!.content).cardLocks[0].liftedOn).toBe('2026-11-10');
    const events = await f.tdb.db.select().from(auditEvents).where(eq(auditEvents.subjectId, pid));
    expect(events.filter((e) => e.action === 'hi_card.lock_lifted')).toHaveLength(1);
    expect((await cardNotices(pid)).map((n) => n.kind)).toEqual(['hi_card.locked', 'hi_card.lock_lifted']);
    const before = await state();
    expect((await post(url, { liftedOn: '2026-11-10' })).json()).toMatchObject({ alreadyRecorded: true });
    const other = await post(url, { liftedOn: '2026-11-12' });
    expect(other.statusCode).toBe(409);
    expect(other.json().code).toBe('LOCK_ALREADY_LIFTED');
    const none = await post(`${lockUrl(pid)}/QD-NONE/lifting`, {});
    expect(none.statusCode).toBe(404);
    expect(none.json().code).toBe('HI_CARD_LOCK_NOT_FOUND');
    expect(await state()).toEqual(before);
    // Lifted: the card may be locked again by a new decision.
    const relock = await post(lockUrl(pid), {
      reference: 'QD-46/2026',
      kind: 'locked',
      ground: 'lent',
      effectiveFrom: '2026-11-20',
    });
    expect(relock.statusCode, relock.body).toBe(201);
    expect(await f.tdb.db.select().from(hiCardLocks).where(eq(hiCardLocks.personalId, pid))).toHaveLength(2);
    // A new decision is a new notice (its own reference, its own key).
    expect((await cardNotices(pid)).map((n) => n.dedupeKey)).toEqual([
      `hi-card:${pid}:locked:QD-45/2026`,
      `hi-card:${pid}:lifted:QD-45/2026`,
      `hi-card:${pid}:locked:QD-46/2026`,
    ]);
  });
});
