CREATE TABLE "contribution_lines" (
	"employer_tax_code" text NOT NULL,
	"period" text NOT NULL,
	"personal_id" text NOT NULL,
	"fund" text NOT NULL,
	"side" text NOT NULL,
	"base" numeric(15, 0) NOT NULL,
	"rate" numeric(8, 6) NOT NULL,
	"amount" numeric(15, 0) NOT NULL,
	CONSTRAINT "contribution_lines_employer_tax_code_period_personal_id_fund_side_pk" PRIMARY KEY("employer_tax_code","period","personal_id","fund","side"),
	CONSTRAINT "contribution_lines_period_format" CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
	CONSTRAINT "contribution_lines_fund" CHECK ("contribution_lines"."fund" in ('SI_RETIREMENT','SI_SICKNESS','SI_OAOD','HI','UI')),
	CONSTRAINT "contribution_lines_side" CHECK ("contribution_lines"."side" in ('employee','employer')),
	CONSTRAINT "contribution_lines_amount_non_negative" CHECK ("contribution_lines"."amount" >= 0 and "contribution_lines"."base" > 0 and "contribution_lines"."rate" > 0)
);
--> statement-breakpoint
CREATE TABLE "contribution_months" (
	"personal_id" text NOT NULL,
	"employer_tax_code" text NOT NULL,
	"period" text NOT NULL,
	"status" text NOT NULL,
	CONSTRAINT "contribution_months_personal_id_employer_tax_code_period_pk" PRIMARY KEY("personal_id","employer_tax_code","period"),
	CONSTRAINT "contribution_months_period_person" UNIQUE("period","personal_id","employer_tax_code"),
	CONSTRAINT "contribution_months_status" CHECK ("contribution_months"."status" in ('credited','declared_unpaid'))
);
--> statement-breakpoint
CREATE TABLE "declarations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"idempotency_key" text NOT NULL,
	"employer_tax_code" text NOT NULL,
	"personal_id" text NOT NULL,
	"kind" text NOT NULL,
	"effective_month" text NOT NULL,
	"details" jsonb NOT NULL,
	"author" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "declarations_idempotency_key_unique" UNIQUE("idempotency_key"),
	CONSTRAINT "declarations_kind" CHECK ("declarations"."kind" in ('hire','leave','salary_change','unpaid_leave')),
	CONSTRAINT "declarations_month_format" CHECK (effective_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')
);
--> statement-breakpoint
CREATE TABLE "employer_periods" (
	"employer_tax_code" text NOT NULL,
	"period" text NOT NULL,
	"due" numeric(17, 0) NOT NULL,
	"paid" numeric(17, 0) NOT NULL,
	"outstanding" numeric(17, 0) NOT NULL,
	"late_charge" numeric(17, 0) NOT NULL,
	"charge_paid" numeric(17, 0) NOT NULL,
	"max_days_late" integer NOT NULL,
	"evasion" boolean NOT NULL,
	"status" text NOT NULL,
	"as_of" date NOT NULL,
	"reconciled_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "employer_periods_employer_tax_code_period_pk" PRIMARY KEY("employer_tax_code","period"),
	CONSTRAINT "employer_periods_status" CHECK ("employer_periods"."status" in ('paid','partially_paid','unpaid','overpaid')),
	CONSTRAINT "employer_periods_balances" CHECK ("employer_periods"."outstanding" = greatest("employer_periods"."due" - "employer_periods"."paid", 0)),
	CONSTRAINT "employer_periods_non_negative" CHECK ("employer_periods"."due" >= 0 and "employer_periods"."paid" >= 0 and "employer_periods"."late_charge" >= 0 and "employer_periods"."charge_paid" >= 0)
);
--> statement-breakpoint
CREATE TABLE "payment_allocations" (
	"payment_id" bigint NOT NULL,
	"period" text NOT NULL,
	"principal" numeric(17, 0) NOT NULL,
	"interest" numeric(17, 0) NOT NULL,
	CONSTRAINT "payment_allocations_payment_id_period_pk" PRIMARY KEY("payment_id","period"),
	CONSTRAINT "payment_allocations_period_format" CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
	CONSTRAINT "payment_allocations_non_negative" CHECK ("payment_allocations"."principal" >= 0 and "payment_allocations"."interest" >= 0)
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"bank_reference" text NOT NULL,
	"employer_tax_code" text NOT NULL,
	"amount" numeric(17, 0) NOT NULL,
	"value_date" date NOT NULL,
	"author" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payments_bank_reference_unique" UNIQUE("bank_reference"),
	CONSTRAINT "payments_amount_positive" CHECK ("payments"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "unpaid_leave_months" (
	"employment_id" bigint NOT NULL,
	"month" text NOT NULL,
	"declaration_id" bigint,
	CONSTRAINT "unpaid_leave_months_employment_id_month_pk" PRIMARY KEY("employment_id","month"),
	CONSTRAINT "unpaid_leave_month_format" CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')
);
--> statement-breakpoint
ALTER TABLE "contribution_lines" ADD CONSTRAINT "contribution_lines_employer_tax_code_employers_tax_code_fk" FOREIGN KEY ("employer_tax_code") REFERENCES "public"."employers"("tax_code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contribution_lines" ADD CONSTRAINT "contribution_lines_personal_id_participants_personal_id_fk" FOREIGN KEY ("personal_id") REFERENCES "public"."participants"("personal_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contribution_months" ADD CONSTRAINT "contribution_months_personal_id_participants_personal_id_fk" FOREIGN KEY ("personal_id") REFERENCES "public"."participants"("personal_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contribution_months" ADD CONSTRAINT "contribution_months_employer_tax_code_employers_tax_code_fk" FOREIGN KEY ("employer_tax_code") REFERENCES "public"."employers"("tax_code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declarations" ADD CONSTRAINT "declarations_employer_tax_code_employers_tax_code_fk" FOREIGN KEY ("employer_tax_code") REFERENCES "public"."employers"("tax_code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declarations" ADD CONSTRAINT "declarations_personal_id_participants_personal_id_fk" FOREIGN KEY ("personal_id") REFERENCES "public"."participants"("personal_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employer_periods" ADD CONSTRAINT "employer_periods_employer_tax_code_employers_tax_code_fk" FOREIGN KEY ("employer_tax_code") REFERENCES "public"."employers"("tax_code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_allocations" ADD CONSTRAINT "payment_allocations_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_employer_tax_code_employers_tax_code_fk" FOREIGN KEY ("employer_tax_code") REFERENCES "public"."employers"("tax_code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unpaid_leave_months" ADD CONSTRAINT "unpaid_leave_months_employment_id_employments_id_fk" FOREIGN KEY ("employment_id") REFERENCES "public"."employments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unpaid_leave_months" ADD CONSTRAINT "unpaid_leave_months_declaration_id_declarations_id_fk" FOREIGN KEY ("declaration_id") REFERENCES "public"."declarations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "declarations_employer_idx" ON "declarations" USING btree ("employer_tax_code","effective_month");--> statement-breakpoint
CREATE INDEX "payments_employer_idx" ON "payments" USING btree ("employer_tax_code","value_date");