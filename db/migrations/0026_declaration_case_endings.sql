-- Issue 14 part 2: an officer ends a case that the employer's months did not end — a referral
-- closed with its outcome (the employer identified and a case opened against it, or outside the
-- system and the participant told where to turn), or a case dismissed with its reason (withdrawn by
-- the participant, a duplicate, unfounded after inspection). The reason is a code; the case opened
-- against the identified employer is its successor. A closed referral keeps why it was referred.
ALTER TABLE "declaration_cases" ADD COLUMN "outcome_reason" text;--> statement-breakpoint
ALTER TABLE "declaration_cases" ADD COLUMN "successor_case_id" bigint;--> statement-breakpoint
ALTER TABLE "declaration_cases" ADD CONSTRAINT "declaration_cases_successor_case_id_declaration_cases_id_fk" FOREIGN KEY ("successor_case_id") REFERENCES "public"."declaration_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "declaration_cases" DROP CONSTRAINT "declaration_cases_referral";--> statement-breakpoint
ALTER TABLE "declaration_cases" ADD CONSTRAINT "declaration_cases_referral" CHECK (("declaration_cases"."status" <> 'referred' or "declaration_cases"."referral" is not null) and ("declaration_cases"."referral" is null or "declaration_cases"."status" in ('referred','closed')) and ("declaration_cases"."referral" is null or "declaration_cases"."referral" in ('EMPLOYER_NOT_FOUND','EMPLOYER_OUT_OF_SCOPE')));--> statement-breakpoint
ALTER TABLE "declaration_cases" DROP CONSTRAINT "declaration_cases_closed";--> statement-breakpoint
ALTER TABLE "declaration_cases" ADD CONSTRAINT "declaration_cases_closed" CHECK (("declaration_cases"."status" = 'closed') = ("declaration_cases"."closed_on" is not null) and ("declaration_cases"."closed_on" is null) = ("declaration_cases"."outcome" is null) and ("declaration_cases"."outcome" is null or "declaration_cases"."outcome" in ('declared','credited','dismissed','employer_identified','outside_system')));--> statement-breakpoint
ALTER TABLE "declaration_cases" ADD CONSTRAINT "declaration_cases_outcome_reason" CHECK (("declaration_cases"."outcome_reason" is not null) = coalesce("declaration_cases"."outcome" in ('dismissed','outside_system'), false) and ("declaration_cases"."outcome_reason" is null or "declaration_cases"."outcome_reason" in ('withdrawn','duplicate','unfounded','defence_social_insurance','public_security_social_insurance','labour_inspectorate')) and ("declaration_cases"."successor_case_id" is null or "declaration_cases"."outcome" = 'employer_identified'));--> statement-breakpoint
ALTER TABLE "declaration_case_steps" DROP CONSTRAINT "declaration_case_steps_step";--> statement-breakpoint
ALTER TABLE "declaration_case_steps" ADD CONSTRAINT "declaration_case_steps_step" CHECK ("declaration_case_steps"."step" in ('opened','referred','employer_notified','escalated','arrears_confirmed','declared','credited','dismissed','referral_closed'));
