-- Issue 16: the coverage check's in-memory validity index (services/coverage-index.ts) is told by
-- the writers' own transactions whose coverage changed. Statement-level triggers on the three tables
-- the answer reads (participants, hi_cards, hi_card_locks) write the persons a statement changed into
-- coverage_changes and NOTIFY ansinh_coverage with the range of ids they wrote ("c <from> <to>"): a
-- NOTIFY is delivered at commit only, so an index never sees a change that rolls back, and sees
-- every committed one in commit order. A statement that changes more than 10,000 persons (a bulk
-- COPY, a backfill) writes no rows but "all": the index reloads everything. A TRUNCATE says "all".
-- Updates that change no column the answer reads (updated_at, e-mail, preferred language) write
-- nothing. UNLOGGED: the rows are read within a second by every API process and pruned after
-- minutes; a crash that empties the table also drops every listening connection, and each index
-- then reloads everything.
CREATE UNLOGGED TABLE "coverage_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"personal_id" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
CREATE INDEX "coverage_changes_at_idx" ON "coverage_changes" USING btree ("at");--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON "coverage_changes" TO ansinh_app;--> statement-breakpoint
GRANT USAGE, SELECT ON SEQUENCE "coverage_changes_id_seq" TO ansinh_app;--> statement-breakpoint
CREATE FUNCTION "ansinh_coverage_note"(persons text[]) RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
  lo bigint;
  hi bigint;
BEGIN
  IF persons IS NULL OR cardinality(persons) = 0 THEN
    RETURN;
  END IF;
  IF cardinality(persons) > 10000 THEN
    PERFORM pg_notify('ansinh_coverage', 'all');
    RETURN;
  END IF;
  WITH ins AS (
    INSERT INTO "coverage_changes" ("personal_id") SELECT DISTINCT p FROM unnest(persons) AS p RETURNING "id"
  )
  SELECT min("id"), max("id") INTO lo, hi FROM ins;
  PERFORM pg_notify('ansinh_coverage', 'c ' || lo || ' ' || hi);
END
$$;--> statement-breakpoint
CREATE FUNCTION "ansinh_coverage_truncated"() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  PERFORM pg_notify('ansinh_coverage', 'all');
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE FUNCTION "ansinh_coverage_participants_changed"() RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
  persons text[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF (SELECT count(*) FROM new_rows) > 10000 THEN
      PERFORM pg_notify('ansinh_coverage', 'all');
      RETURN NULL;
    END IF;
    SELECT array_agg("personal_id") INTO persons FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    IF (SELECT count(*) FROM old_rows) > 10000 THEN
      PERFORM pg_notify('ansinh_coverage', 'all');
      RETURN NULL;
    END IF;
    SELECT array_agg("personal_id") INTO persons FROM old_rows;
  ELSE
    SELECT array_agg(DISTINCT x.p) INTO persons FROM (
      SELECT n."personal_id" AS p FROM new_rows n LEFT JOIN old_rows o ON o."personal_id" = n."personal_id"
       WHERE o."personal_id" IS NULL
          OR (n."si_number", n."full_name", n."date_of_birth", n."gender")
             IS DISTINCT FROM (o."si_number", o."full_name", o."date_of_birth", o."gender")
      UNION ALL
      SELECT o."personal_id" FROM old_rows o LEFT JOIN new_rows n ON n."personal_id" = o."personal_id"
       WHERE n."personal_id" IS NULL
    ) x;
  END IF;
  PERFORM "ansinh_coverage_note"(persons);
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE FUNCTION "ansinh_coverage_cards_changed"() RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
  persons text[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF (SELECT count(*) FROM new_rows) > 10000 THEN
      PERFORM pg_notify('ansinh_coverage', 'all');
      RETURN NULL;
    END IF;
    SELECT array_agg("personal_id") INTO persons FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    IF (SELECT count(*) FROM old_rows) > 10000 THEN
      PERFORM pg_notify('ansinh_coverage', 'all');
      RETURN NULL;
    END IF;
    SELECT array_agg("personal_id") INTO persons FROM old_rows;
  ELSE
    SELECT array_agg(DISTINCT x.p) INTO persons FROM (
      SELECT unnest(ARRAY[n."personal_id", o."personal_id"]) AS p
        FROM new_rows n FULL JOIN old_rows o ON o."id" = n."id"
       WHERE o."id" IS NULL OR n."id" IS NULL
          OR (n."personal_id", n."card_code", n."payer_kind", n."payer_tax_code", n."benefit_level", n."valid_from",
              n."valid_to", n."initial_facility_code", n."five_years_from", n."end_reason")
             IS DISTINCT FROM
             (o."personal_id", o."card_code", o."payer_kind", o."payer_tax_code", o."benefit_level", o."valid_from",
              o."valid_to", o."initial_facility_code", o."five_years_from", o."end_reason")
    ) x WHERE x.p IS NOT NULL;
  END IF;
  PERFORM "ansinh_coverage_note"(persons);
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE FUNCTION "ansinh_coverage_locks_changed"() RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
  persons text[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF (SELECT count(*) FROM new_rows) > 10000 THEN
      PERFORM pg_notify('ansinh_coverage', 'all');
      RETURN NULL;
    END IF;
    SELECT array_agg("personal_id") INTO persons FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    IF (SELECT count(*) FROM old_rows) > 10000 THEN
      PERFORM pg_notify('ansinh_coverage', 'all');
      RETURN NULL;
    END IF;
    SELECT array_agg("personal_id") INTO persons FROM old_rows;
  ELSE
    SELECT array_agg(DISTINCT x.p) INTO persons FROM (
      SELECT unnest(ARRAY[n."personal_id", o."personal_id"]) AS p
        FROM new_rows n FULL JOIN old_rows o ON o."id" = n."id"
       WHERE o."id" IS NULL OR n."id" IS NULL
          OR (n."personal_id", n."card_id", n."kind", n."effective_from", n."lifted_on")
             IS DISTINCT FROM (o."personal_id", o."card_id", o."kind", o."effective_from", o."lifted_on")
    ) x WHERE x.p IS NOT NULL;
  END IF;
  PERFORM "ansinh_coverage_note"(persons);
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "coverage_participants_insert" AFTER INSERT ON "participants" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "ansinh_coverage_participants_changed"();--> statement-breakpoint
CREATE TRIGGER "coverage_participants_update" AFTER UPDATE ON "participants" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "ansinh_coverage_participants_changed"();--> statement-breakpoint
CREATE TRIGGER "coverage_participants_delete" AFTER DELETE ON "participants" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "ansinh_coverage_participants_changed"();--> statement-breakpoint
CREATE TRIGGER "coverage_participants_truncate" AFTER TRUNCATE ON "participants" FOR EACH STATEMENT EXECUTE FUNCTION "ansinh_coverage_truncated"();--> statement-breakpoint
CREATE TRIGGER "coverage_cards_insert" AFTER INSERT ON "hi_cards" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "ansinh_coverage_cards_changed"();--> statement-breakpoint
CREATE TRIGGER "coverage_cards_update" AFTER UPDATE ON "hi_cards" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "ansinh_coverage_cards_changed"();--> statement-breakpoint
CREATE TRIGGER "coverage_cards_delete" AFTER DELETE ON "hi_cards" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "ansinh_coverage_cards_changed"();--> statement-breakpoint
CREATE TRIGGER "coverage_cards_truncate" AFTER TRUNCATE ON "hi_cards" FOR EACH STATEMENT EXECUTE FUNCTION "ansinh_coverage_truncated"();--> statement-breakpoint
CREATE TRIGGER "coverage_locks_insert" AFTER INSERT ON "hi_card_locks" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "ansinh_coverage_locks_changed"();--> statement-breakpoint
CREATE TRIGGER "coverage_locks_update" AFTER UPDATE ON "hi_card_locks" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "ansinh_coverage_locks_changed"();--> statement-breakpoint
CREATE TRIGGER "coverage_locks_delete" AFTER DELETE ON "hi_card_locks" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "ansinh_coverage_locks_changed"();--> statement-breakpoint
CREATE TRIGGER "coverage_locks_truncate" AFTER TRUNCATE ON "hi_card_locks" FOR EACH STATEMENT EXECUTE FUNCTION "ansinh_coverage_truncated"();
