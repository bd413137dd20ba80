/**
 * The work queue is a projection (issue 12): each step of a claim, an onboarding and a bank line
 * writes its task in its own transaction, against the real PostgreSQL — the claim's decision
 * (due on its 15-working-day deadline, Decree 374/2025; procedure 1.014748), its report windows
 * (Law 74/2025 Art.40; Decree 374/2025 Art.21), an onboarding's approval (5 working days, Law
 * 41/2024 Art.28). A retried step adds no second task.
 *
 * @date-sensitive Claims are filed for today (the test clock); the assertions are relative to it and pass on any date.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClaimActivities } from '../../activities/claims';
import { createOnboardingActivities } from '../../activities/onboarding';
import { sampleSubmission } from '../../dev/sample';
import { queryRows } from '../../db/client';
import { onboardingRequestEmployees, onboardingRequests, tasks, uiClaims } from '../../db/schema';
import { addDays, addWorkingDays, monthOf } from '../../domain/calendar';
import { decisionTimeline } from '../../domain/unemployment';
import { listTasks } from '../../services/tasks';
import { createClaimant } from '../setup/claimants';
import { createTestDatabase, testClock, type TestDatabase } from '../setup/harness';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase('tasks');
});
afterAll(async () => {
  await tdb.drop();
});

const today = testClock.today();
const claimActs = () => createClaimActivities({ db: tdb.db, clock: testClock });
const tasksOf = (claimId: string) => tdb.db.select().from(tasks).where(eq(tasks.claimId, claimId)).orderBy(tasks.id);

let seed = 91_000;
/** An eligible claim (24 credited months), stored in intake as the filing leaves it. */
async function claimInIntake(): Promise<string> {
  const terminationDate = addDays(today, -7);
  const c = await createClaimant(tdb.db, {
    lastMonth: monthOf(terminationDate),
    months: 24,
    salary: 12_000_000,
    seed: seed++,
  });
  const [claim] = await tdb.db
    .insert(uiClaims)
    .values({
      personalId: c.personalId,
      workflowId: `claim:ui:test-${randomUUID()}`,
      status: 'intake',
      terminationDate,
      filingDate: today,
      region: 'I',
      contractMonths: 36,
      terminationReason: 'contract_expired',
      filedBy: 'officer:test',
    })
    .returning();
  return claim!.id;
}

describe('a claim’s waits', () => {
  it('intake opens the officers’ decision task, due on the legal deadline; a retried intake adds none', async () => {
    const id = await claimInIntake();
    const acts = claimActs();
    const intake = await acts.intakeClaim({ claimId: id });
    expect(intake.eligible).toBe(true);
    expect(intake.decisionDeadline).toBe(decisionTimeline(today, 'LAW_74_2025').deadline);
    await acts.intakeClaim({ claimId: id });
    const rows = await tasksOf(id);
    expect(rows).toEqual([
      expect.objectContaining({
        kind: 'claim.decision',
        status: 'open',
        actor: 'officer',
        queue: 'ui-claims',
        assignee: null,
        dueDate: intake.decisionDeadline,
        escalatedAt: null,
        opensOn: null,
        dedupeKey: `claim:${id}:decision`,
      }),
    ]);
    // Ids and dates only.
    expect(Object.keys(rows[0]!.details as object).sort()).toEqual(['eligible', 'filingDate']);
  });

  it('a reminder marks the decision task; the escalation and the overdue alert escalate it to the supervisor’s queue, once', async () => {
    const id = await claimInIntake();
    const acts = claimActs();
    const intake = await acts.intakeClaim({ claimId: id });
    await acts.notifyClaimOfficers({ claimId: id, kind: 'decision_reminder', deadline: intake.decisionDeadline });
    let [t] = await tasksOf(id);
    expect(t).toMatchObject({ escalatedAt: null, queue: 'ui-claims', details: { alert: 'decision_reminder' } });
    await acts.notifyClaimOfficers({ claimId: id, kind: 'decision_escalation', deadline: intake.decisionDeadline });
    [t] = await tasksOf(id);
    expect(t).toMatchObject({ queue: 'ui-claims-director', details: { alert: 'decision_escalation' } });
    const first = t!.escalatedAt;
    expect(first).toBeInstanceOf(Date);
    await acts.notifyClaimOfficers({ claimId: id, kind: 'decision_escalation', deadline: intake.decisionDeadline });
    await acts.notifyClaimOfficers({ claimId: id, kind: 'decision_overdue', deadline: intake.decisionDeadline });
    const all = await tasksOf(id);
    expect(all).toHaveLength(1);
    expect(all[0]!.escalatedAt).toEqual(first);
    expect(all[0]!.details).toMatchObject({ alert: 'decision_overdue' });
    const page = await listTasks(tdb.db, { state: 'escalated', limit: 50, after: null, today });
    expect(page.items.map((i) => i.subject.claimId)).toContain(id);
  });

  it('the decision closes the decision task in its transaction and opens month 1’s report window for the participant; each later window is written when the one before closes, and shows from the day it opens', async () => {
    const id = await claimInIntake();
    const acts = claimActs();
    await acts.intakeClaim({ claimId: id });
    const decided = await acts.decideClaim({
      claimId: id,
      decision: 'approve',
      officer: 'p:officer-ref-0000000000000',
      decidedOn: today,
    });
    // Retried: nothing new.
    await acts.decideClaim({
      claimId: id,
      decision: 'approve',
      officer: 'p:officer-ref-0000000000000',
      decidedOn: today,
    });
    // The claim's status and its tasks, read in one statement: changed together.
    const [both] = await queryRows<{ status: string; decision: string; report: string }>(
      tdb.db,
      sql`select c.status,
                 (select t.status from tasks t where t.claim_id = c.id and t.kind = 'claim.decision') as decision,
                 (select t.status from tasks t where t.claim_id = c.id and t.kind = 'claim.report') as report
            from ui_claims c where c.id = ${id}`,
    );
    expect(both).toEqual({ status: 'active', decision: 'done', report: 'open' });
    const m = decided.months;
    let rows = await tasksOf(id);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ kind: 'claim.decision', status: 'done', closedBy: 'p:officer-ref-0000000000000' });
    expect(rows[1]).toMatchObject({
      kind: 'claim.report',
      status: 'open',
      actor: 'participant',
      dueDate: m[0]!.reportDeadline,
      opensOn: null,
      details: { month: 1, from: m[0]!.from, to: m[0]!.to },
    });

    // Month 1 reported: its task done, month 2's written, opening on the month's first day.
    await acts.recordReport({ claimId: id, index: 1, reportedOn: today, by: 'p:participant-ref-00000000000' });
    await acts.recordReport({ claimId: id, index: 1, reportedOn: today, by: 'p:participant-ref-00000000000' });
    rows = await tasksOf(id);
    expect(rows.map((r) => [r.kind, r.status, r.details])).toEqual([
      ['claim.decision', 'done', expect.anything()],
      ['claim.report', 'done', expect.objectContaining({ month: 1 })],
      ['claim.report', 'open', expect.objectContaining({ month: 2 })],
    ]);
    expect(rows[2]).toMatchObject({ opensOn: m[1]!.from, dueDate: m[1]!.reportDeadline });
    const participantQueue = (on: string) =>
      listTasks(tdb.db, { state: 'open', actor: 'participant', limit: 50, after: null, today: on });
    const month2 = (p: Awaited<ReturnType<typeof participantQueue>>) =>
      p.items.filter((i) => i.subject.claimId === id).map((i) => i.dueDate);
    expect(month2(await participantQueue(addDays(m[1]!.from, -1)))).toEqual([]);
    expect(month2(await participantQueue(m[1]!.from))).toEqual([m[1]!.reportDeadline]);

    // Month 2 missed: suspended, its task cancelled, month 3's written.
    await acts.payClaimMonth({ claimId: id, index: 1, paidOn: today });
    await acts.suspendClaimMonth({ claimId: id, index: 2 });
    await acts.suspendClaimMonth({ claimId: id, index: 2 });
    rows = await tasksOf(id);
    expect(rows.map((r) => [r.status, (r.details as { month?: number }).month ?? null])).toEqual([
      ['done', null],
      ['done', 1],
      ['cancelled', 2],
      ['open', 3],
    ]);

    // A termination cancels whatever is still awaited.
    await acts.terminateClaim({
      claimId: id,
      ground: 'own_request',
      effectiveDate: today,
      by: 'p:participant-ref-00000000000',
    });
    rows = await tasksOf(id);
    expect(rows.filter((r) => r.status === 'open')).toEqual([]);
    expect(rows[3]).toMatchObject({ status: 'cancelled', closedBy: 'p:participant-ref-00000000000' });
  });

  it('a rejection closes the decision task as done and cancels anything else about the claim', async () => {
    const id = await claimInIntake();
    const acts = claimActs();
    await acts.intakeClaim({ claimId: id });
    await tdb.db.insert(tasks).values({
      dedupeKey: `claim:${id}:new_job:test`,
      kind: 'claim.new_job_declared',
      queue: 'ui-claims',
      claimId: id,
    });
    await acts.decideClaim({
      claimId: id,
      decision: 'reject',
      officer: 'officer:lan',
      reason: 'test',
      decidedOn: today,
    });
    expect((await tasksOf(id)).map((t) => [t.kind, t.status])).toEqual([
      ['claim.decision', 'done'],
      ['claim.new_job_declared', 'cancelled'],
    ]);
  });

  it('completion cancels the last report window if still open', async () => {
    const id = await claimInIntake();
    const acts = claimActs();
    await acts.intakeClaim({ claimId: id });
    await acts.decideClaim({ claimId: id, decision: 'approve', officer: 'officer:lan', decidedOn: today });
    await acts.completeClaim({ claimId: id });
    expect((await tasksOf(id)).map((t) => [t.kind, t.status, t.closedBy])).toEqual([
      ['claim.decision', 'done', 'officer:lan'],
      ['claim.report', 'cancelled', 'system:claims'],
    ]);
  });
});

describe('an onboarding’s wait', () => {
  let s = 92_000;
  async function registered() {
    const sub = sampleSubmission(s++, 2, { startMonth: '2026-11' });
    const requestId = randomUUID();
    await tdb.db.insert(onboardingRequests).values({
      id: requestId,
      taxCode: sub.employer.taxCode,
      employer: sub.employer,
      employeeCount: sub.employees.length,
      submittedBy: 'test',
      workflowId: `onboarding:${sub.employer.taxCode}`,
    });
    await tdb.db
      .insert(onboardingRequestEmployees)
      .values(sub.employees.map((e, i) => ({ requestId, line: i + 1, personalId: e.personalId, data: e })));
    const acts = createOnboardingActivities({ db: tdb.db, clock: testClock });
    const ref = {
      requestId,
      taxCode: sub.employer.taxCode,
      workflowId: `onboarding:${sub.employer.taxCode}`,
      runId: 'r',
    };
    await acts.registerEmployer(ref);
    await acts.registerEmployer(ref); // retried
    return { sub, ref, acts };
  }
  const approvalTasks = (requestId: string) =>
    tdb.db
      .select()
      .from(tasks)
      .where(and(eq(tasks.onboardingRequestId, requestId), eq(tasks.kind, 'onboarding.approval')));

  it('registration opens the approval task, due on the 5th working day (Law 41/2024 Art.28), in the employer’s province; approval closes it', async () => {
    const { sub, ref, acts } = await registered();
    expect(await approvalTasks(ref.requestId)).toEqual([
      expect.objectContaining({
        status: 'open',
        actor: 'officer',
        queue: 'onboarding-officers',
        provinceCode: sub.employer.provinceCode,
        dueDate: addWorkingDays(today, 5),
        employerTaxCode: sub.employer.taxCode,
        details: { employees: 2, autoRejectOn: addDays(today, 30) },
      }),
    ]);
    const page = await listTasks(tdb.db, {
      state: 'open',
      kinds: ['onboarding.approval'],
      limit: 200,
      after: null,
      today,
    });
    expect(page.items.find((i) => i.subject.taxCode === sub.employer.taxCode)).toMatchObject({
      subject: { taxCode: sub.employer.taxCode, onboardingId: `onboarding:${sub.employer.taxCode}` },
      overdue: false,
      workingDaysLeft: 5,
    });
    await acts.escalateOnboarding({ ...ref, deadline: addWorkingDays(today, 5) });
    expect((await approvalTasks(ref.requestId))[0]!.escalatedAt).toBeInstanceOf(Date);
    await acts.activateEmployer({ ...ref, officer: 'p:officer-ref-1111111111111' });
    await acts.activateEmployer({ ...ref, officer: 'p:officer-ref-1111111111111' });
    expect(await approvalTasks(ref.requestId)).toEqual([
      expect.objectContaining({ status: 'done', closedBy: 'p:officer-ref-1111111111111' }),
    ]);
  });

  it('the automatic rejection cancels the approval task; an officer’s rejection answers it', async () => {
    const a = await registered();
    await a.acts.rejectEmployer({
      ...a.ref,
      officer: 'system:auto-reject',
      reason: 'none in 30 days',
      automatic: true,
    });
    expect(await approvalTasks(a.ref.requestId)).toEqual([
      expect.objectContaining({ status: 'cancelled', closedBy: 'system:auto-reject' }),
    ]);
    const b = await registered();
    await b.acts.rejectEmployer({ ...b.ref, officer: 'officer:lan', reason: 'incomplete', automatic: false });
    expect(await approvalTasks(b.ref.requestId)).toEqual([
      expect.objectContaining({ status: 'done', closedBy: 'officer:lan' }),
    ]);
  });
});
