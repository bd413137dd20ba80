-- Issue 12, lists and search. Accent-insensitive prefix search runs on PostgreSQL and on embedded
-- PGlite alike, so it does not use the unaccent extension: each searchable name has a stored
-- generated column, the name folded by domain/search.ts foldName written in SQL — NFC, every
-- accented letter (Vietnamese: a ă â e ê i o ô ơ u ư y with their tones, đ; the other Latin-1 ones)
-- to its base letter in lowercase by translate() with FOLD_FROM and FOLD_TO (capitals by the same
-- table, not by lower(), whose reach beyond ASCII depends on the locale), runs of spaces to one,
-- trimmed. test/api/search.test.ts checks the two strings here are domain/search.ts's and that
-- SQL and TypeScript fold every Vietnamese letter alike.
--
-- The indexes compare the folded names byte by byte (COLLATE "C"): a prefix is a range
-- (prefix <= name < prefix || U+10FFFF) that a btree answers whatever the database's locale,
-- and the same index gives the page order (name, then id) and its keyset.
ALTER TABLE "participants" ADD COLUMN "search_name" text GENERATED ALWAYS AS (btrim(regexp_replace(translate(normalize("full_name", NFC), 'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐäåçëîïñöûüÿÄÅÇËÎÏÑÖÛÜŸABCDEFGHIJKLMNOPQRSTUVWXYZ', 'aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyydaaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyydaaceiinouuyaaceiinouuyabcdefghijklmnopqrstuvwxyz'), ' {2,}', ' ', 'g'), ' ')) STORED NOT NULL;
--> statement-breakpoint
CREATE INDEX "participants_search_name_idx" ON "participants" USING btree ("search_name" COLLATE "C","personal_id");
--> statement-breakpoint
ALTER TABLE "employers" ADD COLUMN "search_name" text GENERATED ALWAYS AS (btrim(regexp_replace(translate(normalize("name", NFC), 'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐäåçëîïñöûüÿÄÅÇËÎÏÑÖÛÜŸABCDEFGHIJKLMNOPQRSTUVWXYZ', 'aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyydaaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyydaaceiinouuyaaceiinouuyabcdefghijklmnopqrstuvwxyz'), ' {2,}', ' ', 'g'), ' ')) STORED NOT NULL;
--> statement-breakpoint
CREATE INDEX "employers_search_name_idx" ON "employers" USING btree ("search_name" COLLATE "C","tax_code");
--> statement-breakpoint
-- A tax-code prefix (digits, a branch's hyphen): the primary key's collation is the database's.
CREATE INDEX "employers_tax_code_prefix_idx" ON "employers" USING btree ("tax_code" COLLATE "C");
--> statement-breakpoint
-- The claim list: by status (the officers' filter), newest filing first; without a status, by filing date alone.
CREATE INDEX "ui_claims_status_filed_idx" ON "ui_claims" USING btree ("status","filing_date" DESC,"id" DESC);
--> statement-breakpoint
CREATE INDEX "ui_claims_filed_idx" ON "ui_claims" USING btree ("filing_date" DESC,"id" DESC);
--> statement-breakpoint
-- The onboarding list: by status (officers), by employer (an employer's own), newest first.
CREATE INDEX "onboarding_requests_status_idx" ON "onboarding_requests" USING btree ("status","created_at" DESC,"id" DESC);
--> statement-breakpoint
CREATE INDEX "onboarding_requests_tax_code_idx" ON "onboarding_requests" USING btree ("tax_code","created_at" DESC,"id" DESC);
