-- Issue 15 (FHIR for facilities, one coverage engine): why a card stopped, and the agency's lock or
-- withdrawal of a person's card (HI Law Art.16(4), Art.20; Decree 188/2025 Art.12).
-- end_reason: 'left_scheme' when the card was ended before its term because the person no longer
-- takes part (their employment ended, their unemployment benefit was terminated); null when the card
-- runs to its printed end. Backfilled: an employer-paid card is issued open-ended, so one that has a
-- last day was ended by a leave declaration; a UI-paid card is issued for the benefit period, so one
-- that ends before its claim's end date was cut by a termination.
ALTER TABLE "hi_cards" ADD COLUMN "end_reason" text;--> statement-breakpoint
UPDATE "hi_cards" SET "end_reason" = 'left_scheme' WHERE "payer_kind" = 'employer' AND "valid_to" IS NOT NULL;--> statement-breakpoint
UPDATE "hi_cards" c SET "end_reason" = 'left_scheme' FROM "ui_claims" u
 WHERE c."payer_kind" = 'ui_fund' AND u."personal_id" = c."personal_id" AND u."start_date" = c."valid_from"
   AND u."end_date" IS NOT NULL AND c."valid_to" < u."end_date";--> statement-breakpoint
ALTER TABLE "hi_cards" ADD CONSTRAINT "hi_cards_end_reason" CHECK ("hi_cards"."end_reason" is null or ("hi_cards"."end_reason" = 'left_scheme' and "hi_cards"."valid_to" is not null));--> statement-breakpoint
-- A card locked (tạm khóa: used by someone else or lent, lifted once the fine is paid) or withdrawn
-- (thu hồi: fraud in its issue), from a day, by an officer's decision whose reference is the business
-- key: one row per card the person holds in force that day (the law gives a person one card; the
-- database keeps one row per payer). One lock open per card at a time; a card issued later is not
-- locked by it.
CREATE TABLE "hi_card_locks" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"personal_id" text NOT NULL,
	"card_id" bigint NOT NULL,
	"reference" text NOT NULL,
	"kind" text NOT NULL,
	"ground" text NOT NULL,
	"effective_from" date NOT NULL,
	"lifted_on" date,
	"decided_by" text NOT NULL,
	"decided_at" timestamp with time zone NOT NULL,
	"lifted_by" text,
	"lifted_at" timestamp with time zone,
	CONSTRAINT "hi_card_locks_card_reference" UNIQUE("card_id","reference"),
	CONSTRAINT "hi_card_locks_reference_format" CHECK ("hi_card_locks"."reference" ~ '^[A-Za-z0-9._:/-]{1,80}$'),
	CONSTRAINT "hi_card_locks_kind" CHECK ("hi_card_locks"."kind" in ('locked','withdrawn')),
	CONSTRAINT "hi_card_locks_ground" CHECK (("hi_card_locks"."kind" = 'withdrawn' and "hi_card_locks"."ground" = 'fraud') or ("hi_card_locks"."kind" = 'locked' and "hi_card_locks"."ground" in ('used_by_another','lent'))),
	CONSTRAINT "hi_card_locks_lifted" CHECK (("hi_card_locks"."lifted_on" is null) = ("hi_card_locks"."lifted_by" is null) and ("hi_card_locks"."lifted_on" is null) = ("hi_card_locks"."lifted_at" is null) and ("hi_card_locks"."lifted_on" is null or ("hi_card_locks"."kind" = 'locked' and "hi_card_locks"."lifted_on" > "hi_card_locks"."effective_from")))
);
--> statement-breakpoint
ALTER TABLE "hi_card_locks" ADD CONSTRAINT "hi_card_locks_personal_id_participants_personal_id_fk" FOREIGN KEY ("personal_id") REFERENCES "public"."participants"("personal_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hi_card_locks" ADD CONSTRAINT "hi_card_locks_card_id_hi_cards_id_fk" FOREIGN KEY ("card_id") REFERENCES "public"."hi_cards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "hi_card_locks_one_open" ON "hi_card_locks" USING btree ("card_id") WHERE "hi_card_locks"."lifted_on" is null;--> statement-breakpoint
CREATE INDEX "hi_card_locks_card_idx" ON "hi_card_locks" USING btree ("card_id","effective_from");--> statement-breakpoint
CREATE INDEX "hi_card_locks_person_idx" ON "hi_card_locks" USING btree ("personal_id");
