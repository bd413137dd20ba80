CREATE TABLE "bank_lines" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"bank_reference" text NOT NULL,
	"source" text NOT NULL,
	"statement_ref" text,
	"line" integer NOT NULL,
	"direction" text NOT NULL,
	"amount" numeric(20, 3) NOT NULL,
	"currency" text NOT NULL,
	"value_date" date NOT NULL,
	"booking_date" date,
	"remittance" text DEFAULT '' NOT NULL,
	"end_to_end_id" text,
	"status" text NOT NULL,
	"reason" text,
	"employer_tax_code" text,
	"payment_id" bigint,
	"imported_by" text NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_by" text,
	"resolved_at" timestamp with time zone,
	CONSTRAINT "bank_lines_bank_reference_unique" UNIQUE("bank_reference"),
	CONSTRAINT "bank_lines_payment_id_unique" UNIQUE("payment_id"),
	CONSTRAINT "bank_lines_source" CHECK ("bank_lines"."source" in ('csv','camt053')),
	CONSTRAINT "bank_lines_direction" CHECK ("bank_lines"."direction" in ('credit','debit')),
	CONSTRAINT "bank_lines_status" CHECK ("bank_lines"."status" in ('booked','suspense','ignored')),
	CONSTRAINT "bank_lines_amount_positive" CHECK ("bank_lines"."amount" > 0),
	CONSTRAINT "bank_lines_currency" CHECK ("bank_lines"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "bank_lines_booked_has_payment" CHECK (("bank_lines"."status" = 'booked') = ("bank_lines"."payment_id" is not null)),
	CONSTRAINT "bank_lines_booked_has_employer" CHECK ("bank_lines"."status" <> 'booked' or "bank_lines"."employer_tax_code" is not null),
	CONSTRAINT "bank_lines_unbooked_has_reason" CHECK ("bank_lines"."status" = 'booked' or "bank_lines"."reason" is not null),
	CONSTRAINT "bank_lines_ignored_not_credit_vnd" CHECK ("bank_lines"."status" <> 'ignored' or "bank_lines"."direction" = 'debit' or "bank_lines"."currency" <> 'VND'),
	CONSTRAINT "bank_lines_resolved" CHECK (("bank_lines"."resolved_by" is null) = ("bank_lines"."resolved_at" is null))
);
--> statement-breakpoint
CREATE TABLE "payment_announcements" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"employer_tax_code" text NOT NULL,
	"reference" text NOT NULL,
	"amount" numeric(17, 0) NOT NULL,
	"expected_value_date" date NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"bank_line_id" bigint,
	"author" text NOT NULL,
	"announced_at" timestamp with time zone DEFAULT now() NOT NULL,
	"matched_at" timestamp with time zone,
	CONSTRAINT "payment_announcements_bank_line_id_unique" UNIQUE("bank_line_id"),
	CONSTRAINT "payment_announcements_employer_reference" UNIQUE("employer_tax_code","reference"),
	CONSTRAINT "payment_announcements_status" CHECK ("payment_announcements"."status" in ('pending','matched')),
	CONSTRAINT "payment_announcements_amount_positive" CHECK ("payment_announcements"."amount" > 0),
	CONSTRAINT "payment_announcements_matched" CHECK (("payment_announcements"."status" = 'matched') = ("payment_announcements"."bank_line_id" is not null) and ("payment_announcements"."status" = 'matched') = ("payment_announcements"."matched_at" is not null))
);
--> statement-breakpoint
ALTER TABLE "bank_lines" ADD CONSTRAINT "bank_lines_employer_tax_code_employers_tax_code_fk" FOREIGN KEY ("employer_tax_code") REFERENCES "public"."employers"("tax_code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_lines" ADD CONSTRAINT "bank_lines_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_announcements" ADD CONSTRAINT "payment_announcements_employer_tax_code_employers_tax_code_fk" FOREIGN KEY ("employer_tax_code") REFERENCES "public"."employers"("tax_code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_announcements" ADD CONSTRAINT "payment_announcements_bank_line_id_bank_lines_id_fk" FOREIGN KEY ("bank_line_id") REFERENCES "public"."bank_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bank_lines_suspense_idx" ON "bank_lines" USING btree ("id") WHERE "bank_lines"."status" = 'suspense';--> statement-breakpoint
CREATE INDEX "payment_announcements_pending_idx" ON "payment_announcements" USING btree (upper("reference")) WHERE "payment_announcements"."status" = 'pending';
