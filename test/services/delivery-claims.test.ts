/**
 * Every notice an unemployment claim creates is delivered (issue #13): the claim runs for real —
 * client/claims.ts (what the API's claim routes call), the workflow and its coverage child on the
 * time-skipping test server (the months and the decision deadline pass in seconds), the activities
 * on real PostgreSQL — and the real relay sends what they enqueued over SMTP to an in-process peer.
 * The decision letters (approval, rejection, termination) arrive as PDFs that pdftotext reads with
 * their article, amount and computation, months, and the right of appeal with its deadline.
 *
 * @date-sensitive Claims are filed on the test server's today, shifted by the pinned clock; they pass on any date.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decideClaim, fileAndStartClaim, reportClaim, terminateClaim, type ClaimsContext } from '../../client/claims';
import { participants, uiClaimMonths, uiClaims } from '../../db/schema';
import { appealDeadline } from '../../domain/appeal';
import { addDays, monthOf, shiftedToday, startOfLocalDay, type IsoDate } from '../../domain/calendar';
import { formatDate, formatMoney } from '../../messages/format';
import type { unemploymentClaim } from '../../workflows/claims';
import type { ClaimState } from '../../workflows/definitions';
import { payByBank } from '../setup/bank';
import { createClaimant } from '../setup/claimants';
import {
  createTestDatabase,
  makeWorker,
  testClock,
  timeSkippingEnv,
  uniqueTaskQueue,
  waitForQuery,
  type TestDatabase,
} from '../setup/harness';
import { attachedPdfText, delivered, startDelivery, type Delivery } from './delivery-helpers';

let env: TestWorkflowEnvironment;
let tdb: TestDatabase;
let worker: Worker;
let running: Promise<void>;
let d: Delivery & { db: TestDatabase['db'] };
const taskQueue = uniqueTaskQueue('delivery-claims');

beforeAll(async () => {
  tdb = await createTestDatabase('delivery_claims');
  d = { ...(await startDelivery(tdb.db)), db: tdb.db };
});
afterAll(async () => {
  await d?.close();
  await tdb?.drop();
});
// A time-skipping server of its own per test (its clock jumps ahead after a workflow completes).
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

const ctx = (): ClaimsContext => ({
  db: tdb.db,
  client: env.client,
  taskQueue,
  subjectKey: 'test-subject-key-0123456789',
  clock: testClock,
});
const today = async (): Promise<IsoDate> => shiftedToday(await env.currentTimeMs(), testClock.offsetDays);
async function advanceTo(day: IsoDate) {
  const ms = startOfLocalDay(addDays(day, -testClock.offsetDays)) + 60_000 - (await env.currentTimeMs());
  if (ms > 0) await env.sleep(ms);
}

/** A claimant with `months` credited months and an e-mail address, filing today 7 days after the contract ended. */
async function file(months: number, seed: number, email: string) {
  const filingDate = await today();
  const terminationDate = addDays(filingDate, -7);
  const c = await createClaimant(tdb.db, { lastMonth: monthOf(terminationDate), months, salary: 12_000_000, seed });
  await tdb.db.update(participants).set({ email }).where(eq(participants.personalId, c.personalId));
  const filing = {
    personalId: c.personalId,
    terminationDate,
    filingDate,
    region: 'I',
    contractMonths: 36,
    terminationReason: 'contract_expired',
  };
  const filed = await fileAndStartClaim(ctx(), filing, 'officer:test', filingDate);
  const handle = env.client.workflow.getHandle<typeof unemploymentClaim>(filed.workflowId);
  const st = await waitForQuery<ClaimState>(handle, 'state', (s) => s.status === 'awaiting_decision');
  return { ...c, ...filed, handle, st };
}
const claimRow = async (id: string) => (await tdb.db.select().from(uiClaims).where(eq(uiClaims.id, id)))[0]!;
const windowOpen = (h: Awaited<ReturnType<typeof file>>['handle'], m: number) =>
  waitForQuery<ClaimState>(h, 'state', (s) => s.reportWindowFor === m);

describe('an unemployment claim’s notices are delivered', () => {
  it('approved, paid, suspended, completed: the approval letter by e-mail with its article, amount, computation, months and appeal deadline; the HI card’s start and end; the officers’ intake notice', async () => {
    const f = await file(40, 44_401, 'nhan.tctn@example.vn');
    await decideClaim(ctx(), f.claimId, { decision: 'approve' }, 'officer:lan');
    let st = await windowOpen(f.handle, 1);
    await reportClaim(ctx(), f.claimId, {}, 'participant');
    // The report makes the month owed; the payment run instructs it and the bank's report pays it.
    expect(await payByBank(tdb.db, await today())).toBe(1);
    await advanceTo(st.months[1]!.from);
    st = await windowOpen(f.handle, 2);
    await advanceTo(addDays(st.months[1]!.reportDeadline, 1)); // month 2 unreported: suspended
    st = await waitForQuery<ClaimState>(f.handle, 'state', (s) => s.months[1]!.status === 'suspended');
    await advanceTo(st.months[2]!.from);
    await windowOpen(f.handle, 3);
    await reportClaim(ctx(), f.claimId, {}, 'participant');
    expect(await payByBank(tdb.db, await today())).toBe(1);
    expect(await f.handle.result()).toMatchObject({ outcome: 'completed', monthsPaid: 2, monthsSuspended: 1 });

    await d.drain();
    const to = { recipientId: f.personalId, via: 'smtp' as const };
    const approved = await delivered(d, 'claim.approved', to);
    const c = await claimRow(f.claimId);
    const months = await tdb.db.select().from(uiClaimMonths).where(eq(uiClaimMonths.claimId, f.claimId));
    months.sort((a, b) => a.idx - b.idx);
    const letter = await attachedPdfText(approved.mail!, /^quyet-dinh-tctn-approved\.pdf$/);
    for (const s of [
      'QUYẾT ĐỊNH VỀ VIỆC HƯỞNG TRỢ CẤP THẤT NGHIỆP',
      'Căn cứ pháp lý: Điều 38–41 Luật Việc làm số 74/2025/QH15.',
      `Ông/Bà được hưởng trợ cấp thất nghiệp ${formatMoney('vi', '7200000')} mỗi tháng trong 3 tháng`,
      'Bình quân tiền lương tháng đóng bảo hiểm thất nghiệp của 6 tháng liền kề',
      `Mức hưởng hằng tháng = 60% × ${formatMoney('vi', '12000000')}`,
      'Thời gian hưởng: 40 tháng đóng bảo hiểm thất nghiệp, được hưởng 3 tháng',
      `Tháng 1: từ ${formatDate('vi', months[0]!.periodFrom)} đến ${formatDate('vi', months[0]!.periodTo)}`,
      `Tháng 3: từ ${formatDate('vi', months[2]!.periodFrom)} đến ${formatDate('vi', months[2]!.periodTo)}`,
      `Quyền khiếu nại: nếu không đồng ý, Ông/Bà có quyền khiếu nại trong thời hạn 90 ngày`,
      `tức là đến hết ngày ${formatDate('vi', appealDeadline(c.decidedOn!))} (Điều 9 Luật Khiếu nại số 02/2011/QH13)`,
      'Người Thử Nghiệm',
    ])
      expect(letter).toContain(s);
    await delivered(d, 'coverage.ui_card_issued', to);
    const paid = await delivered(d, 'claim.payment', to);
    expect(paid.mail!.text).toContain(formatMoney('vi', '7200000'));
    await delivered(d, 'claim.payment', { ...to, nth: 1 });
    await delivered(d, 'claim.suspended', to);
    await delivered(d, 'claim.completed', to);
    await delivered(d, 'coverage.ui_card_ended', to);
    // Only the decision letters carry a PDF.
    expect(paid.mail!.attachments).toHaveLength(0);
    // The officers' notice goes to the officers' queue (no e-mail): delivered to the inbox.
    await delivered(d, 'claim.awaiting_decision', { recipientId: 'ui-claims', via: 'inbox' });
  });

  it('a payment the bank returns (AC04, the account closed): the participant is told by e-mail', async () => {
    const f = await file(40, 44_404, 'tra.lai@example.vn');
    await decideClaim(ctx(), f.claimId, { decision: 'approve' }, 'officer:lan');
    await windowOpen(f.handle, 1);
    await reportClaim(ctx(), f.claimId, {}, 'participant');
    expect(await payByBank(tdb.db, await today(), { reject: 'AC04' })).toBe(1);
    await d.drain();
    await delivered(d, 'claim.payment_returned', { recipientId: f.personalId, via: 'smtp' });
  });

  it('terminated on a new job: the termination letter gives the ground in words, the months reserved, and the appeal deadline', async () => {
    const f = await file(60, 44_402, 'cham.dut@example.vn');
    await decideClaim(ctx(), f.claimId, { decision: 'approve' }, 'officer:lan');
    const st = await windowOpen(f.handle, 1);
    const jobStarts = addDays(st.months[0]!.from, 3);
    await terminateClaim(ctx(), f.claimId, { ground: 'new_job', effectiveDate: jobStarts }, 'officer:lan');
    expect(await f.handle.result()).toMatchObject({ outcome: 'terminated', terminationGround: 'new_job' });

    await d.drain();
    const to = { recipientId: f.personalId, via: 'smtp' as const };
    const ended = await delivered(d, 'claim.terminated', to);
    const c = await claimRow(f.claimId);
    const letter = await attachedPdfText(ended.mail!, /^quyet-dinh-tctn-terminated\.pdf$/);
    for (const s of [
      'QUYẾT ĐỊNH VỀ VIỆC CHẤM DỨT HƯỞNG TRỢ CẤP THẤT NGHIỆP',
      'Căn cứ pháp lý: khoản 4 Điều 41 Luật Việc làm số 74/2025/QH15.',
      `Ông/Bà chấm dứt hưởng trợ cấp thất nghiệp từ ngày ${formatDate('vi', jobStarts)}`,
      'Căn cứ chấm dứt: có việc làm thuộc diện tham gia bảo hiểm xã hội bắt buộc (điểm a khoản 4 Điều 41)',
      `số tháng được bảo lưu: ${c.reservedMonths}`,
      `tức là đến hết ngày ${formatDate('vi', appealDeadline(c.terminatedOn!))}`,
    ])
      expect(letter).toContain(s);
    expect(letter).not.toContain('new_job');
    await delivered(d, 'claim.approved', to);
    await delivered(d, 'coverage.ui_card_issued', to);
    await delivered(d, 'coverage.ui_card_ended', to);
  });

  it('rejected after the deadline passed: reminder, escalation and overdue reach the officers; the refusal letter gives the reasons in words', async () => {
    const f = await file(11, 44_403, 'tu.choi@example.vn');
    expect(f.st).toMatchObject({ eligible: false, reasons: ['CONTRIBUTION_MONTHS_INSUFFICIENT'] });
    await advanceTo(addDays(f.st.decisionDeadline!, 1));
    await waitForQuery<ClaimState>(f.handle, 'state', (s) => s.decisionAlerts === 'overdue');
    await decideClaim(ctx(), f.claimId, { decision: 'reject', reason: 'Chưa đủ 12 tháng đóng' }, 'officer:lan');
    expect(await f.handle.result()).toMatchObject({ outcome: 'rejected' });

    await d.drain();
    const refused = await delivered(d, 'claim.rejected', { recipientId: f.personalId, via: 'smtp' });
    const c = await claimRow(f.claimId);
    const letter = await attachedPdfText(refused.mail!, /^quyet-dinh-tctn-rejected\.pdf$/);
    for (const s of [
      'THÔNG BÁO KHÔNG ĐƯỢC HƯỞNG TRỢ CẤP THẤT NGHIỆP',
      'Căn cứ pháp lý: Điều 38 Luật Việc làm số 74/2025/QH15.',
      'Lý do: Chưa đủ 12 tháng đóng; chưa đủ số tháng đóng bảo hiểm thất nghiệp theo quy định.',
      `tức là đến hết ngày ${formatDate('vi', appealDeadline(c.decidedOn!))}`,
    ])
      expect(letter).toContain(s);
    expect(letter).not.toContain('CONTRIBUTION_MONTHS_INSUFFICIENT');
    await delivered(d, 'claim.decision_reminder', { recipientId: 'ui-claims', via: 'inbox', nth: 0 });
    await delivered(d, 'claim.decision_escalation', { recipientId: 'ui-claims-director', via: 'inbox' });
    await delivered(d, 'claim.decision_overdue', { recipientId: 'ui-claims-director', via: 'inbox' });
  });
});
