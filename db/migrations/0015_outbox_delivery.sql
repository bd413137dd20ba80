-- Issue 13, delivery: the outbox is read by the relay (services/relay.ts), a process that leases
-- rows in PostgreSQL (FOR UPDATE SKIP LOCKED + lease expiry) and sends them over SMTP.
-- status: queued (waiting, maybe after a failure: next_attempt_at says when), sending (leased:
-- lease_owner holds it until lease_until; the state written BEFORE the SMTP send), sent (recorded
-- after), failed (a transient failure, retried at next_attempt_at), dead (the attempt limit was
-- reached: an operator sees it and may retry it). last_error is a code (SMTP_AUTH, SMTP_REFUSED,
-- …), never a message or an address. message_id is derived from the row and never changes: a
-- resend after a crash between the send and the record carries the same Message-ID.
-- delivered_via: 'smtp' (sent by e-mail) or 'inbox' (no address on file / not an e-mail notice:
-- the recipient reads it in the app's inbox).
ALTER TABLE "outbox" ADD COLUMN "status" text DEFAULT 'queued' NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "next_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "last_error" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "lease_owner" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "lease_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "delivered_via" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "message_id" text GENERATED ALWAYS AS ('<notice-' || "id"::text || '@ansinh.local>') STORED NOT NULL;--> statement-breakpoint
UPDATE "outbox" SET "status" = 'sent', "delivered_via" = 'inbox' WHERE "sent_at" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_status" CHECK ("outbox"."status" in ('queued','sending','sent','failed','dead'));--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_last_error_code" CHECK ("outbox"."last_error" is null or "outbox"."last_error" ~ '^[A-Z][A-Z0-9_]{1,39}$');--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_delivered_via" CHECK ("outbox"."delivered_via" is null or "outbox"."delivered_via" in ('smtp','inbox'));--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_lease" CHECK (("outbox"."status" = 'sending') = ("outbox"."lease_until" is not null));--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_sent" CHECK (("outbox"."status" = 'sent') = ("outbox"."sent_at" is not null));--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_message_id_unique" UNIQUE("message_id");--> statement-breakpoint
DROP INDEX "outbox_unsent_idx";--> statement-breakpoint
CREATE INDEX "outbox_due_idx" ON "outbox" USING btree ("next_attempt_at","id") WHERE "outbox"."status" in ('queued','failed');--> statement-breakpoint
CREATE INDEX "outbox_lease_idx" ON "outbox" USING btree ("lease_until") WHERE "outbox"."status" = 'sending';--> statement-breakpoint
CREATE INDEX "outbox_dead_idx" ON "outbox" USING btree ("id") WHERE "outbox"."status" = 'dead';--> statement-breakpoint
CREATE INDEX "outbox_recipient_idx" ON "outbox" USING btree ("recipient_type","recipient_id","id");
