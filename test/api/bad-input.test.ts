/**
 * Bad input, property-based: random and malformed bodies, query strings, path segments and
 * headers never give a 5xx and never change the database.
 */
import fc from 'fast-check';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, ebooks, employers, employments, hiCards, onboardingRequests, outbox, participants } from '../../db/schema';
import { apiFixture, bearer, type ApiFixture } from './fixture';

let f: ApiFixture;
let officer: string;
beforeAll(async () => {
  f = await apiFixture('fuzz');
  officer = await f.token({ role: 'officer' });
});
afterAll(async () => {
  await f?.close();
});

async function snapshot() {
  const n = async (t: Parameters<ReturnType<typeof f.tdb.db.select>['from']>[0]) => Number((await f.tdb.db.select({ n: count() }).from(t))[0]!.n);
  return {
    employers: await n(employers),
    participants: await n(participants),
    employments: await n(employments),
    hiCards: await n(hiCards),
    ebooks: await n(ebooks),
    requests: await n(onboardingRequests),
    outbox: await n(outbox),
    audit: await n(auditEvents),
  };
}

const RUNS = 60;
const noServerError = (r: { statusCode: number; body: string }) => {
  expect(r.statusCode, r.body).toBeLessThan(500);
  if (r.statusCode >= 400) expect(JSON.parse(r.body).code).toMatch(/^[A-Z][A-Z0-9_]+$/);
};

describe('bad input', () => {
  it('random JSON bodies to POST /v1/onboardings and decisions', async () => {
    const before = await snapshot();
    const sample = { employer: f.a.employer, employees: f.a.employees.slice(0, 1) };
    // Random values, and the valid dossier with one field replaced by anything.
    const mutated = fc.record({ path: fc.constantFrom('employer.taxCode', 'employer.category', 'employees', 'employer', 'employees.0.personalId', 'employees.0.salary', 'employees.0.dateOfBirth'), value: fc.jsonValue() }).map(({ path, value }) => {
      const copy = JSON.parse(JSON.stringify(sample));
      const keys = path.split('.');
      let o = copy;
      for (const k of keys.slice(0, -1)) o = o[k];
      o[keys[keys.length - 1]!] = value;
      return copy;
    });
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue(), mutated), async (body) => {
        const r = await f.app.inject({ method: 'POST', url: '/v1/onboardings', headers: { ...bearer(officer), 'content-type': 'application/json' }, payload: JSON.stringify(body) });
        noServerError(r);
        // A valid dossier for a known employer is accepted, then ends as a duplicate: not a change here.
        const d = await f.app.inject({ method: 'POST', url: `/v1/onboardings/onboarding:${f.a.employer.taxCode}/decision`, headers: { ...bearer(officer), 'content-type': 'application/json' }, payload: JSON.stringify(body) });
        noServerError(d);
      }),
      { numRuns: RUNS },
    );
    const after = await snapshot();
    // Only the one valid-but-duplicate dossier a mutation may produce could add a request row.
    expect({ ...after, requests: before.requests }).toEqual(before);
  });

  it('random query strings and path segments', async () => {
    const before = await snapshot();
    const segment = fc.string({ maxLength: 30 }).map((s) => encodeURIComponent(s));
    await fc.assert(
      fc.asyncProperty(segment, segment, segment, async (a, b, c) => {
        for (const url of [
          `/v1/coverage?personalId=${a}&date=${b}`,
          `/v1/coverage?card=${a}&personalId=${c}`,
          `/v1/coverage?${a}=${b}`,
          `/v1/employers/${a}/employees?limit=${b}&cursor=${c}`,
          `/v1/employers/${a}`,
          `/v1/participants/${a}/ebook`,
          `/v1/onboardings/${a}`,
        ]) {
          noServerError(await f.app.inject({ method: 'GET', url, headers: bearer(officer) }));
        }
        noServerError(await f.app.inject({ method: 'POST', url: `/v1/participants/${a}/ebook/email`, headers: { ...bearer(officer), 'idempotency-key': b } }));
      }),
      { numRuns: RUNS },
    );
    expect(await snapshot()).toEqual(before);
  });

  it('random headers: authorization, content type, If-None-Match, request id', async () => {
    const before = await snapshot();
    const header = fc.string({ maxLength: 200 }).filter((s) => /^[\x20-\x7e]*$/.test(s));
    await fc.assert(
      fc.asyncProperty(header, header, header, header, async (auth, ctype, inm, rid) => {
        const r1 = await f.app.inject({ url: `/v1/employers/${f.a.employer.taxCode}`, headers: { authorization: auth, 'x-request-id': rid } });
        noServerError(r1);
        expect([401, 403]).toContain(r1.statusCode);
        noServerError(await f.app.inject({ method: 'POST', url: '/v1/onboardings', headers: { ...bearer(officer), 'content-type': ctype || 'text/plain' }, payload: 'x' }));
        noServerError(await f.app.inject({ url: `/v1/participants/${f.a.employees[0]!.personalId}/ebook`, headers: { ...bearer(officer), 'if-none-match': inm } }));
      }),
      { numRuns: RUNS },
    );
    expect(await snapshot()).toEqual(before);
  });
});
