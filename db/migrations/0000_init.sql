CREATE SEQUENCE "public"."si_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 99999999 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE SEQUENCE "public"."unit_code_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 99999 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "employers" (
	"tax_code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"address" text NOT NULL,
	"province_code" text NOT NULL,
	"wage_region" text NOT NULL,
	"category" text NOT NULL,
	"status" text NOT NULL,
	"unit_code" text,
	"rejection_reason" text,
	"onboarding_request_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "employers_unit_code_unique" UNIQUE("unit_code"),
	CONSTRAINT "employers_tax_code_format" CHECK ("employers"."tax_code" ~ '^[0-9]{10}(-[0-9]{3})?$'),
	CONSTRAINT "employers_province_code_format" CHECK ("employers"."province_code" ~ '^[0-9]{2}$'),
	CONSTRAINT "employers_wage_region" CHECK ("employers"."wage_region" in ('I','II','III','IV')),
	CONSTRAINT "employers_category" CHECK ("employers"."category" in ('enterprise','state_body','public_service_unit','political_social_org','foreign_org','cooperative','household_business','other')),
	CONSTRAINT "employers_status" CHECK ("employers"."status" in ('pending','active','rejected')),
	CONSTRAINT "employers_active_has_unit_code" CHECK (("employers"."status" = 'active') = ("employers"."unit_code" is not null)),
	CONSTRAINT "employers_rejected_has_reason" CHECK (("employers"."status" = 'rejected') = ("employers"."rejection_reason" is not null)),
	CONSTRAINT "employers_name_not_blank" CHECK (length(trim("employers"."name")) > 0)
);
--> statement-breakpoint
CREATE TABLE "participants" (
	"personal_id" text PRIMARY KEY NOT NULL,
	"si_number" text NOT NULL,
	"full_name" text NOT NULL,
	"date_of_birth" date NOT NULL,
	"gender" text NOT NULL,
	"nationality" text DEFAULT 'VN' NOT NULL,
	"email" text,
	"phone" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "participants_si_number_unique" UNIQUE("si_number"),
	CONSTRAINT "participants_personal_id_format" CHECK ("participants"."personal_id" ~ '^[0-9]{12}$'),
	CONSTRAINT "participants_si_number_format" CHECK ("participants"."si_number" ~ '^[0-9]{10}$'),
	CONSTRAINT "participants_gender" CHECK ("participants"."gender" in ('male','female')),
	CONSTRAINT "participants_nationality_format" CHECK ("participants"."nationality" ~ '^[A-Z]{2}$'),
	CONSTRAINT "participants_name_not_blank" CHECK (length(trim("participants"."full_name")) > 0)
);
--> statement-breakpoint
CREATE TABLE "employments" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"personal_id" text NOT NULL,
	"employer_tax_code" text NOT NULL,
	"start_month" text NOT NULL,
	"end_month" text,
	"job_title" text NOT NULL,
	"contract_type" text NOT NULL,
	"onboarding_request_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "employments_person_employer_start" UNIQUE("personal_id","employer_tax_code","start_month"),
	CONSTRAINT "employments_start_month_format" CHECK ("employments"."start_month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
	CONSTRAINT "employments_end_month_format" CHECK ("employments"."end_month" is null or "employments"."end_month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
	CONSTRAINT "employments_end_after_start" CHECK ("employments"."end_month" is null or "employments"."end_month" >= "employments"."start_month"),
	CONSTRAINT "employments_contract_type" CHECK ("employments"."contract_type" in ('indefinite','fixed_term_12_36','fixed_term_1_12'))
);
--> statement-breakpoint
CREATE TABLE "salary_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"employment_id" bigint NOT NULL,
	"effective_month" text NOT NULL,
	"amount" numeric(15, 0) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "salary_history_employment_month" UNIQUE("employment_id","effective_month"),
	CONSTRAINT "salary_history_month_format" CHECK ("salary_history"."effective_month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
	CONSTRAINT "salary_history_amount_positive" CHECK ("salary_history"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "hi_cards" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"card_code" text NOT NULL,
	"personal_id" text NOT NULL,
	"payer_kind" text NOT NULL,
	"payer_tax_code" text,
	"level_digit" integer NOT NULL,
	"benefit_level" integer NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"initial_facility_code" text,
	"five_years_from" date,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hi_cards_person_payer_from" UNIQUE NULLS NOT DISTINCT("personal_id","payer_kind","payer_tax_code","valid_from"),
	CONSTRAINT "hi_cards_code_format" CHECK ("hi_cards"."card_code" ~ '^[A-Z]{2}[1-5][0-9]{2}[0-9]{10}$'),
	CONSTRAINT "hi_cards_payer_kind" CHECK ("hi_cards"."payer_kind" in ('employer','ui_fund','state_budget','self')),
	CONSTRAINT "hi_cards_employer_payer_has_tax_code" CHECK (("hi_cards"."payer_kind" = 'employer') = ("hi_cards"."payer_tax_code" is not null)),
	CONSTRAINT "hi_cards_level_digit" CHECK ("hi_cards"."level_digit" between 1 and 5),
	CONSTRAINT "hi_cards_benefit_level_matches_digit" CHECK ("hi_cards"."benefit_level" = case when "hi_cards"."level_digit" = 3 then 95 when "hi_cards"."level_digit" = 4 then 80 else 100 end),
	CONSTRAINT "hi_cards_validity" CHECK ("hi_cards"."valid_to" is null or "hi_cards"."valid_to" >= "hi_cards"."valid_from"),
	CONSTRAINT "hi_cards_facility_format" CHECK ("hi_cards"."initial_facility_code" is null or "hi_cards"."initial_facility_code" ~ '^[0-9]{5}$')
);
--> statement-breakpoint
CREATE TABLE "ebooks" (
	"personal_id" text PRIMARY KEY NOT NULL,
	"version" integer NOT NULL,
	"content" text NOT NULL,
	"sha256" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ebooks_version_positive" CHECK ("ebooks"."version" > 0),
	CONSTRAINT "ebooks_sha256_format" CHECK ("ebooks"."sha256" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "onboarding_request_employees" (
	"request_id" uuid NOT NULL,
	"line" integer NOT NULL,
	"personal_id" text NOT NULL,
	"data" jsonb NOT NULL,
	CONSTRAINT "onboarding_request_employees_request_id_line_pk" PRIMARY KEY("request_id","line"),
	CONSTRAINT "onboarding_request_employees_line" CHECK ("onboarding_request_employees"."line" >= 1)
);
--> statement-breakpoint
CREATE TABLE "onboarding_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tax_code" text NOT NULL,
	"employer" jsonb NOT NULL,
	"employee_count" integer NOT NULL,
	"submitted_by" text NOT NULL,
	"workflow_id" text NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"summary" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "onboarding_requests_status" CHECK ("onboarding_requests"."status" in ('submitted','duplicate','pending','approved','rejected','completed')),
	CONSTRAINT "onboarding_requests_count" CHECK ("onboarding_requests"."employee_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"workflow_id" text,
	"run_id" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"key" text PRIMARY KEY NOT NULL,
	"result" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"dedupe_key" text NOT NULL,
	"kind" text NOT NULL,
	"channel" text NOT NULL,
	"recipient_type" text NOT NULL,
	"recipient_id" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "outbox_dedupe_key_unique" UNIQUE("dedupe_key"),
	CONSTRAINT "outbox_channel" CHECK ("outbox"."channel" in ('email','portal','sms','officer_queue')),
	CONSTRAINT "outbox_recipient_type" CHECK ("outbox"."recipient_type" in ('employer','participant','officer'))
);
--> statement-breakpoint
ALTER TABLE "employments" ADD CONSTRAINT "employments_personal_id_participants_personal_id_fk" FOREIGN KEY ("personal_id") REFERENCES "public"."participants"("personal_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employments" ADD CONSTRAINT "employments_employer_tax_code_employers_tax_code_fk" FOREIGN KEY ("employer_tax_code") REFERENCES "public"."employers"("tax_code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "salary_history" ADD CONSTRAINT "salary_history_employment_id_employments_id_fk" FOREIGN KEY ("employment_id") REFERENCES "public"."employments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hi_cards" ADD CONSTRAINT "hi_cards_personal_id_participants_personal_id_fk" FOREIGN KEY ("personal_id") REFERENCES "public"."participants"("personal_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hi_cards" ADD CONSTRAINT "hi_cards_payer_tax_code_employers_tax_code_fk" FOREIGN KEY ("payer_tax_code") REFERENCES "public"."employers"("tax_code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ebooks" ADD CONSTRAINT "ebooks_personal_id_participants_personal_id_fk" FOREIGN KEY ("personal_id") REFERENCES "public"."participants"("personal_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onboarding_request_employees" ADD CONSTRAINT "onboarding_request_employees_request_id_onboarding_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."onboarding_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "employers_status_idx" ON "employers" USING btree ("status");--> statement-breakpoint
CREATE INDEX "employments_employer_idx" ON "employments" USING btree ("employer_tax_code");--> statement-breakpoint
CREATE INDEX "hi_cards_card_code_idx" ON "hi_cards" USING btree ("card_code");--> statement-breakpoint
CREATE INDEX "hi_cards_person_idx" ON "hi_cards" USING btree ("personal_id");--> statement-breakpoint
CREATE INDEX "audit_events_subject_idx" ON "audit_events" USING btree ("subject_type","subject_id");--> statement-breakpoint
CREATE INDEX "outbox_unsent_idx" ON "outbox" USING btree ("id") WHERE "outbox"."sent_at" is null;