-- Issue 14, shared by the processes people start themselves: one-time codes (only an HMAC of the
-- code is kept; at most one live code per process key; expiry in minutes, a few attempts) and the
-- evidence documents a person attaches (PDF, JPEG or PNG by their first bytes, at most 5 MiB,
-- stored once per process by SHA-256). services/otp.ts and services/evidence.ts.
CREATE TABLE "evidence_documents" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"owner_key" text NOT NULL,
	"uploaded_by" text NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "evidence_documents_owner_sha_unique" UNIQUE("owner_key","sha256"),
	CONSTRAINT "evidence_documents_type" CHECK ("evidence_documents"."content_type" in ('application/pdf','image/jpeg','image/png')),
	CONSTRAINT "evidence_documents_size" CHECK ("evidence_documents"."size" between 1 and 5242880 and "evidence_documents"."size" = octet_length("evidence_documents"."content")),
	CONSTRAINT "evidence_documents_sha_format" CHECK ("evidence_documents"."sha256" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "evidence_documents_owner_format" CHECK ("evidence_documents"."owner_key" ~ '^[a-z][a-z0-9_.:-]{2,119}$'),
	CONSTRAINT "evidence_documents_filename" CHECK (char_length("evidence_documents"."filename") between 1 and 120)
);
--> statement-breakpoint
CREATE TABLE "one_time_codes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"process_key" text NOT NULL,
	"purpose" text NOT NULL,
	"recipient_ref" text NOT NULL,
	"code_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer NOT NULL,
	"consumed_at" timestamp with time zone,
	"superseded_at" timestamp with time zone,
	CONSTRAINT "one_time_codes_hash_format" CHECK ("one_time_codes"."code_hash" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "one_time_codes_recipient_ref_format" CHECK ("one_time_codes"."recipient_ref" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "one_time_codes_process_key_format" CHECK ("one_time_codes"."process_key" ~ '^[a-z][a-z0-9_.:-]{2,119}$'),
	CONSTRAINT "one_time_codes_purpose_format" CHECK ("one_time_codes"."purpose" ~ '^[a-z][a-z_.]{2,39}$'),
	CONSTRAINT "one_time_codes_attempts" CHECK ("one_time_codes"."attempts" >= 0 and "one_time_codes"."attempts" <= "one_time_codes"."max_attempts" and "one_time_codes"."max_attempts" between 1 and 10),
	CONSTRAINT "one_time_codes_expiry" CHECK ("one_time_codes"."expires_at" > "one_time_codes"."created_at")
);
--> statement-breakpoint
CREATE INDEX "evidence_documents_owner_idx" ON "evidence_documents" USING btree ("owner_key","id");--> statement-breakpoint
CREATE UNIQUE INDEX "one_time_codes_live_unique" ON "one_time_codes" USING btree ("process_key") WHERE "one_time_codes"."consumed_at" is null and "one_time_codes"."superseded_at" is null;--> statement-breakpoint
CREATE INDEX "one_time_codes_key_created_idx" ON "one_time_codes" USING btree ("process_key","created_at");