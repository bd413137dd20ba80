-- The narrow per-fund lines table gives way to the participant's lines of the month on
-- contribution_months (base and sums per side). Rows written before this migration carry zero
-- amounts (the check is NOT VALID for them) until their period is reconciled again
-- (`ansinh reconcile --period <YYYY-MM>`), which rewrites them.
ALTER TABLE "contribution_lines" DISABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP TABLE "contribution_lines" CASCADE;--> statement-breakpoint
ALTER TABLE "contribution_months" DROP CONSTRAINT "contribution_months_period_person";--> statement-breakpoint
ALTER TABLE "contribution_months" ADD COLUMN "salary" numeric(15, 0) NOT NULL DEFAULT 0;--> statement-breakpoint
ALTER TABLE "contribution_months" ADD COLUMN "employee_amount" numeric(15, 0) NOT NULL DEFAULT 0;--> statement-breakpoint
ALTER TABLE "contribution_months" ADD COLUMN "employer_amount" numeric(15, 0) NOT NULL DEFAULT 0;--> statement-breakpoint
ALTER TABLE "contribution_months" ADD COLUMN "amount" numeric(15, 0) NOT NULL DEFAULT 0;--> statement-breakpoint
ALTER TABLE "contribution_months" ADD COLUMN "lines" integer NOT NULL DEFAULT 0;--> statement-breakpoint
ALTER TABLE "employer_periods" ADD COLUMN "employees" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "employer_periods" ADD COLUMN "due_by_fund" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
CREATE INDEX "contribution_months_employer_period_idx" ON "contribution_months" USING btree ("employer_tax_code","period");--> statement-breakpoint
ALTER TABLE "contribution_months" ADD CONSTRAINT "contribution_months_amounts" CHECK ("contribution_months"."amount" = "contribution_months"."employee_amount" + "contribution_months"."employer_amount" and "contribution_months"."employee_amount" >= 0 and "contribution_months"."employer_amount" >= 0 and "contribution_months"."salary" > 0) NOT VALID;--> statement-breakpoint
ALTER TABLE "contribution_months" ALTER COLUMN "salary" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "contribution_months" ALTER COLUMN "employee_amount" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "contribution_months" ALTER COLUMN "employer_amount" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "contribution_months" ALTER COLUMN "amount" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "contribution_months" ALTER COLUMN "lines" DROP DEFAULT;
