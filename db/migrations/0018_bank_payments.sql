-- Issue 14 part 4: benefits paid into a bank account. bank_accounts holds each participant's
-- accounts (pending when proposed, verified by an officer, superseded by a later verification,
-- closed when a bank return says the account cannot be paid); at most one verified per
-- participant. payment_files is one ISO 20022 pain.001.001.09 file per payment run (the run id
-- is the business key; the bytes and their sha256 are kept). payment_instructions is one credit
-- transfer per benefit month and attempt: instructed in a file, then executed or rejected by the
-- bank's pain.002/camt.054; a month has at most one open and at most one executed instruction.
-- A benefit month gains the statuses instructed (in a file, not yet paid) and returned (the bank
-- rejected it; instructed again only after a new account is verified).
CREATE TABLE "bank_accounts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"personal_id" text NOT NULL,
	"bank_code" text NOT NULL,
	"account_number" text NOT NULL,
	"holder_name" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"proposed_by" text NOT NULL,
	"proposed_on" date NOT NULL,
	"verified_by" text,
	"verified_on" date,
	"closed_reason" text,
	"closed_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bank_accounts_status" CHECK ("bank_accounts"."status" in ('pending','verified','superseded','closed')),
	CONSTRAINT "bank_accounts_bank_code" CHECK ("bank_accounts"."bank_code" ~ '^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$'),
	CONSTRAINT "bank_accounts_number" CHECK ("bank_accounts"."account_number" ~ '^[0-9]{6,19}$'),
	CONSTRAINT "bank_accounts_verified" CHECK (("bank_accounts"."verified_by" is null) = ("bank_accounts"."verified_on" is null) and ("bank_accounts"."status" <> 'verified' or "bank_accounts"."verified_on" is not null)),
	CONSTRAINT "bank_accounts_closed" CHECK (("bank_accounts"."status" = 'closed') = ("bank_accounts"."closed_reason" is not null))
);
--> statement-breakpoint
CREATE TABLE "payment_files" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"run_id" text NOT NULL,
	"msg_id" text NOT NULL,
	"run_date" date NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"nb_of_txs" integer NOT NULL,
	"ctrl_sum" numeric(17, 0) NOT NULL,
	"xml" text NOT NULL,
	"sha256" text NOT NULL,
	"created_by" text NOT NULL,
	CONSTRAINT "payment_files_run_id_unique" UNIQUE("run_id"),
	CONSTRAINT "payment_files_msg_id_unique" UNIQUE("msg_id"),
	CONSTRAINT "payment_files_counts" CHECK ("payment_files"."nb_of_txs" > 0 and "payment_files"."ctrl_sum" > 0),
	CONSTRAINT "payment_files_sha256" CHECK ("payment_files"."sha256" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "payment_instructions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"claim_id" uuid NOT NULL,
	"idx" integer NOT NULL,
	"attempt" integer NOT NULL,
	"end_to_end_id" text NOT NULL,
	"payment_file_id" bigint NOT NULL,
	"bank_account_id" bigint NOT NULL,
	"amount" numeric(15, 0) NOT NULL,
	"status" text DEFAULT 'instructed' NOT NULL,
	"reason_code" text,
	"bank_date" date,
	"settled_by" text,
	CONSTRAINT "payment_instructions_end_to_end_id_unique" UNIQUE("end_to_end_id"),
	CONSTRAINT "payment_instructions_month_attempt" UNIQUE("claim_id","idx","attempt"),
	CONSTRAINT "payment_instructions_status" CHECK ("payment_instructions"."status" in ('instructed','executed','rejected')),
	CONSTRAINT "payment_instructions_amount_positive" CHECK ("payment_instructions"."amount" > 0),
	CONSTRAINT "payment_instructions_attempt" CHECK ("payment_instructions"."attempt" >= 1),
	CONSTRAINT "payment_instructions_settled" CHECK (("payment_instructions"."status" = 'instructed') = ("payment_instructions"."bank_date" is null) and ("payment_instructions"."status" = 'rejected') = ("payment_instructions"."reason_code" is not null))
);
--> statement-breakpoint
ALTER TABLE "bank_accounts" ADD CONSTRAINT "bank_accounts_personal_id_participants_personal_id_fk" FOREIGN KEY ("personal_id") REFERENCES "public"."participants"("personal_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_instructions" ADD CONSTRAINT "payment_instructions_month_fk" FOREIGN KEY ("claim_id","idx") REFERENCES "public"."ui_claim_months"("claim_id","idx") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_instructions" ADD CONSTRAINT "payment_instructions_payment_file_id_payment_files_id_fk" FOREIGN KEY ("payment_file_id") REFERENCES "public"."payment_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_instructions" ADD CONSTRAINT "payment_instructions_bank_account_id_bank_accounts_id_fk" FOREIGN KEY ("bank_account_id") REFERENCES "public"."bank_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bank_accounts_one_verified" ON "bank_accounts" USING btree ("personal_id") WHERE "bank_accounts"."status" = 'verified';--> statement-breakpoint
CREATE UNIQUE INDEX "bank_accounts_one_pending" ON "bank_accounts" USING btree ("personal_id") WHERE "bank_accounts"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "bank_accounts_person_idx" ON "bank_accounts" USING btree ("personal_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_instructions_one_open" ON "payment_instructions" USING btree ("claim_id","idx") WHERE "payment_instructions"."status" = 'instructed';--> statement-breakpoint
CREATE UNIQUE INDEX "payment_instructions_one_executed" ON "payment_instructions" USING btree ("claim_id","idx") WHERE "payment_instructions"."status" = 'executed';--> statement-breakpoint
CREATE INDEX "payment_instructions_file_idx" ON "payment_instructions" USING btree ("payment_file_id");--> statement-breakpoint
ALTER TABLE "ui_claim_months" DROP CONSTRAINT "ui_claim_months_status";--> statement-breakpoint
ALTER TABLE "ui_claim_months" ADD CONSTRAINT "ui_claim_months_status" CHECK ("ui_claim_months"."status" in ('scheduled','reported','instructed','paid','returned','suspended','cancelled'));--> statement-breakpoint
CREATE INDEX "ui_claim_months_payable_idx" ON "ui_claim_months" USING btree ("claim_id","idx") WHERE "ui_claim_months"."status" in ('reported','returned');
