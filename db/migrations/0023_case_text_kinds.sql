-- Issue 14: migrations 0020 (data-update reasons) and 0022 (a recovery's new contact) each rewrote
-- the case texts' kinds without the other's; the check allows both.
ALTER TABLE "case_texts" DROP CONSTRAINT "case_texts_kind";--> statement-breakpoint
ALTER TABLE "case_texts" ADD CONSTRAINT "case_texts_kind" CHECK ("case_texts"."kind" in ('claim.decision_reason','claim.termination_note','claim.report_summary','onboarding.rejection_reason','recovery.contact','data_update.reason'));
