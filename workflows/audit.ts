/**
 * The audit trail's periodic checkpoint: one activity that signs every chain head (rules: issue 11,
 * ARCHITECTURE "An audit trail that proves its own integrity"). Started daily by a Temporal
 * Schedule (client/schedules.ts); carries no personal data, only the checkpoint's id.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { SHORT_ACTIVITY } from './activity-options';

const acts = proxyActivities<Activities>(SHORT_ACTIVITY);

export async function auditCheckpoint(): Promise<{ id: number; chains: number }> {
  return acts.checkpointAuditTrail();
}
