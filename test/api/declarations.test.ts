/**
 * Declarations (Law 41/2024 Art.28–29) and the amount due for a period, through the API, on the
 * real database: validated whole before anything is written, recorded once, e-books rewritten.
 *
 * @date-sensitive Declarations are dated by the injected clock and statements default to today; the figures do not depend on the date.
 */
import { and, count, eq, like, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sampleEmployee, rng } from '../../dev/sample';
import { queryRows } from '../../db/client';
import { findEbook, verifyEbooks } from '../../db/queries/ebooks';
import { declarations, employments, hiCards, outbox, participants, tasks, uiClaims } from '../../db/schema';
import { addDays, monthOf } from '../../domain/calendar';
import { testClock } from '../setup/harness';
import { computeContribution } from '../../domain/contributions';
import { newJobReviewDeadline } from '../../domain/unemployment';
import { apiFixture, bearer, type ApiFixture } from './fixture';

let f: ApiFixture;
let employer: string;
beforeAll(async () => {
  f = await apiFixture('declare');
  employer = await f.token({ role: 'employer', taxCode: f.a.employer.taxCode });
});
afterAll(async () => {
  await f?.close();
});
afterEach(async () => {
  expect((await verifyEbooks(f.tdb.db)).mismatches).toEqual([]);
});

const post = (payload: unknown, token = employer) =>
  f.app.inject({
    method: 'POST',
    url: `/v1/employers/${f.a.employer.taxCode}/declarations`,
    headers: bearer(token),
    payload: payload as object,
  });
const json = (r: { body: string }) => JSON.parse(r.body);
const bookOf = async (pid: string) => (await findEbook(f.tdb.db, pid))!;

describe('declarations', () => {
  it('a salary change from a month is recorded once and shows on the e-book; resubmitting is a no-op', async () => {
    const pid = f.a.employees[0]!.personalId;
    const before = await bookOf(pid);
    const body = {
      declarations: [{ kind: 'salary_change', personalId: pid, effectiveMonth: '2026-11', salary: 25_000_000 }],
    };
    const r = await post(body);
    expect(r.statusCode).toBe(201);
    expect(json(r).results).toEqual([
      expect.objectContaining({
        kind: 'salary_change',
        personalId: pid,
        effectiveMonth: '2026-11',
        alreadyRecorded: false,
      }),
    ]);
    const after = await bookOf(pid);
    expect(after.version).toBe(before.version + 1);
    expect(JSON.parse(after.content).employments[0].salaries).toContainEqual({
      effectiveMonth: '2026-11',
      amount: '25000000',
    });
    const again = await post(body);
    expect(json(again).results[0]).toMatchObject({ id: json(r).results[0].id, alreadyRecorded: true });
    expect((await bookOf(pid)).version).toBe(after.version);
  });

  it('a hire creates the participant, employment, HI card and e-book; a leave ends the employment and the card', async () => {
    const hire = sampleEmployee(rng(77), { startMonth: '2026-11', serial: 424_242 });
    const r = await post({ declarations: [{ kind: 'hire', reference: 'HR-2026-11-001', employee: hire }] });
    expect(r.statusCode).toBe(201);
    const book = JSON.parse((await bookOf(hire.personalId)).content);
    expect(book.employments).toEqual([
      expect.objectContaining({ employerTaxCode: f.a.employer.taxCode, startMonth: '2026-11', endMonth: null }),
    ]);
    expect(book.hiCards).toEqual([expect.objectContaining({ validFrom: '2026-11-01', validTo: null })]);

    const leave = await post({ declarations: [{ kind: 'leave', personalId: hire.personalId, endMonth: '2026-12' }] });
    expect(leave.statusCode).toBe(201);
    const [job] = await f.tdb.db
      .select()
      .from(employments)
      .where(and(eq(employments.personalId, hire.personalId), eq(employments.employerTaxCode, f.a.employer.taxCode)));
    expect(job!.endMonth).toBe('2026-12');
    const [card] = await f.tdb.db.select().from(hiCards).where(eq(hiCards.personalId, hire.personalId));
    expect(card!.validTo).toBe('2026-12-31');
    expect(JSON.parse((await bookOf(hire.personalId)).content).hiCards[0].validTo).toBe('2026-12-31');
  });

  it('a batch with one bad declaration is refused whole with its code and field, and writes nothing', async () => {
    const n = async () => Number((await f.tdb.db.select({ n: count() }).from(declarations))[0]!.n);
    const before = await n();
    const pid = f.a.employees[1]!.personalId;
    const cases: [unknown, number, string, string][] = [
      [
        {
          declarations: [
            { kind: 'salary_change', personalId: pid, effectiveMonth: '2026-11', salary: 12_000_000 },
            { kind: 'salary_change', personalId: pid, effectiveMonth: '2026-12', salary: 1_000_000 },
          ],
        },
        422,
        'SALARY_BELOW_FLOOR',
        'declarations[1].salary',
      ],
      [
        { declarations: [{ kind: 'leave', personalId: f.b.employees[0]!.personalId, endMonth: '2026-11' }] },
        422,
        'NOT_EMPLOYED',
        'declarations[0].personalId',
      ],
      [
        { declarations: [{ kind: 'unpaid_leave', personalId: pid, month: '2031-01' }] },
        422,
        'MONTH_IN_FUTURE',
        'declarations[0].month',
      ],
      [
        { declarations: [{ kind: 'salary_change', personalId: '12', effectiveMonth: '2026-11', salary: 9_000_000 }] },
        400,
        'INVALID_PERSONAL_ID',
        'declarations[0].personalId',
      ],
      [{ declarations: [] }, 400, 'INVALID_INPUT', 'declarations'],
    ];
    for (const [body, status, code, field] of cases) {
      const r = await post(body);
      expect(r.statusCode, code).toBe(status);
      expect(json(r), code).toMatchObject({ code, field });
    }
    expect(await n()).toBe(before);
  });
});

describe('amount due for a period', () => {
  it('is the sum of the domain lines of every employment in force, and a month of unpaid leave owes nothing (Law 41/2024 Art.33(5))', async () => {
    const b = f.b;
    const token = await f.token({ role: 'officer' });
    const expected = b.employees
      .map((e) => computeContribution({ month: '2026-11', salary: e.salary, region: b.employer.wageRegion }).total)
      .reduce((x, y) => x + Number(y), 0);
    const r = await f.app.inject({
      url: `/v1/employers/${b.employer.taxCode}/periods/2026-11`,
      headers: bearer(token),
    });
    expect(r.statusCode).toBe(200);
    expect(json(r)).toMatchObject({ employees: b.employees.length, due: { total: String(expected) } });

    const officerPost = (payload: unknown) =>
      f.app.inject({
        method: 'POST',
        url: `/v1/employers/${b.employer.taxCode}/declarations`,
        headers: bearer(token),
        payload: payload as object,
      });
    expect(
      (
        await officerPost({
          declarations: [{ kind: 'unpaid_leave', personalId: b.employees[0]!.personalId, month: '2026-11' }],
        })
      ).statusCode,
    ).toBe(201);
    const after = json(
      await f.app.inject({ url: `/v1/employers/${b.employer.taxCode}/periods/2026-11`, headers: bearer(token) }),
    );
    const owedByFirst = Number(
      computeContribution({ month: '2026-11', salary: b.employees[0]!.salary, region: b.employer.wageRegion }).total,
    );
    expect(after).toMatchObject({ employees: b.employees.length - 1, due: { total: String(expected - owedByFirst) } });
    // Before anyone started, nothing is due.
    expect(
      json(await f.app.inject({ url: `/v1/employers/${b.employer.taxCode}/periods/2026-09`, headers: bearer(token) })),
    ).toMatchObject({ employees: 0, due: { total: '0' } });
  });
});

describe('identity is the database’s (rules §5, §8)', () => {
  /** Row counts and checksums of the tables a hire writes: a refusal must leave every one as it was. */
  const snapshot = async () =>
    (
      await queryRows<Record<string, unknown>>(
        f.tdb.db,
        sql`select
        (select count(*) from declarations)::int as declarations, (select count(*) from employments)::int as employments,
        (select count(*) from participants)::int as participants, (select count(*) from hi_cards)::int as cards,
        (select count(*) from outbox)::int as outbox, (select count(*) from tasks)::int as tasks,
        (select md5(string_agg(personal_id || ':' || version || ':' || root, ',' order by personal_id)) from ebooks) as books`,
      )
    )[0];
  const thisMonth = () => monthOf(testClock.today());

  it('a hire whose name, birth date or gender disagrees with the person on record is refused IDENTITY_MISMATCH — one answer whatever differs, nothing of the record in it — and writes nothing', async () => {
    const person = f.b.employees[1]!;
    const [record] = await f.tdb.db.select().from(participants).where(eq(participants.personalId, person.personalId));
    // A legacy record whose gender was keyed wrongly: the declaration's gender agrees with the personal ID, not with the record.
    const legacy = f.b.employees[0]!;
    await f.tdb.db
      .update(participants)
      .set({ gender: legacy.gender === 'male' ? 'female' : 'male' })
      .where(eq(participants.personalId, legacy.personalId));
    const day = Number(person.dateOfBirth.slice(8, 10));
    const variants = [
      { ...person, fullName: 'Trần Bịa Đặt' },
      {
        ...person,
        dateOfBirth: `${person.dateOfBirth.slice(0, 8)}${String(day === 28 ? 27 : day + 1).padStart(2, '0')}`,
      },
      { ...legacy },
    ];
    const before = await snapshot();
    const answers = [];
    for (const employee of variants) {
      const r = await post({ declarations: [{ kind: 'hire', employee: { ...employee, startMonth: thisMonth() } }] });
      expect(r.statusCode, r.body).toBe(422);
      const { requestId: _id, ...problem } = json(r);
      answers.push(problem);
      for (const secret of [record!.fullName, record!.siNumber, record!.dateOfBirth, legacy.fullName])
        expect(r.body).not.toContain(secret);
    }
    expect(answers[0]).toMatchObject({ code: 'IDENTITY_MISMATCH', field: 'declarations[0].employee' });
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    expect(await snapshot()).toEqual(before);
    // The employer's list shows nobody new, so nothing of the record leaks there either.
    const list = await f.app.inject({
      url: `/v1/employers/${f.a.employer.taxCode}/employees?limit=100`,
      headers: bearer(employer),
    });
    expect(list.body).not.toContain(person.personalId);
    await f.tdb.db
      .update(participants)
      .set({ gender: legacy.gender })
      .where(eq(participants.personalId, legacy.personalId));
  });

  it('names are compared after NFC normalisation, whitespace collapse and case folding: the ID card’s capitals, decomposed diacritics and double spaces are the same person', async () => {
    const person = f.b.employees[1]!;
    const written = `  ${person.fullName.toUpperCase().normalize('NFD').replace(/ /g, '   ')} `;
    expect(written.normalize('NFC')).not.toBe(person.fullName);
    const r = await post({
      declarations: [
        { kind: 'hire', reference: 'HR-NFC-1', employee: { ...person, fullName: written, startMonth: thisMonth() } },
      ],
    });
    expect(r.statusCode, r.body).toBe(201);
    // The record keeps the database's name.
    const [record] = await f.tdb.db.select().from(participants).where(eq(participants.personalId, person.personalId));
    expect(record!.fullName).toBe(person.fullName);
  });

  it('the participant is told of every new employment on their book, once (outbox employment.declared, in the hire’s transaction)', async () => {
    const hire = sampleEmployee(rng(78), { startMonth: thisMonth(), serial: 424_243 });
    const body = { declarations: [{ kind: 'hire', reference: 'HR-NOTIFY-1', employee: hire }] };
    expect((await post(body)).statusCode).toBe(201);
    const [job] = await f.tdb.db
      .select()
      .from(employments)
      .where(and(eq(employments.personalId, hire.personalId), eq(employments.employerTaxCode, f.a.employer.taxCode)));
    const notices = () =>
      f.tdb.db
        .select()
        .from(outbox)
        .where(and(eq(outbox.recipientId, hire.personalId), eq(outbox.kind, 'employment.declared')));
    expect(await notices()).toEqual([
      expect.objectContaining({
        recipientType: 'participant',
        channel: 'portal',
        payload: {
          employmentId: job!.id,
          employerTaxCode: f.a.employer.taxCode,
          unitCode: expect.any(String),
          startMonth: thisMonth(),
        },
      }),
    ]);
    expect((await post(body)).statusCode).toBe(201);
    expect(await notices()).toHaveLength(1);
    // An existing participant is told of each employment too: employer b's onboarding, then employer a's hire above.
    const person = f.b.employees[1]!;
    const told = await f.tdb.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.recipientId, person.personalId), eq(outbox.kind, 'employment.declared')))
      .orderBy(outbox.id);
    expect(told.map((o) => (o.payload as { employerTaxCode: string }).employerTaxCode)).toEqual([
      f.b.employer.taxCode,
      f.a.employer.taxCode,
    ]);
  });

  it('hiring a person with an active unemployment benefit puts a “new job declared” task in front of the claim’s officer, due in 3 working days, readable in the claim’s state; a retry adds none (Law 74/2025 Art.41(4)(a))', async () => {
    // A person on record (employer b's former employee) whose benefit an officer approved.
    const person = sampleEmployee(rng(79), { startMonth: '2026-10', serial: 424_244 });
    const officer = await f.token({ role: 'officer' });
    const bHire = await f.app.inject({
      method: 'POST',
      url: `/v1/employers/${f.b.employer.taxCode}/declarations`,
      headers: bearer(officer),
      payload: { declarations: [{ kind: 'hire', employee: person }] },
    });
    expect(bHire.statusCode, bHire.body).toBe(201);
    const today = testClock.today();
    const [claim] = await f.tdb.db
      .insert(uiClaims)
      .values({
        personalId: person.personalId,
        workflowId: 'claim:ui:not-running-in-this-test',
        status: 'active',
        terminationDate: addDays(today, -40),
        filingDate: addDays(today, -33),
        region: 'I',
        contractMonths: 36,
        terminationReason: 'contract_expired',
        filedBy: 'officer:test',
        law: 'LAW_74_2025',
        eligible: true,
        evaluation: { reasons: [] },
        monthlyBenefit: '7200000',
        durationMonths: 3,
        startDate: addDays(today, -18),
        decision: 'approved',
        decidedBy: 'officer:lan',
        decidedOn: addDays(today, -20),
      })
      .returning();

    // Employer a hires them: one transaction writes the employment and the officer's task.
    const body = {
      declarations: [{ kind: 'hire', reference: 'HR-UI-1', employee: { ...person, startMonth: thisMonth() } }],
    };
    const hire = await post(body);
    expect(hire.statusCode, hire.body).toBe(201);
    const [job] = await f.tdb.db
      .select()
      .from(employments)
      .where(and(eq(employments.personalId, person.personalId), eq(employments.employerTaxCode, f.a.employer.taxCode)));
    const claimTasks = () => f.tdb.db.select().from(tasks).where(eq(tasks.claimId, claim!.id));
    expect(await claimTasks()).toEqual([
      expect.objectContaining({
        kind: 'claim.new_job_declared',
        status: 'open',
        queue: 'ui-claims',
        assignee: 'officer:lan',
        dueDate: newJobReviewDeadline(today),
        employmentId: job!.id,
        employerTaxCode: f.a.employer.taxCode,
      }),
    ]);
    // The same declaration again: recorded once, no second task.
    expect(json(await post(body)).results[0]).toMatchObject({ alreadyRecorded: true });
    expect(await claimTasks()).toHaveLength(1);
    expect(
      await f.tdb.db
        .select()
        .from(tasks)
        .where(like(tasks.dedupeKey, `claim:${claim!.id}:%`)),
    ).toHaveLength(1);
    // The officer reads it in the claim's state.
    const st = await f.app.inject({ url: `/v1/claims/${claim!.id}`, headers: bearer(officer) });
    expect(st.statusCode, st.body).toBe(200);
    expect(json(st).tasks).toEqual([
      {
        id: expect.any(Number),
        kind: 'claim.new_job_declared',
        status: 'open',
        assignee: 'officer:lan',
        dueDate: newJobReviewDeadline(today),
        employmentId: job!.id,
        employerTaxCode: f.a.employer.taxCode,
      },
    ]);
  });
});
