/**
 * Reading an unemployment claim back: its row, its benefit months, the HI card the UI fund pays for
 * it; and the two checks of the claim starter (an open claim under a workflow id, withdrawing a
 * filing whose workflow could not start).
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../client';
import { hiCards, OPEN_CLAIM_STATUSES, participants, uiClaimMonths, uiClaims } from '../schema';

export type StoredClaim = typeof uiClaims.$inferSelect;
export type StoredClaimMonth = typeof uiClaimMonths.$inferSelect;

/** The claim with this id, or undefined. */
export async function findUiClaim(exec: Executor, claimId: string): Promise<StoredClaim | undefined> {
  const [c] = await exec.select().from(uiClaims).where(eq(uiClaims.id, claimId));
  return c;
}

/** Whether a claim still open (intake to suspended) carries this workflow id. */
export async function openClaimUnderWorkflow(exec: Executor, workflowId: string): Promise<boolean> {
  const [open] = await exec
    .select({ id: uiClaims.id })
    .from(uiClaims)
    .where(and(eq(uiClaims.workflowId, workflowId), inArray(uiClaims.status, [...OPEN_CLAIM_STATUSES])));
  return open !== undefined;
}

/** Deletes the claim if it is still in intake (a filing whose workflow never started). */
export async function deleteIntakeClaim(exec: Executor, claimId: string): Promise<void> {
  await exec.delete(uiClaims).where(and(eq(uiClaims.id, claimId), eq(uiClaims.status, 'intake')));
}

/** The claim's benefit months, in order. */
export async function claimMonths(exec: Executor, claimId: string): Promise<StoredClaimMonth[]> {
  return exec.select().from(uiClaimMonths).where(eq(uiClaimMonths.claimId, claimId)).orderBy(uiClaimMonths.idx);
}

/** The HI card the UI fund pays for the participant from this day (the key endUiHiCard uses), or undefined. */
export async function uiFundCardFrom(exec: Executor, personalId: string, validFrom: string) {
  const [k] = await exec
    .select()
    .from(hiCards)
    .where(and(eq(hiCards.personalId, personalId), eq(hiCards.payerKind, 'ui_fund'), eq(hiCards.validFrom, validFrom)));
  return k;
}

/** The claimant's name and SI number (the claim page names whose claim it is), or null. */
export async function claimantOf(
  exec: Executor,
  personalId: string,
): Promise<{ fullName: string; siNumber: string } | null> {
  const [p] = await exec
    .select({ fullName: participants.fullName, siNumber: participants.siNumber })
    .from(participants)
    .where(eq(participants.personalId, personalId));
  return p ?? null;
}
