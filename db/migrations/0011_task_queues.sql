-- Issue 12, Part A: the work queue is a projection. Every wait of the agency's processes (a claim
-- awaiting its decision, a report window, an onboarding awaiting approval, a bank line in suspense)
-- is a task row written in the transaction of the state that causes it; who must act is `actor`;
-- an escalation stamps `escalated_at`; a claim's report window opens on `opens_on`.
ALTER TABLE "tasks" ADD COLUMN "actor" text DEFAULT 'officer' NOT NULL;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "escalated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "opens_on" date;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "onboarding_request_id" uuid;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "bank_line_id" bigint;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_actor" CHECK ("tasks"."actor" in ('officer','participant','employer'));--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_onboarding_request_id_onboarding_requests_id_fk" FOREIGN KEY ("onboarding_request_id") REFERENCES "public"."onboarding_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_bank_line_id_bank_lines_id_fk" FOREIGN KEY ("bank_line_id") REFERENCES "public"."bank_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- One task of a kind per subject (besides the dedupe key): a retried activity adds none.
CREATE UNIQUE INDEX "tasks_onboarding_kind" ON "tasks" USING btree ("kind","onboarding_request_id") WHERE "tasks"."onboarding_request_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "tasks_bank_line_kind" ON "tasks" USING btree ("kind","bank_line_id") WHERE "tasks"."bank_line_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "tasks_claim_decision" ON "tasks" USING btree ("claim_id") WHERE "tasks"."kind" = 'claim.decision';--> statement-breakpoint
-- The queue's order, due date (none last) then id, for any status; the open tasks by actor and by province in that order.
CREATE INDEX "tasks_status_order_idx" ON "tasks" USING btree ("status",coalesce("due_date", 'infinity'::date),"id");--> statement-breakpoint
CREATE INDEX "tasks_open_actor_order_idx" ON "tasks" USING btree ("actor",coalesce("due_date", 'infinity'::date),"id") WHERE "tasks"."status" = 'open';--> statement-breakpoint
CREATE INDEX "tasks_open_province_order_idx" ON "tasks" USING btree ("province_code",coalesce("due_date", 'infinity'::date),"id") WHERE "tasks"."status" = 'open';--> statement-breakpoint
-- The counts per kind (open, overdue) read from the index alone.
CREATE INDEX "tasks_open_counts_idx" ON "tasks" USING btree ("actor","kind","due_date","opens_on") WHERE "tasks"."status" = 'open';--> statement-breakpoint
DROP INDEX "tasks_open_queue_idx";
