-- Issue 13, the recipient's language: each participant and each employer keeps the language their
-- notices are written in (the e-mail's subject and body, its PDF), 'vi' unless they chose 'en'
-- (PUT /v1/participants/{id}/preferences, PUT /v1/employers/{taxCode}/preferences). The relay
-- reads it when it leases a notice (db/queries/notices.ts), so a change applies to every notice not
-- yet sent.
-- Stale notices: migration 0015 queued every unsent row ever written; the relay sends no notice
-- older than RELAY_MAX_AGE_DAYS when it first picks it (dead, last_error EXPIRED). An operator's
-- retry of a dead notice stamps retried_at, and the age is measured from there: a retried notice
-- goes however old it is.
ALTER TABLE "participants" ADD COLUMN "preferred_lang" text DEFAULT 'vi' NOT NULL;--> statement-breakpoint
ALTER TABLE "participants" ADD CONSTRAINT "participants_preferred_lang" CHECK ("participants"."preferred_lang" in ('vi','en'));--> statement-breakpoint
ALTER TABLE "employers" ADD COLUMN "preferred_lang" text DEFAULT 'vi' NOT NULL;--> statement-breakpoint
ALTER TABLE "employers" ADD CONSTRAINT "employers_preferred_lang" CHECK ("employers"."preferred_lang" in ('vi','en'));--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "retried_at" timestamp with time zone;
