-- Issue 14 part 4: account numbers are no longer kept in clear. A new row keeps the number sealed
-- (AES-256-GCM under a key derived from the server secret for this purpose, services/bank-accounts.ts),
-- its keyed hash (HMAC-SHA-256, for equality lookups) and its last 4 digits (what every page shows).
-- This migration cannot know the secret: it adds the columns, fills the last 4 digits and lets
-- account_number be null; the rows it finds in clear are sealed by an idempotent step in code
-- (services/bank-accounts.ts sealClearBankAccounts, run by `ansinh start` and `ansinh worker` as they start), which also
-- seals the numbers that bank_account data-update requests hold and the stored pain.001 files (which
-- carry the creditors' accounts: payment_files.xml_sealed, its own purpose key). Until then the code
-- reads a clear row as before. A row is either clear (number, no seal) or sealed (seal and hash, no number).
-- A transfer executed and then returned by the bank (camt.054 reversal) becomes `reversed`: its
-- execution date kept, the reversal's date (reversed_on) and reason added.
ALTER TABLE "bank_accounts" ADD COLUMN "account_sealed" text;--> statement-breakpoint
ALTER TABLE "bank_accounts" ADD COLUMN "account_hmac" text;--> statement-breakpoint
ALTER TABLE "bank_accounts" ADD COLUMN "account_last4" text;--> statement-breakpoint
UPDATE "bank_accounts" SET "account_last4" = right("account_number", 4);--> statement-breakpoint
ALTER TABLE "bank_accounts" ALTER COLUMN "account_last4" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "bank_accounts" ALTER COLUMN "account_number" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "bank_accounts" ADD CONSTRAINT "bank_accounts_sealed" CHECK (("bank_accounts"."account_number" is null) = ("bank_accounts"."account_sealed" is not null and "bank_accounts"."account_hmac" is not null));--> statement-breakpoint
ALTER TABLE "bank_accounts" ADD CONSTRAINT "bank_accounts_last4" CHECK ("bank_accounts"."account_last4" ~ '^[0-9]{4}$');--> statement-breakpoint
ALTER TABLE "bank_accounts" ADD CONSTRAINT "bank_accounts_hmac" CHECK ("bank_accounts"."account_hmac" ~ '^[0-9a-f]{64}$');--> statement-breakpoint
CREATE INDEX "bank_accounts_hmac_idx" ON "bank_accounts" USING btree ("account_hmac") WHERE "bank_accounts"."account_hmac" is not null;--> statement-breakpoint
ALTER TABLE "payment_files" ADD COLUMN "xml_sealed" text;--> statement-breakpoint
ALTER TABLE "payment_files" ALTER COLUMN "xml" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "payment_files" ADD CONSTRAINT "payment_files_sealed" CHECK (("payment_files"."xml" is null) = ("payment_files"."xml_sealed" is not null));--> statement-breakpoint
ALTER TABLE "payment_instructions" ADD COLUMN "reversed_on" date;--> statement-breakpoint
ALTER TABLE "payment_instructions" DROP CONSTRAINT "payment_instructions_status";--> statement-breakpoint
ALTER TABLE "payment_instructions" ADD CONSTRAINT "payment_instructions_status" CHECK ("payment_instructions"."status" in ('instructed','executed','rejected','reversed'));--> statement-breakpoint
ALTER TABLE "payment_instructions" DROP CONSTRAINT "payment_instructions_settled";--> statement-breakpoint
ALTER TABLE "payment_instructions" ADD CONSTRAINT "payment_instructions_settled" CHECK (("payment_instructions"."status" = 'instructed') = ("payment_instructions"."bank_date" is null) and ("payment_instructions"."status" in ('rejected','reversed')) = ("payment_instructions"."reason_code" is not null) and ("payment_instructions"."status" = 'reversed') = ("payment_instructions"."reversed_on" is not null));
