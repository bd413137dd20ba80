-- Issue 15: contribution_months (one row per participant × employer × month: billions at national
-- scale) is range-partitioned by period, one partition per calendar year (ARCHITECTURE.md
-- "Partitioned contribution months"). Same columns, same constraint and index names (db/errors.ts
-- keeps mapping them), no DEFAULT partition: a row of a month no partition holds is refused with
-- SQLSTATE 23514, answered CONTRIBUTION_PERIOD_NOT_HELD. Partitions run from 1995 (social insurance
-- began in 1995) and are created ahead by ansinh_ensure_contribution_partitions, which the worker,
-- `ansinh start`, `ansinh db migrate|partitions` and the monthly reconciliation call
-- (db/queries/partitions.ts). The rows move in this migration's transaction: the old table is
-- renamed, the new one created, the rows copied, the old one dropped.
ALTER TABLE "contribution_months" RENAME TO "contribution_months_unpartitioned";--> statement-breakpoint
ALTER TABLE "contribution_months_unpartitioned" RENAME CONSTRAINT "contribution_months_personal_id_employer_tax_code_period_pk" TO "contribution_months_unpartitioned_pk";--> statement-breakpoint
ALTER INDEX "contribution_months_employer_period_idx" RENAME TO "contribution_months_unpartitioned_employer_period_idx";--> statement-breakpoint
CREATE TABLE "contribution_months" (
	"personal_id" text NOT NULL,
	"employer_tax_code" text NOT NULL,
	"period" text NOT NULL,
	"status" text NOT NULL,
	"salary" numeric(15, 0) NOT NULL,
	"employee_amount" numeric(15, 0) NOT NULL,
	"employer_amount" numeric(15, 0) NOT NULL,
	"amount" numeric(15, 0) NOT NULL,
	"lines" integer NOT NULL,
	CONSTRAINT "contribution_months_status" CHECK ("contribution_months"."status" in ('credited','declared_unpaid'))
) PARTITION BY RANGE ("period");
--> statement-breakpoint
-- The maintenance step: every yearly partition from 1995 through the year of `through` (at most
-- 2099, the last plausible month: rules §8.31), created if missing; returns how many it created.
-- Idempotent and cheap when nothing is missing (catalog lookups only). A new partition is created
-- beside the table and ATTACHed, which locks the parent only SHARE UPDATE EXCLUSIVE (CREATE TABLE …
-- PARTITION OF would take ACCESS EXCLUSIVE and stop every reader and writer of the months); the
-- foreign keys it inherits need SHARE ROW EXCLUSIVE on participants and employers for a moment, so
-- the step gives up after lock_timeout rather than queue the writers behind it (the next call
-- creates it). SECURITY DEFINER: the application's role ansinh_app may call it, not create tables.
CREATE FUNCTION "ansinh_ensure_contribution_partitions"(through text) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, public, pg_temp
SET lock_timeout = '2s'
AS $$
DECLARE
  last_year integer;
  y integer;
  part text;
  locked boolean := false;
  made integer := 0;
BEGIN
  IF through IS NULL OR through !~ '^[0-9]{4}-(0[1-9]|1[0-2])$' THEN
    RAISE EXCEPTION 'not a month (YYYY-MM): %', through USING ERRCODE = '22023';
  END IF;
  last_year := least(substr(through, 1, 4)::integer, 2099);
  FOR y IN 1995..last_year LOOP
    part := 'contribution_months_y' || y;
    IF to_regclass('public.' || part) IS NULL THEN
      IF NOT locked THEN
        -- The lock ATTACH takes anyway, taken first: it conflicts with itself (two workers starting
        -- at once: the second waits, then finds the partitions made) and not with readers or writers.
        LOCK TABLE public.contribution_months IN SHARE UPDATE EXCLUSIVE MODE;
        locked := true;
      END IF;
      IF to_regclass('public.' || part) IS NULL THEN
        EXECUTE format('CREATE TABLE public.%I (LIKE public.contribution_months INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', part);
        EXECUTE format('ALTER TABLE public.contribution_months ATTACH PARTITION public.%I FOR VALUES FROM (%L) TO (%L)',
                       part, y || '-01', (y + 1) || '-01');
        made := made + 1;
      END IF;
    END IF;
  END LOOP;
  RETURN made;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION "ansinh_ensure_contribution_partitions"(text) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION "ansinh_ensure_contribution_partitions"(text) TO ansinh_app;--> statement-breakpoint
-- 1995 through 2030, or through the latest month already held if a reconciliation wrote one beyond.
SELECT "ansinh_ensure_contribution_partitions"(greatest('2030-12', coalesce((
  SELECT max("period") FROM "contribution_months_unpartitioned" WHERE "period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'), '2030-12')));--> statement-breakpoint
-- A row before 1995 (none can be computed: the rates start in 2009) fails here with "no partition of
-- relation found for row", and the whole migration with it: nothing is lost.
INSERT INTO "contribution_months" ("personal_id", "employer_tax_code", "period", "status", "salary", "employee_amount", "employer_amount", "amount", "lines")
  SELECT "personal_id", "employer_tax_code", "period", "status", "salary", "employee_amount", "employer_amount", "amount", "lines"
    FROM "contribution_months_unpartitioned";--> statement-breakpoint
DROP TABLE "contribution_months_unpartitioned";--> statement-breakpoint
-- Keys, index and checks after the copy (built once per partition, not maintained row by row).
ALTER TABLE "contribution_months" ADD CONSTRAINT "contribution_months_personal_id_employer_tax_code_period_pk" PRIMARY KEY("personal_id","employer_tax_code","period");--> statement-breakpoint
CREATE INDEX "contribution_months_employer_period_idx" ON "contribution_months" USING btree ("employer_tax_code","period");--> statement-breakpoint
-- NOT VALID as before (migration 0003: rows written before it carry zero amounts until reconciled
-- again). Unqualified columns: a check added to a partitioned table is added to every partition too.
ALTER TABLE "contribution_months" ADD CONSTRAINT "contribution_months_amounts" CHECK ("amount" = "employee_amount" + "employer_amount" and "employee_amount" >= 0 and "employer_amount" >= 0 and "salary" > 0) NOT VALID;--> statement-breakpoint
ALTER TABLE "contribution_months" ADD CONSTRAINT "contribution_months_personal_id_participants_personal_id_fk" FOREIGN KEY ("personal_id") REFERENCES "public"."participants"("personal_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contribution_months" ADD CONSTRAINT "contribution_months_employer_tax_code_employers_tax_code_fk" FOREIGN KEY ("employer_tax_code") REFERENCES "public"."employers"("tax_code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "contribution_months" TO ansinh_app;--> statement-breakpoint
ANALYZE "contribution_months";
