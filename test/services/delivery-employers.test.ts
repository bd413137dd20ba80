/**
 * Every notice an onboarding and the monthly reconciliation create is delivered (issue #13): the
 * dossier goes through client/temporal.ts (what POST /v1/onboardings and its decision call), the
 * onboarding and reconciliation workflows run on the time-skipping test server (the 5-working-day
 * escalation and the 30-day automatic rejection pass in seconds), the activities on real
 * PostgreSQL, and the real relay delivers the outbox: the participants' notices by e-mail (or to
 * the inbox without an address), the employers' and the officers' to the inbox; the arrears
 * notice's PDF prints the period, principal, charge to date, when it becomes evasion and how to pay.
 *
 * @date-sensitive The period reconciled (2026-10) is past its deadline on any date from December 2026.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decideOnboarding, startReconciliation, submitOnboarding } from '../../client/temporal';
import { sampleSubmission } from '../../dev/sample';
import { outbox, participants } from '../../db/schema';
import { addDays } from '../../domain/calendar';
import { formatDate, formatMoney } from '../../messages/format';
import { noticeDocument } from '../../services/documents';
import { onboardingProgressQuery } from '../../workflows/definitions';
import type { employerOnboarding } from '../../workflows/onboarding';
import {
  createTestDatabase,
  makeWorker,
  testClock,
  timeSkippingEnv,
  uniqueTaskQueue,
  type TestDatabase,
} from '../setup/harness';
import { delivered, pdfText, startDelivery, type Delivery } from './delivery-helpers';

let env: TestWorkflowEnvironment;
let tdb: TestDatabase;
let worker: Worker;
let running: Promise<void>;
let d: Delivery & { db: TestDatabase['db'] };
const taskQueue = uniqueTaskQueue('delivery-employers');

beforeAll(async () => {
  tdb = await createTestDatabase('delivery_employers');
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

async function submit(seed: number, employees: number) {
  const sub = sampleSubmission(seed, employees, { startMonth: '2026-09' });
  const s = await submitOnboarding(ctx(), sub, 'employer:test');
  const handle = env.client.workflow.getHandle<typeof employerOnboarding>(s.workflowId);
  return { sub, handle };
}

describe('an onboarding’s and a reconciliation’s notices are delivered', () => {
  it('no decision: the officers get the overdue notice, the employer the automatic rejection', async () => {
    const { sub, handle } = await submit(44_501, 1);
    expect(await handle.result()).toMatchObject({ outcome: 'rejected', autoRejected: true });
    await d.drain();
    await delivered(d, 'onboarding.decision_overdue', { recipientId: 'onboarding-officers', via: 'inbox' });
    const r = await delivered(d, 'onboarding.rejected', { recipientId: sub.employer.taxCode, via: 'inbox' });
    expect(r.row.recipientType).toBe('employer');
  });

  it('approved: the employer is told the onboarding completed, each employee of the new employment; the reconciliation of a month left unpaid sends the employer its arrears notice with the PDF and each employee the month unpaid (by e-mail, or to the inbox without an address)', async () => {
    const { sub, handle } = await submit(44_502, 2);
    for (let i = 0; i < 200; i++) {
      const p = await handle.query(onboardingProgressQuery).catch(() => undefined);
      if (p?.state === 'awaiting_decision') break;
      await new Promise((res) => setTimeout(res, 25));
    }
    await decideOnboarding(
      env.client,
      sub.employer.taxCode,
      { decision: 'approve', officer: 'officer:lan' },
      { db: tdb.db },
    );
    expect(await handle.result()).toMatchObject({ outcome: 'completed', employeesOnboarded: 2 });
    const [withMail, noMail] = sub.employees.map((e) => e.personalId) as [string, string];
    await tdb.db
      .update(participants)
      .set({ email: 'thang.muoi@example.vn' })
      .where(eq(participants.personalId, withMail));

    // The month of October 2026 is declared (the employments are in force) and nothing is paid.
    const rec = await startReconciliation(env.client, taskQueue, {
      period: '2026-10',
      asOf: testClock.today(), // the test server's clock may have jumped years ahead
      offsetDays: testClock.offsetDays,
    });
    await env.client.workflow.getHandle(rec.workflowId).result();

    await d.drain();
    const tax = sub.employer.taxCode;
    await delivered(d, 'onboarding.completed', { recipientId: tax, via: 'inbox' });
    for (const pid of [withMail, noMail]) await delivered(d, 'employment.declared', { recipientId: pid, via: 'inbox' });
    const unpaid = await delivered(d, 'contributions.month_unpaid', { recipientId: withMail, via: 'smtp' });
    expect(unpaid.mail!.text).toContain('10/2026');
    await delivered(d, 'contributions.month_unpaid', { recipientId: noMail, via: 'inbox' });

    const arrears = await delivered(d, 'contributions.arrears', { recipientId: tax, via: 'inbox' });
    // Its PDF, as the employer's inbox serves it (GET /v1/employers/{taxCode}/notices/{id}/document.pdf).
    const att = await noticeDocument(tdb.db, { type: 'employer', id: tax }, arrears.row.id);
    expect(att!.filename).toBe('thong-bao-cham-dong-2026-10.pdf');
    const p = arrears.row.payload as {
      outstanding: string;
      lateCharge: string;
      asOf: string;
      deadline: string;
      evasion: boolean;
    };
    const text = await pdfText(att!.content);
    for (const s of [
      'THÔNG BÁO CHẬM ĐÓNG BẢO HIỂM XÃ HỘI',
      `Gửi: ${sub.employer.name.normalize('NFC')}, mã số thuế ${tax}`,
      'Kỳ đóng: 10/2026',
      `Hạn đóng: ${formatDate('vi', p.deadline)}`,
      `Số tiền còn nợ (gốc): ${formatMoney('vi', p.outstanding)}`,
      `Tiền lãi chậm đóng đến ngày ${formatDate('vi', p.asOf)}: ${formatMoney('vi', p.lateCharge)}`,
      'Tiền lãi chậm đóng tính 0,03%/ngày',
      p.evasion
        ? 'Số tiền này đã bị coi là trốn đóng bảo hiểm xã hội (Luật BHXH 41/2024 Điều 39).'
        : `bị coi là trốn đóng (Luật BHXH 41/2024 Điều 39), tức là từ ngày ${formatDate('vi', addDays(p.deadline, 61))}`,
      `Cách nộp: chuyển khoản vào tài khoản thu của cơ quan BHXH, nội dung ghi "${tax} 2026-10"`,
    ])
      expect(text).toContain(s);
    expect(Number(p.outstanding)).toBeGreaterThan(0);
    // Nothing was left undelivered.
    const left = await tdb.db
      .select()
      .from(outbox)
      .where(inArray(outbox.status, ['queued', 'failed', 'sending', 'dead']));
    expect(left).toEqual([]);
  });
});
