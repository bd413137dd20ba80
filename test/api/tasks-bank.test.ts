/**
 * A statement line in suspense is an officer's wait in the work queue (issue 12, Part A): the
 * import writes its `bank.suspense` task in the line's transaction, due 5 working days later
 * (domain/tasks.ts BANK_SUSPENSE_WORKING_DAYS); the officer's assignment closes it in the
 * assignment's. The same statement again adds no task; a booked or ignored line makes none.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import type { TaskPage } from '../../domain/schemas-tasks';
import { createClock } from '../../runtime/clock';
import { apiFixture, bearer, type ApiFixture } from './fixture';

const TODAY = '2026-11-30'; // after every value date below: the outcomes hold on any real date
const HEADER = 'bank_reference,booking_date,value_date,direction,amount,currency,remittance,end_to_end_id';
const csv = (...rows: string[]) => [HEADER, ...rows].join('\n') + '\n';

let f: ApiFixture;
let bank: string;
let officer: string;
beforeAll(async () => {
  f = await apiFixture('tasks-bank', { clock: createClock({ pinnedDate: TODAY }) });
  bank = await f.token({ role: 'bank' });
  officer = await f.token({ role: 'officer' });
});
afterAll(async () => {
  await f?.close();
});

const json = (r: { body: string }) => JSON.parse(r.body);
const queue = async (q = ''): Promise<TaskPage> => {
  const r = await f.app.inject({ url: `/v1/tasks?kind=bank.suspense${q}`, headers: bearer(officer) });
  expect(r.statusCode, r.body).toBe(200);
  return json(r);
};
const statement = () =>
  csv(
    `TB-0001,2026-11-20,2026-11-20,CRDT,1200000,VND,transfer without a tax code,`,
    `TB-0002,2026-11-20,2026-11-20,CRDT,1500000,VND,BHXH ${f.a.employer.taxCode} T10,`,
    `TB-0003,2026-11-20,2026-11-20,DBIT,10000,VND,bank fee,`,
  );

describe('bank suspense in the work queue', () => {
  it('a line put in suspense opens bank.suspense, due 5 working days after the import, with its reason and no remittance text; booked and ignored lines open none; the statement again adds none', async () => {
    const r = await f.app.inject({
      method: 'POST',
      url: '/v1/bank/statements',
      headers: { ...bearer(bank), 'content-type': 'text/csv' },
      payload: statement(),
    });
    expect(r.statusCode, r.body).toBe(201);
    const byRef = Object.fromEntries(json(r).results.map((l: { bankReference: string }) => [l.bankReference, l]));
    expect(byRef['TB-0001'].status).toBe('suspense');
    expect(byRef['TB-0002'].status).toBe('booked');
    expect(byRef['TB-0003'].status).toBe('ignored');
    const again = await f.app.inject({
      method: 'POST',
      url: '/v1/bank/statements',
      headers: { ...bearer(bank), 'content-type': 'text/csv' },
      payload: statement(),
    });
    expect(again.statusCode, again.body).toBe(200);

    const page = await queue();
    expect(page.items).toEqual([
      expect.objectContaining({
        kind: 'bank.suspense',
        status: 'open',
        actor: 'officer',
        queue: 'bank-suspense',
        dueDate: '2026-12-07',
        overdue: false,
        workingDaysLeft: 5,
        subject: { bankLineId: byRef['TB-0001'].id },
      }),
    ]);
    expect(page.counts).toEqual([{ kind: 'bank.suspense', open: 1, overdue: 0 }]);
    const [row] = await queryRows<{ details: Record<string, unknown> }>(
      f.tdb.db,
      sql`select details from tasks where bank_line_id = ${byRef['TB-0001'].id}`,
    );
    expect(row!.details).toEqual({ reason: 'NO_EMPLOYER_MATCH', valueDate: '2026-11-20' });
  });

  it('the officer’s assignment closes the task in its transaction; a refused assignment leaves it open', async () => {
    const [line] = (await queue()).items;
    const id = line!.subject.bankLineId!;
    const refused = await f.app.inject({
      method: 'POST',
      url: `/v1/bank/suspense/${id}/assignment`,
      headers: bearer(officer),
      payload: { taxCode: '0000000000' },
    });
    expect(refused.statusCode).toBeGreaterThanOrEqual(400);
    expect(refused.statusCode).toBeLessThan(500);
    expect((await queue()).items.map((i) => i.id)).toEqual([line!.id]);

    const ok = await f.app.inject({
      method: 'POST',
      url: `/v1/bank/suspense/${id}/assignment`,
      headers: bearer(officer),
      payload: { taxCode: f.b.employer.taxCode },
    });
    expect(ok.statusCode, ok.body).toBe(201);
    // The line booked and its task done, read in one statement.
    const [both] = await queryRows<{ line: string; task: string; closed_by: string }>(
      f.tdb.db,
      sql`select l.status as line, t.status as task, t.closed_by from bank_lines l join tasks t on t.bank_line_id = l.id where l.id = ${id}`,
    );
    expect(both).toMatchObject({ line: 'booked', task: 'done' });
    expect((await queue()).items).toEqual([]);
    expect((await queue('&status=done')).items.map((i) => i.subject.bankLineId)).toEqual([id]);
  });
});
