-- Who looked at a person's data (issue #11): one row per successful read of a person's data, by
-- whom (the token subject, an opaque reference), in which role, for which facility or employer,
-- when, and why (the route pattern). Append-only like the audit trail.
CREATE TABLE "access_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"personal_id" text NOT NULL,
	"principal_ref" text NOT NULL,
	"role" text NOT NULL,
	"facility_code" text,
	"employer_tax_code" text,
	"purpose" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "access_log_person_idx" ON "access_log" USING btree ("personal_id","id");
--> statement-breakpoint
CREATE OR REPLACE FUNCTION access_log_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'access_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER access_log_append_only
  BEFORE UPDATE OR DELETE ON access_log
  FOR EACH ROW EXECUTE FUNCTION access_log_refuse_change();
--> statement-breakpoint
CREATE TRIGGER access_log_no_truncate
  BEFORE TRUNCATE ON access_log
  FOR EACH STATEMENT EXECUTE FUNCTION access_log_refuse_change();
--> statement-breakpoint
-- Rate-limit counters shared by every API process: one row per key and fixed window. UNLOGGED: a
-- crash may forget the current minute's counts, which costs nothing worth a WAL write per request.
CREATE UNLOGGED TABLE "rate_limit_hits" (
	"key" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"hits" integer NOT NULL,
	CONSTRAINT "rate_limit_hits_pkey" PRIMARY KEY("key","window_start")
);
--> statement-breakpoint
-- The application's role (migration 0008) may only append to the access log, like the audit trail.
REVOKE UPDATE, DELETE, TRUNCATE ON "access_log" FROM ansinh_app;
