-- Tamper evidence (issue 11). Every audit event is a link of a hash chain: chain (subject type and a
-- bucket of the subject id, so that one lock does not serialise all activity), seq, prev_hash, and
-- hash = sha256 over the RFC 8785 form of the event (db/queries/audit.ts auditEventCanonical; the SQL
-- function below builds the same bytes for the backfill). audit_chain_heads holds each chain's last
-- link; an append locks only its chain's head row. audit_checkpoints keeps signed copies of all heads.
-- ebook_versions records every version of every e-book, chained by hash. The application's role
-- ansinh_app may only INSERT and SELECT on those tables.
CREATE OR REPLACE FUNCTION ansinh_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_chain_of(subject_type text, subject_id text) RETURNS text AS $$
  SELECT subject_type || ':' || (get_byte(sha256(convert_to(subject_id, 'UTF8')), 0) % 16)::text
$$ LANGUAGE sql IMMUTABLE STRICT;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_event_canonical(
  chain text, prev_hash text, at timestamptz, actor text, action text, subject_type text, subject_id text,
  workflow_id text, run_id text, details jsonb
) RETURNS text AS $$
  SELECT '{"action":' || to_json(action)::text
      || ',"actor":' || to_json(actor)::text
      || ',"at":"' || to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || '"'
      || ',"chain":' || to_json(chain)::text
      || ',"details":' || to_json(details::text)::text
      || ',"prev_hash":' || to_json(prev_hash)::text
      || ',"run_id":' || coalesce(to_json(run_id)::text, 'null')
      || ',"subject_id":' || to_json(subject_id)::text
      || ',"subject_type":' || to_json(subject_type)::text
      || ',"v":1'
      || ',"workflow_id":' || coalesce(to_json(workflow_id)::text, 'null')
      || '}'
$$ LANGUAGE sql IMMUTABLE;
--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "chain" text, ADD COLUMN "seq" bigint, ADD COLUMN "prev_hash" text, ADD COLUMN "hash" text;
--> statement-breakpoint
CREATE TABLE "audit_chain_heads" (
  "chain" text PRIMARY KEY NOT NULL,
  "seq" bigint NOT NULL,
  "hash" text NOT NULL,
  CONSTRAINT "audit_chain_heads_seq" CHECK ("seq" >= 0),
  CONSTRAINT "audit_chain_heads_hash_format" CHECK ("hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
-- Backfill: the existing events, chained in id order.
ALTER TABLE "audit_events" DISABLE TRIGGER "audit_events_append_only";
--> statement-breakpoint
DO $$
DECLARE
  r record;
  s bigint;
  p text;
  h text;
BEGIN
  FOR r IN SELECT e.*, audit_chain_of(e.subject_type, e.subject_id) AS c FROM audit_events e ORDER BY e.id LOOP
    SELECT seq, hash INTO s, p FROM audit_chain_heads WHERE chain = r.c;
    IF NOT FOUND THEN
      s := 0;
      p := repeat('0', 64);
      INSERT INTO audit_chain_heads (chain, seq, hash) VALUES (r.c, 0, p);
    END IF;
    h := encode(sha256(convert_to(audit_event_canonical(r.c, p, r.at, r.actor, r.action, r.subject_type, r.subject_id,
                                                        r.workflow_id, r.run_id, r.details), 'UTF8')), 'hex');
    UPDATE audit_events SET chain = r.c, seq = s + 1, prev_hash = p, hash = h WHERE id = r.id;
    UPDATE audit_chain_heads SET seq = s + 1, hash = h WHERE chain = r.c;
  END LOOP;
END
$$;
--> statement-breakpoint
ALTER TABLE "audit_events" ENABLE TRIGGER "audit_events_append_only";
--> statement-breakpoint
ALTER TABLE "audit_events" ALTER COLUMN "chain" SET NOT NULL, ALTER COLUMN "seq" SET NOT NULL,
  ALTER COLUMN "prev_hash" SET NOT NULL, ALTER COLUMN "hash" SET NOT NULL;
--> statement-breakpoint
CREATE UNIQUE INDEX "audit_events_chain_seq_idx" ON "audit_events" USING btree ("chain", "seq");
--> statement-breakpoint
CREATE TABLE "audit_checkpoints" (
  "id" bigserial PRIMARY KEY NOT NULL,
  "at" timestamp with time zone DEFAULT now() NOT NULL,
  "kid" text NOT NULL,
  "payload" text NOT NULL,
  "jws" text NOT NULL
);
--> statement-breakpoint
CREATE TRIGGER audit_checkpoints_append_only BEFORE UPDATE OR DELETE ON audit_checkpoints
  FOR EACH ROW EXECUTE FUNCTION ansinh_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints
  FOR EACH STATEMENT EXECUTE FUNCTION ansinh_refuse_change();
--> statement-breakpoint
CREATE TABLE "ebook_versions" (
  "personal_id" text NOT NULL,
  "version" integer NOT NULL,
  "sha256" text NOT NULL,
  "prev_hash" text NOT NULL,
  "at" timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT "ebook_versions_pk" PRIMARY KEY ("personal_id", "version"),
  CONSTRAINT "ebook_versions_personal_id_participants_personal_id_fk" FOREIGN KEY ("personal_id") REFERENCES "participants"("personal_id"),
  CONSTRAINT "ebook_versions_version_positive" CHECK ("version" > 0),
  CONSTRAINT "ebook_versions_sha256_format" CHECK ("sha256" ~ '^[0-9a-f]{64}$' AND "prev_hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
-- Backfill: each existing book's current version starts its history.
INSERT INTO "ebook_versions" ("personal_id", "version", "sha256", "prev_hash")
  SELECT "personal_id", "version", "sha256", repeat('0', 64) FROM "ebooks";
--> statement-breakpoint
CREATE TRIGGER ebook_versions_append_only BEFORE UPDATE OR DELETE ON ebook_versions
  FOR EACH ROW EXECUTE FUNCTION ansinh_refuse_change();
--> statement-breakpoint
CREATE TRIGGER ebook_versions_no_truncate BEFORE TRUNCATE ON ebook_versions
  FOR EACH STATEMENT EXECUTE FUNCTION ansinh_refuse_change();
--> statement-breakpoint
-- The application's role (the API and the worker connect as it; migrations run as the owner). Roles
-- are cluster-wide: created once, whichever database migrates first. LOGIN without a password: under
-- trust (development, CI) it just connects; in production set one (ALTER ROLE ansinh_app PASSWORD …).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ansinh_app') THEN
    BEGIN
      CREATE ROLE ansinh_app LOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      NULL;
    END;
  END IF;
  EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO ansinh_app', current_database());
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO ansinh_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ansinh_app;
--> statement-breakpoint
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ansinh_app;
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON "audit_events", "audit_checkpoints", "ebook_versions" FROM ansinh_app;
--> statement-breakpoint
-- The chain heads move forward (UPDATE) but are never removed by the application.
REVOKE DELETE, TRUNCATE ON "audit_chain_heads" FROM ansinh_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ansinh_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ansinh_app;
