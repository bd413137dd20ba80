/**
 * The declaration case (issue #14 part 2; rules §8.37) on the time-skipping test server, with real
 * PostgreSQL behind its activities: the employer's 10-working-day deadline and the escalation to an
 * inspection task, the automatic closure by a real declaration (its after-commit signal), arrears
 * confirmed by an officer or by the reconciliation's months declared but unpaid and the closure once
 * the months are credited, the referral of an employer the system cannot notify, and the anonymous
 * employer notice (Law 25/2018 Art.9(1)(b)). Every history recorded here is replayed at the end of
 * the file; after every test the e-book, ledger and audit verifications find nothing wrong.
 *
 * @date-sensitive Cases are opened on the test server's today, shifted by the pinned clock as the workflows shift it; they pass on any date.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import { eq, sql } from 'drizzle-orm';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { declareAndSignal } from '../../client/case-signals';
import {
  confirmDeclarationCaseArrears,
  dismissDeclarationCase,
  openAndStartDeclarationCase,
  type DeclarationCasesContext,
} from '../../client/declaration-cases';
import { findEbook, verifyEbooks } from '../../db/queries/ebooks';
import { declarationCases, outbox, tasks } from '../../db/schema';
import { rng, sampleTaxCode } from '../../dev/sample';
import {
  addDays,
  addMonths,
  addWorkingDays,
  monthOf,
  shiftedToday,
  startOfLocalDay,
  type IsoDate,
} from '../../domain/calendar';
import { computeContribution } from '../../domain/contributions';
import { formatUnitCode } from '../../domain/onboarding';
import { loadAuditSigningKey, type AuditSigningKey } from '../../runtime/audit-keys';
import { verifyAudit } from '../../services/audit';
import { declare } from '../../services/declarations';
import { employerCaseView, findDeclarationCaseOrThrow } from '../../services/declaration-cases';
import { verifyLedger } from '../../services/ledger';
import { declarationCaseStateQuery, type DeclarationCaseState } from '../../workflows/definitions';
import { createClaimant } from '../setup/claimants';
import {
  createTestDatabase,
  makeWorker,
  testClock,
  testDataConverter,
  timeSkippingEnv,
  uniqueTaskQueue,
  waitForQuery,
  workflowBundle,
  type TestDatabase,
} from '../setup/harness';

let env: TestWorkflowEnvironment;
let tdb: TestDatabase;
let worker: Worker;
let running: Promise<void>;
let auditKey: AuditSigningKey;
const taskQueue = uniqueTaskQueue('declcases');
const histories: { workflowId: string; history: unknown }[] = [];
/** Seeds of this file's participants and employers (no other test file uses 8400–8499). */
let seed = 8400;

beforeAll(async () => {
  tdb = await createTestDatabase('declcase');
  auditKey = await loadAuditSigningKey({ home: mkdtempSync(path.join(tmpdir(), 'ansinh-dc-audit-')) });
});
// A time-skipping server of its own per test (its clock only moves forward).
beforeEach(async () => {
  env = await timeSkippingEnv();
  worker = await makeWorker(env.nativeConnection, taskQueue, { db: tdb.db, clock: testClock });
  running = worker.run();
});
afterEach(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
  expect((await verifyEbooks(tdb.db)).mismatches).toEqual([]);
  expect((await verifyLedger(tdb.db)).problems).toEqual([]);
  expect((await verifyAudit(tdb.db, auditKey)).findings).toEqual([]);
});
afterAll(async () => {
  if (histories.length) {
    const dir = path.join(process.cwd(), 'test', '.histories');
    mkdirSync(dir, { recursive: true });
    for (const h of histories)
      writeFileSync(
        path.join(dir, `${h.workflowId.replaceAll(':', '~')}.binpb`),
        temporal.api.history.v1.History.encode(h.history as never).finish(),
      );
    const results = Worker.runReplayHistories(
      { workflowBundle: workflowBundle(), dataConverter: testDataConverter },
      histories.map((h) => ({ workflowId: h.workflowId, history: h.history as never })),
    );
    for await (const r of results) expect(r.error, `replay of ${r.workflowId}`).toBeUndefined();
  }
  await tdb?.drop();
});

const ctx = (): DeclarationCasesContext => ({ db: tdb.db, client: env.client, taskQueue, clock: testClock });
const today = async (): Promise<IsoDate> => shiftedToday(await env.currentTimeMs(), testClock.offsetDays);

/** Advances the skipped clock to the start of a local day as the workflows count days (plus a minute). */
async function advanceTo(day: IsoDate) {
  const ms = startOfLocalDay(addDays(day, -testClock.offsetDays)) + 60_000 - (await env.currentTimeMs());
  if (ms > 0) await env.sleep(ms);
}

/** An active employer of its own (the participant's other one: the case names this one). */
async function otherEmployer(): Promise<string> {
  const taxCode = sampleTaxCode(rng(seed++));
  await tdb.db
    .execute(sql`insert into employers (tax_code, name, address, province_code, wage_region, category, status, unit_code)
    values (${taxCode}, 'Công ty Bị Phản Ánh', 'Hà Nội', '01', 'I', 'enterprise', 'active', ${formatUnitCode('01', 10_000 + seed)})`);
  return taxCode;
}

/** A participant (born 1990-05-17, employed elsewhere) and a case against another employer for the last two months. */
async function openCase(opts: { anonymous?: boolean } = {}) {
  const openedOn = await today();
  const c = await createClaimant(tdb.db, {
    lastMonth: addMonths(monthOf(openedOn), -6),
    months: 3,
    salary: 9_000_000,
    seed: seed++,
  });
  const employer = await otherEmployer();
  const fromMonth = addMonths(monthOf(openedOn), -2);
  const toMonth = addMonths(monthOf(openedOn), -1);
  const opened = await openAndStartDeclarationCase(
    ctx(),
    { personalId: c.personalId, employerTaxCode: employer, fromMonth, toMonth, anonymous: opts.anonymous ?? false },
    `participant:${c.personalId}`,
    openedOn,
  );
  const handle = env.client.workflow.getHandle(opened.case.workflowId!);
  const st = await waitForQuery<DeclarationCaseState>(handle, 'state', (s) => s.status === 'awaiting_employer');
  return { ...c, employer, fromMonth, toMonth, id: opened.case.id, handle, st, openedOn };
}

const tasksOf = (id: number) =>
  tdb.db
    .select({ kind: tasks.kind, status: tasks.status, actor: tasks.actor, dueDate: tasks.dueDate })
    .from(tasks)
    .where(eq(tasks.declarationCaseId, id))
    .orderBy(tasks.id);
const notices = (id: number) =>
  tdb.db
    .select({ kind: outbox.kind, recipientType: outbox.recipientType, payload: outbox.payload })
    .from(outbox)
    .where(sql`${outbox.dedupeKey} like ${`declaration-case:${id}:%`}`)
    .orderBy(outbox.id);
const caseOf = async (id: number) =>
  (await tdb.db.select().from(declarationCases).where(eq(declarationCases.id, id)))[0]!;
const disputed = async (personalId: string) => {
  const book = await findEbook(tdb.db, personalId);
  return (JSON.parse(book!.content) as { disputedMonths?: unknown[] }).disputedMonths;
};

async function record(handle: { fetchHistory(): Promise<unknown>; workflowId: string }, label: string) {
  histories.push({ workflowId: `${label}__${handle.workflowId}`, history: await handle.fetchHistory() });
}

/** The hire of the case's participant at the case's employer from its first month, as the employer declares it. */
function hireBody(f: { personalId: string; fromMonth: string }) {
  return {
    declarations: [
      {
        kind: 'hire' as const,
        reference: `DC-HIRE-${f.personalId}`,
        employee: {
          personalId: f.personalId,
          fullName: 'Người Thử Nghiệm',
          dateOfBirth: '1990-05-17',
          gender: 'female' as const,
          nationality: 'VN',
          startMonth: f.fromMonth,
          salary: '9000000',
          jobTitle: 'Kế toán',
          contractType: 'indefinite' as const,
        },
      },
    ],
  };
}

/**
 * The months of the case credited as the reconciliation leaves them once the employer paid (the
 * period paid in full; test/api/declaration-cases.test.ts pays through the bank statement instead).
 */
async function creditMonths(f: { personalId: string; employer: string; fromMonth: string; toMonth: string }) {
  for (let m = f.fromMonth; m <= f.toMonth; m = addMonths(m, 1)) {
    const c = computeContribution({ month: m, salary: '9000000', region: 'I' });
    await tdb.db
      .execute(sql`insert into contribution_months (personal_id, employer_tax_code, period, status, salary, employee_amount, employer_amount, amount, lines)
      values (${f.personalId}, ${f.employer}, ${m}, 'credited', 9000000, ${c.employee.total}, ${c.employer.total}, ${c.total}, ${c.lines.length})
      on conflict (personal_id, employer_tax_code, period) do update set status = 'credited'`);
    await tdb.db
      .execute(sql`insert into employer_periods (employer_tax_code, period, due, paid, outstanding, late_charge, charge_paid, max_days_late, evasion, status, as_of, employees)
      values (${f.employer}, ${m}, ${c.total}, ${c.total}, 0, 0, 0, 0, false, 'paid', ${`${m}-28`}, 1)
      on conflict (employer_tax_code, period) do update set paid = excluded.paid, outstanding = 0, status = 'paid'`);
  }
}

describe('a case against an employer that has not declared the months (rules §8.37)', () => {
  it('notifies the employer with a deadline of 10 working days; with no answer it escalates to an inspection task the day after', async () => {
    const f = await openCase();
    const due = addWorkingDays(f.openedOn, 10);
    expect(f.st.employerDue).toBe(due);
    expect(await tasksOf(f.id)).toEqual([
      { kind: 'declaration_case.employer_answer', status: 'open', actor: 'employer', dueDate: due },
    ]);
    expect(await disputed(f.personalId)).toEqual([
      { caseId: f.id, employerTaxCode: f.employer, fromMonth: f.fromMonth, toMonth: f.toMonth },
    ]);
    // On the deadline itself the employer may still answer.
    await advanceTo(due);
    expect((await f.handle.query(declarationCaseStateQuery)).status).toBe('awaiting_employer');
    await advanceTo(addDays(due, 1));
    const st = await waitForQuery<DeclarationCaseState>(f.handle, 'state', (s) => s.status === 'escalated');
    expect(st.status).toBe('escalated');
    expect(await tasksOf(f.id)).toEqual([
      { kind: 'declaration_case.employer_answer', status: 'cancelled', actor: 'employer', dueDate: due },
      expect.objectContaining({ kind: 'declaration_case.inspection', status: 'open', actor: 'officer' }),
    ]);
    expect((await caseOf(f.id)).escalatedOn).toBe(addDays(due, 1));
    expect((await notices(f.id)).map((n) => n.kind)).toEqual([
      'declaration_case.employer_named',
      'declaration_case.employer_notified',
      'declaration_case.escalated',
    ]);
    await record(f.handle, 'declaration-case-escalated');
  });

  it('closes by itself once the employer declares the months: the declaration signals after its commit, and the participant is told', async () => {
    const f = await openCase();
    await declareAndSignal(tdb.db, env.client, {
      taxCode: f.employer,
      author: 'employer:test',
      batch: hireBody(f),
      now: testClock(),
    });
    // No time passes: the signal, not a timer, wakes the workflow.
    expect(await f.handle.result()).toEqual({ caseId: f.id, outcome: 'declared' });
    const c = await caseOf(f.id);
    expect(c).toMatchObject({ status: 'closed', outcome: 'declared', closedOn: f.openedOn });
    expect((await tasksOf(f.id)).map((t) => t.status)).toEqual(['done']);
    expect((await notices(f.id)).map((n) => n.kind)).toContain('declaration_case.closed');
    expect(await disputed(f.personalId)).toBeUndefined();
    await record(f.handle, 'declaration-case-declared');
  });

  it('a lost signal only delays the closure: the next timer re-reads the database', async () => {
    const f = await openCase();
    // The declaration without its hook: nobody signals.
    await declare(tdb.db, { taxCode: f.employer, author: 'employer:test', batch: hireBody(f), now: testClock() });
    expect((await f.handle.query(declarationCaseStateQuery)).status).toBe('awaiting_employer');
    await env.sleep('1 day');
    expect(await f.handle.result()).toEqual({ caseId: f.id, outcome: 'declared' });
  });

  it('arrears confirmed by an officer keep the case open until the months are paid and credited, then it closes', async () => {
    const f = await openCase();
    const answer = await confirmDeclarationCaseArrears(ctx(), f.id, { confirm: true }, 'officer:inspector-1');
    expect(answer).toEqual({ accepted: true, status: 'arrears' });
    expect(await tasksOf(f.id)).toEqual([
      expect.objectContaining({ kind: 'declaration_case.employer_answer', status: 'done' }),
      expect.objectContaining({ kind: 'declaration_case.payment', status: 'open', actor: 'employer' }),
    ]);
    // A second confirmation is refused at once, and writes nothing.
    await expect(
      confirmDeclarationCaseArrears(ctx(), f.id, { confirm: true }, 'officer:inspector-1'),
    ).rejects.toMatchObject({
      code: 'WRONG_STATE',
    });
    // Declaring the months does not close a case in arrears: they must be paid.
    await declareAndSignal(tdb.db, env.client, {
      taxCode: f.employer,
      author: 'employer:test',
      batch: hireBody(f),
      now: testClock(),
    });
    await env.sleep('8 days');
    expect((await f.handle.query(declarationCaseStateQuery)).status).toBe('arrears');
    expect((await caseOf(f.id)).status).toBe('arrears');
    // Once written, the arrears leave the workflow waiting on its timer (patch 2026-12-case-arrears-wait):
    // before, its wait stayed satisfied and it re-read the database without pause until it continued as new.
    const history = await f.handle.fetchHistory();
    expect(history.events![0]!.workflowExecutionStartedEventAttributes!.continuedExecutionRunId ?? '').toBe('');
    const checks = history.events!.filter(
      (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'checkDeclarationCase',
    );
    expect(checks.length).toBeLessThanOrEqual(4);
    await creditMonths(f);
    await tdb.db.transaction(async (tx) => {
      const { rewriteEbooks } = await import('../../db/queries/ebooks');
      await rewriteEbooks(tx, [f.personalId]);
    });
    await env.sleep('8 days');
    expect(await f.handle.result()).toEqual({ caseId: f.id, outcome: 'credited' });
    expect((await caseOf(f.id)).outcome).toBe('credited');
    expect((await tasksOf(f.id)).map((t) => t.status)).toEqual(['done', 'done']);
    expect(await disputed(f.personalId)).toBeUndefined();
    await record(f.handle, 'declaration-case-arrears-credited');
  });

  it("the reconciliation's months declared but unpaid confirm the arrears by themselves", async () => {
    const f = await openCase();
    await declare(tdb.db, { taxCode: f.employer, author: 'employer:test', batch: hireBody(f), now: testClock() });
    for (let m = f.fromMonth; m <= f.toMonth; m = addMonths(m, 1)) {
      const c = computeContribution({ month: m, salary: '9000000', region: 'I' });
      await tdb.db
        .execute(sql`insert into contribution_months (personal_id, employer_tax_code, period, status, salary, employee_amount, employer_amount, amount, lines)
        values (${f.personalId}, ${f.employer}, ${m}, 'declared_unpaid', 9000000, ${c.employee.total}, ${c.employer.total}, ${c.total}, ${c.lines.length})
        on conflict (personal_id, employer_tax_code, period) do update set status = 'declared_unpaid'`);
    }
    await tdb.db.transaction(async (tx) => {
      const { rewriteEbooks } = await import('../../db/queries/ebooks');
      await rewriteEbooks(tx, [f.personalId]);
    });
    await f.handle.signal('declared');
    const st = await waitForQuery<DeclarationCaseState>(f.handle, 'state', (s) => s.status === 'arrears');
    expect(st.status).toBe('arrears');
    expect((await caseOf(f.id)).arrearsConfirmedOn).not.toBeNull();
    await f.handle.terminate('test over');
  });
});

describe("an officer's Updates (rules §8.37)", () => {
  it('arrears confirmed while the workflow still notifies the employer are accepted and written after that step', async () => {
    // The case's workflow starts on a queue no worker polls yet, so the Update arrives in its very first
    // activation, while it is `opening` (the database already says awaiting_employer): the race the console
    // test met as WRONG_STATE when it confirmed as soon as the employer's notice was on the page.
    const queue = uniqueTaskQueue('declcases-opening');
    const openedOn = await today();
    const c = await createClaimant(tdb.db, {
      lastMonth: addMonths(monthOf(openedOn), -6),
      months: 3,
      salary: 9_000_000,
      seed: seed++,
    });
    const employer = await otherEmployer();
    const opened = await openAndStartDeclarationCase(
      { ...ctx(), taskQueue: queue },
      {
        personalId: c.personalId,
        employerTaxCode: employer,
        fromMonth: addMonths(monthOf(openedOn), -2),
        toMonth: addMonths(monthOf(openedOn), -1),
      },
      `participant:${c.personalId}`,
      openedOn,
    );
    const answer = confirmDeclarationCaseArrears(ctx(), opened.case.id, { confirm: true }, 'officer:inspector-2');
    const late = await makeWorker(env.nativeConnection, queue, { db: tdb.db, clock: testClock });
    const lateRun = late.run();
    try {
      await expect(answer).resolves.toEqual({ accepted: true, status: 'arrears' });
      const row = await caseOf(opened.case.id);
      expect(row).toMatchObject({ status: 'arrears', employerDue: addWorkingDays(openedOn, 10) });
      const handle = env.client.workflow.getHandle(opened.case.workflowId!);
      await record(handle, 'declaration-case-arrears-while-opening');
      await handle.terminate('test over');
    } finally {
      late.shutdown();
      await lateRun;
    }
  });

  it('an officer dismisses a case with its reason: the workflow ends dismissed, its waits are cancelled, the participant is told and the months leave the e-book', async () => {
    const f = await openCase();
    // A reason not in the list is refused before anything is sent; the Update's validator refuses it too.
    await expect(dismissDeclarationCase(ctx(), f.id, { reason: 'bored' }, 'officer:inspector-1')).rejects.toMatchObject(
      {
        code: 'INVALID_DISMISSAL',
      },
    );
    await expect(
      f.handle.executeUpdate('dismiss', { args: [{ officer: 'p:none', reason: 'bored' }] }),
    ).rejects.toMatchObject({ cause: { type: 'INVALID_DISMISSAL' } });
    const answer = await dismissDeclarationCase(ctx(), f.id, { reason: 'unfounded' }, 'officer:inspector-1');
    expect(answer).toEqual({ accepted: true, status: 'closed' });
    expect(await f.handle.result()).toEqual({ caseId: f.id, outcome: 'dismissed' });
    expect(await caseOf(f.id)).toMatchObject({
      status: 'closed',
      outcome: 'dismissed',
      outcomeReason: 'unfounded',
      closedOn: f.openedOn,
    });
    expect((await tasksOf(f.id)).map((t) => t.status)).toEqual(['cancelled']);
    const told = (await notices(f.id)).find((n) => n.kind === 'declaration_case.dismissed');
    expect(told?.payload).toEqual({ caseId: f.id, employerTaxCode: f.employer, reason: 'unfounded' });
    expect(await disputed(f.personalId)).toBeUndefined();
    // A closed case stays as it closed.
    await expect(
      dismissDeclarationCase(ctx(), f.id, { reason: 'withdrawn' }, 'officer:inspector-1'),
    ).rejects.toMatchObject({ code: 'WRONG_STATE' });
    await record(f.handle, 'declaration-case-dismissed');
  });
});

describe('anonymity towards the employer (Law 25/2018 Art.9(1)(b))', () => {
  it("an anonymous participant's employer notice and the employer's view name no one and give only the years", async () => {
    const f = await openCase({ anonymous: true });
    const toEmployer = (await notices(f.id)).filter((n) => n.recipientType === 'employer');
    expect(toEmployer.map((n) => n.kind)).toEqual(['declaration_case.employer_anonymous']);
    const text = JSON.stringify(toEmployer);
    expect(text).not.toContain(f.personalId);
    expect(text).not.toContain('Người Thử Nghiệm');
    expect(text).not.toContain(f.fromMonth);
    expect(toEmployer[0]!.payload).toEqual({
      caseId: f.id,
      due: f.st.employerDue,
      fromYear: Number(f.fromMonth.slice(0, 4)),
      toYear: Number(f.toMonth.slice(0, 4)),
    });
    const view = await employerCaseView(tdb.db, await findDeclarationCaseOrThrow(tdb.db, f.id));
    expect(JSON.stringify(view)).not.toContain(f.personalId);
    expect(view).not.toHaveProperty('fullName');
    await f.handle.terminate('test over');
  });

  it("a named participant's employer notice names the person and the months", async () => {
    const f = await openCase();
    const [n] = (await notices(f.id)).filter((x) => x.recipientType === 'employer');
    expect(n!.payload).toMatchObject({
      personalId: f.personalId,
      fullName: 'Người Thử Nghiệm',
      fromMonth: f.fromMonth,
      toMonth: f.toMonth,
    });
    await f.handle.terminate('test over');
  });
});
