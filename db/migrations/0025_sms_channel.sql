-- Issue 14 (contact channels): the relay sends a notice whose channel is `sms` through an HTTP SMS
-- gateway (services/sms.ts), so a delivery may be by SMS; and a recovery captures, when it opens,
-- the contact on file (sealed: services/seal.ts, purpose outbox-recipient), so that its completion
-- is told to the OLD contact even though the new one is on file by then. The sealed value moves
-- into the completion's notice and is erased from the recovery when it ends.
ALTER TABLE "outbox" DROP CONSTRAINT "outbox_delivered_via";--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_delivered_via" CHECK ("outbox"."delivered_via" is null or "outbox"."delivered_via" in ('smtp','sms','inbox'));--> statement-breakpoint
ALTER TABLE "access_recoveries" ADD COLUMN "old_contact" text;--> statement-breakpoint
ALTER TABLE "access_recoveries" ADD CONSTRAINT "access_recoveries_old_contact_ended" CHECK ("access_recoveries"."old_contact" is null or "access_recoveries"."status" not in ('completed','expired'));
