/**
 * THE PAYLOAD SCAN: after the suite's main processes run through the API — an employer's
 * onboarding, an unemployment claim through decision, report, payment and termination (with its
 * health-coverage child), a reconciliation, a coverage check — every history of this file's task
 * queue is fetched raw and every payload in it (inputs, results, update arguments and outcomes,
 * signals, failures, memo, search attributes, headers) is scanned: nothing Temporal stores shows
 * JSON, a 12-digit personal ID, a name of the test population or an amount in clear. Payloads are
 * encrypted by the codec (runtime/payload-codec.ts); failures carry their text inside a payload.
 *
 * @date-sensitive Claims are filed for today (the injected clock); the scan passes on any date.
 */
import type { temporal } from '@temporalio/proto';
import { desc, eq } from 'drizzle-orm';
import { outbox } from '../../db/schema';
import { DEV_CLAIM_SUBJECT_KEY } from '../../runtime/config';
import { openOtpNotice } from '../../services/otp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleSubmission } from '../../dev/sample';
import { addDays, monthOf } from '../../domain/calendar';
import { ENCODING_ENCRYPTED } from '../../runtime/payload-codec';
import { payByBank } from '../setup/bank';
import { createClaimant } from '../setup/claimants';
import { testClock } from '../setup/harness';
import { apiFixture, bearer, type ApiFixture } from './fixture';

let f: ApiFixture;
let officer: string;
let operator: string;
const json = (r: { body: string }) => JSON.parse(r.body);

/** Polls until `done` holds (no fixed sleeps in assertions). */
async function eventually<T>(what: string, read: () => Promise<T>, done: (v: T) => boolean): Promise<T> {
  const end = performance.now() + 60_000;
  for (;;) {
    const last = await read();
    if (done(last)) return last;
    if (performance.now() > end) throw new Error(`${what} never happened; last: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** What must never be read in clear in Temporal: the people's IDs and names, and the amounts. */
const people = { ids: new Set<string>(), names: new Set<string>(), amounts: new Set<string>(['7200000', '12000000']) };

beforeAll(async () => {
  f = await apiFixture('scan', { worker: true });
  officer = await f.token({ role: 'officer', subject: 'officer:scan' });
  operator = await f.token({ role: 'operator' });
  for (const e of [...f.a.employees, ...f.b.employees]) {
    people.ids.add(e.personalId);
    people.names.add(e.fullName);
  }
});
afterAll(async () => {
  await f?.close();
});

const get = (token: string, url: string) => f.app.inject({ url, headers: bearer(token) });
const post = (token: string, url: string, payload: unknown) =>
  f.app.inject({ method: 'POST', url, headers: bearer(token), payload: payload as object });

describe('the suite’s processes, run through the API', () => {
  it('an onboarding: submitted, approved, completed', async () => {
    const sub = sampleSubmission(88_001, 3, { startMonth: '2026-10' });
    for (const e of sub.employees) {
      people.ids.add(e.personalId);
      people.names.add(e.fullName);
      people.amounts.add(e.salary);
    }
    const r = await post(officer, '/v1/onboardings', sub);
    expect(r.statusCode, r.body).toBeLessThan(300);
    const id = `onboarding:${sub.employer.taxCode}`;
    await eventually(
      'awaiting decision',
      async () => json(await get(officer, `/v1/onboardings/${id}`)),
      (p) => p.state === 'awaiting_decision',
    );
    const d = await post(officer, `/v1/onboardings/${id}/decision`, { decision: 'approve' });
    expect(d.statusCode, d.body).toBe(200);
    await eventually(
      'completed',
      async () => json(await get(officer, `/v1/onboardings/${id}`)),
      (p) => p.state === 'completed',
    );
  });

  it('a claim: filed, approved, month 1 reported and paid, coverage checked, terminated at the participant’s request', async () => {
    const filingDate = testClock.today();
    const terminationDate = addDays(filingDate, -7);
    const c = await createClaimant(f.tdb.db, {
      lastMonth: monthOf(terminationDate),
      months: 40,
      salary: 12_000_000,
      seed: 88_101,
    });
    people.ids.add(c.personalId);
    people.names.add('Người Thử Nghiệm'); // createClaimant's name
    const participant = await f.token({ role: 'participant', personalId: c.personalId, level: 2 });
    const filed = await post(officer, '/v1/claims', {
      personalId: c.personalId,
      terminationDate,
      filingDate,
      region: 'I',
      contractMonths: 36,
      terminationReason: 'contract_expired',
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const url = `/v1/claims/${json(filed).claimId}`;
    const read = async () => json(await get(officer, url));
    await eventually('intake', read, (s) => s.status === 'awaiting_decision');
    expect((await post(officer, `${url}/decision`, { decision: 'approve' })).statusCode).toBe(200);
    expect((await post(officer, `${url}/decision`, { decision: 'approve' })).statusCode).toBe(409);
    const active = await eventually('month 1 window', read, (s) => s.reportWindowFor === 1);
    const coverage = await get(participant, `/v1/coverage?personalId=${c.personalId}&date=${active.startDate}`);
    expect(coverage.statusCode, coverage.body).toBe(200);
    const report = await post(participant, `${url}/reports`, { summary: 'applied to three employers' });
    expect(report.statusCode, report.body).toBe(200);
    expect((await post(participant, `${url}/reports`, {})).statusCode).toBe(409);
    await payByBank(f.tdb.db, testClock.today());
    await eventually('payment of month 1', read, (s) => s.months[0]?.status === 'paid');
    const end = await post(participant, `${url}/termination`, { ground: 'own_request' });
    expect(end.statusCode, end.body).toBe(200);
    await eventually('termination', read, (s) => s.status === 'terminated' && s.reservedMonths !== null);
  });

  it('an account-access recovery at the desk: verified in person, a new address, its code confirmed (issue 14 part 3)', async () => {
    const pid = f.b.employees[1]!.personalId;
    const email = 'scan.khoiphuc@example.vn';
    people.names.add(email); // the new address must never be read in clear either
    const started = await post(officer, '/v1/recoveries', { personalId: pid });
    expect(started.statusCode, started.body).toBe(201);
    const url = `/v1/recoveries/${json(started).recoveryId}`;
    await eventually(
      'awaiting identity',
      async () => json(await get(officer, url)),
      (r) => r.status === 'awaiting_identity',
    );
    const verified = await post(officer, `${url}/verification`, { documentKind: 'cccd', documentLast4: pid.slice(-4) });
    expect(verified.statusCode, verified.body).toBe(200);
    expect((await post(officer, `${url}/contact`, { email })).statusCode).toBe(200);
    const [n] = await f.tdb.db
      .select()
      .from(outbox)
      .where(eq(outbox.kind, 'otp.code'))
      .orderBy(desc(outbox.id))
      .limit(1);
    const { code } = openOtpNotice(DEV_CLAIM_SUBJECT_KEY, n!.payload)!;
    const done = await post(officer, `${url}/confirmation`, { code });
    expect(done.statusCode, done.body).toBe(200);
    expect(json(done).status).toBe('completed');
  });

  it('a data-update request (issue 14 part 1): a name correction asked, more evidence asked with a reason, a document added, approved', async () => {
    const person = f.a.employees[3]!.personalId;
    const corrected = 'Vương Thị Đính Chính';
    people.names.add(corrected);
    const participant = await f.token({ role: 'participant', personalId: person, level: 2 });
    const filed = await post(participant, '/v1/data-updates', {
      kind: 'identity',
      personalId: person,
      fullName: corrected,
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const url = `/v1/data-updates/${json(filed).requestId}`;
    const asked = await post(officer, `${url}/decision`, {
      decision: 'more_evidence',
      reason: 'Bản sao giấy khai sinh',
    });
    expect(asked.statusCode, asked.body).toBe(200);
    const up = await f.app.inject({
      method: 'POST',
      url: `${url}/evidence`,
      headers: { ...bearer(participant), 'content-type': 'application/pdf' },
      payload: Buffer.from('%PDF-1.7\nscan\n%%EOF\n'),
    });
    expect(up.statusCode, up.body).toBe(201);
    await eventually(
      'review resumed',
      async () => json(await get(officer, url)),
      (v) => v.status === 'awaiting_review',
    );
    expect((await post(officer, `${url}/decision`, { decision: 'approve' })).statusCode).toBe(200);
    expect(json(await get(officer, url))).toMatchObject({ status: 'approved', applied: true });
  });

  it('a workflow that fails (an onboarding started with input it refuses): the client still reads the failure’s message, decoded', async () => {
    const handle = await f.client.workflow.start('employerOnboarding', {
      taskQueue: f.taskQueue,
      workflowId: `onboarding:scan-refused-${f.taskQueue}`,
      args: [{ employer: { name: 'Nguyễn Văn Refused' } }],
    });
    people.names.add('Nguyễn Văn Refused');
    await expect(handle.result()).rejects.toMatchObject({
      cause: { message: expect.stringMatching(/^invalid onboarding input/), type: 'INVALID_INPUT' },
    });
  });

  it('a reconciliation of a period (its own period: the workflow id is shared on the dev server)', async () => {
    const r = await post(operator, '/v1/reconciliations', { period: '2025-12' });
    expect(r.statusCode, r.body).toBe(202);
    await eventually(
      'reconciliation',
      async () => json(await get(operator, '/v1/reconciliations/2025-12')),
      (p) => p.state === 'completed',
    );
  });
});

type History = temporal.api.history.v1.IHistory;
interface Found {
  path: string;
  payload: { metadata?: Record<string, Uint8Array | null> | null; data?: Uint8Array | null };
}

/** Every payload and every string of a history, with where it was found. */
function walk(node: unknown, at: string, payloads: Found[], strings: { path: string; s: string }[]): void {
  if (node === null || node === undefined || node instanceof Uint8Array) return;
  if (typeof node === 'string') return void strings.push({ path: at, s: node });
  if (typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  if (o.metadata !== undefined && o.data instanceof Uint8Array) {
    payloads.push({ path: at, payload: o as Found['payload'] });
    return;
  }
  if (Array.isArray(node)) return node.forEach((x, i) => walk(x, `${at}[${i}]`, payloads, strings));
  for (const [k, v] of Object.entries(o)) walk(v, `${at}.${k}`, payloads, strings);
}

const JSON_OBJECT = /\{\s*"[A-Za-z_]{3,}"\s*:/;
const PERSONAL_ID = /\d{12}/;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const HEX_HASH = /\b[0-9a-f]{16,}\b/g;

function leaks(text: string): string[] {
  const found: string[] = [];
  if (JSON_OBJECT.test(text)) found.push('JSON');
  if (PERSONAL_ID.test(text)) found.push('a 12-digit number');
  for (const id of people.ids) if (text.includes(id)) found.push('a personal ID');
  for (const n of people.names) if (text.includes(n)) found.push('a name');
  for (const a of people.amounts) if (text.includes(a)) found.push(`an amount`);
  return found;
}

/**
 * Where a payload may stay in clear (its content is scanned all the same): search attributes are
 * indexed by the server; a `patched()` marker's data is the patch id, written by the SDK's core.
 */
const MAY_BE_CLEAR = /\.searchAttributes\.|\.markerRecordedEventAttributes\.details\.patch-data\./;

describe('what Temporal stores', () => {
  it('every payload of every history of these processes is encrypted, and no text in them shows JSON, a personal ID, a name or an amount', async () => {
    const histories: { workflowId: string; history: History }[] = [];
    for await (const wf of f.client.workflow.list({ query: `TaskQueue = '${f.taskQueue}'` })) {
      histories.push({
        workflowId: wf.workflowId,
        history: await f.client.workflow.getHandle(wf.workflowId, wf.runId).fetchHistory(),
      });
    }
    // Two onboardings, the claim, its health coverage, the reconciliation (and its children, if any).
    expect(histories.length).toBeGreaterThanOrEqual(5);

    const problems: string[] = [];
    const kinds = new Set<string>();
    let encrypted = 0;
    let failures = 0;
    for (const { workflowId, history } of histories) {
      const payloads: Found[] = [];
      const strings: { path: string; s: string }[] = [];
      walk(history.events, `${workflowId}`, payloads, strings);
      for (const { path, payload } of payloads) {
        const encoding = Buffer.from(payload.metadata?.encoding ?? new Uint8Array()).toString();
        if (encoding === ENCODING_ENCRYPTED) {
          encrypted++;
          kinds.add(path.replace(/^[^.]*\.|\[\d+\]/g, '').replace(/^\d+\./, ''));
        } else if (!MAY_BE_CLEAR.test(path)) problems.push(`${path}: a payload in clear (${encoding})`);
        const text = [payload.data, ...Object.values(payload.metadata ?? {})]
          .map((b) => Buffer.from(b ?? new Uint8Array()).toString('utf8'))
          .join('\n');
        for (const l of leaks(text)) problems.push(`${path}: ${l}`);
      }
      for (const { path, s } of strings) {
        // Request and run ids are UUIDs, whose last group may be twelve digits; the worker's build id
        // ends in the bundle's SHA-256 and workflow ids carry a keyed hash, in hex, where twelve
        // digits in a row come by chance (a run of hex with a letter in it is no personal ID).
        for (const l of leaks(s.replace(UUID, 'uuid').replace(HEX_HASH, (h) => (/[a-f]/.test(h) ? 'hash' : h))))
          problems.push(`${path}: ${l} in a string`);
        if (path.endsWith('.failure.message') || /\.failure(\.cause)*\.message$/.test(path)) {
          failures++;
          if (s !== 'Encoded failure') problems.push(`${path}: a failure message in clear`);
        }
        if (/\.stackTrace$/.test(path) && s !== '') problems.push(`${path}: a stack trace in clear`);
      }
    }
    expect(problems).toEqual([]);
    expect(encrypted).toBeGreaterThan(20);
    const seen = [...kinds].join('\n');
    // The kinds of payload the scan saw encrypted (so it scanned what it says it did).
    expect(seen).toMatch(/workflowExecutionStartedEventAttributes\.input\.payloads/);
    expect(seen).toMatch(/activityTaskScheduledEventAttributes\.input\.payloads/);
    expect(seen).toMatch(/activityTaskCompletedEventAttributes\.result\.payloads/);
    expect(seen).toMatch(/workflowExecutionUpdateAcceptedEventAttributes\.acceptedRequest\.input\.args\.payloads/);
    expect(seen).toMatch(/workflowExecutionUpdateCompletedEventAttributes\.outcome\.success\.payloads/);
    expect(seen).toMatch(/workflowExecutionCompletedEventAttributes\.result\.payloads/);
    expect(seen).toMatch(/workflowExecutionFailedEventAttributes\.failure\.encodedAttributes/);
    expect(failures).toBeGreaterThanOrEqual(1);
  });
});
