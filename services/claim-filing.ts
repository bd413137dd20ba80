/**
 * Filing an unemployment claim: a synchronous command (the API and the CLI call it through
 * client/claims.ts before the claim's workflow starts), one transaction.
 */
import { createHmac } from 'node:crypto';
import type { IsoDate } from '../domain/calendar';
import { DomainError } from '../domain/errors';
import { claimDateIssues } from '../domain/plausibility';
import type { ClaimFiling } from '../domain/schemas';
import type { Db } from '../db/client';
import { audit } from '../db/queries/audit';
import { insertClaim, lockClaimsOf, openClaimOf } from '../db/queries/claims';
import { proposeBankAccount } from './bank-accounts';
import { firstEmploymentMonth, participantExists } from '../db/queries/employments';

export const claimWorkflowPrefix = 'claim:ui:';

/**
 * The workflow id of a participant's claim: one open claim per participant at a time, named by a
 * keyed hash of the personal ID so that no personal data appears in Temporal (STYLE: ids).
 */
export function claimWorkflowId(personalId: string, key: string): string {
  return `${claimWorkflowPrefix}${createHmac('sha256', key).update(personalId).digest('hex').slice(0, 24)}`;
}

/**
 * Stores a filing (status `intake`) before its workflow starts; the workflow carries only the
 * claim id. A second filing while one is open is refused (CLAIM_ALREADY_OPEN) — unless it is the
 * same filing still in intake, which is returned so that its workflow can be (re)started.
 */
export async function fileClaim(
  db: Db,
  filing: ClaimFiling,
  filedBy: string,
  subjectKey: string,
  today: IsoDate,
): Promise<{ claimId: string; workflowId: string; created: boolean; status: string }> {
  return db.transaction(async (tx) => {
    if (!(await participantExists(tx, filing.personalId)))
      throw new DomainError('PARTICIPANT_NOT_FOUND', 'no participant with this personal ID', 'personalId');
    // Plausible dates (domain/plausibility.ts) before anything is written: a contract that has not
    // ended, or ended before the person's first employment, is no claim and must not hold one open.
    const issues = claimDateIssues(filing, today, await firstEmploymentMonth(tx, filing.personalId));
    if (issues.length)
      throw new DomainError(
        issues[0]!.code,
        issues[0]!.message,
        issues[0]!.field,
        { errors: issues },
        issues[0]!.params,
      );
    await lockClaimsOf(tx, filing.personalId);
    const open = await openClaimOf(tx, filing.personalId);
    if (open) {
      // The same filing again (a retried request) is the same claim; a different one is refused.
      const same =
        open.terminationDate === filing.terminationDate &&
        open.filingDate === filing.filingDate &&
        open.terminationReason === filing.terminationReason;
      if (same) return { claimId: open.id, workflowId: open.workflowId, created: false, status: open.status };
      throw new DomainError(
        'CLAIM_ALREADY_OPEN',
        `the participant already has an open claim (${open.status})`,
        undefined,
        { claimId: open.id },
        { status: open.status },
      );
    }
    const workflowId = claimWorkflowId(filing.personalId, subjectKey);
    const claimId = await insertClaim(tx, {
      personalId: filing.personalId,
      workflowId,
      status: 'intake',
      terminationDate: filing.terminationDate,
      filingDate: filing.filingDate,
      region: filing.region,
      contractMonths: filing.contractMonths,
      terminationReason: filing.terminationReason,
      pensionEligible: filing.pensionEligible,
      newCoveredJob: filing.newCoveredJob,
      filedBy,
    });
    await audit(tx, { actor: filedBy, action: 'claim.filed', subjectType: 'claim', subjectId: claimId, workflowId });
    // The account the benefit is paid into, if the filing gives one: pending until an officer verifies it.
    if (filing.bankAccount)
      await proposeBankAccount(tx, {
        personalId: filing.personalId,
        account: filing.bankAccount,
        by: filedBy,
        today,
        secret: subjectKey,
      });
    return { claimId, workflowId, created: true, status: 'intake' };
  });
}
