-- Issue 12, red-team fixes.
-- 1. The job-search report's summary (Form 24: what the participant did to find work) is kept: a
--    case_texts row of kind claim.report_summary, written before the report's Update (which carries
--    its id only), and linked to its benefit month by the activity that records the report.
ALTER TABLE "case_texts" DROP CONSTRAINT "case_texts_kind";--> statement-breakpoint
ALTER TABLE "case_texts" ADD CONSTRAINT "case_texts_kind" CHECK ("case_texts"."kind" in ('claim.decision_reason','claim.termination_note','claim.report_summary','onboarding.rejection_reason'));--> statement-breakpoint
ALTER TABLE "ui_claim_months" ADD COLUMN "report_text_id" bigint;--> statement-breakpoint
ALTER TABLE "ui_claim_months" ADD CONSTRAINT "ui_claim_months_report_text_id_case_texts_id_fk" FOREIGN KEY ("report_text_id") REFERENCES "public"."case_texts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- 2. task_counts holds the buckets that count an open task, no more: a bucket whose n reaches 0 is
--    deleted by the statement that emptied it (0011 left every due date ever seen behind, n = 0).
--    Every change is one upsert per bucket in key order (insert or add; the row is locked until
--    commit), then a delete of the buckets it decremented whose n is now 0 — rows this transaction
--    already holds. A concurrent transaction adding to a bucket waits on that lock; when the bucket
--    was deleted at commit its INSERT … ON CONFLICT finds no row and inserts it again.
CREATE OR REPLACE FUNCTION "task_counts_apply_update"() RETURNS trigger LANGUAGE plpgsql AS $$
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
  DELETE FROM task_counts c
   USING (SELECT DISTINCT actor, kind, pv.p AS province_code, coalesce(due_date, 'infinity'::date) AS due,
                 coalesce(opens_on, '-infinity'::date) AS opens, escalated_at IS NOT NULL AS esc
            FROM old_rows CROSS JOIN LATERAL (VALUES (''), (old_rows.province_code)) AS pv(p)
           WHERE status = 'open' AND pv.p IS NOT NULL) d
   WHERE (c.actor, c.kind, c.province_code, c.due_date, c.opens_on, c.escalated) = (d.actor, d.kind, d.province_code, d.due, d.opens, d.esc)
     AND c.n = 0;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "task_counts_apply_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO task_counts AS c (actor, kind, province_code, due_date, opens_on, escalated, n)
  SELECT actor, kind, pv.p, coalesce(due_date, 'infinity'::date), coalesce(opens_on, '-infinity'::date),
         escalated_at IS NOT NULL, -count(*)::int
    FROM old_rows CROSS JOIN LATERAL (VALUES (''), (old_rows.province_code)) AS pv(p)
   WHERE status = 'open' AND pv.p IS NOT NULL
   GROUP BY 1, 2, 3, 4, 5, 6
   ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (actor, kind, province_code, due_date, opens_on, escalated) DO UPDATE SET n = c.n + excluded.n;
  DELETE FROM task_counts c
   USING (SELECT DISTINCT actor, kind, pv.p AS province_code, coalesce(due_date, 'infinity'::date) AS due,
                 coalesce(opens_on, '-infinity'::date) AS opens, escalated_at IS NOT NULL AS esc
            FROM old_rows CROSS JOIN LATERAL (VALUES (''), (old_rows.province_code)) AS pv(p)
           WHERE status = 'open' AND pv.p IS NOT NULL) d
   WHERE (c.actor, c.kind, c.province_code, c.due_date, c.opens_on, c.escalated) = (d.actor, d.kind, d.province_code, d.due, d.opens, d.esc)
     AND c.n = 0;
  RETURN NULL;
END $$;--> statement-breakpoint
-- The empty buckets 0011 left behind.
DELETE FROM "task_counts" WHERE n = 0;
