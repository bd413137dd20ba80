import { sql } from 'drizzle-orm';
import { bigserial, check, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Who acted, behind an opaque reference (issue 11): Temporal carries `p:<128 random bits>` only (one per action); the
 * activity that writes the audit resolves it here. Written before the Update that carries it.
 */
export const principals = pgTable(
  'principals',
  {
    ref: text('ref').primaryKey(),
    /** The actor as the audit names it (`participant:<personal ID>`, `officer:<subject>`, …). */
    actor: text('actor').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('principals_ref_format', sql`${t.ref} ~ '^p:[A-Za-z0-9_-]{22,}$'`)],
);

export const CASE_TEXT_KINDS = [
  'claim.decision_reason',
  'claim.termination_note',
  /** What the participant did to find work, typed in the monthly report (Form 24; migration 0014). */
  'claim.report_summary',
  'onboarding.rejection_reason',
  /** The new e-mail address of an account-access recovery, until its code is sent (migration 0022). */
  'recovery.contact',
  /** An officer's reason on a data-update request: a rejection, or the evidence still missing (migration 0020). */
  'data_update.reason',
] as const;
export type CaseTextKind = (typeof CASE_TEXT_KINDS)[number];

/** What a person typed (a rejection's reason, a termination's note, a report's summary): the workflow carries its id only. */
export const caseTexts = pgTable(
  'case_texts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    text: text('text').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      'case_texts_kind',
      sql`${t.kind} in ('claim.decision_reason','claim.termination_note','claim.report_summary','onboarding.rejection_reason','recovery.contact','data_update.reason')`,
    ),
  ],
);
