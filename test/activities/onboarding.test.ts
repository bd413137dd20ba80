/**
 * Onboarding activities against the real PostgreSQL: one transaction per effect, idempotent under
 * retry, e-books rewritten in the same transaction (Circular 09/2026/TT-BTC: the e-book must
 * equal the national insurance database).
 */
import { randomUUID } from 'node:crypto';
import { findEbook, verifyEbooks } from '../../db/queries/ebooks';
import { count, eq, sql, type SQL } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOnboardingActivities } from '../../activities/onboarding';
import { sampleSubmission } from '../../dev/sample';
import {
  auditEvents,
  ebooks,
  employers,
  employments,
  hiCards,
  idempotencyKeys,
  onboardingRequestEmployees,
  onboardingRequests,
  outbox,
  participants,
  salaryHistory,
  tasks,
  uiClaims,
} from '../../db/schema';
import { addDays } from '../../domain/calendar';
import { newJobReviewDeadline } from '../../domain/unemployment';
import type { OnboardingSubmission } from '../../domain/schemas';
import { createTestDatabase, testClock, type TestDatabase } from '../setup/harness';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase('acts');
});
afterAll(async () => {
  await tdb.drop();
});
afterEach(async () => {
  // After every test: every e-book equals what the database says.
  const report = await verifyEbooks(tdb.db);
  expect(report.mismatches).toEqual([]);
});

const clock = testClock;
let seed = 1000;

async function store(sub: OnboardingSubmission) {
  const requestId = randomUUID();
  await tdb.db.insert(onboardingRequests).values({
    id: requestId,
    taxCode: sub.employer.taxCode,
    employer: sub.employer,
    employeeCount: sub.employees.length,
    submittedBy: 'test',
    workflowId: `onboarding:${sub.employer.taxCode}`,
  });
  if (sub.employees.length) {
    await tdb.db
      .insert(onboardingRequestEmployees)
      .values(sub.employees.map((e, i) => ({ requestId, line: i + 1, personalId: e.personalId, data: e })));
  }
  return { requestId, taxCode: sub.employer.taxCode, workflowId: `onboarding:${sub.employer.taxCode}`, runId: 'run-1' };
}

async function approvedDossier(n: number) {
  const sub = sampleSubmission(seed++, n, { startMonth: '2026-10' });
  const ref = await store(sub);
  const acts = createOnboardingActivities({ db: tdb.db, clock });
  expect(await acts.registerEmployer(ref)).toMatchObject({ outcome: 'registered', employeeCount: n });
  await acts.activateEmployer({ ...ref, officer: 'officer:test' });
  return { sub, ref, acts };
}

type Table = Parameters<ReturnType<typeof tdb.db.select>['from']>[0];
const countOf = async (table: Table, where?: SQL) =>
  Number((await tdb.db.select({ n: count() }).from(table).where(where))[0]!.n);

describe('employer onboarding activities', () => {
  it('a batch creates participants, employments, salary history, HI cards and e-books in one go', async () => {
    const { sub, ref, acts } = await approvedDossier(7);
    const r = await acts.onboardEmployeeBatch({ ...ref, fromLine: 1, toLine: 7 });
    expect(r).toMatchObject({
      employees: 7,
      participantsCreated: 7,
      participantsExisting: 0,
      hiCardsIssued: 7,
      ebooksWritten: 7,
    });
    expect(await countOf(employments, eq(employments.employerTaxCode, ref.taxCode))).toBe(7);
    const [emp] = await tdb.db.select().from(employers).where(eq(employers.taxCode, ref.taxCode));
    expect(emp).toMatchObject({ status: 'active' });
    expect(emp!.unitCode).toMatch(/^79\d{5}$/);

    const first = sub.employees[0]!;
    const book = (await findEbook(tdb.db, first.personalId))!;
    const doc = JSON.parse(book!.content);
    expect(book!.version).toBe(1);
    expect(doc.identity).toMatchObject({
      personalId: first.personalId,
      fullName: first.fullName,
      dateOfBirth: first.dateOfBirth,
    });
    expect(doc.employments).toEqual([
      expect.objectContaining({
        employerTaxCode: ref.taxCode,
        unitCode: emp!.unitCode,
        startMonth: '2026-10',
        salaries: [{ effectiveMonth: '2026-10', amount: first.salary }],
      }),
    ]);
    // Ordinary employees: card level 4 = 80% (HI Law Art.22), payer = the employer, from the first day of work.
    expect(doc.hiCards).toEqual([
      expect.objectContaining({
        payerKind: 'employer',
        payerTaxCode: ref.taxCode,
        benefitLevel: 80,
        validFrom: '2026-10-01',
        validTo: null,
      }),
    ]);
    expect(doc.hiCards[0].cardCode).toMatch(/^DN479\d{10}$/);
  });

  it('an activity run twice writes once and returns the same result', async () => {
    const { ref, acts } = await approvedDossier(5);
    const a = await acts.onboardEmployeeBatch({ ...ref, fromLine: 1, toLine: 5 });
    const before = {
      participants: await countOf(participants),
      employments: await countOf(employments),
      salaries: await countOf(salaryHistory),
      cards: await countOf(hiCards),
      audit: await countOf(auditEvents),
      versions: await tdb.db.select({ v: sql<number>`sum(${ebooks.version})` }).from(ebooks),
    };
    const b = await acts.onboardEmployeeBatch({ ...ref, fromLine: 1, toLine: 5 });
    expect(b).toEqual(a);
    expect({
      participants: await countOf(participants),
      employments: await countOf(employments),
      salaries: await countOf(salaryHistory),
      cards: await countOf(hiCards),
      audit: await countOf(auditEvents),
      versions: await tdb.db.select({ v: sql<number>`sum(${ebooks.version})` }).from(ebooks),
    }).toEqual(before);
    // Registration and approval are idempotent too.
    expect(await acts.registerEmployer(ref)).toMatchObject({ outcome: 'registered' });
    const unit1 = await acts.activateEmployer({ ...ref, officer: 'officer:test' });
    const unit2 = await acts.activateEmployer({ ...ref, officer: 'officer:test' });
    expect(unit2).toEqual(unit1);
  });

  it('a failure injected in the middle of a batch leaves no partial rows and no changed e-book', async () => {
    // A person already in the database (with an e-book) joins a second employer.
    const { sub: firstSub, ref: firstRef, acts: firstActs } = await approvedDossier(2);
    await firstActs.onboardEmployeeBatch({ ...firstRef, fromLine: 1, toLine: 2 });
    const existing = firstSub.employees[0]!;
    const bookBefore = (await findEbook(tdb.db, existing.personalId))!;

    const sub = sampleSubmission(seed++, 4, { startMonth: '2026-10' });
    sub.employees[2] = { ...existing, startMonth: '2026-10', jobTitle: 'Part-time analyst' };
    const ref = await store(sub);
    const setup = createOnboardingActivities({ db: tdb.db, clock });
    await setup.registerEmployer(ref);
    await setup.activateEmployer({ ...ref, officer: 'officer:test' });

    for (const point of ['batch:before-ebooks', 'batch:after-ebooks']) {
      const failing = createOnboardingActivities({
        db: tdb.db,
        clock,
        faults: (p) => {
          if (p === point) throw new Error(`injected failure at ${p}`);
        },
      });
      await expect(failing.onboardEmployeeBatch({ ...ref, fromLine: 1, toLine: 4 })).rejects.toThrow(
        /injected failure/,
      );
      expect(await countOf(employments, eq(employments.employerTaxCode, ref.taxCode))).toBe(0);
      expect(await countOf(hiCards, eq(hiCards.payerTaxCode, ref.taxCode))).toBe(0);
      for (const e of sub.employees.filter((x) => x.personalId !== existing.personalId)) {
        expect(await countOf(participants, eq(participants.personalId, e.personalId))).toBe(0);
      }
      const bookAfter = (await findEbook(tdb.db, existing.personalId))!;
      expect(bookAfter).toEqual(bookBefore);
      expect(await countOf(idempotencyKeys, sql`${idempotencyKeys.key} like ${`onboarding:${ref.requestId}:%`}`)).toBe(
        0,
      );
    }

    // The retry (no fault) then does the whole batch, and the existing person's book gains the new job.
    const r = await setup.onboardEmployeeBatch({ ...ref, fromLine: 1, toLine: 4 });
    expect(r).toMatchObject({ employees: 4, participantsCreated: 3, participantsExisting: 1 });
    const bookNow = (await findEbook(tdb.db, existing.personalId))!;
    expect(bookNow!.version).toBe(bookBefore!.version + 1);
    expect(JSON.parse(bookNow!.content).employments).toHaveLength(2);
  });

  it('a dossier whose identity data disagrees with the database keeps the database identity and reports the line', async () => {
    const { sub: firstSub, ref: firstRef, acts } = await approvedDossier(1);
    await acts.onboardEmployeeBatch({ ...firstRef, fromLine: 1, toLine: 1 });
    const person = firstSub.employees[0]!;
    const sub = sampleSubmission(seed++, 2, { startMonth: '2026-10' });
    sub.employees[1] = { ...person, fullName: `${person.fullName} Khác` };
    const ref = await store(sub);
    await acts.registerEmployer(ref);
    await acts.activateEmployer({ ...ref, officer: 'officer:test' });
    const r = await acts.onboardEmployeeBatch({ ...ref, fromLine: 1, toLine: 2 });
    expect(r.identityMismatchLines).toEqual([2]);
    const [p] = await tdb.db.select().from(participants).where(eq(participants.personalId, person.personalId));
    expect(p!.fullName).toBe(person.fullName);
  });

  it('a second dossier for a known employer is a duplicate and changes nothing', async () => {
    const { sub, ref } = await approvedDossier(1);
    const again = await store({ ...sub });
    const acts = createOnboardingActivities({ db: tdb.db, clock });
    expect(await acts.registerEmployer(again)).toEqual({ outcome: 'duplicate', existingStatus: 'active' });
    const [emp] = await tdb.db.select().from(employers).where(eq(employers.taxCode, ref.taxCode));
    expect(emp!.onboardingRequestId).toBe(ref.requestId);
  });

  it('a defence unit is refused at registration with EMPLOYER_EXCLUDED and nothing is written', async () => {
    const sub = sampleSubmission(seed++, 2, { startMonth: '2026-10', employer: { category: 'defence_unit' } });
    const ref = await store(sub);
    const acts = createOnboardingActivities({ db: tdb.db, clock });
    await expect(acts.registerEmployer(ref)).rejects.toMatchObject({ code: 'EMPLOYER_EXCLUDED' });
    expect(await countOf(employers, eq(employers.taxCode, ref.taxCode))).toBe(0);
  });

  it('the database itself refuses a defence or public-security unit and an active employer without a unit code', async () => {
    const base = { taxCode: '0100109106', name: 'X', address: 'Y', provinceCode: '01', wageRegion: 'I' };
    await expect(
      tdb.db.insert(employers).values({ ...base, category: 'public_security_unit', status: 'pending' }),
    ).rejects.toThrow();
    await expect(
      tdb.db.insert(employers).values({ ...base, category: 'enterprise', status: 'active' }),
    ).rejects.toThrow();
  });

  it('the audit trail is append-only', async () => {
    await approvedDossier(1);
    const causeOf = async (p: Promise<unknown>) => {
      const err = (await p.then(
        () => null,
        (e: unknown) => e,
      )) as { cause?: { message?: string } } | null;
      return err?.cause?.message ?? '';
    };
    expect(await causeOf(tdb.db.update(auditEvents).set({ actor: 'someone-else' }))).toMatch(/append-only/);
    expect(await causeOf(tdb.db.delete(auditEvents))).toMatch(/append-only/);
    expect(await causeOf(tdb.db.execute(sql`truncate audit_events`))).toMatch(/append-only/);
  });

  it('escalation and rejection notify through the outbox exactly once', async () => {
    const sub = sampleSubmission(seed++, 1, { startMonth: '2026-10' });
    const ref = await store(sub);
    const acts = createOnboardingActivities({ db: tdb.db, clock });
    await acts.registerEmployer(ref);
    await acts.escalateOnboarding({ ...ref, deadline: '2026-12-01T17:00:00.000Z' });
    await acts.escalateOnboarding({ ...ref, deadline: '2026-12-01T17:00:00.000Z' });
    await acts.rejectEmployer({ ...ref, officer: 'officer:test', reason: 'dossier incomplete', automatic: false });
    await acts.rejectEmployer({ ...ref, officer: 'officer:test', reason: 'dossier incomplete', automatic: false });
    const rows = await tdb.db
      .select()
      .from(outbox)
      .where(sql`${outbox.dedupeKey} like ${`onboarding:${ref.requestId}:%`}`);
    expect(rows.map((r) => r.kind).sort()).toEqual(['onboarding.decision_overdue', 'onboarding.rejected']);
    const [emp] = await tdb.db.select().from(employers).where(eq(employers.taxCode, ref.taxCode));
    expect(emp).toMatchObject({ status: 'rejected', rejectionReason: 'dossier incomplete', unitCode: null });
  });

  it('ebook verify finds a book edited behind the database’s back', async () => {
    const { sub, ref, acts } = await approvedDossier(2);
    await acts.onboardEmployeeBatch({ ...ref, fromLine: 1, toLine: 2 });
    const victim = sub.employees[1]!.personalId;
    await tdb.db.execute(
      sql`update ebook_sections set content = replace(content, '"benefitLevel":80', '"benefitLevel":100')
           where personal_id = ${victim} and section = 'hiCards'`,
    );
    const report = await verifyEbooks(tdb.db);
    expect(report.mismatches).toEqual([
      { personalId: victim, kind: 'content_differs', storedVersion: 1, section: 'hiCards' },
    ]);
    // Put it right again (as a rewrite would) so the after-each verification holds.
    await tdb.db.transaction(async (tx) => {
      const { rewriteEbooks } = await import('../../db/queries/ebooks');
      expect(await rewriteEbooks(tx, [victim])).toBe(1);
    });
  });
});

describe('new employments from an onboarding (rules §8.32)', () => {
  it('each employee is told of the new employment once; one with an open unemployment claim puts a task in front of the claim’s officer, once, even when the batch runs again', async () => {
    // Employee 0 is already on record and awaiting an officer's decision on a claim.
    const sub = sampleSubmission(seed++, 3, { startMonth: '2026-10' });
    const first = await approvedDossier(1);
    await first.acts.onboardEmployeeBatch({ ...first.ref, fromLine: 1, toLine: 1 });
    const person = first.sub.employees[0]!;
    sub.employees[0] = { ...person, startMonth: '2026-10' };
    const today = clock.today();
    const [claim] = await tdb.db
      .insert(uiClaims)
      .values({
        personalId: person.personalId,
        workflowId: 'claim:ui:not-running',
        status: 'awaiting_decision',
        terminationDate: addDays(today, -20),
        filingDate: addDays(today, -10),
        region: 'I',
        contractMonths: 36,
        terminationReason: 'contract_expired',
        filedBy: 'officer:test',
      })
      .returning();
    const ref = await store(sub);
    const acts = createOnboardingActivities({ db: tdb.db, clock });
    await acts.registerEmployer(ref);
    await acts.activateEmployer({ ...ref, officer: 'officer:test' });
    await acts.onboardEmployeeBatch({ ...ref, fromLine: 1, toLine: 3 });
    // The batch again (a retry that lost its stored result): nothing new.
    await tdb.db.delete(idempotencyKeys).where(sql`${idempotencyKeys.key} like ${`onboarding:${ref.requestId}:%`}`);
    await acts.onboardEmployeeBatch({ ...ref, fromLine: 1, toLine: 3 });

    for (const e of sub.employees) {
      const notices = await tdb.db
        .select()
        .from(outbox)
        .where(
          sql`${outbox.recipientId} = ${e.personalId} and ${outbox.kind} = 'employment.declared' and ${outbox.payload}->>'employerTaxCode' = ${ref.taxCode}`,
        );
      expect(notices, e.personalId).toHaveLength(1);
    }
    // Not yet decided: no assignee, the claims queue.
    expect(await tdb.db.select().from(tasks).where(eq(tasks.claimId, claim!.id))).toEqual([
      expect.objectContaining({
        kind: 'claim.new_job_declared',
        status: 'open',
        queue: 'ui-claims',
        assignee: null,
        dueDate: newJobReviewDeadline(today),
        employerTaxCode: ref.taxCode,
      }),
    ]);
  });
});
