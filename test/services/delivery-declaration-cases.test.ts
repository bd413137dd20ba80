/**
 * Every notice a declaration case creates is delivered (issue #14 part 2): the case opened through
 * client/declaration-cases.ts, its workflow on the time-skipping test server (the 10-working-day
 * deadline passes in seconds), the activities on real PostgreSQL, and the real relay: the
 * employer's notices (named or anonymous) to its inbox, the participant's at each step to the
 * inbox (no address on file), the referral of an employer the system does not hold, and an
 * officer's endings: a referral closed (outside the system, or the employer identified and a case
 * opened against it) and a case dismissed. Codes reach the reader as words.
 *
 * @date-sensitive Cases name the two months before the test server's today; they pass on any date.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { eq, sql } from 'drizzle-orm';
import { declarationCases } from '../../db/schema';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  closeDeclarationCaseReferral,
  confirmDeclarationCaseArrears,
  dismissDeclarationCase,
  openAndStartDeclarationCase,
} from '../../client/declaration-cases';
import { renderNotice } from '../../services/notices';
import { rng, sampleTaxCode } from '../../dev/sample';
import { addDays, addMonths, addWorkingDays, monthOf, shiftedToday, startOfLocalDay } from '../../domain/calendar';
import { computeContribution } from '../../domain/contributions';
import { formatUnitCode } from '../../domain/onboarding';
import { createClaimant } from '../setup/claimants';
import {
  createTestDatabase,
  makeWorker,
  testClock,
  timeSkippingEnv,
  uniqueTaskQueue,
  type TestDatabase,
} from '../setup/harness';
import { delivered, startDelivery, type Delivery } from './delivery-helpers';

let env: TestWorkflowEnvironment;
let tdb: TestDatabase;
let worker: Worker;
let running: Promise<void>;
let d: Delivery & { db: TestDatabase['db'] };
const taskQueue = uniqueTaskQueue('delivery-declcases');
/** Seeds of this file (no other test file uses 8600–8699). */
let seed = 8600;

beforeAll(async () => {
  tdb = await createTestDatabase('delivery_declcases');
  d = { ...(await startDelivery(tdb.db)), db: tdb.db };
});
afterAll(async () => {
  await d?.close();
  await tdb?.drop();
});
beforeEach(async () => {
  env = await timeSkippingEnv();
  worker = await makeWorker(env.nativeConnection, taskQueue, { db: tdb.db, clock: testClock });
  running = worker.run();
});
afterEach(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
});

const ctx = () => ({ db: tdb.db, client: env.client, taskQueue, clock: testClock });

async function openCase(opts: { anonymous?: boolean; unknownEmployer?: boolean }) {
  const openedOn = shiftedToday(await env.currentTimeMs(), testClock.offsetDays);
  const c = await createClaimant(tdb.db, {
    lastMonth: addMonths(monthOf(openedOn), -6),
    months: 3,
    salary: 9_000_000,
    seed: seed++,
  });
  const employer = sampleTaxCode(rng(seed++));
  if (!opts.unknownEmployer)
    await tdb.db
      .execute(sql`insert into employers (tax_code, name, address, province_code, wage_region, category, status, unit_code)
      values (${employer}, 'Công ty Giao Nhận', 'Hà Nội', '01', 'I', 'enterprise', 'active', ${formatUnitCode('01', 20_000 + seed)})`);
  const fromMonth = addMonths(monthOf(openedOn), -2);
  const toMonth = addMonths(monthOf(openedOn), -1);
  const opened = await openAndStartDeclarationCase(
    ctx(),
    { personalId: c.personalId, employerTaxCode: employer, fromMonth, toMonth, anonymous: opts.anonymous ?? false },
    `participant:${c.personalId}`,
    openedOn,
  );
  return { ...c, employer, fromMonth, toMonth, openedOn, opened };
}

describe('a declaration case’s notices are delivered', () => {
  it('named: the employer is told who and which months; the participant at each step, up to the closure once the months are credited', async () => {
    const f = await openCase({});
    const handle = env.client.workflow.getHandle(f.opened.case.workflowId!);
    // The deadline passes unanswered: the escalation.
    const due = addWorkingDays(f.openedOn, 10);
    const ms = startOfLocalDay(addDays(addDays(due, 1), -testClock.offsetDays)) + 60_000 - (await env.currentTimeMs());
    await env.sleep(ms);
    for (let i = 0; i < 100; i++) {
      const [row] = await tdb.db.select().from(declarationCases).where(eq(declarationCases.id, f.opened.case.id));
      if (row?.status === 'escalated') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await confirmDeclarationCaseArrears(ctx(), f.opened.case.id, { confirm: true }, 'officer:inspector-2');
    for (let m = f.fromMonth; m <= f.toMonth; m = addMonths(m, 1)) {
      const c = computeContribution({ month: m, salary: '9000000', region: 'I' });
      await tdb.db
        .execute(sql`insert into contribution_months (personal_id, employer_tax_code, period, status, salary, employee_amount, employer_amount, amount, lines)
        values (${f.personalId}, ${f.employer}, ${m}, 'credited', 9000000, ${c.employee.total}, ${c.employer.total}, ${c.total}, ${c.lines.length})`);
    }
    await handle.signal('declared');
    expect(await handle.result()).toEqual({ caseId: f.opened.case.id, outcome: 'credited' });
    await d.drain();
    const toEmployer = await delivered(d, 'declaration_case.employer_named', { recipientId: f.employer, via: 'inbox' });
    expect(toEmployer.row.recipientType).toBe('employer');
    const me = { recipientId: f.personalId, via: 'inbox' } as const;
    await delivered(d, 'declaration_case.employer_notified', me);
    await delivered(d, 'declaration_case.escalated', me);
    await delivered(d, 'declaration_case.arrears_confirmed', me);
    const closed = await delivered(d, 'declaration_case.closed', me);
    // The outcome in words, in the reader's language: never the code.
    expect(renderNotice('declaration_case.closed', closed.row.payload, 'vi').text).toContain(
      'các tháng đã được đóng và ghi nhận',
    );
    expect(renderNotice('declaration_case.closed', closed.row.payload, 'en').text).toContain(
      'the months are paid and credited',
    );
    expect(renderNotice('declaration_case.closed', closed.row.payload, 'vi').text).not.toMatch(/\bcredited\b/);
  });

  it("an officer's endings: a referral closed outside the system or with the employer identified, a case dismissed — each told in words", async () => {
    const g = await openCase({ unknownEmployer: true });
    await closeDeclarationCaseReferral(
      ctx(),
      g.opened.case.id,
      { outcome: 'outside_system', whereToTurn: 'labour_inspectorate' },
      'officer:desk-1',
    );
    // The employer the referral named registers later: the officer identifies it, a case opens against it.
    const h = await openCase({ unknownEmployer: true });
    await tdb.db
      .execute(sql`insert into employers (tax_code, name, address, province_code, wage_region, category, status, unit_code)
      values (${h.employer}, 'Công ty Mới Đăng Ký', 'Hà Nội', '01', 'I', 'enterprise', 'active', ${formatUnitCode('01', 30_000 + seed)})`);
    const identified = await closeDeclarationCaseReferral(
      ctx(),
      h.opened.case.id,
      { outcome: 'employer_identified', employerTaxCode: h.employer },
      'officer:desk-1',
    );
    expect(identified.successorCaseId).not.toBeNull();
    const successor = env.client.workflow.getHandle(`declaration-case:${identified.successorCaseId}`);
    await dismissDeclarationCase(ctx(), identified.successorCaseId!, { reason: 'withdrawn' }, 'officer:desk-1');
    expect(await successor.result()).toEqual({ caseId: identified.successorCaseId, outcome: 'dismissed' });
    await d.drain();
    const outside = await delivered(d, 'declaration_case.referral_closed', { recipientId: g.personalId, via: 'inbox' });
    const outsideText = renderNotice('declaration_case.referral_closed', outside.row.payload, 'vi').text;
    expect(outsideText).toContain('thanh tra lao động');
    expect(outsideText).not.toContain('labour_inspectorate');
    const found = await delivered(d, 'declaration_case.referral_closed', { recipientId: h.personalId, via: 'inbox' });
    expect(renderNotice('declaration_case.referral_closed', found.row.payload, 'en').text).toContain(
      `case ${identified.successorCaseId} opened against it`,
    );
    const dismissed = await delivered(d, 'declaration_case.dismissed', { recipientId: h.personalId, via: 'inbox' });
    expect(renderNotice('declaration_case.dismissed', dismissed.row.payload, 'vi').text).toContain(
      'người lao động rút đơn',
    );
    const referred = await delivered(d, 'declaration_case.referred', { recipientId: g.personalId, via: 'inbox' });
    expect(renderNotice('declaration_case.referred', referred.row.payload, 'vi').text).not.toContain(
      'EMPLOYER_NOT_FOUND',
    );
  });

  it('anonymous: the employer’s notice names no one; an employer not in the database: the participant is told an officer takes the case', async () => {
    const f = await openCase({ anonymous: true });
    const handle = env.client.workflow.getHandle(f.opened.case.workflowId!);
    for (let i = 0; i < 100; i++) {
      const [row] = await tdb.db.select().from(declarationCases).where(eq(declarationCases.id, f.opened.case.id));
      if (row?.employerDue) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const g = await openCase({ unknownEmployer: true });
    expect(g.opened.referral).toBe('EMPLOYER_NOT_FOUND');
    await d.drain();
    const anon = await delivered(d, 'declaration_case.employer_anonymous', { recipientId: f.employer, via: 'inbox' });
    expect(JSON.stringify(anon.row.payload)).not.toContain(f.personalId);
    await delivered(d, 'declaration_case.referred', { recipientId: g.personalId, via: 'inbox' });
    await handle.terminate('test over');
  });
});
