-- Issue 11, minimise what goes into Temporal: who acted travels as an opaque principal reference,
-- and what a person typed (reasons, notes) stays here, the workflow carrying its id.
CREATE TABLE "principals" (
	"ref" text PRIMARY KEY NOT NULL,
	"actor" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "principals_ref_format" CHECK ("principals"."ref" ~ '^p:[A-Za-z0-9_-]{22,}$')
);
--> statement-breakpoint
CREATE TABLE "case_texts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_texts_kind" CHECK ("case_texts"."kind" in ('claim.decision_reason','claim.termination_note','onboarding.rejection_reason'))
);
