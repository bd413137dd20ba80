/**
 * HI coverage on a date, by card code or personal ID — the hot read path healthcare facilities
 * call at every visit. One prepared, indexed query per check (db/queries/coverage.ts).
 */
import type { z } from 'zod';
import type { Db } from '../db/client';
import { coverageGapOf, lookUpCoverage, prepareCoverageLookups } from '../db/queries/coverage';
import { whyNotCovered } from '../domain/coverage';
import type { IsoDate } from '../domain/calendar';
import type { coverageSchema } from '../domain/schemas';

export type Coverage = z.infer<typeof coverageSchema>;

/** One of card or personalId (the API's schema refuses both or neither). */
export interface CoverageQuery {
  card?: string | undefined;
  personalId?: string | undefined;
  date: IsoDate;
}

/**
 * Prepares the lookups once and returns the check: the holder and the card in force on the date
 * (card null when none is, with the reason: not yet valid, expired, no card), or undefined when
 * the card or the person is unknown.
 */
export function coverageChecker(db: Db): (q: CoverageQuery) => Promise<Coverage | undefined> {
  const lookups = prepareCoverageLookups(db);
  return async ({ card, personalId, date }) => {
    const row = await lookUpCoverage(lookups, { card, personalId, date });
    if (!row) return undefined;
    const notCovered =
      row.cardCode === null ? whyNotCovered(await coverageGapOf(db, { personalId: row.personalId, card, date })) : null;
    return {
      date,
      valid: row.cardCode !== null,
      notCovered,
      holder: { personalId: row.personalId, fullName: row.fullName, dateOfBirth: row.dateOfBirth, gender: row.gender },
      card:
        row.cardCode === null
          ? null
          : {
              cardCode: row.cardCode,
              benefitLevel: Number(row.benefitLevel),
              initialFacilityCode: row.initialFacilityCode,
              payer: { kind: row.payerKind!, taxCode: row.payerTaxCode },
              validFrom: row.validFrom!,
              validTo: row.validTo,
              fiveYearsFrom: row.fiveYearsFrom,
            },
    };
  };
}
