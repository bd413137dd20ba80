/**
 * A refusal writes nothing and bad input never gets a 5xx (issue 9, parts 4, 6 and 7): amounts longer than
 * their column, NUL bytes and lone surrogates, NFC text, an onboarding refused after its dossier was
 * stored, constraint violations, body limits, plausibility (working age, claim dates), the database
 * out of reach, and logs that never carry a SQL parameter. Real PostgreSQL, the shared dev server.
 * @date-sensitive Dossiers start this month, claims end a week ago and the working age counts from today's month, all from the test clock; they pass on any date.
 */
import { Writable } from 'node:stream';
import { and, count, eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifier, DEV_AUDIENCE, DEV_ISSUER, ensureDevKeys } from '../../api/auth';
import { buildServer, BODY_LIMITS } from '../../api/server';
import { runProgram, type CliContext } from '../../cli/program';
import { rng, sampleEmployee, samplePersonalId, sampleSubmission } from '../../dev/sample';
import { openDatabase, queryRows } from '../../db/client';
import { classifyDatabaseError, constraintEntry } from '../../db/errors';
import {
  auditEvents,
  employers,
  onboardingRequestEmployees,
  onboardingRequests,
  participants,
  uiClaims,
} from '../../db/schema';
import { addDays, addMonths, firstDayOf, monthOf } from '../../domain/calendar';
import { createClaimant } from '../setup/claimants';
import { createTestDatabase, testClock } from '../setup/harness';
import { ADMIN_URL } from '../setup/pg';
import { apiFixture, bearer, type ApiFixture } from './fixture';

let f: ApiFixture;
let officer: string;
beforeAll(async () => {
  f = await apiFixture('refusals');
  officer = await f.token({ role: 'officer', subject: 'officer:lan' });
});
afterAll(async () => {
  await f?.close();
});

type Reply = { statusCode: number; body: string; headers: Record<string, unknown> };
const json = (r: { body: string }) => JSON.parse(r.body);
const post = (url: string, body: unknown, token = officer) =>
  f.app.inject({
    method: 'POST',
    url,
    headers: { ...bearer(token), 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });
function expectProblem(r: Reply, status: number, code: string, field?: string) {
  expect(r.statusCode, r.body).toBe(status);
  expect(String(r.headers['content-type'])).toMatch(/^application\/problem\+json/);
  expect(json(r).code, r.body).toBe(code);
  if (field !== undefined) expect(json(r).field, r.body).toBe(field);
}
const today = () => testClock.today();
const thisMonth = () => monthOf(today());
const requestsOf = async (taxCode: string) =>
  Number(
    (await f.tdb.db.select({ n: count() }).from(onboardingRequests).where(eq(onboardingRequests.taxCode, taxCode)))[0]!
      .n,
  );
const requestLines = async () => Number((await f.tdb.db.select({ n: count() }).from(onboardingRequestEmployees))[0]!.n);
const dossier = (seed: number, n = 1) => sampleSubmission(seed, n, { startMonth: thisMonth() });

describe('amounts longer than their column', () => {
  it('an 18-digit salary, salary change or payment is a 400 with its code, not a numeric overflow 500', async () => {
    const huge = '9'.repeat(18);
    const sub = dossier(515_101);
    sub.employees[0]!.salary = huge;
    expectProblem(await post('/v1/onboardings', sub), 400, 'SALARY_TOO_LARGE', 'employees[0].salary');
    const person = f.a.employees[0]!.personalId;
    const change = {
      declarations: [{ kind: 'salary_change', personalId: person, effectiveMonth: thisMonth(), salary: huge }],
    };
    expectProblem(
      await post(`/v1/employers/${f.a.employer.taxCode}/declarations`, change),
      400,
      'SALARY_TOO_LARGE',
      'declarations[0].salary',
    );
    // 16 digits already overflowed numeric(15,0): the bound is the plausible maximum, far inside the column.
    expectProblem(
      await post(`/v1/employers/${f.a.employer.taxCode}/declarations`, {
        declarations: [{ ...change.declarations[0], salary: '1'.repeat(16) }],
      }),
      400,
      'SALARY_TOO_LARGE',
    );
    const pay = { amount: huge, expectedValueDate: today(), reference: 'REF-HUGE-0001' };
    expectProblem(await post(`/v1/employers/${f.a.employer.taxCode}/payments`, pay), 400, 'AMOUNT_TOO_LARGE', 'amount');
    expect(await requestsOf(sub.employer.taxCode)).toBe(0);
  });
});

describe('text', () => {
  it('a NUL byte or a lone surrogate in any text field is a 400 INVALID_TEXT, and nothing is stored', async () => {
    const linesBefore = await requestLines();
    const cases: [string, (s: ReturnType<typeof dossier>) => void, string][] = [
      ['NUL in a name', (s) => (s.employees[0]!.fullName = 'Nguyễn\u0000An'), 'employees[0].fullName'],
      ['lone high surrogate in the employer name', (s) => (s.employer.name = 'Công ty \ud800'), 'employer.name'],
      [
        'lone low surrogate in a job title',
        (s) => (s.employees[0]!.jobTitle = '\udc00Kế toán'),
        'employees[0].jobTitle',
      ],
      ['a control character in an address', (s) => (s.employer.address = '1 Lê Lợi\u0007'), 'employer.address'],
    ];
    for (const [label, spoil, field] of cases) {
      const sub = dossier(515_102);
      spoil(sub);
      const r = await post('/v1/onboardings', sub);
      expectProblem(r, 400, 'INVALID_TEXT', field);
      expect(json(r).errors[0].message, label).toMatch(/NUL|surrogate|control/);
    }
    const hire = {
      declarations: [
        {
          kind: 'hire',
          employee: {
            ...sampleEmployee(rng(515_103), { startMonth: thisMonth(), serial: 515_103 }),
            fullName: 'Lê\u0000Thị',
          },
        },
      ],
    };
    expectProblem(
      await post(`/v1/employers/${f.a.employer.taxCode}/declarations`, hire),
      400,
      'INVALID_TEXT',
      'declarations[0].employee.fullName',
    );
    expectProblem(
      await post(`/v1/onboardings/onboarding:${f.a.employer.taxCode}/decision`, {
        decision: 'reject',
        reason: 'lý do \ud83d',
      }),
      400,
      'INVALID_TEXT',
      'reason',
    );
    expect(await requestLines()).toBe(linesBefore);
  });

  it('a token whose subject (stored as the author) holds a NUL byte is refused 401 TOKEN_INVALID_CLAIMS', async () => {
    const bad = await f.token({ role: 'officer', subject: 'officer:\u0000lan' });
    const r = await post('/v1/onboardings', dossier(515_111), bad);
    expectProblem(r, 401, 'TOKEN_INVALID_CLAIMS');
    expect(await requestsOf(dossier(515_111).employer.taxCode)).toBe(0);
  });

  it('Vietnamese text arrives decomposed (NFD) and is stored composed (NFC)', async () => {
    const nfd = (s: string) => s.normalize('NFD');
    const sub = dossier(515_104);
    sub.employer.name = nfd('Công ty TNHH Hưng Thịnh');
    sub.employees[0]!.fullName = nfd('Nguyễn Thị Ánh');
    expect(sub.employees[0]!.fullName).not.toBe('Nguyễn Thị Ánh');
    const r = await post('/v1/onboardings', sub);
    expect(r.statusCode, r.body).toBe(202);
    const [req] = await f.tdb.db
      .select()
      .from(onboardingRequests)
      .where(eq(onboardingRequests.id, json(r).requestId));
    expect((req!.employer as { name: string }).name).toBe('Công ty TNHH Hưng Thịnh');
    const [line] = await f.tdb.db
      .select()
      .from(onboardingRequestEmployees)
      .where(eq(onboardingRequestEmployees.requestId, json(r).requestId));
    expect((line!.data as { fullName: string }).fullName).toBe('Nguyễn Thị Ánh');

    const employee = {
      ...sampleEmployee(rng(515_105), { startMonth: thisMonth(), serial: 515_105 }),
      fullName: nfd('Trần Văn Đức'),
    };
    const hired = await post(`/v1/employers/${f.a.employer.taxCode}/declarations`, {
      declarations: [{ kind: 'hire', employee }],
    });
    expect(hired.statusCode, hired.body).toBe(201);
    const [person] = await f.tdb.db.select().from(participants).where(eq(participants.personalId, employee.personalId));
    expect(person!.fullName).toBe('Trần Văn Đức');
  });
});

describe('an onboarding refused after its dossier was stored', () => {
  it('a second dossier while the first onboarding runs is 409 ONBOARDING_IN_PROGRESS and stores nothing (no worker: the first stays running)', async () => {
    const first = dossier(515_106, 3);
    expect((await post('/v1/onboardings', first)).statusCode).toBe(202);
    const lines = await requestLines();
    const again = dossier(515_106, 3);
    again.employees[1]!.fullName = 'Người Khác Hẳn';
    expectProblem(await post('/v1/onboardings', again), 409, 'ONBOARDING_IN_PROGRESS', 'employer.taxCode');
    expect(await requestsOf(first.employer.taxCode)).toBe(1);
    expect(await requestLines()).toBe(lines);
    const names = await f.tdb.db.select({ data: onboardingRequestEmployees.data }).from(onboardingRequestEmployees);
    expect(names.map((n) => (n.data as { fullName: string }).fullName)).not.toContain('Người Khác Hẳn');
  });

  it('two dossiers of one employer submitted at once: one 202, the other 409 ONBOARDING_IN_PROGRESS, and only the accepted one is stored', async () => {
    const sub = dossier(515_112, 2);
    const replies = await Promise.all([
      post('/v1/onboardings', sub),
      post('/v1/onboardings', sub),
      post('/v1/onboardings', sub),
    ]);
    expect(replies.map((r) => r.statusCode).sort()).toEqual([202, 409, 409]);
    for (const r of replies.filter((x) => x.statusCode === 409)) expect(json(r).code).toBe('ONBOARDING_IN_PROGRESS');
    const stored = await f.tdb.db
      .select()
      .from(onboardingRequests)
      .where(eq(onboardingRequests.taxCode, sub.employer.taxCode));
    expect(stored.map((q) => q.id)).toEqual([json(replies.find((r) => r.statusCode === 202)!).requestId]);
    const lines = await f.tdb.db
      .select({ n: count() })
      .from(onboardingRequestEmployees)
      .where(eq(onboardingRequestEmployees.requestId, stored[0]!.id));
    expect(Number(lines[0]!.n)).toBe(2);
  });

  it('the dossier of an active employer is 409 EMPLOYER_ALREADY_ACTIVE and changes nothing', async () => {
    const before = await requestsOf(f.a.employer.taxCode);
    const [emp] = await f.tdb.db.select().from(employers).where(eq(employers.taxCode, f.a.employer.taxCode));
    expectProblem(
      await post('/v1/onboardings', { employer: f.a.employer, employees: f.a.employees }),
      409,
      'EMPLOYER_ALREADY_ACTIVE',
      'employer.taxCode',
    );
    expect(await requestsOf(f.a.employer.taxCode)).toBe(before);
    expect((await f.tdb.db.select().from(employers).where(eq(employers.taxCode, f.a.employer.taxCode)))[0]).toEqual(
      emp,
    );
    // No workflow was started for it: its id is free.
    await expect(f.client.workflow.getHandle(`onboarding:${f.a.employer.taxCode}`).describe()).rejects.toThrow();
  });
});

describe('database constraint violations', () => {
  const catalog = async () =>
    queryRows<{ name: string }>(
      f.tdb.db,
      sql`select conname as name from pg_constraint where connamespace = 'public'::regnamespace
          union select c.relname from pg_index i join pg_class c on c.oid = i.indexrelid
           where i.indisunique and c.relnamespace = 'public'::regnamespace and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)`,
    );

  it("every constraint and unique index of the catalog has its code in db/errors.ts (a partition's key its table's)", async () => {
    const names = (await catalog()).map((r) => r.name);
    expect(names.length).toBeGreaterThan(90);
    expect(
      names.filter((n) => !constraintEntry(n)),
      'constraints without a code',
    ).toEqual([]);
  });

  it('real violations of each kind map to a specific 4xx code (unique, check, foreign key, not-null, numeric overflow, invalid text)', async () => {
    const person = f.a.employees[0]!;
    const violate = async (q: ReturnType<typeof sql>) => {
      try {
        await f.tdb.db.execute(q);
      } catch (err) {
        return classifyDatabaseError(err);
      }
      throw new Error('no violation');
    };
    expect(
      await violate(
        sql`insert into participants (personal_id, si_number, full_name, date_of_birth, gender) values (${person.personalId}, '7900000001', 'x', '1990-01-01', 'male')`,
      ),
    ).toMatchObject({
      kind: 'refusal',
      status: 409,
      code: 'PARTICIPANT_EXISTS',
    });
    expect(
      await violate(sql`update employers set wage_region = 'V' where tax_code = ${f.a.employer.taxCode}`),
    ).toMatchObject({ status: 400, code: 'INVALID_REGION' });
    expect(
      await violate(
        sql`insert into payments (bank_reference, employer_tax_code, amount, value_date, author) values ('REF-FK-1', '0000000000', 1, '2026-01-01', 't')`,
      ),
    ).toMatchObject({
      status: 404,
      code: 'EMPLOYER_NOT_FOUND',
    });
    expect(
      await violate(
        sql`insert into participants (personal_id, si_number, full_name, date_of_birth, gender) values ('001090000123', '7900000002', null, '1990-01-01', 'male')`,
      ),
    ).toMatchObject({
      status: 400,
      code: 'MISSING_VALUE',
    });
    expect(await violate(sql`select ${'1'.repeat(18)}::numeric(15,0)`)).toMatchObject({
      status: 400,
      code: 'NUMBER_TOO_LARGE',
    });
    expect(await violate(sql`select ${'{"a":"\\u0000"}'}::jsonb`)).toMatchObject({ status: 400, code: 'INVALID_TEXT' });
    expect(await violate(sql`select ${'a\u0000b'}::text`)).toMatchObject({ status: 400, code: 'INVALID_TEXT' });
  });

  it('two statements carrying the same bank reference at once: the second waits for the first and answers 409 BANK_REFERENCE_CONFLICT, never 500', async () => {
    // Employers no longer post payments (rules §8.7): the bank reference arrives on bank lines. The
    // first import's transaction holds the reference uncommitted while the second request passes
    // its "imported before?" check and waits on the unique index, exactly the race of the issue.
    const ref = 'REF-RACE-0001';
    const bank = await f.token({ role: 'bank' });
    const direct = postgres(f.tdb.url, { max: 1, onnotice: () => {} });
    try {
      const held = direct.begin(async (tx) => {
        await tx`insert into bank_lines (bank_reference, source, line, direction, amount, currency, value_date, status, reason, imported_by)
                 values (${ref}, 'csv', 2, 'credit', 1000, 'VND', ${today()}, 'suspense', 'NO_EMPLOYER_MATCH', 'bank:b')`;
        const second = f.app.inject({
          method: 'POST',
          url: '/v1/bank/statements',
          headers: { ...bearer(bank), 'content-type': 'text/csv' },
          payload: `bank_reference,value_date,direction,amount,currency,remittance\n${ref},${today()},CRDT,2000,VND,BHXH ${f.a.employer.taxCode}\n`,
        });
        for (let i = 0; i < 200; i++) {
          const [w] =
            await tx`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`;
          if (w!.n > 0) break;
          await new Promise((r) => setTimeout(r, 25));
        }
        return { second };
      });
      const r = await (await held).second;
      expectProblem(r, 409, 'BANK_REFERENCE_CONFLICT', 'bankReference');
    } finally {
      await direct.end();
    }
  });

  it('the CLI ends a database refusal with exit 2, without printing SQL', async () => {
    let refusal: unknown;
    try {
      await f.tdb.db.execute(
        sql`insert into participants (personal_id, si_number, full_name, date_of_birth, gender) values (${f.a.employees[1]!.personalId}, '7900000003', 'x', '1990-01-01', 'male')`,
      );
    } catch (err) {
      refusal = err;
    }
    expect(refusal).toBeDefined();
    const errs: string[] = [];
    const ctx = {
      cfg: {},
      cwd: process.cwd(),
      out: () => {},
      err: (s: string) => errs.push(s),
    } as unknown as CliContext;
    const fail = async () => {
      throw refusal;
    };
    expect(await runProgram(ctx, { start: fail, worker: fail, api: fail, relay: fail }, ['start'])).toBe(2);
    expect(errs.join('')).toContain('PARTICIPANT_EXISTS');
    expect(errs.join('')).not.toMatch(/insert into|params/i);
  });
});

describe('body limits', () => {
  it('a small request over its limit is 413 PAYLOAD_TOO_LARGE problem+json', async () => {
    const big = { period: '2026-10', padding: 'x'.repeat(BODY_LIMITS.default + 1) };
    expectProblem(await post('/v1/reconciliations', big), 413, 'PAYLOAD_TOO_LARGE');
    expectProblem(
      await post(`/v1/onboardings/onboarding:${f.a.employer.taxCode}/decision`, {
        decision: 'reject',
        reason: 'x'.repeat(200_000),
      }),
      413,
      'PAYLOAD_TOO_LARGE',
    );
    expectProblem(
      await post('/v1/claims', { personalId: f.a.employees[0]!.personalId, padding: 'x'.repeat(100_000) }),
      413,
      'PAYLOAD_TOO_LARGE',
    );
  });

  it('a dossier of 5,000 employees is accepted', async () => {
    const sub = dossier(515_107, 5_000);
    expect(JSON.stringify(sub).length).toBeGreaterThan(BODY_LIMITS.default);
    const r = await post('/v1/onboardings', sub);
    expect(r.statusCode, r.body.slice(0, 500)).toBe(202);
    expect(json(r).employees).toBe(5_000);
  });
});

describe('plausibility', () => {
  it('an employee younger than 15 in the start month is refused BELOW_WORKING_AGE (Labour Code 2019 Art.3(1)); one turning 15 that month is not', async () => {
    const start = thisMonth();
    const young = dossier(515_108);
    const dob14 = addDays(firstDayOf(addMonths(start, 1 - 15 * 12)), 0); // 15 only next month
    young.employees[0] = {
      ...young.employees[0]!,
      dateOfBirth: dob14,
      gender: 'female',
      personalId: samplePersonalId(rng(1), dob14, 'female', 515_108),
    };
    const r = await post('/v1/onboardings', young);
    expectProblem(r, 422, 'BELOW_WORKING_AGE', 'employees[0].dateOfBirth');
    expect(await requestsOf(young.employer.taxCode)).toBe(0);
    const hire = { declarations: [{ kind: 'hire', employee: young.employees[0] }] };
    expectProblem(
      await post(`/v1/employers/${f.a.employer.taxCode}/declarations`, hire),
      422,
      'BELOW_WORKING_AGE',
      'declarations[0].employee.dateOfBirth',
    );

    const dob15 = `${addMonths(start, -15 * 12)}-28`;
    const ok = {
      ...young.employees[0]!,
      dateOfBirth: dob15,
      personalId: samplePersonalId(rng(2), dob15, 'female', 515_109),
    };
    const hired = await post(`/v1/employers/${f.a.employer.taxCode}/declarations`, {
      declarations: [{ kind: 'hire', employee: ok }],
    });
    expect(hired.statusCode, hired.body).toBe(201);
  });

  it('a claim ending in the future, ending before the employment began, or on 9999-01-01 is refused with its code, stores nothing and blocks no real filing', async () => {
    const filingDate = today();
    const terminationDate = addDays(filingDate, -7);
    const c = await createClaimant(f.tdb.db, {
      lastMonth: monthOf(terminationDate),
      months: 24,
      salary: 12_000_000,
      seed: 77_001,
    });
    const filing = {
      personalId: c.personalId,
      terminationDate,
      filingDate,
      region: 'I',
      contractMonths: 36,
      terminationReason: 'contract_expired',
    };
    const claims = async () =>
      Number((await f.tdb.db.select({ n: count() }).from(uiClaims).where(eq(uiClaims.personalId, c.personalId)))[0]!.n);
    const tomorrow = addDays(filingDate, 1);
    expectProblem(
      await post('/v1/claims', { ...filing, terminationDate: tomorrow, filingDate: addDays(tomorrow, 1) }),
      422,
      'TERMINATION_IN_FUTURE',
      'terminationDate',
    );
    expectProblem(
      await post('/v1/claims', { ...filing, filingDate: tomorrow }),
      422,
      'FILING_DATE_IN_FUTURE',
      'filingDate',
    );
    expectProblem(
      await post('/v1/claims', { ...filing, terminationDate: '9999-01-01', filingDate: '9999-01-02' }),
      400,
      'DATE_OUT_OF_RANGE',
      'terminationDate',
    );
    const beforeJob = firstDayOf(addMonths(monthOf(terminationDate), -30)); // the job began 23 months before
    expectProblem(
      await post('/v1/claims', { ...filing, terminationDate: beforeJob, filingDate: addDays(beforeJob, 3) }),
      422,
      'TERMINATION_BEFORE_EMPLOYMENT',
      'terminationDate',
    );
    expect(await claims()).toBe(0);
    // The person's real filing is not blocked by any of them.
    const real = await post('/v1/claims', filing);
    expect(real.statusCode, real.body).toBe(201);
    expect(await claims()).toBe(1);
    const open = await f.tdb.db
      .select()
      .from(uiClaims)
      .where(and(eq(uiClaims.personalId, c.personalId), eq(uiClaims.status, 'intake')));
    expect(open.map((o) => o.terminationDate)).toEqual([terminationDate]);
  });
});

describe('a claim refused after its filing was stored', () => {
  it('a filing while the previous claim’s workflow is still closing is 409 CLAIM_ALREADY_OPEN and writes nothing, not even an audit event', async () => {
    const filingDate = today();
    const terminationDate = addDays(filingDate, -7);
    const c = await createClaimant(f.tdb.db, {
      lastMonth: monthOf(terminationDate),
      months: 24,
      salary: 12_000_000,
      seed: 77_002,
    });
    const filing = {
      personalId: c.personalId,
      terminationDate,
      filingDate,
      region: 'I',
      contractMonths: 36,
      terminationReason: 'contract_expired',
    };
    const first = await post('/v1/claims', filing);
    expect(first.statusCode, first.body).toBe(201);
    // The claim is closed in the database while its workflow (no worker here) has not finished.
    await f.tdb.db
      .update(uiClaims)
      .set({ status: 'rejected' })
      .where(eq(uiClaims.id, json(first).claimId));
    const rows = async () => ({
      claims: Number((await f.tdb.db.select({ n: count() }).from(uiClaims))[0]!.n),
      audit: Number((await f.tdb.db.select({ n: count() }).from(auditEvents))[0]!.n),
    });
    const before = await rows();
    expectProblem(
      await post('/v1/claims', { ...filing, terminationReason: 'mutual_agreement' }),
      409,
      'CLAIM_ALREADY_OPEN',
    );
    expect(await rows()).toEqual(before);
  });
});

describe('messages', () => {
  it('every entry of errors[] carries a message, and INVALID_IDEMPOTENCY_KEY states its rule', async () => {
    const sub = dossier(515_110, 2);
    sub.employees[0]!.personalId = '123';
    sub.employees[1]!.email = 'not-an-email';
    sub.employer.provinceCode = 'x';
    const r = await post('/v1/onboardings', sub);
    expect(r.statusCode).toBe(400);
    const errors = json(r).errors as { code: string; message: string; field: string }[];
    expect(errors.length).toBeGreaterThanOrEqual(3);
    for (const e of errors) expect(e.message, e.code).toMatch(/\p{L}{3,}/u);
    const k = await f.app.inject({
      method: 'POST',
      url: `/v1/participants/${f.a.employees[0]!.personalId}/ebook/email`,
      headers: { ...bearer(officer), 'idempotency-key': 'short', 'accept-language': 'en' },
    });
    expectProblem(k, 400, 'INVALID_IDEMPOTENCY_KEY');
    expect(json(k).detail).toMatch(/8 to 100 letters, digits/);
    expect(json(k).errors[0].message).toMatch(/8 to 100/);
  });
});

describe('the database out of reach', () => {
  it('answers 503 problem+json with Retry-After while the database refuses connections, never 500, and recovers', async () => {
    const tdb = await createTestDatabase('refusals_down');
    const dev = await ensureDevKeys(f.home);
    const app = await buildServer({
      db: tdb.db,
      client: f.client,
      taskQueue: f.taskQueue,
      verifier: await createVerifier({
        issuer: DEV_ISSUER,
        audience: DEV_AUDIENCE,
        jwksFile: dev.jwksPath,
        clock: testClock,
      }),
      clock: testClock,
      signingKeys: f.signingKeys,
      logLevel: 'silent',
    });
    const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
    try {
      const get = () => app.inject({ url: `/v1/employers/${f.a.employer.taxCode}`, headers: bearer(officer) });
      expect((await get()).statusCode).toBe(404); // up: the scratch database has no such employer
      await admin.unsafe(`alter database "${tdb.name}" allow_connections false`);
      await admin.unsafe(
        `select pg_terminate_backend(pid) from pg_stat_activity where datname = '${tdb.name}' and pid <> pg_backend_pid()`,
      );
      for (let i = 0; i < 3; i++) {
        const r = await get();
        expectProblem(r, 503, 'DATABASE_UNAVAILABLE');
        expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
      }
      const pay = await app.inject({
        method: 'POST',
        url: `/v1/employers/${f.a.employer.taxCode}/payments`,
        headers: { ...bearer(officer), 'content-type': 'application/json' },
        payload: JSON.stringify({ amount: '1000', expectedValueDate: today(), reference: 'REF-DOWN-0001' }),
      });
      expectProblem(pay, 503, 'DATABASE_UNAVAILABLE');
      await admin.unsafe(`alter database "${tdb.name}" allow_connections true`);
      expect((await get()).statusCode).toBe(404); // recovered
    } finally {
      await admin.unsafe(`alter database "${tdb.name}" allow_connections true`).catch(() => {});
      await admin.end();
      await app.close();
      await tdb.drop();
    }
  });

  it('a database that was never reachable is 503 too', async () => {
    const h = await openDatabase({ url: 'postgres://postgres@127.0.0.1:1/nothing', max: 1 });
    const dev = await ensureDevKeys(f.home);
    const app = await buildServer({
      db: h.db,
      client: f.client,
      taskQueue: f.taskQueue,
      verifier: await createVerifier({
        issuer: DEV_ISSUER,
        audience: DEV_AUDIENCE,
        jwksFile: dev.jwksPath,
        clock: testClock,
      }),
      clock: testClock,
      signingKeys: f.signingKeys,
      logLevel: 'silent',
    });
    try {
      const r = await app.inject({
        url: `/v1/coverage?personalId=${f.a.employees[0]!.personalId}`,
        headers: bearer(officer),
      });
      expectProblem(r, 503, 'DATABASE_UNAVAILABLE');
      expect(r.headers['retry-after']).toBeDefined();
    } finally {
      await app.close();
      await h.close();
    }
  });
});

describe('logs', () => {
  it('no SQL parameter, and so no personal data, is logged on a failed query', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const dev = await ensureDevKeys(f.home);
    const app = await buildServer({
      db: f.tdb.db,
      client: f.client,
      taskQueue: f.taskQueue,
      verifier: await createVerifier({
        issuer: DEV_ISSUER,
        audience: DEV_AUDIENCE,
        jwksFile: dev.jwksPath,
        clock: testClock,
      }),
      clock: testClock,
      signingKeys: f.signingKeys,
      logLevel: 'info',
      logStream: stream,
    });
    const person = f.a.employees[0]!; // has an e-mail address on file
    // A query that fails for a reason no input explains (its table is gone): a 500, whose driver
    // message is "Failed query: insert into outbox … params: ebook-email:<personal ID>:…".
    await f.tdb.db.execute(sql`alter table outbox rename to outbox_away`);
    try {
      const r = await app.inject({
        method: 'POST',
        url: `/v1/participants/${person.personalId}/ebook/email`,
        headers: { ...bearer(officer), 'idempotency-key': 'log-test-0001' },
      });
      expectProblem(r, 500, 'INTERNAL');
      expect(r.body).not.toContain(person.personalId);
    } finally {
      await f.tdb.db.execute(sql`alter table outbox_away rename to outbox`);
    }
    // And a refusal by a constraint and a payment race are logged by their facts only.
    await app.inject({
      method: 'POST',
      url: `/v1/employers/${f.a.employer.taxCode}/payments`,
      headers: { ...bearer(officer), 'content-type': 'application/json' },
      payload: JSON.stringify({ amount: '1', expectedValueDate: today(), reference: 'REF-LOG-0001' }),
    });
    await app.close();
    const all = lines.join('');
    expect(all).toContain('unhandled error');
    expect(all).toContain('42P01'); // the SQLSTATE is what is logged
    expect(all).not.toContain(person.personalId);
    expect(all).not.toContain(person.email!);
    expect(all).not.toMatch(/params:|insert into/i);
  });
});
