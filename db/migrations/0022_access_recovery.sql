-- Issue 14 part 3, account-access recovery: the recoveries (one open per participant), the token
-- revocation list (a keyed hash of the subject and the instant before which every token it was
-- issued is refused: api/auth.ts), the console sessions' subject (the same keyed hash, so a
-- recovery deletes them), and the work queue's link to a recovery (the in-person verification).
CREATE TABLE "access_recoveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"personal_id" text NOT NULL,
	"workflow_id" text NOT NULL,
	"method" text NOT NULL,
	"status" text DEFAULT 'intake' NOT NULL,
	"started_by" text NOT NULL,
	"verified_by" text,
	"verified_at" timestamp with time zone,
	"document_kind" text,
	"document_last4" text,
	"new_email" text,
	"code_id" bigint,
	"expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	CONSTRAINT "access_recoveries_workflow_id_unique" UNIQUE("workflow_id"),
	CONSTRAINT "access_recoveries_method" CHECK ("access_recoveries"."method" in ('vneid','in_person')),
	CONSTRAINT "access_recoveries_status" CHECK ("access_recoveries"."status" in ('intake','awaiting_identity','awaiting_contact','awaiting_code','completed','expired')),
	CONSTRAINT "access_recoveries_ended" CHECK (("access_recoveries"."status" in ('completed','expired')) = ("access_recoveries"."ended_at" is not null)),
	CONSTRAINT "access_recoveries_document_kind" CHECK ("access_recoveries"."document_kind" is null or "access_recoveries"."document_kind" in ('cccd','passport','vneid_app')),
	CONSTRAINT "access_recoveries_document_last4" CHECK ("access_recoveries"."document_last4" is null or "access_recoveries"."document_last4" ~ '^[0-9A-Z]{4}$'),
	CONSTRAINT "access_recoveries_verified" CHECK (("access_recoveries"."verified_by" is null) = ("access_recoveries"."verified_at" is null)),
	CONSTRAINT "access_recoveries_document" CHECK (("access_recoveries"."document_kind" is null) = ("access_recoveries"."document_last4" is null)),
	CONSTRAINT "access_recoveries_in_person_document" CHECK ("access_recoveries"."method" = 'vneid' or "access_recoveries"."verified_by" is null or "access_recoveries"."document_kind" is not null),
	CONSTRAINT "access_recoveries_email_length" CHECK ("access_recoveries"."new_email" is null or char_length("access_recoveries"."new_email") between 3 and 254)
);
--> statement-breakpoint
CREATE TABLE "token_revocations" (
	"subject_hash" text PRIMARY KEY NOT NULL,
	"revoked_before" timestamp with time zone NOT NULL,
	"reason" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "token_revocations_subject_hash_format" CHECK ("token_revocations"."subject_hash" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "token_revocations_reason_format" CHECK ("token_revocations"."reason" ~ '^[a-z][a-z0-9_.:-]{2,119}$')
);
--> statement-breakpoint
ALTER TABLE "access_recoveries" ADD CONSTRAINT "access_recoveries_personal_id_participants_personal_id_fk" FOREIGN KEY ("personal_id") REFERENCES "public"."participants"("personal_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "access_recoveries_open_unique" ON "access_recoveries" USING btree ("personal_id") WHERE "access_recoveries"."status" not in ('completed','expired');--> statement-breakpoint
CREATE INDEX "access_recoveries_personal_id_idx" ON "access_recoveries" USING btree ("personal_id","id");--> statement-breakpoint
CREATE INDEX "token_revocations_revoked_before_idx" ON "token_revocations" USING btree ("revoked_before");--> statement-breakpoint
ALTER TABLE "console_sessions" ADD COLUMN "subject_hash" text;--> statement-breakpoint
ALTER TABLE "console_sessions" ADD CONSTRAINT "console_sessions_subject_hash_format" CHECK ("console_sessions"."subject_hash" is null or "console_sessions"."subject_hash" ~ '^[0-9a-f]{64}$');--> statement-breakpoint
CREATE INDEX "console_sessions_subject_hash_idx" ON "console_sessions" USING btree ("subject_hash") WHERE "console_sessions"."subject_hash" is not null;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "recovery_id" uuid;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_recovery_id_access_recoveries_id_fk" FOREIGN KEY ("recovery_id") REFERENCES "public"."access_recoveries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "tasks_recovery_kind" ON "tasks" USING btree ("kind","recovery_id") WHERE "tasks"."recovery_id" is not null;
--> statement-breakpoint
ALTER TABLE "case_texts" DROP CONSTRAINT "case_texts_kind";--> statement-breakpoint
ALTER TABLE "case_texts" ADD CONSTRAINT "case_texts_kind" CHECK ("case_texts"."kind" in ('claim.decision_reason','claim.termination_note','claim.report_summary','onboarding.rejection_reason','recovery.contact'));
