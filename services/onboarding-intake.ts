/**
 * Taking an onboarding dossier in (the database side of client/temporal.ts submitOnboarding): the
 * refusal of an employer already active, the dossier stored in one transaction before its workflow
 * starts, and withdrawn again when Temporal refuses the start.
 */
import type { Db } from '../db/client';
import { findEmployer } from '../db/queries/employers';
import { deleteDossier, insertDossier, type Dossier } from '../db/queries/onboarding-intake';
import { DomainError } from '../domain/errors';

export type { Dossier } from '../db/queries/onboarding-intake';

/** EMPLOYER_ALREADY_ACTIVE when the employer is registered and active: it declares hires instead. */
export async function refuseActiveEmployer(db: Db, taxCode: string): Promise<void> {
  const known = await findEmployer(db, taxCode);
  if (known?.status === 'active')
    throw new DomainError(
      'EMPLOYER_ALREADY_ACTIVE',
      `employer ${taxCode} is already registered and active: declare hires instead`,
      'employer.taxCode',
      undefined,
      { taxCode },
    );
}

/** Stores the dossier with every employee line, in one transaction. */
export async function storeDossier(db: Db, dossier: Dossier): Promise<void> {
  await db.transaction(async (tx) => insertDossier(tx, dossier));
}

/** Withdraws a dossier that was never taken on (its workflow's start was refused). */
export async function withdrawDossier(db: Db, requestId: string): Promise<void> {
  await deleteDossier(db, requestId);
}
