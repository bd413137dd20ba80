CREATE TABLE "tasks" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"dedupe_key" text NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"queue" text NOT NULL,
	"assignee" text,
	"province_code" text,
	"due_date" date,
	"claim_id" uuid,
	"employment_id" bigint,
	"employer_tax_code" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" text,
	CONSTRAINT "tasks_dedupe_key_unique" UNIQUE("dedupe_key"),
	CONSTRAINT "tasks_status" CHECK ("tasks"."status" in ('open','done','cancelled')),
	CONSTRAINT "tasks_closed" CHECK (("tasks"."status" = 'open') = ("tasks"."closed_at" is null)),
	CONSTRAINT "tasks_province_format" CHECK ("tasks"."province_code" is null or "tasks"."province_code" ~ '^[0-9]{2}$')
);
--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_claim_id_ui_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."ui_claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_employment_id_employments_id_fk" FOREIGN KEY ("employment_id") REFERENCES "public"."employments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_employer_tax_code_employers_tax_code_fk" FOREIGN KEY ("employer_tax_code") REFERENCES "public"."employers"("tax_code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "tasks_claim_employment_kind" ON "tasks" USING btree ("kind","claim_id","employment_id") WHERE "tasks"."claim_id" is not null and "tasks"."employment_id" is not null;--> statement-breakpoint
CREATE INDEX "tasks_open_queue_idx" ON "tasks" USING btree ("queue","due_date") WHERE "tasks"."status" = 'open';--> statement-breakpoint
CREATE INDEX "tasks_claim_idx" ON "tasks" USING btree ("claim_id");
