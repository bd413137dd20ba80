/**
 * Bad input, property-based: random and malformed bodies, query strings, path segments and
 * headers — and the values that once gave a 5xx or wrote on a refusal (numbers longer than their
 * column, NUL bytes, lone surrogates, far dates) in every field of every writing endpoint — never
 * give a 5xx, and a refused request never changes the database: the row count and checksum of
 * EVERY table (enumerated from the catalog) are the same after it.
 * @date-sensitive The claim and payment bases are dated from the test clock's today; they pass on any date.
 */
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { addDays, addMonths, monthOf } from '../../domain/calendar';
import { testClock } from '../setup/harness';
import { createClaimant } from '../setup/claimants';
import { apiFixture, bearer, type ApiFixture } from './fixture';

let f: ApiFixture;
let officer: string;
let checksumQuery: string;
let claimFiling: Record<string, unknown>;
beforeAll(async () => {
  // Limits out of reach: the fuzzing is of the routes, not of the rate limiter (test/api/rate-limit.test.ts).
  f = await apiFixture('fuzz', { rateLimits: { tight: 1e9, loose: 1e9, windowMs: 60_000, facilityAlert: 1e9 } });
  officer = await f.token({ role: 'officer' });
  // Every table of the schema, ordered by its primary key (or by the whole row when it has none).
  const tables = await queryRows<{ name: string; pk: string | null }>(
    f.tdb.db,
    sql.raw(`select c.relname as name,
                    (select string_agg(format('t.%I', a.attname), ', ' order by k.ord)
                       from pg_index i cross join unnest(i.indkey) with ordinality as k(attnum, ord)
                       join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
                      where i.indrelid = c.oid and i.indisprimary) as pk
               from pg_class c where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') order by 1`),
  );
  expect(tables.length).toBeGreaterThanOrEqual(18);
  // Except the rate-limit counters: every request counts, a refused one too (else refusals would
  // be a free oracle, e.g. for guessing claim ids); they hold no record of anyone. And except the
  // access log: the e-book reads here that succeed (200, 304) are reads, each logged (issue #11);
  // that a refused read logs nothing is test/api/access-log.test.ts's.
  checksumQuery = tables
    .filter((t) => t.name !== 'rate_limit_hits' && t.name !== 'access_log')
    .map(
      (t) =>
        `select '${t.name}' as name, count(*)::int as n, coalesce(md5(string_agg(t::text, E'\\n' order by ${t.pk ?? 't::text'})), '') as sum from "${t.name}" t`,
    )
    .join(' union all ');
  const today = testClock.today();
  const c = await createClaimant(f.tdb.db, {
    lastMonth: monthOf(addDays(today, -7)),
    months: 24,
    salary: 12_000_000,
    seed: 66_001,
  });
  claimFiling = {
    personalId: c.personalId,
    terminationDate: addDays(today, -7),
    filingDate: today,
    region: 'I',
    contractMonths: 36,
    terminationReason: 'contract_expired',
  };
});
afterAll(async () => {
  await f?.close();
});

/** Row count and md5 of the rows of every table. */
async function snapshot(): Promise<Record<string, { n: number; sum: string }>> {
  const rows = await queryRows<{ name: string; n: number; sum: string }>(f.tdb.db, sql.raw(checksumQuery));
  return Object.fromEntries(rows.map((r) => [r.name, { n: Number(r.n), sum: r.sum }]));
}

/** FUZZ_RUNS raises the number of runs for a longer search (default 60). */
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 60);
const noServerError = (r: { statusCode: number; body: string }) => {
  expect(r.statusCode, r.body).toBeLessThan(500);
  if (r.statusCode >= 400) {
    const body = JSON.parse(r.body);
    expect(body.code).toMatch(/^[A-Z][A-Z0-9_]+$/);
    for (const e of body.errors ?? []) expect(e.message, e.code).toBeTruthy();
  }
};

// The values that broke the edges, and anything JSON can say.
const huge = fc.oneof(
  fc.integer({ min: 16, max: 40 }).map((n) => '9'.repeat(n)),
  fc.bigInt({ min: 10n ** 15n, max: 10n ** 40n }).map(String),
  fc.constantFrom(1e18, 1e21, Number.MAX_VALUE, 2 ** 53, -1, 1.5, -0),
);
const withNul = fc.tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 })).map(([a, b]) => `${a}\u0000${b}`);
const withLoneSurrogate = fc
  .tuple(
    fc.string({ maxLength: 10 }),
    fc.constantFrom('\ud800', '\udbff', '\udc00', '\udfff', 'a\ud83d', '\ude00b'),
    fc.string({ maxLength: 10 }),
  )
  .map(([a, s, b]) => a + s + b);
const farDate = fc.constantFrom(
  '9999-01-01',
  '9999-12-31',
  '0001-01-01',
  '0000-01-01',
  '1899-12-31',
  '2100-01-01',
  '2150-12-31',
);
const farMonth = fc.constantFrom('9999-12', '0001-01', '0000-01', '1899-12', '2100-01');
const nasty = fc.oneof(huge, withNul, withLoneSurrogate, farDate, farMonth, fc.jsonValue());

function replaced<T>(base: T, path: string, value: unknown): T {
  const copy = JSON.parse(JSON.stringify(base));
  const keys = path.split('.');
  let o = copy;
  for (const k of keys.slice(0, -1)) o = o[k];
  o[keys[keys.length - 1]!] = value;
  return copy;
}

describe('bad input', () => {
  it('random JSON bodies to POST /v1/onboardings and decisions', async () => {
    const before = await snapshot();
    // The dossier of an employer that is already active: even a mutation that stays valid is refused.
    const sample = { employer: f.a.employer, employees: f.a.employees.slice(0, 1) };
    const mutated = fc
      .record({
        path: fc.constantFrom(
          'employer.taxCode',
          'employer.category',
          'employees',
          'employer',
          'employees.0.personalId',
          'employees.0.salary',
          'employees.0.dateOfBirth',
        ),
        value: fc.jsonValue(),
      })
      .map(({ path, value }) => replaced(sample, path, value));
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue(), mutated), async (body) => {
        const r = await f.app.inject({
          method: 'POST',
          url: '/v1/onboardings',
          headers: { ...bearer(officer), 'content-type': 'application/json' },
          payload: JSON.stringify(body),
        });
        noServerError(r);
        const d = await f.app.inject({
          method: 'POST',
          url: `/v1/onboardings/onboarding:${f.a.employer.taxCode}/decision`,
          headers: { ...bearer(officer), 'content-type': 'application/json' },
          payload: JSON.stringify(body),
        });
        noServerError(d);
      }),
      { numRuns: RUNS },
    );
    expect(await snapshot()).toEqual(before);
  });

  it('huge numbers, NUL bytes, lone surrogates and far dates in every field of every writing endpoint: never a 5xx, and a refusal changes no table', async () => {
    const today = testClock.today();
    const month = monthOf(today);
    const a = f.a.employer.taxCode;
    const person = f.a.employees[1]!.personalId;
    const hire = { ...f.b.employees[0]!, personalId: f.b.employees[0]!.personalId, startMonth: month };
    const targets: { method: 'POST' | 'PUT'; url: string; base: unknown; paths: string[] }[] = [
      {
        method: 'POST',
        url: '/v1/onboardings',
        base: { employer: f.a.employer, employees: f.a.employees.slice(0, 2) },
        paths: [
          'employer.name',
          'employer.address',
          'employer.taxCode',
          'employees.0.fullName',
          'employees.0.salary',
          'employees.0.dateOfBirth',
          'employees.0.startMonth',
          'employees.0.jobTitle',
          'employees.1.email',
          'employees.1.personalId',
        ],
      },
      {
        method: 'POST',
        url: `/v1/employers/${a}/declarations`,
        base: {
          declarations: [
            { kind: 'hire', employee: hire },
            { kind: 'salary_change', personalId: person, effectiveMonth: month, salary: '9000000' },
          ],
        },
        paths: [
          'declarations.0.employee.fullName',
          'declarations.0.employee.salary',
          'declarations.0.employee.dateOfBirth',
          'declarations.0.employee.startMonth',
          'declarations.0.employee.jobTitle',
          'declarations.1.salary',
          'declarations.1.effectiveMonth',
          'declarations.1.reference',
        ],
      },
      {
        method: 'POST',
        url: `/v1/employers/${a}/payments`,
        base: { amount: '1000', expectedValueDate: today, reference: 'FUZZ-0001' },
        paths: ['amount', 'expectedValueDate', 'reference'],
      },
      // A line that does not exist: every variant is refused (400 or 404) and books nothing.
      { method: 'POST', url: '/v1/bank/suspense/999999999/assignment', base: { taxCode: a }, paths: ['taxCode'] },
      {
        method: 'POST',
        url: '/v1/claims',
        base: claimFiling,
        paths: ['terminationDate', 'filingDate', 'contractMonths', 'personalId', 'region', 'terminationReason'],
      },
      {
        method: 'POST',
        url: `/v1/onboardings/onboarding:${a}/decision`,
        base: { decision: 'reject', reason: 'the dossier is incomplete' },
        paths: ['reason', 'decision'],
      },
      {
        method: 'POST',
        url: '/v1/claims/00000000-0000-4000-8000-000000000000/decision',
        base: { decision: 'reject', reason: 'not eligible' },
        paths: ['reason'],
      },
      // Issue 14 part 3, account-access recovery: a start for a person (the field made nasty is refused before
      // anything is stored), and the steps of a recovery that does not exist (404 or 400, nothing written).
      { method: 'POST', url: '/v1/recoveries', base: { personalId: person }, paths: ['personalId'] },
      {
        method: 'POST',
        url: '/v1/recoveries/00000000-0000-4000-8000-000000000000/verification',
        base: { documentKind: 'cccd', documentLast4: '1234' },
        paths: ['documentKind', 'documentLast4'],
      },
      {
        method: 'POST',
        url: '/v1/recoveries/00000000-0000-4000-8000-000000000000/contact',
        base: { email: 'fuzz@example.vn' },
        paths: ['email'],
      },
      {
        method: 'POST',
        url: '/v1/recoveries/00000000-0000-4000-8000-000000000000/confirmation',
        base: { code: '123456' },
        paths: ['code'],
      },
      // Issue 13: the recipient's language (the default 'vi': a valid body changes nothing).
      { method: 'PUT', url: `/v1/participants/${person}/preferences`, base: { lang: 'vi' }, paths: ['lang', 'extra'] },
      { method: 'PUT', url: `/v1/employers/${a}/preferences`, base: { lang: 'vi' }, paths: ['lang', 'extra'] },
      // Issue 14 part 2: a declaration case (a valid body opens one; then 409 already open), the arrears Update.
      {
        method: 'POST',
        url: '/v1/declaration-cases',
        base: {
          personalId: person,
          employerTaxCode: f.b.employer.taxCode,
          fromMonth: addMonths(month, -2),
          toMonth: addMonths(month, -1),
          anonymous: true,
        },
        paths: ['personalId', 'employerTaxCode', 'fromMonth', 'toMonth', 'anonymous', 'employerCategory', 'extra'],
      },
      {
        method: 'POST',
        url: '/v1/declaration-cases/999999/arrears',
        base: { confirm: true },
        paths: ['confirm', 'extra'],
      },
      // An officer's endings of a case that does not exist (404 for a valid body).
      {
        method: 'POST',
        url: '/v1/declaration-cases/999999/dismissal',
        base: { reason: 'withdrawn' },
        paths: ['reason', 'extra'],
      },
      {
        method: 'POST',
        url: '/v1/declaration-cases/999999/referral-closure',
        base: { outcome: 'employer_identified', employerTaxCode: a },
        paths: ['outcome', 'employerTaxCode', 'whereToTurn', 'extra'],
      },
      // Issue 14 part 4: a holder who is not the participant is refused whatever else the body says.
      {
        method: 'PUT',
        url: `/v1/participants/${person}/bank-account`,
        base: { bankCode: 'BFTVVNVX', accountNumber: '0071001234567', holderName: 'FUZZ NOT THE HOLDER' },
        paths: ['bankCode', 'accountNumber', 'holderName'],
      },
      {
        method: 'POST',
        url: `/v1/participants/${person}/bank-account/verification`,
        base: { accountId: 999999999 },
        paths: ['accountId'],
      },
      { method: 'POST', url: '/v1/payment-files', base: { runId: '2099-01-01' }, paths: ['runId'] },
      // Issue 14 part 1: data-update requests (a filing of each shape; a decision and a code for no request).
      {
        method: 'POST',
        url: '/v1/data-updates',
        base: {
          kind: 'identity',
          personalId: f.a.employees[2]!.personalId,
          fullName: 'Lê Văn Mới',
          dateOfBirth: f.a.employees[2]!.dateOfBirth,
        },
        paths: ['kind', 'personalId', 'fullName', 'dateOfBirth', 'gender'],
      },
      {
        method: 'POST',
        url: '/v1/data-updates',
        base: { kind: 'email', personalId: f.a.employees[3]!.personalId, email: 'fuzz@example.vn' },
        paths: ['kind', 'email', 'personalId'],
      },
      {
        method: 'POST',
        url: '/v1/data-updates',
        base: {
          kind: 'bank_account',
          personalId: f.a.employees[4]!.personalId,
          bankCode: 'VCB',
          accountNumber: '0123456789',
          accountHolder: 'NGUYEN VAN A',
        },
        paths: ['bankCode', 'accountNumber', 'accountHolder'],
      },
      {
        method: 'POST',
        url: '/v1/data-updates/999999999/decision',
        base: { decision: 'reject', reason: 'thiếu giấy tờ' },
        paths: ['decision', 'reason'],
      },
      { method: 'POST', url: '/v1/data-updates/999999999/code', base: { code: '123456' }, paths: ['code'] },
      // Issue 15: an officer's card lock (a valid body locks f.b's second employee's card; then 409) and a lift of no lock.
      {
        method: 'POST',
        url: `/v1/participants/${f.b.employees[1]!.personalId}/hi-card/locks`,
        base: { reference: 'FUZZ-LOCK-1', kind: 'locked', ground: 'lent', effectiveFrom: today },
        paths: ['reference', 'kind', 'ground', 'effectiveFrom', 'extra'],
      },
      {
        method: 'POST',
        url: `/v1/participants/${person}/hi-card/locks/FUZZ-NONE/lifting`,
        base: { liftedOn: today },
        paths: ['liftedOn', 'extra'],
      },
      // A period no other test file runs: the dev server is shared and the id is reconciliation:<period>.
      {
        method: 'POST',
        url: '/v1/reconciliations',
        base: { period: '2001-01', asOf: '2001-02-15' },
        paths: ['period', 'asOf'],
      },
    ];
    const target = fc
      .constantFrom(...targets)
      .chain((t) => fc.record({ t: fc.constant(t), path: fc.constantFrom(...t.paths), value: nasty }));
    await fc.assert(
      fc.asyncProperty(target, async ({ t, path, value }) => {
        const before = await snapshot();
        const r = await f.app.inject({
          method: t.method,
          url: t.url,
          headers: { ...bearer(officer), 'content-type': 'application/json' },
          payload: JSON.stringify(replaced(t.base, path, value)),
        });
        noServerError(r);
        if (r.statusCode >= 400)
          expect(await snapshot(), `${t.url} ${path} → ${r.statusCode} ${r.body}`).toEqual(before);
      }),
      { numRuns: RUNS * 3 },
    );
  });

  it('the FHIR routes (issue 15): random query strings and eligibility bodies never give a 5xx, every refusal is an OperationOutcome with a code, and nothing changes', async () => {
    const facility = await f.token({ role: 'facility', facilityCode: '79001' });
    const pid = f.a.employees[0]!.personalId;
    const before = await snapshot();
    const base = {
      resourceType: 'CoverageEligibilityRequest',
      status: 'active',
      purpose: ['validation'],
      patient: { identifier: { system: 'https://fhir.baohiemxahoi.gov.vn/sid/cccd', value: pid } },
      servicedDate: '2026-11-24',
      provider: { identifier: { system: 'https://fhir.baohiemxahoi.gov.vn/sid/ma-cskcb', value: '79001' } },
      insurance: [
        {
          coverage: {
            identifier: { system: 'https://fhir.baohiemxahoi.gov.vn/sid/ma-the-bhyt', value: 'DN4797900000001' },
          },
        },
      ],
      identifier: [{ system: 'urn:ietf:rfc:3986', value: 'urn:uuid:1' }],
    };
    const paths = [
      'resourceType',
      'status',
      'purpose',
      'patient',
      'patient.identifier',
      'patient.identifier.system',
      'patient.identifier.value',
      'servicedDate',
      'provider.identifier.value',
      'insurance.0.coverage.identifier.value',
      'identifier.0.value',
      'servicedPeriod',
    ];
    const isOutcome = (r: { statusCode: number; body: string; headers: Record<string, unknown> }) => {
      expect(r.statusCode, r.body).toBeLessThan(500);
      expect(String(r.headers['content-type'])).toMatch(/^application\/fhir\+json/);
      if (r.statusCode >= 400) {
        const o = JSON.parse(r.body);
        expect(o.resourceType, r.body).toBe('OperationOutcome');
        expect(o.issue[0].details.coding[0].code).toMatch(/^[A-Z][A-Z0-9_]+$/);
      }
    };
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue(),
          fc
            .record({ path: fc.constantFrom(...paths), value: nasty })
            .map(({ path, value }) => replaced(base, path, value)),
        ),
        async (body) => {
          const r = await f.app.inject({
            method: 'POST',
            url: '/fhir/CoverageEligibilityRequest',
            headers: { ...bearer(facility), 'content-type': 'application/fhir+json' },
            payload: JSON.stringify(body),
          });
          isOutcome(r);
        },
      ),
      { numRuns: RUNS * 2 },
    );
    const param = fc.oneof(fc.string({ maxLength: 60 }), withNul, withLoneSurrogate, farDate, huge.map(String));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('beneficiary.identifier', 'identifier', 'date', '_format'),
        param,
        param,
        async (name, value, system) => {
          const q = new URLSearchParams({ [name]: name.endsWith('identifier') ? `${system}|${value}` : value });
          if (name === 'date' || name === '_format')
            q.set('beneficiary.identifier', `https://fhir.baohiemxahoi.gov.vn/sid/cccd|${pid}`);
          isOutcome(await f.app.inject({ url: `/fhir/Coverage?${q.toString()}`, headers: bearer(facility) }));
          isOutcome(
            await f.app.inject({
              url: `/fhir/Coverage/${encodeURIComponent(value.replace(/[\ud800-\udfff]/g, '?'))}`,
              headers: bearer(facility),
            }),
          );
        },
      ),
      { numRuns: RUNS },
    );
    expect(await snapshot()).toEqual(before);
  });

  it('random and malformed pain.002 and camt.054 files (issue 14 part 4): never a 5xx, and nothing changes', async () => {
    const operator = await f.token({ role: 'operator' });
    const before = await snapshot();
    const pain002 = (e2e: string, sts: string, extra: string) =>
      `<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.10"><CstmrPmtStsRpt><GrpHdr><MsgId>F</MsgId><CreDtTm>2026-01-02T10:00:00+07:00</CreDtTm></GrpHdr><OrgnlPmtInfAndSts><TxInfAndSts><OrgnlEndToEndId>${e2e}</OrgnlEndToEndId><TxSts>${sts}</TxSts>${extra}</TxInfAndSts></OrgnlPmtInfAndSts></CstmrPmtStsRpt></Document>`;
    const camt054 = (e2e: string, amt: string, date: string, dir = 'DBIT', rvsl = '') =>
      `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08"><BkToCstmrDbtCdtNtfctn><GrpHdr><MsgId>N</MsgId></GrpHdr><Ntfctn><Ntry><Amt Ccy="VND">${amt}</Amt><CdtDbtInd>${dir}</CdtDbtInd>${rvsl}<Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>${date}</Dt></BookgDt><NtryDtls><TxDtls><Refs><EndToEndId>${e2e}</EndToEndId></Refs></TxDtls></NtryDtls></Ntry></Ntfctn></BkToCstmrDbtCdtNtfctn></Document>`;
    const text = fc.oneof(fc.string({ maxLength: 40 }), withNul, withLoneSurrogate, huge.map(String), farDate);
    const body = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.tuple(text, text, text).map(([a, b, c]) => pain002(a, b, c)),
      fc
        .tuple(text, fc.constantFrom('ACSC', 'RJCT', 'ACCP', 'PDNG'), text)
        .map(([a, b, c]) => pain002(a, b, `<StsRsnInf><Rsn><Cd>${c}</Cd></Rsn></StsRsnInf>`)),
      fc.tuple(text, text, text).map(([a, b, c]) => camt054(a, b, c)),
      // A reversal (the money came back after the payment): RvslInd with any value, either direction.
      fc
        .tuple(text, fc.constantFrom('DBIT', 'CRDT'), fc.oneof(fc.constantFrom('true', '1', 'false'), text))
        .map(([a, d, v]) => camt054(a, '7200000', '2026-01-02', d, `<RvslInd>${v}</RvslInd>`)),
      fc.tuple(text, fc.integer({ min: 1, max: 200 })).map(([a, n]) => pain002('X', 'ACSC', '').slice(0, n) + a),
      fc.constant('<!DOCTYPE x [<!ENTITY a "aaaa">]><Document>&a;</Document>'),
    );
    await fc.assert(
      fc.asyncProperty(
        body,
        fc.constantFrom('/v1/bank/payment-status', '/v1/bank/debit-notifications'),
        async (b, url) => {
          const r = await f.app.inject({
            method: 'POST',
            url,
            headers: { ...bearer(operator), 'content-type': 'application/xml' },
            payload: b,
          });
          noServerError(r);
        },
      ),
      { numRuns: RUNS * 2 },
    );
    expect(await snapshot()).toEqual(before);
  });

  it('random query strings and path segments', async () => {
    const before = await snapshot();
    // (encodeURIComponent cannot encode a lone surrogate: a URL carries one as %ED%A0%80, raw bytes.)
    const segment = fc.oneof(
      fc.string({ maxLength: 30 }).map(encodeURIComponent),
      withNul.map(encodeURIComponent),
      fc.constant('%ED%A0%80'),
      farDate,
      farMonth,
      huge.map(String),
    );
    await fc.assert(
      fc.asyncProperty(segment, segment, segment, async (a, b, c) => {
        for (const url of [
          `/v1/coverage?personalId=${a}&date=${b}`,
          `/v1/coverage?card=${a}&personalId=${c}`,
          `/v1/coverage?personalId=${f.a.employees[0]!.personalId}&date=${b}`,
          `/v1/coverage?${a}=${b}`,
          `/v1/employers/${a}/employees?limit=${b}&cursor=${c}`,
          `/v1/employers/${f.a.employer.taxCode}/periods/${a}?asOf=${b}`,
          `/v1/employers/${a}`,
          `/v1/participants/${a}/ebook`,
          `/v1/onboardings/${a}`,
          `/v1/reconciliations/${a}`,
          `/v1/claims/${a}`,
          // Issue #12, Part B: lists and search.
          `/v1/claims?status=${a}&province=${b}&filedFrom=${c}`,
          `/v1/claims?filedFrom=${b}&filedTo=${c}&limit=${a}&cursor=${c}`,
          `/v1/onboardings?status=${a}&limit=${b}&cursor=${c}`,
          `/v1/participants?q=${a}&limit=${b}&cursor=${c}`,
          `/v1/participants?q=nguyen&cursor=${a}`,
          `/v1/employers?q=${a}&limit=${b}&cursor=${c}`,
          `/v1/employers/${a}/periods?from=${b}&to=${c}`,
          `/v1/employers/${f.a.employer.taxCode}/periods?from=${a}&cursor=${b}`,
          `/v1/claims/${a}/payments?cursor=${b}`,
          `/v1/participants/${a}/payments?limit=${b}&cursor=${c}`,
          `/v1/participants/${f.a.employees[0]!.personalId}/payments?cursor=${a}`,
          // Issue 13: the notices (dead letters, inbox).
          `/v1/notices?status=${a}&limit=${b}&cursor=${c}`,
          `/v1/participants/${a}/notices?limit=${b}&cursor=${c}`,
          `/v1/participants/${f.a.employees[0]!.personalId}/notices?cursor=${a}`,
          `/v1/employers/${a}/notices?limit=${b}&cursor=${c}`,
          `/v1/employers/${f.a.employer.taxCode}/notices?cursor=${a}`,
          `/v1/employers/${a}/notices/${b}/document.pdf`,
          `/v1/employers/${f.a.employer.taxCode}/notices/${a}/document.pdf`,
          // Issue 12, Part A: the work queue's filters and cursor.
          `/v1/tasks?kind=${a}&status=${b}&province=${c}`,
          `/v1/tasks?dueBefore=${a}&dueAfter=${b}&actor=${c}`,
          `/v1/tasks?limit=${a}&cursor=${b}`,
          `/v1/tasks?cursor=${encodeURIComponent(Buffer.from(`${a}|${b}`).toString('base64url'))}`,
          `/v1/tasks/stalled?kind=${a}&province=${b}&cursor=${c}`,
          `/v1/claims/${a}/timeline?limit=${b}&cursor=${c}`,
          // Issue 14 part 4: accounts and payment files.
          `/v1/participants/${a}/bank-account`,
          `/v1/payment-files/${a}`,
          // Issue 14 part 3: a recovery's status.
          `/v1/recoveries/${a}`,
          `/v1/recoveries/${a}?${b}=${c}`,
          // Issue 14 part 2: declaration cases.
          `/v1/declaration-cases/${a}`,
          `/v1/declaration-cases/${a}/employer-view`,
          `/v1/declaration-cases/${a}/evidence/${b}`,
          `/v1/participants/${a}/declaration-cases`,
          // Issue 14 part 1: data-update requests.
          `/v1/data-updates/${a}`,
          `/v1/data-updates/${a}/evidence/${b}`,
          `/v1/participants/${a}/data-updates`,
          // Issue 13, documents: the e-book PDF.
          `/v1/participants/${a}/ebook.pdf?lang=${b}`,
          `/v1/participants/${f.a.employees[0]!.personalId}/ebook.pdf?lang=${a}&${b}=${c}`,
          // Issue 15: the D02-LT exports.
          `/v1/employers/${a}/employees.csv?month=${b}`,
          `/v1/employers/${f.a.employer.taxCode}/employees.xlsx?month=${a}&${b}=${c}`,
          `/v1/employers/${a}/statements/${b}`,
          `/v1/employers/${f.a.employer.taxCode}/statements/${a}?asOf=${b}`,
        ]) {
          noServerError(await f.app.inject({ method: 'GET', url, headers: bearer(officer) }));
        }
        // Issue 13: the recipient's language, on any path segment (never a valid body: it ends in x).
        for (const url of [`/v1/participants/${a}/preferences`, `/v1/employers/${a}/preferences`])
          noServerError(
            await f.app.inject({ method: 'PUT', url, headers: bearer(officer), payload: { lang: `${b}x` } }),
          );
        noServerError(
          await f.app.inject({
            method: 'POST',
            url: `/v1/participants/${a}/ebook/email`,
            headers: { ...bearer(officer), 'idempotency-key': b },
          }),
        );
        // Issue 15: a D02-LT file from the fuzzer, to a tax code from it and with a sha256 from it.
        for (const path of ['/declarations/file/preview', `/declarations/file?sha256=${c}`])
          noServerError(
            await f.app.inject({
              method: 'POST',
              url: `/v1/employers/${a}${path}`,
              headers: { ...bearer(officer), 'content-type': 'text/csv' },
              payload: Buffer.from(
                `Số CCCD/ĐDCN/Hộ chiếu,Họ và tên,Mức lương,Từ tháng,Phương án\r\n${b},${c},${a},${b},GH\r\n`,
              ),
            }),
          );
        // Issue 14 part 1: an upload to a request id from the fuzzer, with bytes from it.
        noServerError(
          await f.app.inject({
            method: 'POST',
            url: `/v1/data-updates/${a}/evidence`,
            headers: { ...bearer(officer), 'content-type': 'application/pdf' },
            payload: Buffer.from(`%PDF-${b}`),
          }),
        );
      }),
      { numRuns: RUNS },
    );
    expect(await snapshot()).toEqual(before);
  });

  it('forged cursors on every list (issue #12): any JSON, keys of the right shape with far, impossible or nasty values — 400 INVALID_CURSOR or a page, never a 5xx', async () => {
    const before = await snapshot();
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v) ?? 'null').toString('base64url');
    const part = fc.oneof(
      nasty,
      fc.constantFrom('2026-02-30', '2026-13-01', '9999-12-31T23:59:59.999999Z', '2026-01-01T24:00:00.000000Z'),
      fc.constantFrom('00000000-0000-4000-8000-000000000000', 'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz'),
      fc.integer({ min: -5, max: 20 }),
    );
    // Keys of each list's own shape (date, uuid, index; instant, uuid; name, id; month), badly filled.
    const dateish = fc.oneof(farDate, fc.constantFrom('2026-02-30', '2026-13-01', '2026-00-10', '2026-07-01'));
    const uuid = fc.constantFrom('00000000-0000-4000-8000-000000000000', 'ffffffff-ffff-4fff-bfff-ffffffffffff');
    const shaped = fc.oneof(
      fc.tuple(dateish, uuid),
      fc.tuple(dateish, uuid, fc.integer({ min: -1, max: 13 })),
      fc.tuple(
        fc.constantFrom('2026-02-30T10:00:00.000000Z', '2026-01-01T24:00:00.000000Z', '9999-12-31T23:59:59.999999Z'),
        uuid,
      ),
      fc.tuple(
        fc.oneof(withNul, withLoneSurrogate, fc.string({ maxLength: 20 })),
        fc.constantFrom('0312345670', '001190000001'),
      ),
      fc.tuple(farMonth),
    );
    const cursor = fc.oneof(
      fc.jsonValue().map(b64),
      shaped.map(b64),
      fc.array(part, { minLength: 1, maxLength: 3 }).map(b64),
      fc.string({ maxLength: 40 }).map((s) => Buffer.from(s).toString('base64url')),
    );
    const person = f.a.employees[0]!.personalId;
    await fc.assert(
      fc.asyncProperty(cursor, async (c) => {
        for (const url of [
          `/v1/claims?cursor=${c}`,
          `/v1/onboardings?cursor=${c}`,
          `/v1/participants?q=nguyen&cursor=${c}`,
          `/v1/participants?q=${person}&cursor=${c}`,
          `/v1/employers?cursor=${c}`,
          `/v1/employers?q=01&cursor=${c}`,
          `/v1/employers/${f.a.employer.taxCode}/periods?cursor=${c}`,
          `/v1/participants/${person}/payments?cursor=${c}`,
        ]) {
          const r = await f.app.inject({ method: 'GET', url, headers: bearer(officer) });
          noServerError(r);
          if (r.statusCode === 400) expect(JSON.parse(r.body).code, url).toMatch(/^INVALID_CURSOR$|^INVALID_/);
        }
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
        const r1 = await f.app.inject({
          url: `/v1/employers/${f.a.employer.taxCode}`,
          headers: { authorization: auth, 'x-request-id': rid },
        });
        noServerError(r1);
        expect([401, 403]).toContain(r1.statusCode);
        noServerError(
          await f.app.inject({
            method: 'POST',
            url: '/v1/onboardings',
            headers: { ...bearer(officer), 'content-type': ctype || 'text/plain' },
            payload: 'x',
          }),
        );
        noServerError(
          await f.app.inject({
            url: `/v1/participants/${f.a.employees[0]!.personalId}/ebook`,
            headers: { ...bearer(officer), 'if-none-match': inm },
          }),
        );
      }),
      { numRuns: RUNS },
    );
    expect(await snapshot()).toEqual(before);
  });
});

describe('bad input to the operator’s endpoints (issue #12)', () => {
  it('random query strings to the runs list and the arrears, random bodies to the verifications, as an operator: never a 5xx, nothing written', async () => {
    const operator = await f.token({ role: 'operator' });
    const before = await snapshot();
    const segment = fc.oneof(
      fc.string({ maxLength: 30 }).map(encodeURIComponent),
      withNul.map(encodeURIComponent),
      fc.constant('%ED%A0%80'),
      farMonth,
      farDate,
      huge.map(String),
      fc.constantFrom('2026-13', '2026-00', '2026-1', '0', '-1', '201', 'MTA', 'LTE'),
    );
    await fc.assert(
      fc.asyncProperty(segment, segment, fc.jsonValue(), async (a, b, body) => {
        for (const url of [
          `/v1/reconciliations?limit=${a}&cursor=${b}`,
          `/v1/reconciliations?cursor=${a}`,
          `/v1/reconciliations?${a}=${b}`,
          `/v1/arrears?from=${a}&to=${b}`,
          `/v1/arrears?from=2026-01&to=${b}`,
          `/v1/arrears?from=${a}`,
          `/v1/reconciliations/schedule?${a}=${b}`,
        ]) {
          noServerError(await f.app.inject({ method: 'GET', url, headers: bearer(operator) }));
        }
        for (const url of ['/v1/ledger/verification', '/v1/audit/verification']) {
          noServerError(
            await f.app.inject({
              method: 'POST',
              url,
              headers: { ...bearer(operator), 'content-type': 'application/json' },
              payload: JSON.stringify(body),
            }),
          );
        }
      }),
      { numRuns: Math.ceil(RUNS / 3) },
    );
    expect(await snapshot()).toEqual(before);
  });
});
