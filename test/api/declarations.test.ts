/**
 * Declarations (Law 41/2024 Art.28–29) and the amount due for a period, through the API, on the
 * real database: validated whole before anything is written, recorded once, e-books rewritten.
 *
 * @date-sensitive Declarations are dated by the injected clock and statements default to today; the figures do not depend on the date.
 */
import { and, count, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sampleEmployee, rng } from '../../client/sample';
import { verifyEbooks } from '../../db/queries/ebooks';
import { declarations, ebooks, employments, hiCards } from '../../db/schema';
import { computeContribution } from '../../domain/contributions';
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
  f.app.inject({ method: 'POST', url: `/v1/employers/${f.a.employer.taxCode}/declarations`, headers: bearer(token), payload: payload as object });
const json = (r: { body: string }) => JSON.parse(r.body);
const bookOf = async (pid: string) => (await f.tdb.db.select().from(ebooks).where(eq(ebooks.personalId, pid)))[0]!;

describe('declarations', () => {
  it('a salary change from a month is recorded once and shows on the e-book; resubmitting is a no-op', async () => {
    const pid = f.a.employees[0]!.personalId;
    const before = await bookOf(pid);
    const body = { declarations: [{ kind: 'salary_change', personalId: pid, effectiveMonth: '2026-11', salary: 25_000_000 }] };
    const r = await post(body);
    expect(r.statusCode).toBe(201);
    expect(json(r).results).toEqual([expect.objectContaining({ kind: 'salary_change', personalId: pid, effectiveMonth: '2026-11', alreadyRecorded: false })]);
    const after = await bookOf(pid);
    expect(after.version).toBe(before.version + 1);
    expect(JSON.parse(after.content).employments[0].salaries).toContainEqual({ effectiveMonth: '2026-11', amount: '25000000' });
    const again = await post(body);
    expect(json(again).results[0]).toMatchObject({ id: json(r).results[0].id, alreadyRecorded: true });
    expect((await bookOf(pid)).version).toBe(after.version);
  });

  it('a hire creates the participant, employment, HI card and e-book; a leave ends the employment and the card', async () => {
    const hire = sampleEmployee(rng(77), { startMonth: '2026-11', serial: 424_242 });
    const r = await post({ declarations: [{ kind: 'hire', reference: 'HR-2026-11-001', employee: hire }] });
    expect(r.statusCode).toBe(201);
    const book = JSON.parse((await bookOf(hire.personalId)).content);
    expect(book.employments).toEqual([expect.objectContaining({ employerTaxCode: f.a.employer.taxCode, startMonth: '2026-11', endMonth: null })]);
    expect(book.hiCards).toEqual([expect.objectContaining({ validFrom: '2026-11-01', validTo: null })]);

    const leave = await post({ declarations: [{ kind: 'leave', personalId: hire.personalId, endMonth: '2026-12' }] });
    expect(leave.statusCode).toBe(201);
    const [job] = await f.tdb.db.select().from(employments).where(and(eq(employments.personalId, hire.personalId), eq(employments.employerTaxCode, f.a.employer.taxCode)));
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
      [{ declarations: [{ kind: 'salary_change', personalId: pid, effectiveMonth: '2026-11', salary: 12_000_000 }, { kind: 'salary_change', personalId: pid, effectiveMonth: '2026-12', salary: 1_000_000 }] }, 422, 'SALARY_BELOW_FLOOR', 'declarations[1].salary'],
      [{ declarations: [{ kind: 'leave', personalId: f.b.employees[0]!.personalId, endMonth: '2026-11' }] }, 422, 'NOT_EMPLOYED', 'declarations[0].personalId'],
      [{ declarations: [{ kind: 'unpaid_leave', personalId: pid, month: '2031-01' }] }, 422, 'MONTH_IN_FUTURE', 'declarations[0].month'],
      [{ declarations: [{ kind: 'salary_change', personalId: '12', effectiveMonth: '2026-11', salary: 9_000_000 }] }, 400, 'INVALID_PERSONAL_ID', 'declarations[0].personalId'],
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
    const r = await f.app.inject({ url: `/v1/employers/${b.employer.taxCode}/periods/2026-11`, headers: bearer(token) });
    expect(r.statusCode).toBe(200);
    expect(json(r)).toMatchObject({ employees: b.employees.length, due: { total: String(expected) } });

    const officerPost = (payload: unknown) => f.app.inject({ method: 'POST', url: `/v1/employers/${b.employer.taxCode}/declarations`, headers: bearer(token), payload: payload as object });
    expect((await officerPost({ declarations: [{ kind: 'unpaid_leave', personalId: b.employees[0]!.personalId, month: '2026-11' }] })).statusCode).toBe(201);
    const after = json(await f.app.inject({ url: `/v1/employers/${b.employer.taxCode}/periods/2026-11`, headers: bearer(token) }));
    const owedByFirst = Number(computeContribution({ month: '2026-11', salary: b.employees[0]!.salary, region: b.employer.wageRegion }).total);
    expect(after).toMatchObject({ employees: b.employees.length - 1, due: { total: String(expected - owedByFirst) } });
    // Before anyone started, nothing is due.
    expect(json(await f.app.inject({ url: `/v1/employers/${b.employer.taxCode}/periods/2026-09`, headers: bearer(token) }))).toMatchObject({ employees: 0, due: { total: '0' } });
  });
});
