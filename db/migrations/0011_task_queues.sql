-- Issue 12, Part A: the work queue is a projection. Every wait of the agency's processes (a claim
-- awaiting its decision, a report window, an onboarding awaiting approval, a bank line in suspense)
-- is a task row written in the transaction of the state that causes it; who must act is `actor`;
-- an escalation stamps `escalated_at`; a claim's report window opens on `opens_on`.
ALTER TABLE "tasks" ADD COLUMN "actor" text DEFAULT 'officer' NOT NULL;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "escalated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "opens_on" date;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "onboarding_request_id" uuid;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "bank_line_id" bigint;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_actor" CHECK ("tasks"."actor" in ('officer','participant','employer'));--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_onboarding_request_id_onboarding_requests_id_fk" FOREIGN KEY ("onboarding_request_id") REFERENCES "public"."onboarding_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_bank_line_id_bank_lines_id_fk" FOREIGN KEY ("bank_line_id") REFERENCES "public"."bank_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- One task of a kind per subject (besides the dedupe key): a retried activity adds none.
CREATE UNIQUE INDEX "tasks_onboarding_kind" ON "tasks" USING btree ("kind","onboarding_request_id") WHERE "tasks"."onboarding_request_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "tasks_bank_line_kind" ON "tasks" USING btree ("kind","bank_line_id") WHERE "tasks"."bank_line_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "tasks_claim_decision" ON "tasks" USING btree ("claim_id") WHERE "tasks"."kind" = 'claim.decision';--> statement-breakpoint
-- The queue's order, due date (none last) then id, for any status; the open tasks by actor and by province in that order.
CREATE INDEX "tasks_status_order_idx" ON "tasks" USING btree ("status",coalesce("due_date", 'infinity'::date),"id");--> statement-breakpoint
CREATE INDEX "tasks_open_actor_order_idx" ON "tasks" USING btree ("actor",coalesce("due_date", 'infinity'::date),"id") WHERE "tasks"."status" = 'open';--> statement-breakpoint
CREATE INDEX "tasks_open_province_order_idx" ON "tasks" USING btree ("province_code",coalesce("due_date", 'infinity'::date),"id") WHERE "tasks"."status" = 'open';--> statement-breakpoint
DROP INDEX "tasks_open_queue_idx";--> statement-breakpoint
-- The counts per kind (open, overdue) over any filter, kept by the tasks' own statements: the open
-- tasks per actor × kind × province × due date × opening day × escalated, each also under
-- province '' (every province, and the tasks of none). A page's counts sum a few hundred of these
-- rows instead of reading every open task. Statement-level triggers over the transition tables
-- write them in the transaction of the change, one upsert per bucket, in key order.
CREATE TABLE "task_counts" (
	"actor" text NOT NULL,
	"kind" text NOT NULL,
	"province_code" text NOT NULL,
	"due_date" date NOT NULL,
	"opens_on" date NOT NULL,
	"escalated" boolean NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "task_counts_pk" PRIMARY KEY("actor","kind","province_code","due_date","opens_on","escalated")
);--> statement-breakpoint
CREATE FUNCTION "task_counts_apply_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO task_counts AS c (actor, kind, province_code, due_date, opens_on, escalated, n)
  SELECT d.actor, d.kind, pv.p, d.due, d.opens, d.esc, sum(d.delta)::int
    FROM (
      SELECT actor, kind, province_code, coalesce(due_date, 'infinity'::date) AS due,
             coalesce(opens_on, '-infinity'::date) AS opens, escalated_at IS NOT NULL AS esc, 1 AS delta
        FROM new_rows WHERE status = 'open'
      UNION ALL
      SELECT actor, kind, province_code, coalesce(due_date, 'infinity'::date),
             coalesce(opens_on, '-infinity'::date), escalated_at IS NOT NULL, -1
        FROM old_rows WHERE status = 'open'
    ) d
    CROSS JOIN LATERAL (VALUES (''), (d.province_code)) AS pv(p)
   WHERE pv.p IS NOT NULL
   GROUP BY d.actor, d.kind, pv.p, d.due, d.opens, d.esc
  HAVING sum(d.delta) <> 0
   ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (actor, kind, province_code, due_date, opens_on, escalated) DO UPDATE SET n = c.n + excluded.n;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION "task_counts_apply_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO task_counts AS c (actor, kind, province_code, due_date, opens_on, escalated, n)
  SELECT d.actor, d.kind, pv.p, d.due, d.opens, d.esc, count(*)::int
    FROM (SELECT actor, kind, province_code, coalesce(due_date, 'infinity'::date) AS due,
                 coalesce(opens_on, '-infinity'::date) AS opens, escalated_at IS NOT NULL AS esc
            FROM new_rows WHERE status = 'open') d
    CROSS JOIN LATERAL (VALUES (''), (d.province_code)) AS pv(p)
   WHERE pv.p IS NOT NULL
   GROUP BY d.actor, d.kind, pv.p, d.due, d.opens, d.esc
   ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (actor, kind, province_code, due_date, opens_on, escalated) DO UPDATE SET n = c.n + excluded.n;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION "task_counts_apply_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE task_counts c SET n = c.n - d.n
    FROM (SELECT actor, kind, pv.p AS province_code, coalesce(due_date, 'infinity'::date) AS due,
                 coalesce(opens_on, '-infinity'::date) AS opens, escalated_at IS NOT NULL AS esc, count(*)::int AS n
            FROM old_rows CROSS JOIN LATERAL (VALUES (''), (old_rows.province_code)) AS pv(p)
           WHERE status = 'open' AND pv.p IS NOT NULL
           GROUP BY 1, 2, 3, 4, 5, 6) d
   WHERE (c.actor, c.kind, c.province_code, c.due_date, c.opens_on, c.escalated) = (d.actor, d.kind, d.province_code, d.due, d.opens, d.esc);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "tasks_counts_insert" AFTER INSERT ON "tasks" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "task_counts_apply_insert"();--> statement-breakpoint
CREATE TRIGGER "tasks_counts_update" AFTER UPDATE ON "tasks" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "task_counts_apply_update"();--> statement-breakpoint
CREATE TRIGGER "tasks_counts_delete" AFTER DELETE ON "tasks" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "task_counts_apply_delete"();
--> statement-breakpoint
-- The tasks written before this migration, counted once.
INSERT INTO "task_counts" (actor, kind, province_code, due_date, opens_on, escalated, n)
SELECT actor, kind, pv.p, coalesce(due_date, 'infinity'::date), coalesce(opens_on, '-infinity'::date), escalated_at IS NOT NULL, count(*)::int
  FROM "tasks" CROSS JOIN LATERAL (VALUES (''), (province_code)) AS pv(p)
 WHERE status = 'open' AND pv.p IS NOT NULL
 GROUP BY 1, 2, 3, 4, 5, 6;
