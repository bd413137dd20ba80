/**
 * Who looked at my data (issue #11): every successful read of a person's data — coverage check,
 * e-book, claim state, an employer's employee list — is one append-only access_log row; a refused
 * read (403, 404) writes none. The person reads the log back, newest first, a page at a time.
 *
 * @date-sensitive The claim is filed for today (the injected clock).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLog } from '../../db/schema';
import { addDays } from '../../domain/calendar';
import { testClock } from '../setup/harness';
import { apiFixture, bearer, type ApiFixture } from './fixture';

let f: ApiFixture;
let officer: string;
let facility: string;
const json = (r: { body: string }) => JSON.parse(r.body);

interface Access {
  at: string;
  who: string;
  role: string;
  facilityCode: string | null;
  employerTaxCode: string | null;
  purpose: string;
}

/** The rows about a person, oldest first (read from the table: reading the log through the API is logged too). */
async function rowsOf(personalId: string) {
  const rows = await f.tdb.db.select().from(accessLog).orderBy(accessLog.id);
  return rows.filter((r) => r.personalId === personalId);
}

beforeAll(async () => {
  f = await apiFixture('access-log', { worker: true });
  officer = await f.token({ role: 'officer', subject: 'officer-7f3a' });
  facility = await f.token({ role: 'facility', facilityCode: '79001', subject: 'facility-desk-12' });
});
afterAll(async () => {
  await f?.close();
});

describe('the access log', () => {
  it('records a coverage check (who, role, facility, when, the endpoint) and the person sees it, at level 2', async () => {
    const pid = f.a.employees[1]!.personalId;
    const r = await f.app.inject({ url: `/v1/coverage?personalId=${pid}`, headers: bearer(facility) });
    expect(r.statusCode).toBe(200);
    const me = await f.token({ role: 'participant', personalId: pid, level: 2 });
    const log = await f.app.inject({ url: `/v1/participants/${pid}/access-log`, headers: bearer(me) });
    expect(log.statusCode, log.body).toBe(200);
    const items = json(log).items as Access[];
    expect(items[items.length - 1]).toEqual({
      at: expect.any(String),
      who: 'facility-desk-12',
      role: 'facility',
      facilityCode: '79001',
      employerTaxCode: null,
      purpose: 'GET /v1/coverage',
    });
    expect(Math.abs(Date.parse(items[items.length - 1]!.at) - testClock().getTime())).toBeLessThan(3_600_000);
    // A name never: the reader is the token subject.
    expect(JSON.stringify(items)).not.toContain(f.a.employees[1]!.fullName);
  });

  it('a refused read writes nothing: 403 for a role that may not check, 404 for an unknown person', async () => {
    const pid = f.a.employees[2]!.personalId;
    const before = (await rowsOf(pid)).length;
    const employer = await f.token({ role: 'employer', taxCode: f.a.employer.taxCode });
    expect((await f.app.inject({ url: `/v1/coverage?personalId=${pid}`, headers: bearer(employer) })).statusCode).toBe(
      403,
    );
    const other = await f.token({ role: 'participant', personalId: f.b.employees[0]!.personalId });
    expect((await f.app.inject({ url: `/v1/participants/${pid}/ebook`, headers: bearer(other) })).statusCode).toBe(403);
    expect(
      (await f.app.inject({ url: `/v1/coverage?personalId=999999999999`, headers: bearer(facility) })).statusCode,
    ).toBe(404);
    expect(await rowsOf(pid)).toHaveLength(before);
    expect(await rowsOf('999999999999')).toHaveLength(0);
  });

  it("records an e-book read, an employer's employee list (one row per employee listed) and a claim's state", async () => {
    const pid = f.a.employees[3]!.personalId;
    expect((await f.app.inject({ url: `/v1/participants/${pid}/ebook`, headers: bearer(officer) })).statusCode).toBe(
      200,
    );
    const employer = await f.token({ role: 'employer', taxCode: f.a.employer.taxCode, subject: 'hr-system-1' });
    const page = await f.app.inject({
      url: `/v1/employers/${f.a.employer.taxCode}/employees`,
      headers: bearer(employer),
    });
    expect(page.statusCode).toBe(200);
    const listed = (json(page).items as { personalId: string }[]).map((e) => e.personalId);
    expect(listed).toContain(pid);
    for (const id of listed) {
      expect((await rowsOf(id)).filter((r) => r.purpose === 'GET /v1/employers/:taxCode/employees')).toMatchObject([
        { principalRef: 'hr-system-1', role: 'employer', employerTaxCode: f.a.employer.taxCode },
      ]);
    }
    const filed = await f.app.inject({
      method: 'POST',
      url: '/v1/claims',
      headers: bearer(officer),
      payload: {
        personalId: pid,
        terminationDate: addDays(testClock.today(), -7),
        filingDate: testClock.today(),
        region: 'I',
        contractMonths: 36,
        terminationReason: 'contract_expired',
      },
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const claimId = json(filed).claimId as string;
    expect((await f.app.inject({ url: `/v1/claims/${claimId}`, headers: bearer(officer) })).statusCode).toBe(200);
    expect((await rowsOf(pid)).map((r) => [r.purpose, r.principalRef, r.role])).toEqual([
      ['GET /v1/participants/:personalId/ebook', 'officer-7f3a', 'officer'],
      ['GET /v1/employers/:taxCode/employees', 'hr-system-1', 'employer'],
      ['GET /v1/claims/:id', 'officer-7f3a', 'officer'],
    ]);
  });

  it('is paginated newest first with a cursor; someone else is 403, an officer may read it', async () => {
    const pid = f.b.employees[1]!.personalId; // no employee list of employer b is read in this file
    for (let i = 0; i < 3; i++) {
      const r = await f.app.inject({ url: `/v1/coverage?personalId=${pid}`, headers: bearer(facility) });
      expect(r.statusCode).toBe(200);
    }
    expect((await f.app.inject({ url: `/v1/participants/${pid}/ebook`, headers: bearer(officer) })).statusCode).toBe(
      200,
    );
    const me = await f.token({ role: 'participant', personalId: pid });
    const first = json(await f.app.inject({ url: `/v1/participants/${pid}/access-log?limit=2`, headers: bearer(me) }));
    expect(first.items.map((a: Access) => a.purpose)).toEqual([
      'GET /v1/participants/:personalId/ebook',
      'GET /v1/coverage',
    ]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = json(
      await f.app.inject({
        url: `/v1/participants/${pid}/access-log?limit=2&cursor=${first.nextCursor}`,
        headers: bearer(me),
      }),
    );
    expect(second).toMatchObject({ nextCursor: null });
    expect(second.items.map((a: Access) => a.purpose)).toEqual(['GET /v1/coverage', 'GET /v1/coverage']);

    const other = await f.token({ role: 'participant', personalId: f.b.employees[0]!.personalId });
    const refused = await f.app.inject({ url: `/v1/participants/${pid}/access-log`, headers: bearer(other) });
    expect([refused.statusCode, json(refused).code]).toEqual([403, 'FORBIDDEN']);
    const byOfficer = await f.app.inject({ url: `/v1/participants/${pid}/access-log`, headers: bearer(officer) });
    expect(byOfficer.statusCode).toBe(200);
    // Reading the log is a read of the person's data too: the newest entry is their own last look.
    expect(json(byOfficer).items[0]).toMatchObject({
      role: 'participant',
      purpose: 'GET /v1/participants/:personalId/access-log',
    });
  });

  it('is append-only: UPDATE, DELETE and TRUNCATE are refused by the trigger', async () => {
    const causeOf = async (p: Promise<unknown>) => {
      const err = (await p.then(
        () => null,
        (e: unknown) => e,
      )) as { cause?: { message?: string } } | null;
      return err?.cause?.message ?? '';
    };
    expect((await f.tdb.db.select().from(accessLog)).length).toBeGreaterThan(0);
    expect(await causeOf(f.tdb.db.update(accessLog).set({ principalRef: 'someone-else' }))).toMatch(/append-only/);
    expect(await causeOf(f.tdb.db.delete(accessLog))).toMatch(/append-only/);
    expect(await causeOf(f.tdb.db.execute(sql`truncate access_log`))).toMatch(/append-only/);
  });
});
