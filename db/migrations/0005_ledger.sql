-- Allocations become derived (domain/reconciliation.ts replayLedger): each row says on which day
-- the money settled the period (the payment's value date, or the deadline on which held credit was
-- used) and whether it came from credit. Rows written before carry their payment's value date;
-- the next payment, declaration or reconciliation of the employer rewrites them.
ALTER TABLE "payment_allocations" ADD COLUMN "settled_on" date;--> statement-breakpoint
UPDATE "payment_allocations" a SET "settled_on" = p."value_date" FROM "payments" p WHERE p."id" = a."payment_id";--> statement-breakpoint
ALTER TABLE "payment_allocations" ALTER COLUMN "settled_on" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "payment_allocations" ADD COLUMN "from_credit" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "payment_allocations" ADD CONSTRAINT "payment_allocations_not_empty" CHECK ("payment_allocations"."principal" + "payment_allocations"."interest" > 0) NOT VALID;
