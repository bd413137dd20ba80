/**
 * The audit trail's periodic checkpoint (issue 11): every chain head signed and stored, run by the
 * `auditCheckpoint` workflow on its daily Temporal Schedule (client/schedules.ts). `ansinh audit
 * checkpoint` writes one on demand with the same service (services/audit.ts).
 */
import { DomainError } from '../domain/errors';
import type { AuditSigningKey } from '../runtime/audit-keys';
import { createCheckpoint } from '../services/audit';
import type { OnboardingDeps } from './onboarding';

export interface AuditDeps extends OnboardingDeps {
  /** Loads the key that signs checkpoints (runtime/audit-keys.ts); a worker without it cannot checkpoint. */
  auditKey?: () => Promise<AuditSigningKey>;
}

export function createAuditActivities(deps: AuditDeps) {
  return {
    /** Signs and stores the chain heads; returns the checkpoint's id and how many chains it covers. */
    async checkpointAuditTrail(): Promise<{ id: number; chains: number }> {
      if (!deps.auditKey)
        throw new DomainError(
          'AUDIT_KEY_NOT_CONFIGURED',
          'this worker has no audit signing key (runtime/audit-keys.ts)',
        );
      const cp = await createCheckpoint(deps.db, await deps.auditKey());
      return { id: cp.id, chains: Object.keys((JSON.parse(cp.payload) as { chains: object }).chains).length };
    },
  };
}
