-- Issue 14 part 1: a participant's data-update requests (contact details confirmed by a one-time
-- code; corrections of identity, nationality and the bank account reviewed by an officer in the
-- workflow data-update:<id>). The requested values stay in this table; Temporal carries the id.
-- The review's task points at its request; an officer's typed reason is a case text.
CREATE TABLE "data_update_requests" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"personal_id" text NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"requested" jsonb NOT NULL,
	"previous" jsonb,
	"filed_by" text NOT NULL,
	"filed_at" timestamp with time zone NOT NULL,
	"filed_on" date NOT NULL,
	"due_date" date,
	"paused_on" date,
	"workflow_id" text,
	"decided_by" text,
	"decided_on" date,
	"reason" text,
	"applied_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "data_update_requests_kind" CHECK ("data_update_requests"."kind" in ('email','phone','bank_account','identity','nationality')),
	CONSTRAINT "data_update_requests_status" CHECK ("data_update_requests"."status" in ('awaiting_code','awaiting_review','more_evidence','approved','rejected','cancelled')),
	CONSTRAINT "data_update_requests_decided" CHECK (("data_update_requests"."status" in ('approved','rejected')) = ("data_update_requests"."decided_on" is not null)),
	CONSTRAINT "data_update_requests_rejected_reason" CHECK ("data_update_requests"."status" <> 'rejected' or "data_update_requests"."reason" is not null),
	CONSTRAINT "data_update_requests_requested_object" CHECK (jsonb_typeof("data_update_requests"."requested") = 'object')
);
--> statement-breakpoint
ALTER TABLE "data_update_requests" ADD CONSTRAINT "data_update_requests_personal_id_participants_personal_id_fk" FOREIGN KEY ("personal_id") REFERENCES "public"."participants"("personal_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "data_update_requests_one_open" ON "data_update_requests" USING btree ("personal_id","kind") WHERE "data_update_requests"."status" in ('awaiting_code','awaiting_review','more_evidence');--> statement-breakpoint
CREATE INDEX "data_update_requests_person_idx" ON "data_update_requests" USING btree ("personal_id","id");--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "data_update_id" bigint;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_data_update_id_data_update_requests_id_fk" FOREIGN KEY ("data_update_id") REFERENCES "public"."data_update_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "tasks_data_update_kind" ON "tasks" USING btree ("kind","data_update_id") WHERE "tasks"."data_update_id" is not null and "tasks"."status" = 'open';--> statement-breakpoint
ALTER TABLE "case_texts" DROP CONSTRAINT "case_texts_kind";--> statement-breakpoint
ALTER TABLE "case_texts" ADD CONSTRAINT "case_texts_kind" CHECK ("case_texts"."kind" in ('claim.decision_reason','claim.termination_note','claim.report_summary','onboarding.rejection_reason','data_update.reason'));
