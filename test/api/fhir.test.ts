/**
 * FHIR R4 for healthcare facilities (issue 15) and the one coverage engine behind it and GET
 * /v1/coverage: each reason a person is not covered — not yet valid (HI Law Art.16(3)), expired
 * (Art.16(4)(a)), ended because the person left the scheme (Art.16(4)(c)), no card (Art.16(1)),
 * suspended by a lock or a withdrawal (Art.20; Decree 188/2025 Art.12) — on both endpoints, the
 * registered initial facility yes and no (Art.26), the access log, and OperationOutcome refusals.
 * Every FHIR answer is validated offline against R4 (test/api/fhir-validate.ts).
 */
import type { Bundle, CoverageEligibilityResponse, OperationOutcome } from '@medplum/fhirtypes';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDENTIFIER_SYSTEMS } from '../../api/fhir-resources';
import { accessLog, hiCards } from '../../db/schema';
import { createClaimant } from '../setup/claimants';
import { apiFixture, bearer, type ApiFixture } from './fixture';
import { expectValidFhir, fhirAnswer, outcomeCode } from './fhir-validate';

let f: ApiFixture;
let facility: string;
let otherFacility: string;
let officer: string;
const FHIR_JSON = { 'content-type': 'application/fhir+json' };
const cccd = (pid: string) => encodeURIComponent(`${IDENTIFIER_SYSTEMS.personalId}|${pid}`);

const eligibilityOf = (pid: string, servicedDate: string, extra: Record<string, unknown> = {}) => ({
  resourceType: 'CoverageEligibilityRequest',
  identifier: [{ system: 'urn:ietf:rfc:3986', value: 'urn:uuid:6f1d1c57-4a9e-4a8e-9c53-2d6f4b0c1a11' }],
  status: 'active',
  purpose: ['validation', 'benefits'],
  patient: { identifier: { system: IDENTIFIER_SYSTEMS.personalId, value: pid } },
  servicedDate,
  created: servicedDate,
  insurer: { display: 'BHXH Việt Nam' },
  ...extra,
});

async function eligibility(token: string, body: unknown) {
  return f.app.inject({
    method: 'POST',
    url: '/fhir/CoverageEligibilityRequest',
    headers: { ...bearer(token), ...FHIR_JSON },
    payload: JSON.stringify(body),
  });
}

/** The same question asked on the three answers: the JSON check, the FHIR eligibility response and the FHIR search. */
async function askEverywhere(pid: string, date: string) {
  const json = await f.app.inject({ url: `/v1/coverage?personalId=${pid}&date=${date}`, headers: bearer(facility) });
  expect(json.statusCode, json.body).toBe(200);
  const er = fhirAnswer<CoverageEligibilityResponse>(
    await eligibility(facility, eligibilityOf(pid, date)),
    200,
    'CoverageEligibilityResponse',
  );
  const bundle = fhirAnswer<Bundle>(
    await f.app.inject({
      url: `/fhir/Coverage?beneficiary.identifier=${cccd(pid)}&date=${date}`,
      headers: bearer(facility),
    }),
    200,
    'Bundle',
  );
  return { json: json.json(), er, bundle };
}

/** The reason code an eligibility response's error and a searchset's outcome give (they must agree). */
function fhirReasons(er: CoverageEligibilityResponse, bundle: Bundle): [string | undefined, string | undefined] {
  const outcome = bundle.entry?.find((e) => e.search?.mode === 'outcome')?.resource as OperationOutcome | undefined;
  return [er.error?.[0]?.code.coding?.[0]?.code, outcome?.issue[0]?.details?.coding?.[0]?.code];
}

beforeAll(async () => {
  f = await apiFixture('fhir');
  facility = await f.token({ role: 'facility', facilityCode: '79001' });
  otherFacility = await f.token({ role: 'facility', facilityCode: '79002' });
  officer = await f.token({ role: 'officer' });
});
afterAll(async () => {
  await f?.close();
});

describe('GET /fhir/metadata', () => {
  it('is a valid R4 CapabilityStatement, readable without a token, naming Coverage read/search and the eligibility request', async () => {
    const cs = fhirAnswer(await f.app.inject({ url: '/fhir/metadata' }), 200, 'CapabilityStatement');
    expect(cs.fhirVersion).toBe('4.0.1');
    const types = cs.rest![0]!.resource!.map((r) => r.type);
    expect(types).toEqual(['Coverage', 'CoverageEligibilityRequest']);
    expect(cs.rest![0]!.resource![0]!.searchParam!.map((s) => s.name)).toEqual([
      'beneficiary.identifier',
      'identifier',
      'date',
    ]);
  });
});

describe('the OpenAPI document', () => {
  it('lists the /fhir routes and the card-lock routes beside the /v1 ones', async () => {
    const r = await f.app.inject({ url: '/openapi.json' });
    expect(r.statusCode).toBe(200);
    const paths = Object.keys(r.json().paths);
    for (const route of [
      '/fhir/metadata',
      '/fhir/Coverage',
      '/fhir/Coverage/{card}',
      '/fhir/CoverageEligibilityRequest',
      '/v1/participants/{personalId}/hi-card/locks',
      '/v1/participants/{personalId}/hi-card/locks/{reference}/lifting',
    ])
      expect(paths, route).toContain(route);
  });
});

describe('Coverage search and read', () => {
  it('finds the card in force by personal ID, SI number and card code, as the same valid Coverage; each read is access-logged', async () => {
    const e = f.a.employees[0]!;
    const [card] = await f.tdb.db.select().from(hiCards).where(eq(hiCards.personalId, e.personalId));
    const logged = async () =>
      (await f.tdb.db.select().from(accessLog)).filter((r) => r.personalId === e.personalId).map((r) => r.purpose);
    const before = (await logged()).length;
    const [{ siNumber }] = (await f.tdb.db.execute(
      `select si_number as "siNumber" from participants where personal_id = '${e.personalId}'`,
    )) as unknown as [{ siNumber: string }];
    const searches = [
      `beneficiary.identifier=${cccd(e.personalId)}`,
      `beneficiary.identifier=${encodeURIComponent(`${IDENTIFIER_SYSTEMS.siNumber}|${siNumber}`)}`,
      `identifier=${encodeURIComponent(`${IDENTIFIER_SYSTEMS.hiCard}|${card!.cardCode}`)}`,
    ];
    for (const q of searches) {
      const b = fhirAnswer<Bundle>(
        await f.app.inject({ url: `/fhir/Coverage?${q}&date=eq2026-11-24`, headers: bearer(facility) }),
        200,
        'Bundle',
      );
      expect(b.type).toBe('searchset');
      expect(b.total).toBe(1);
      const c = b.entry![0]!.resource!;
      expect(c).toMatchObject({
        resourceType: 'Coverage',
        id: card!.cardCode,
        status: 'active',
        period: { start: '2026-10-01' },
        payor: [{ identifier: { system: IDENTIFIER_SYSTEMS.taxCode, value: f.a.employer.taxCode } }],
      });
    }
    const read = fhirAnswer(
      await f.app.inject({ url: `/fhir/Coverage/${card!.cardCode}`, headers: bearer(facility) }),
      200,
      'Coverage',
    );
    expect(read.identifier).toEqual([{ use: 'official', system: IDENTIFIER_SYSTEMS.hiCard, value: card!.cardCode }]);
    const purposes = (await logged()).slice(before);
    expect(purposes).toEqual([
      'GET /fhir/Coverage',
      'GET /fhir/Coverage',
      'GET /fhir/Coverage',
      'GET /fhir/Coverage/:card',
    ]);
  });

  it('an unknown card is 404 NOT_FOUND as an OperationOutcome; an unknown person is an empty searchset', async () => {
    const r = await f.app.inject({ url: '/fhir/Coverage/DN4790000000000', headers: bearer(facility) });
    const o = fhirAnswer(r, 404, 'OperationOutcome');
    expect(o.issue[0]).toMatchObject({ severity: 'error', code: 'not-found' });
    expect(outcomeCode(r)).toBe('NOT_FOUND');
    const b = fhirAnswer<Bundle>(
      await f.app.inject({
        url: `/fhir/Coverage?beneficiary.identifier=${cccd('001099000001')}&date=2026-11-24`,
        headers: bearer(facility),
      }),
      200,
      'Bundle',
    );
    expect(b.total).toBe(0);
    expect(b.entry).toBeUndefined();
  });

  it('refuses bad input with an OperationOutcome and its code: identifier system unknown or missing, bad date, date prefix, no parameter, bad card code, XML', async () => {
    const pid = f.a.employees[0]!.personalId;
    const cases: [string, number, string, string][] = [
      [
        `beneficiary.identifier=${encodeURIComponent(`http://example.org/ids|${pid}`)}`,
        400,
        'IDENTIFIER_SYSTEM_UNKNOWN',
        'beneficiary.identifier',
      ],
      [
        `beneficiary.identifier=${encodeURIComponent(`${IDENTIFIER_SYSTEMS.hiCard}|DN4797900000001`)}`,
        400,
        'IDENTIFIER_SYSTEM_UNKNOWN',
        'beneficiary.identifier',
      ],
      [`beneficiary.identifier=${pid}`, 400, 'IDENTIFIER_SYSTEM_REQUIRED', 'beneficiary.identifier'],
      [
        `beneficiary.identifier=${encodeURIComponent(`${IDENTIFIER_SYSTEMS.personalId}|12345`)}`,
        400,
        'INVALID_PERSONAL_ID',
        'beneficiary.identifier',
      ],
      [`beneficiary.identifier=${cccd(pid)}&date=2026-13-45`, 400, 'INVALID_DATE', 'date'],
      [`beneficiary.identifier=${cccd(pid)}&date=tomorrow`, 400, 'INVALID_DATE', 'date'],
      [`beneficiary.identifier=${cccd(pid)}&date=gt2026-11-01`, 400, 'DATE_PREFIX_NOT_SUPPORTED', 'date'],
      [`date=2026-11-01`, 400, 'SEARCH_PARAMETER_REQUIRED', 'beneficiary.identifier'],
      [`beneficiary.identifier=${cccd(pid)}&_format=xml`, 406, 'FORMAT_NOT_SUPPORTED', '_format'],
    ];
    for (const [q, status, code, field] of cases) {
      const r = await f.app.inject({ url: `/fhir/Coverage?${q}`, headers: bearer(facility) });
      const o = fhirAnswer(r, status, 'OperationOutcome');
      expect(outcomeCode(r), q).toBe(code);
      expect(o.issue[0]!.expression, q).toEqual([field]);
    }
    const bad = await f.app.inject({ url: '/fhir/Coverage/not-a-card', headers: bearer(facility) });
    fhirAnswer(bad, 400, 'OperationOutcome');
    expect(outcomeCode(bad)).toBe('INVALID_HI_CARD_CODE');
    const route = await f.app.inject({ url: '/fhir/Patient/1', headers: bearer(facility) });
    fhirAnswer(route, 404, 'OperationOutcome');
  });

  it('only a facility token reads /fhir: another role is 403 FORBIDDEN, no token 401, both as OperationOutcome', async () => {
    const q = `/fhir/Coverage?beneficiary.identifier=${cccd(f.a.employees[0]!.personalId)}`;
    const r = await f.app.inject({ url: q, headers: bearer(officer) });
    fhirAnswer(r, 403, 'OperationOutcome');
    expect(outcomeCode(r)).toBe('FORBIDDEN');
    const none = await f.app.inject({ url: q });
    fhirAnswer(none, 401, 'OperationOutcome');
    expect(outcomeCode(none)).toBe('UNAUTHENTICATED');
  });
});

describe('POST /fhir/CoverageEligibilityRequest', () => {
  it('covered: inforce, the benefit period, the 80 % benefit level and its 20 % co-payment as item benefits, no error', async () => {
    const pid = f.a.employees[0]!.personalId;
    const er = fhirAnswer<CoverageEligibilityResponse>(
      await eligibility(facility, eligibilityOf(pid, '2026-11-24')),
      200,
      'CoverageEligibilityResponse',
    );
    expect(er).toMatchObject({ status: 'active', outcome: 'complete', servicedDate: '2026-11-24' });
    expect(er.request).toEqual({
      identifier: { system: 'urn:ietf:rfc:3986', value: 'urn:uuid:6f1d1c57-4a9e-4a8e-9c53-2d6f4b0c1a11' },
    });
    expect(er.error).toBeUndefined();
    const ins = er.insurance![0]!;
    expect(ins.inforce).toBe(true);
    expect(ins.benefitPeriod).toEqual({ start: '2026-10-01' });
    expect(ins.item![0]!.benefit!.map((b) => [b.type.coding![0]!.code, b.allowedUnsignedInt])).toEqual([
      ['benefit-level', 80],
      ['copay-percent', 20],
    ]);
  });

  it('the registered initial facility (HI Law Art.26): network "in" and requesterIsInitial for it, "out" and false for another, on both endpoints', async () => {
    const pid = f.a.employees[0]!.personalId;
    await f.tdb.db.update(hiCards).set({ initialFacilityCode: '79001' }).where(eq(hiCards.personalId, pid));
    for (const [token, isInitial] of [
      [facility, true],
      [otherFacility, false],
    ] as const) {
      const er = fhirAnswer<CoverageEligibilityResponse>(
        await eligibility(token, eligibilityOf(pid, '2026-11-24')),
        200,
        'CoverageEligibilityResponse',
      );
      const ins = er.insurance![0]!;
      expect(ins.item![0]!.network!.coding![0]!.code).toBe(isInitial ? 'in' : 'out');
      expect(ins.extension![0]!.extension).toEqual([
        { url: 'registered', valueIdentifier: { system: IDENTIFIER_SYSTEMS.facility, value: '79001' } },
        { url: 'requesterIsInitial', valueBoolean: isInitial },
      ]);
      const json = await f.app.inject({
        url: `/v1/coverage?personalId=${pid}&date=2026-11-24`,
        headers: bearer(token),
      });
      expect(json.json().facility).toEqual({ code: isInitial ? '79001' : '79002', isInitialFacility: isInitial });
    }
    // An officer names the facility; a facility may not ask as another.
    const asOfficer = await f.app.inject({
      url: `/v1/coverage?personalId=${pid}&date=2026-11-24&facility=79001`,
      headers: bearer(officer),
    });
    expect(asOfficer.json().facility).toEqual({ code: '79001', isInitialFacility: true });
    const posing = await f.app.inject({
      url: `/v1/coverage?personalId=${pid}&date=2026-11-24&facility=79001`,
      headers: bearer(otherFacility),
    });
    expect(posing.statusCode).toBe(403);
    const posingFhir = await eligibility(
      otherFacility,
      eligibilityOf(pid, '2026-11-24', {
        provider: { identifier: { system: IDENTIFIER_SYSTEMS.facility, value: '79001' } },
      }),
    );
    fhirAnswer(posingFhir, 403, 'OperationOutcome');
  });

  it('by the card code in insurance.coverage.identifier, as by the personal ID', async () => {
    const pid = f.a.employees[0]!.personalId;
    const [card] = await f.tdb.db.select().from(hiCards).where(eq(hiCards.personalId, pid));
    const er = fhirAnswer<CoverageEligibilityResponse>(
      await eligibility(facility, {
        ...eligibilityOf(pid, '2026-11-24'),
        patient: { reference: 'Patient/unknown-here' },
        insurance: [{ coverage: { identifier: { system: IDENTIFIER_SYSTEMS.hiCard, value: card!.cardCode } } }],
      }),
      200,
      'CoverageEligibilityResponse',
    );
    expect(er.insurance![0]!.coverage.reference).toBe(`Coverage/${card!.cardCode}`);
  });

  it('refusals are OperationOutcomes: wrong resource type, no patient identifier, a period, malformed JSON, unknown patient', async () => {
    const pid = f.a.employees[0]!.personalId;
    const cases: [unknown, number, string][] = [
      [{ ...eligibilityOf(pid, '2026-11-24'), resourceType: 'Claim' }, 400, 'INVALID_RESOURCE_TYPE'],
      [
        { ...eligibilityOf(pid, '2026-11-24'), patient: { reference: 'Patient/1' } },
        400,
        'PATIENT_IDENTIFIER_REQUIRED',
      ],
      [
        { ...eligibilityOf(pid, '2026-11-24'), servicedPeriod: { start: '2026-11-01', end: '2026-11-30' } },
        400,
        'SERVICED_PERIOD_NOT_SUPPORTED',
      ],
      [eligibilityOf(pid, '2026-02-30'), 400, 'INVALID_DATE'],
      [eligibilityOf('001099000001', '2026-11-24'), 404, 'NOT_FOUND'],
    ];
    for (const [body, status, code] of cases) {
      const r = await eligibility(facility, body);
      fhirAnswer(r, status, 'OperationOutcome');
      expect(outcomeCode(r), JSON.stringify(body).slice(0, 80)).toBe(code);
    }
    const malformed = await f.app.inject({
      method: 'POST',
      url: '/fhir/CoverageEligibilityRequest',
      headers: { ...bearer(facility), ...FHIR_JSON },
      payload: '{"resourceType": "CoverageEligibilityRequest",',
    });
    fhirAnswer(malformed, 400, 'OperationOutcome');
    expect(outcomeCode(malformed)).toBe('MALFORMED_REQUEST');
  });
});

describe('why not covered, the same on GET /v1/coverage and on /fhir', () => {
  it('not yet valid before the card starts (HI Law Art.16(3)): the day it starts', async () => {
    const { json, er, bundle } = await askEverywhere(f.a.employees[1]!.personalId, '2026-09-30');
    expect(json).toMatchObject({
      valid: false,
      card: null,
      notCovered: { reason: 'not_yet_valid', since: '2026-10-01', citations: ['HI Law Art.16(3)'] },
    });
    expect(fhirReasons(er, bundle)).toEqual(['not_yet_valid', 'not_yet_valid']);
    expect(er.insurance![0]).toMatchObject({ inforce: false, benefitPeriod: { start: '2026-10-01' } });
    expect(er.insurance![0]!.item).toBeUndefined();
    expect(er.disposition).toContain('01/10/2026');
  });

  it('expired after the card’s last day (HI Law Art.16(4)(a))', async () => {
    const pid = f.a.employees[2]!.personalId;
    await f.tdb.db.update(hiCards).set({ validTo: '2026-10-31' }).where(eq(hiCards.personalId, pid));
    const { json, er, bundle } = await askEverywhere(pid, '2026-11-01');
    expect(json.notCovered).toEqual({ reason: 'expired', since: '2026-10-31', citations: ['HI Law Art.16(4)(a)'] });
    expect(fhirReasons(er, bundle)).toEqual(['expired', 'expired']);
    expect(er.insurance![0]).toMatchObject({
      inforce: false,
      benefitPeriod: { start: '2026-10-01', end: '2026-10-31' },
    });
  });

  it('ended when the person left the scheme (HI Law Art.16(4)(c)): the employer declared the employment over', async () => {
    const pid = f.a.employees[3]!.personalId;
    const d = await f.app.inject({
      method: 'POST',
      url: `/v1/employers/${f.a.employer.taxCode}/declarations`,
      headers: bearer(officer),
      payload: { declarations: [{ kind: 'leave', reference: 'fhir-leave-1', personalId: pid, endMonth: '2026-11' }] },
    });
    expect(d.statusCode, d.body).toBeLessThan(300);
    expect((await askEverywhere(pid, '2026-11-30')).json.valid).toBe(true);
    const { json, er, bundle } = await askEverywhere(pid, '2026-12-01');
    expect(json.notCovered).toMatchObject({ reason: 'ended', since: '2026-11-30' });
    expect(json.notCovered.citations).toContain('HI Law Art.16(4)(c)');
    expect(fhirReasons(er, bundle)).toEqual(['ended', 'ended']);
  });

  it('no card at all (HI Law Art.16(1)): no insurance in the eligibility response, only the error', async () => {
    const { personalId } = await createClaimant(f.tdb.db, { lastMonth: '2026-09', months: 3, salary: 9_000_000 });
    const { json, er, bundle } = await askEverywhere(personalId, '2026-11-01');
    expect(json).toMatchObject({ valid: false, card: null, notCovered: { reason: 'no_card', since: null } });
    expect(fhirReasons(er, bundle)).toEqual(['no_card', 'no_card']);
    expect(er.insurance).toBeUndefined();
  });

  it('suspended while an officer’s lock is in effect (HI Law Art.20(2); Decree 188/2025 Art.12), covered again from the day it is lifted', async () => {
    const pid = f.a.employees[4]!.personalId;
    const lock = await f.app.inject({
      method: 'POST',
      url: `/v1/participants/${pid}/hi-card/locks`,
      headers: bearer(officer),
      payload: { reference: 'QD-123/2026', kind: 'locked', ground: 'lent', effectiveFrom: '2026-11-01' },
    });
    expect(lock.statusCode, lock.body).toBe(201);
    expect((await askEverywhere(pid, '2026-10-31')).json.valid).toBe(true);
    const { json, er, bundle } = await askEverywhere(pid, '2026-11-15');
    expect(json).toMatchObject({
      valid: false,
      notCovered: { reason: 'suspended', since: '2026-11-01', lockKind: 'locked' },
      card: { validFrom: '2026-10-01' },
    });
    expect(fhirReasons(er, bundle)).toEqual(['suspended', 'suspended']);
    expect(er.insurance![0]!.inforce).toBe(false);
    // The card in force but locked is found, as cancelled.
    expect(bundle.entry![0]!.resource).toMatchObject({ resourceType: 'Coverage', status: 'cancelled' });
    const lift = await f.app.inject({
      method: 'POST',
      url: `/v1/participants/${pid}/hi-card/locks/QD-123%2F2026/lifting`,
      headers: bearer(officer),
      payload: { liftedOn: '2026-11-20' },
    });
    expect(lift.statusCode, lift.body).toBe(200);
    expect((await askEverywhere(pid, '2026-11-19')).json.notCovered.reason).toBe('suspended');
    const after = await askEverywhere(pid, '2026-11-20');
    expect(after.json).toMatchObject({ valid: true, notCovered: null });
    expect(after.er.insurance![0]!.inforce).toBe(true);
  });

  it('withdrawn for fraud (HI Law Art.20(1)(a)): suspended with lockKind withdrawn, and never lifted', async () => {
    const pid = f.b.employees[0]!.personalId;
    const w = await f.app.inject({
      method: 'POST',
      url: `/v1/participants/${pid}/hi-card/locks`,
      headers: bearer(officer),
      payload: { reference: 'QD-777', kind: 'withdrawn', ground: 'fraud', effectiveFrom: '2026-11-01' },
    });
    expect(w.statusCode, w.body).toBe(201);
    const { json, er, bundle } = await askEverywhere(pid, '2026-11-02');
    expect(json.notCovered).toMatchObject({ reason: 'suspended', lockKind: 'withdrawn' });
    expect(json.notCovered.citations).toContain('HI Law Art.20(1)(a)');
    expect(fhirReasons(er, bundle)).toEqual(['suspended', 'suspended']);
    const lift = await f.app.inject({
      method: 'POST',
      url: `/v1/participants/${pid}/hi-card/locks/QD-777/lifting`,
      headers: bearer(officer),
      payload: { liftedOn: '2026-12-01' },
    });
    expect(lift.statusCode).toBe(409);
    expect(lift.json().code).toBe('LOCK_NOT_LIFTABLE');
    expectValidFhir(er);
  });
});
