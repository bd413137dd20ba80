/**
 * The payment run as an activity (issue 14 part 4; rules §8.36): services/payment-files.ts
 * createPaymentRun in one transaction, keyed by the run id, so a retry after a lost completion
 * returns the file the first attempt made. Its result carries counts and hashes, never an account.
 */
import { type DebtorAccount } from '../domain/iso20022';
import { localDateOf } from '../domain/calendar';
import type { Db } from '../db/client';
import { createPaymentRun, type PaymentRunResult } from '../services/payment-files';
import { DEV_CLAIM_SUBJECT_KEY } from '../runtime/config';

export interface PaymentRunDeps {
  db: Db;
  /** The UI fund's account the transfers are debited from (UI_FUND_*); the default otherwise. */
  uiFund?: DebtorAccount;
  /** The server secret (CLAIM_SUBJECT_KEY) the accounts are sealed under; default the development key. */
  secret?: string;
  faults?: (point: string) => void | Promise<void>;
}

export function createPaymentRunActivities(deps: PaymentRunDeps) {
  return {
    /**
     * `at` is the workflow's time on the application clock (epoch ms): the file's CreDtTm and its
     * today, so that a retry writes the very bytes the first attempt would have.
     */
    async makePaymentRun(input: { runId: string; at: number }): Promise<PaymentRunResult> {
      const now = new Date(input.at);
      const r = await createPaymentRun(deps.db, {
        runId: input.runId,
        now,
        today: localDateOf(now.getTime()),
        by: 'system:payments',
        secret: deps.secret ?? DEV_CLAIM_SUBJECT_KEY,
        ...(deps.uiFund ? { debtor: deps.uiFund } : {}),
      });
      // Tests: the worker lost after the file committed, before Temporal recorded it.
      if (deps.faults) await deps.faults('payrun:after-commit');
      return r;
    },
  };
}
