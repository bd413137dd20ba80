/**
 * `declare` writes a batch without hires set-based (issue #15: 10,000 rows in seconds) and a batch
 * with a hire line by line; both must do the same. Two twin employers (four employees each, the same
 * lines): the first's batch is written set-based, the second's carries one hire more at its end, so
 * it goes line by line. The outcomes must agree: the results in the batch's order (a line repeated
 * in the batch, or already recorded, answers the first one's id), the salary kept when a month is
 * changed twice (the last), the unpaid month with its declaration, the leave ending the employment
 * and its employer-paid HI card, the e-books re-rendered, and a resubmission recorded once.
 *
 * Declarations are dated by a clock pinned to 2026-12-15 (the employees start in 2026-10).
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rng, sampleEmployee, sampleSubmission } from '../../dev/sample';
import { findEbook, verifyEbooks } from '../../db/queries/ebooks';
import { declarations, ebooks, employments, hiCards, salaryHistory, unpaidLeaveMonths } from '../../db/schema';
import type { Declaration } from '../../domain/schemas';
import { DomainError } from '../../domain/errors';
import { createClock } from '../../runtime/clock';
import { declare, previewDeclarations } from '../../services/declarations';
import { onboardDirectly } from '../api/fixture';
import { createTestDatabase, type TestDatabase } from '../setup/harness';

const clock = createClock({ pinnedDate: '2026-12-15' });
let tdb: TestDatabase;
const twins = [
  sampleSubmission(8801, 4, { startMonth: '2026-10' }),
  sampleSubmission(8802, 4, { startMonth: '2026-10' }),
];

beforeAll(async () => {
  tdb = await createTestDatabase('declarations_batch');
  for (const sub of twins) await onboardDirectly(tdb, sub);
});
afterAll(async () => {
  await tdb?.drop();
});

/** The same lines for either employer: its employees by index. */
function linesOf(ids: string[]): Declaration[] {
  const [a, b, c, d] = ids as [string, string, string, string];
  return [
    { kind: 'salary_change', personalId: a, effectiveMonth: '2026-12', salary: '21000000' },
    { kind: 'unpaid_leave', personalId: b, month: '2026-11' },
    { kind: 'salary_change', personalId: a, effectiveMonth: '2026-12', salary: '22500000' },
    { kind: 'leave', personalId: c, endMonth: '2026-12' },
    { kind: 'salary_change', personalId: a, effectiveMonth: '2026-12', salary: '21000000' }, // the first line again
    { kind: 'salary_change', personalId: d, effectiveMonth: '2027-01', salary: '30000000', reference: 'R-1' },
    { kind: 'unpaid_leave', personalId: d, month: '2026-12' },
  ];
}

/** What the database holds for an employer's employees, by their index (ids made relative). */
async function stateOf(taxCode: string, ids: string[]) {
  const jobs = await tdb.db
    .select()
    .from(employments)
    .where(and(eq(employments.employerTaxCode, taxCode), inArray(employments.personalId, ids)));
  const jobIndex = new Map(jobs.map((j) => [Number(j.id), ids.indexOf(j.personalId)]));
  const salaries = await tdb.db
    .select()
    .from(salaryHistory)
    .where(inArray(salaryHistory.employmentId, [...jobIndex.keys()]))
    .orderBy(asc(salaryHistory.id));
  const unpaid = await tdb.db
    .select()
    .from(unpaidLeaveMonths)
    .where(inArray(unpaidLeaveMonths.employmentId, [...jobIndex.keys()]));
  const declared = await tdb.db
    .select({ id: declarations.id, kind: declarations.kind })
    .from(declarations)
    .where(eq(declarations.employerTaxCode, taxCode));
  const cards = await tdb.db.select().from(hiCards).where(inArray(hiCards.personalId, ids));
  return {
    ends: jobs.map((j) => [ids.indexOf(j.personalId), j.endMonth]).sort(),
    salaries: salaries.map((s) => [jobIndex.get(Number(s.employmentId)), s.effectiveMonth, s.amount]),
    unpaid: unpaid
      .map((u) => [jobIndex.get(Number(u.employmentId)), u.month, declared.find((x) => x.id === u.declarationId)?.kind])
      .sort(),
    cards: cards.map((c) => [ids.indexOf(c.personalId), c.payerKind, c.validTo, c.endReason]).sort(),
  };
}

describe('declare: set-based and line by line agree (issue #15)', () => {
  it('the same results in the batch’s order, the same writes, e-books re-rendered, a resubmission recorded once', async () => {
    const [setBased, inOrder] = twins.map((sub) => sub.employees.map((e) => e.personalId));
    const before = await Promise.all(twins.map((sub, i) => stateOf(sub.employer.taxCode, [setBased, inOrder][i]!)));
    const preview = await previewDeclarations(tdb.db, {
      taxCode: twins[0]!.employer.taxCode,
      batch: { declarations: linesOf(setBased!) },
      now: clock(),
    });
    expect(preview.errors).toEqual([]);
    expect(preview.results.map((r) => r.alreadyRecorded)).toEqual(Array(7).fill(false));

    const hire = sampleEmployee(rng(88), { startMonth: '2026-12', serial: 880_101 });
    const a = await declare(tdb.db, {
      taxCode: twins[0]!.employer.taxCode,
      author: 'employer:test',
      batch: { declarations: linesOf(setBased!) },
      now: clock(),
    });
    const b = await declare(tdb.db, {
      taxCode: twins[1]!.employer.taxCode,
      author: 'employer:test',
      batch: { declarations: [...linesOf(inOrder!), { kind: 'hire', employee: hire }] },
      now: clock(),
    });
    const shape = (r: typeof a.results, ids: string[]) =>
      r.map((x) => [x.id - r[0]!.id, x.kind, ids.indexOf(x.personalId), x.effectiveMonth, x.alreadyRecorded]);
    expect(shape(a.results, setBased!)).toEqual(shape(b.results.slice(0, 7), inOrder!));
    // Ids ascend in the batch's order; the repeated line answers the first one's id.
    expect(a.results.map((r) => r.alreadyRecorded)).toEqual([false, false, false, false, true, false, false]);
    expect(a.results[4]!.id).toBe(a.results[0]!.id);
    const freshIds = a.results.filter((r) => !r.alreadyRecorded).map((r) => r.id);
    expect(freshIds).toEqual([...freshIds].sort((x, y) => x - y));

    const [afterA, afterB] = await Promise.all([
      stateOf(twins[0]!.employer.taxCode, setBased!),
      stateOf(twins[1]!.employer.taxCode, inOrder!),
    ]);
    // What each batch changed (the twins' starting salaries differ): the same for both.
    const change = (now: typeof afterA, was: typeof afterA) => ({
      ...now,
      salaries: now.salaries.filter((s) => !was.salaries.some((w) => JSON.stringify(w) === JSON.stringify(s))),
    });
    expect(change(afterA, before[0]!)).toEqual(change(afterB, before[1]!));
    expect(change(afterA, before[0]!).salaries).toHaveLength(2);
    // A month changed twice keeps the last amount; the leave ends employment and card; the unpaid months refer to their declarations.
    expect(afterA.salaries.filter((s) => s[0] === 0 && s[1] === '2026-12')).toEqual([[0, '2026-12', '22500000']]);
    expect(afterA.salaries).toContainEqual([3, '2027-01', '30000000']);
    expect(afterA.ends).toContainEqual([2, '2026-12']);
    expect(afterA.cards).toContainEqual([2, 'employer', '2026-12-31', 'left_scheme']);
    expect(afterA.unpaid).toEqual([
      [1, '2026-11', 'unpaid_leave'],
      [3, '2026-12', 'unpaid_leave'],
    ]);

    // Each touched book re-rendered, in the same transaction, and the chain holds.
    const books = await tdb.db.select().from(ebooks).where(inArray(ebooks.personalId, setBased!));
    expect(books.map((x) => x.personalId).sort()).toEqual([...setBased!].sort());
    expect((await findEbook(tdb.db, setBased![0]!))!.content).toContain('22500000');
    expect((await verifyEbooks(tdb.db)).mismatches).toEqual([]);

    // A resubmission is recorded once: every line already recorded, under the same ids, nothing written.
    const again = await declare(tdb.db, {
      taxCode: twins[0]!.employer.taxCode,
      author: 'employer:test',
      batch: { declarations: linesOf(setBased!) },
      now: clock(),
    });
    expect(again.results.map((r) => [r.id, r.alreadyRecorded])).toEqual(a.results.map((r) => [r.id, true]));
    expect(await stateOf(twins[0]!.employer.taxCode, setBased!)).toEqual(afterA);
  });

  it('a line after the same batch’s leave, for a month past its end, is NOT_EMPLOYED and nothing is written (it was a 500)', async () => {
    const sub = twins[1]!;
    const person = sub.employees[0]!.personalId;
    const count = async () => (await tdb.db.select({ id: declarations.id }).from(declarations)).length;
    const was = await count();
    const err = await declare(tdb.db, {
      taxCode: sub.employer.taxCode,
      author: 'employer:test',
      batch: {
        declarations: [
          { kind: 'leave', personalId: person, endMonth: '2026-11' },
          { kind: 'salary_change', personalId: person, effectiveMonth: '2026-12', salary: '25000000' },
        ],
      },
      now: clock(),
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('NOT_EMPLOYED');
    expect((err as DomainError).field).toBe('declarations[1].personalId');
    expect(await count()).toBe(was);
    const [job] = await tdb.db.select().from(employments).where(eq(employments.personalId, person));
    expect(job!.endMonth).toBeNull();
  });
});
