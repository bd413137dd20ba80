/**
 * The coverage answer says why a person is not covered (issue #12, the facility's page): the card
 * is not valid yet, it has expired (HI Law Art.16: valid from its first to its last day), or the
 * person holds none — by personal ID and by card code; a covered answer carries no reason.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hiCards } from '../../db/schema';
import { createClaimant } from '../setup/claimants';
import { apiFixture, bearer, type ApiFixture } from './fixture';

let f: ApiFixture;
let facility: string;
const check = async (q: string) => {
  const r = await f.app.inject({ url: `/v1/coverage?${q}`, headers: bearer(facility) });
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};

beforeAll(async () => {
  f = await apiFixture('coverage-reasons');
  facility = await f.token({ role: 'facility', facilityCode: '79001' });
});
afterAll(async () => {
  await f?.close();
});

describe('why a person is not covered', () => {
  it('not yet valid before the first day of the card, covered from it (no reason), by personal ID and by card', async () => {
    const pid = f.a.employees[1]!.personalId;
    expect(await check(`personalId=${pid}&date=2026-09-30`)).toMatchObject({
      valid: false,
      card: null,
      notCovered: { reason: 'not_yet_valid', since: '2026-10-01' },
    });
    const covered = await check(`personalId=${pid}&date=2026-10-01`);
    expect(covered).toMatchObject({ valid: true, notCovered: null });
    expect(await check(`card=${covered.card.cardCode}&date=2026-09-15`)).toMatchObject({
      valid: false,
      notCovered: { reason: 'not_yet_valid', since: '2026-10-01' },
    });
  });

  it('expired after the last day of the card: the day it ended', async () => {
    const pid = f.a.employees[3]!.personalId;
    await f.tdb.db.update(hiCards).set({ validTo: '2026-10-31' }).where(eq(hiCards.personalId, pid));
    expect(await check(`personalId=${pid}&date=2026-10-31`)).toMatchObject({ valid: true, notCovered: null });
    expect(await check(`personalId=${pid}&date=2026-11-01`)).toMatchObject({
      valid: false,
      notCovered: { reason: 'expired', since: '2026-10-31' },
    });
  });

  it('no card at all: a participant the database knows who holds none', async () => {
    const { personalId } = await createClaimant(f.tdb.db, { lastMonth: '2026-09', months: 3, salary: 9_000_000 });
    expect(await check(`personalId=${personalId}&date=2026-11-01`)).toMatchObject({
      valid: false,
      card: null,
      notCovered: { reason: 'no_card', since: null },
    });
  });
});
