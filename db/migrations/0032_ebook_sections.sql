-- Issue 16: the e-book stored in sections, so that reconciling a month writes the same amount in
-- year 1 and year 30 of a career (ARCHITECTURE.md "E-books in sections"). Each section (the
-- identity, the employments, the HI cards, the card locks, the corrections, the disputed months,
-- the unemployment benefits, and one per calendar year of contribution months) is stored with its
-- canonical JSON and sha256; the book's row keeps its version, the manifest of its section hashes
-- and the root (the manifest's sha256: the book's hash, which ebook_versions chains from now on).
-- The whole canonical JSON is put back together when read, byte-identical to the earlier rendering.
--
-- A SQL migration cannot render a book: the books written before it keep their whole content (and
-- its sha256 as their root) until `ansinh db migrate` / `ansinh start` re-renders them into sections
-- (db/queries/ebooks.ts upgradeEbooks), each as a new version. A row holds exactly one of the two.
ALTER TABLE "ebooks" RENAME COLUMN "sha256" TO "root";--> statement-breakpoint
ALTER TABLE "ebooks" RENAME CONSTRAINT "ebooks_sha256_format" TO "ebooks_root_format";--> statement-breakpoint
ALTER TABLE "ebooks" ADD COLUMN "sections" text;--> statement-breakpoint
ALTER TABLE "ebooks" ALTER COLUMN "content" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "ebooks" ADD CONSTRAINT "ebooks_stored_once" CHECK (("content" IS NULL) <> ("sections" IS NULL));--> statement-breakpoint
CREATE TABLE "ebook_sections" (
	"personal_id" text NOT NULL,
	"section" text NOT NULL,
	"content" text NOT NULL,
	"sha256" text NOT NULL,
	CONSTRAINT "ebook_sections_pk" PRIMARY KEY ("personal_id", "section"),
	CONSTRAINT "ebook_sections_sha256_format" CHECK ("ebook_sections"."sha256" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "ebook_sections_key" CHECK ("ebook_sections"."section" ~ '^(cardLocks|corrections|disputedMonths|employments|hiCards|identity|unemploymentBenefits|months/[0-9]{4})$')
);--> statement-breakpoint
ALTER TABLE "ebook_sections" ADD CONSTRAINT "ebook_sections_personal_id_ebooks_personal_id_fk" FOREIGN KEY ("personal_id") REFERENCES "public"."ebooks"("personal_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "ebook_sections" TO ansinh_app;
