/**
 * The /fhir routes are rate-limited as GET /v1/coverage is (issue 15): the same tight bucket per
 * token subject, shared with /v1/coverage, and over it 429 RATE_LIMITED — as an OperationOutcome
 * (issue type `throttled`) with Retry-After.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { IDENTIFIER_SYSTEMS } from '../../api/fhir-resources';
import { apiFixture, bearer, type ApiFixture } from './fixture';
import { fhirAnswer, outcomeCode } from './fhir-validate';

let f: ApiFixture;
beforeAll(async () => {
  f = await apiFixture('fhir-rate-limit', {
    rateLimits: { tight: 3, loose: 1000, windowMs: 3_600_000, facilityAlert: 1_000_000 },
  });
});
afterAll(async () => {
  await f?.close();
});

it('the fourth coverage check of a window, on /v1 or /fhir, is 429 RATE_LIMITED as an OperationOutcome with Retry-After', async () => {
  const facility = await f.token({ role: 'facility', facilityCode: '79001', subject: 'fhir-rl-desk' });
  const pid = f.a.employees[0]!.personalId;
  const search = `/fhir/Coverage?beneficiary.identifier=${encodeURIComponent(`${IDENTIFIER_SYSTEMS.personalId}|${pid}`)}`;
  expect((await f.app.inject({ url: `/v1/coverage?personalId=${pid}`, headers: bearer(facility) })).statusCode).toBe(
    200,
  );
  fhirAnswer(await f.app.inject({ url: search, headers: bearer(facility) }), 200, 'Bundle');
  fhirAnswer(await f.app.inject({ url: search, headers: bearer(facility) }), 200, 'Bundle');
  const over = await f.app.inject({ url: search, headers: bearer(facility) });
  const o = fhirAnswer(over, 429, 'OperationOutcome');
  expect(o.issue[0]!.code).toBe('throttled');
  expect(outcomeCode(over)).toBe('RATE_LIMITED');
  expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
  // Another facility's token has its own count.
  const other = await f.token({ role: 'facility', facilityCode: '79002', subject: 'fhir-rl-other' });
  fhirAnswer(await f.app.inject({ url: search, headers: bearer(other) }), 200, 'Bundle');
});
