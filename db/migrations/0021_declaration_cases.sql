-- Issue 14 part 2: "my employer has not declared or paid my months". A participant's case against an
-- employer for a range of months (workflow declaration-case:<id>, which carries the id only), the
-- steps the participant sees, and the tasks that point at the case.
CREATE TABLE "declaration_cases" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"personal_id" text NOT NULL,
	"employer_tax_code" text NOT NULL,
	"from_month" text NOT NULL,
	"to_month" text NOT NULL,
	"anonymous" boolean NOT NULL,
	"status" text NOT NULL,
	"referral" text,
	"opened_by" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"opened_on" date NOT NULL,
	"employer_due" date,
	"escalated_on" date,
	"arrears_confirmed_on" date,
	"closed_on" date,
	"outcome" text,
	"workflow_id" text,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "declaration_cases_tax_code_format" CHECK ("declaration_cases"."employer_tax_code" ~ '^[0-9]{10}(-[0-9]{3})?$'),
	CONSTRAINT "declaration_cases_months" CHECK ("declaration_cases"."from_month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$' and "declaration_cases"."to_month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$' and "declaration_cases"."from_month" <= "declaration_cases"."to_month"),
	CONSTRAINT "declaration_cases_status" CHECK ("declaration_cases"."status" in ('awaiting_employer','escalated','arrears','referred','closed')),
	CONSTRAINT "declaration_cases_referral" CHECK (("declaration_cases"."referral" is null) = ("declaration_cases"."status" <> 'referred') and ("declaration_cases"."referral" is null or "declaration_cases"."referral" in ('EMPLOYER_NOT_FOUND','EMPLOYER_OUT_OF_SCOPE'))),
	CONSTRAINT "declaration_cases_closed" CHECK (("declaration_cases"."status" = 'closed') = ("declaration_cases"."closed_on" is not null) and ("declaration_cases"."closed_on" is null) = ("declaration_cases"."outcome" is null) and ("declaration_cases"."outcome" is null or "declaration_cases"."outcome" in ('declared','credited')))
);
--> statement-breakpoint
ALTER TABLE "declaration_cases" ADD CONSTRAINT "declaration_cases_personal_id_participants_personal_id_fk" FOREIGN KEY ("personal_id") REFERENCES "public"."participants"("personal_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "declaration_cases_one_open" ON "declaration_cases" USING btree ("personal_id","employer_tax_code") WHERE "declaration_cases"."status" <> 'closed';--> statement-breakpoint
CREATE INDEX "declaration_cases_person_idx" ON "declaration_cases" USING btree ("personal_id","id");--> statement-breakpoint
CREATE INDEX "declaration_cases_open_employer_idx" ON "declaration_cases" USING btree ("employer_tax_code") WHERE "declaration_cases"."status" in ('awaiting_employer','escalated','arrears');--> statement-breakpoint
CREATE TABLE "declaration_case_steps" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" bigint NOT NULL,
	"step" text NOT NULL,
	"on_date" date NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "declaration_case_steps_step" CHECK ("declaration_case_steps"."step" in ('opened','referred','employer_notified','escalated','arrears_confirmed','declared','credited')),
	CONSTRAINT "declaration_case_steps_once" UNIQUE("case_id","step")
);
--> statement-breakpoint
ALTER TABLE "declaration_case_steps" ADD CONSTRAINT "declaration_case_steps_case_id_declaration_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."declaration_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "declaration_case_id" bigint;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_declaration_case_id_declaration_cases_id_fk" FOREIGN KEY ("declaration_case_id") REFERENCES "public"."declaration_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "tasks_declaration_case_kind" ON "tasks" USING btree ("kind","declaration_case_id") WHERE "tasks"."declaration_case_id" is not null and "tasks"."status" = 'open';
