-- Issue 15: the business gauges read the latest reconciled period and the arrears still owed from
-- indexes, never by scanning every employer's every month (db/queries/metrics.ts).
CREATE INDEX "employer_periods_period_idx" ON "employer_periods" USING btree ("period");--> statement-breakpoint
CREATE INDEX "employer_periods_arrears_idx" ON "employer_periods" USING btree ("period") WHERE "employer_periods"."outstanding" > 0 or "employer_periods"."late_charge" > "employer_periods"."charge_paid";
