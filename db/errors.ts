/**
 * What a database failure means for the caller. Every constraint violation is a refusal with a
 * specific code (a constraint named here, else a fallback per SQLSTATE), never a 500; a database
 * that cannot be reached is "unavailable, retry later" (503). The API (api/errors.ts) and the
 * CLI (exit 2 for a refusal) both read this table.
 *
 * Only the SQLSTATE, the constraint and the table are ever kept from the driver's error: drizzle's
 * message carries the SQL and its parameters (personal data), and must never reach a log or a reply.
 */

export interface DatabaseRefusal {
  kind: 'refusal';
  status: 400 | 404 | 409 | 422;
  code: string;
  message: string;
  field?: string;
}

export interface DatabaseUnavailable {
  kind: 'unavailable';
  status: 503;
  code: 'DATABASE_UNAVAILABLE' | 'DATABASE_BUSY';
  message: string;
  /** Seconds a client should wait before retrying (the Retry-After header). */
  retryAfter: number;
}

/** What may be logged of a database error: no message, no SQL, no parameter. */
export interface DatabaseErrorFacts {
  sqlstate: string | null;
  constraint: string | null;
  table: string | null;
  driverCode: string | null;
}

type Entry = Omit<DatabaseRefusal, 'kind'>;
const conflict = (code: string, message: string, field?: string): Entry => ({
  status: 409,
  code,
  message,
  ...(field ? { field } : {}),
});
const invalid = (code: string, message: string, field?: string): Entry => ({
  status: 400,
  code,
  message,
  ...(field ? { field } : {}),
});
const unprocessable = (code: string, message: string, field?: string): Entry => ({
  status: 422,
  code,
  message,
  ...(field ? { field } : {}),
});
const missing = (code: string, message: string, field?: string): Entry => ({
  status: 404,
  code,
  message,
  ...(field ? { field } : {}),
});

const EMPLOYER_MISSING = missing('EMPLOYER_NOT_FOUND', 'no such employer', 'taxCode');
const PARTICIPANT_MISSING = missing('PARTICIPANT_NOT_FOUND', 'no participant with this personal ID', 'personalId');
const INCONSISTENT = (what: string) =>
  unprocessable('INCONSISTENT_RECORD', `the record would break the rule that ${what}`);

/**
 * Every constraint of the schema (db/migrations), by name, with the code a violation is answered
 * with. test/api/refusals.test.ts fails if a constraint of the catalog is missing here.
 */
export const CONSTRAINT_CODES: Readonly<Record<string, Entry>> = {
  // employers
  employers_pkey: conflict('EMPLOYER_EXISTS', 'an employer with this tax code is already registered', 'taxCode'),
  employers_unit_code_unique: conflict('UNIT_CODE_TAKEN', 'this unit code is already given to another employer'),
  employers_tax_code_format: invalid(
    'INVALID_TAX_CODE',
    'a tax code is 10 digits, or 10 digits, "-" and 3 digits',
    'taxCode',
  ),
  employers_province_code_format: invalid('INVALID_PROVINCE_CODE', 'a province code is two digits', 'provinceCode'),
  employers_wage_region: invalid('INVALID_REGION', 'a wage region is I, II, III or IV', 'wageRegion'),
  employers_category: unprocessable(
    'EMPLOYER_EXCLUDED',
    'this category of employer is outside the electronic system',
    'category',
  ),
  employers_status: INCONSISTENT('an employer is pending, active or rejected'),
  employers_active_has_unit_code: INCONSISTENT('an active employer has a unit code'),
  employers_rejected_has_reason: INCONSISTENT('a rejected employer has a reason'),
  employers_name_not_blank: invalid('INVALID_TEXT', 'a name is not blank', 'name'),
  // participants
  participants_pkey: conflict(
    'PARTICIPANT_EXISTS',
    'a participant with this personal ID is already registered',
    'personalId',
  ),
  participants_si_number_unique: conflict(
    'DUPLICATE_SI_NUMBER',
    'this SI number belongs to another participant',
    'siNumber',
  ),
  participants_personal_id_format: invalid('INVALID_PERSONAL_ID', 'a personal ID is 12 digits', 'personalId'),
  participants_si_number_format: invalid('INVALID_SI_NUMBER', 'an SI number is 10 digits', 'siNumber'),
  participants_gender: invalid('INVALID_GENDER', 'gender is male or female', 'gender'),
  participants_nationality_format: invalid(
    'INVALID_NATIONALITY',
    'a nationality is an ISO 3166 alpha-2 code',
    'nationality',
  ),
  participants_name_not_blank: invalid('INVALID_TEXT', 'a name is not blank', 'fullName'),
  // employments and salaries
  employments_pkey: conflict('EMPLOYMENT_EXISTS', 'this employment is already recorded'),
  employments_person_employer_start: conflict(
    'EMPLOYMENT_EXISTS',
    'this person already has an employment with this employer from this month',
    'startMonth',
  ),
  employments_employer_tax_code_employers_tax_code_fk: EMPLOYER_MISSING,
  employments_personal_id_participants_personal_id_fk: PARTICIPANT_MISSING,
  employments_start_month_format: invalid('INVALID_MONTH', 'a month is YYYY-MM', 'startMonth'),
  employments_end_month_format: invalid('INVALID_MONTH', 'a month is YYYY-MM', 'endMonth'),
  employments_end_after_start: unprocessable(
    'END_BEFORE_START',
    'an employment cannot end before it starts',
    'endMonth',
  ),
  employments_contract_type: invalid('INVALID_CONTRACT_TYPE', 'not a contract type', 'contractType'),
  salary_history_pkey: conflict('SALARY_EXISTS', 'this salary is already recorded'),
  salary_history_employment_month: conflict(
    'SALARY_EXISTS',
    'a salary is already recorded for this employment and month',
    'effectiveMonth',
  ),
  salary_history_employment_id_employments_id_fk: missing('NOT_EMPLOYED', 'no such employment'),
  salary_history_month_format: invalid('INVALID_MONTH', 'a month is YYYY-MM', 'effectiveMonth'),
  salary_history_amount_positive: invalid('INVALID_AMOUNT', 'a salary is more than 0 VND', 'salary'),
  // HI cards and e-books
  hi_cards_pkey: conflict('HI_CARD_EXISTS', 'this HI card is already recorded'),
  hi_cards_person_payer_from: conflict(
    'HI_CARD_EXISTS',
    'this person already has a card from this payer from this date',
  ),
  hi_cards_personal_id_participants_personal_id_fk: PARTICIPANT_MISSING,
  hi_cards_payer_tax_code_employers_tax_code_fk: EMPLOYER_MISSING,
  hi_cards_code_format: invalid('INVALID_HI_CARD', 'an HI card code is 2 letters and 13 digits'),
  hi_cards_payer_kind: INCONSISTENT('a card has a known payer'),
  hi_cards_employer_payer_has_tax_code: INCONSISTENT('a card paid by an employer names it'),
  hi_cards_level_digit: INCONSISTENT('a card level digit is 1 to 5'),
  hi_cards_benefit_level_matches_digit: INCONSISTENT("a card's benefit level matches its level digit"),
  hi_cards_validity: unprocessable('END_BEFORE_START', 'a card cannot end before it starts', 'validTo'),
  hi_cards_facility_format: invalid('INVALID_FACILITY_CODE', 'a facility code is five digits', 'initialFacilityCode'),
  // why a card stopped, and its locks (issue 15, migration 0027)
  hi_cards_end_reason: INCONSISTENT('a card ended early has a last day and a known reason'),
  hi_card_locks_pkey: conflict('CONFLICT', 'this card lock is already recorded'),
  hi_card_locks_card_reference: conflict(
    'HI_CARD_LOCK_REFERENCE_CONFLICT',
    'this decision reference already names a lock of this card',
    'reference',
  ),
  hi_card_locks_one_open: conflict('HI_CARD_ALREADY_LOCKED', 'this card is already locked or withdrawn'),
  hi_card_locks_personal_id_participants_personal_id_fk: PARTICIPANT_MISSING,
  hi_card_locks_card_id_hi_cards_id_fk: missing('NO_CARD_IN_FORCE', 'no such HI card'),
  hi_card_locks_reference_format: invalid('INVALID_REFERENCE', '1–80 letters, digits or ._:/-', 'reference'),
  hi_card_locks_kind: invalid('INVALID_LOCK_KIND', 'a card is locked or withdrawn', 'kind'),
  hi_card_locks_ground: unprocessable(
    'LOCK_GROUND_MISMATCH',
    'a card is locked for being lent or used by another, withdrawn for fraud',
    'ground',
  ),
  hi_card_locks_lifted: unprocessable(
    'LIFT_BEFORE_LOCK',
    'only a temporary lock is lifted, on a day after it took effect',
    'liftedOn',
  ),
  ebooks_pkey: conflict('EBOOK_EXISTS', 'this participant already has an e-book'),
  ebooks_personal_id_participants_personal_id_fk: PARTICIPANT_MISSING,
  ebooks_root_format: INCONSISTENT('an e-book carries its root hash'),
  ebooks_stored_once: INCONSISTENT('an e-book is stored whole or in sections, not both'),
  ebook_sections_pk: conflict('CONFLICT', 'this e-book section is already stored'),
  ebook_sections_personal_id_ebooks_personal_id_fk: INCONSISTENT('an e-book section belongs to a stored e-book'),
  ebook_sections_sha256_format: INCONSISTENT('an e-book section carries its sha256'),
  ebook_sections_key: INCONSISTENT('an e-book section has a known key'),
  ebooks_version_positive: INCONSISTENT('an e-book version is positive'),
  ebook_versions_pk: conflict('CONFLICT', 'this e-book version is already recorded'),
  ebook_versions_personal_id_participants_personal_id_fk: PARTICIPANT_MISSING,
  ebook_versions_version_positive: INCONSISTENT('an e-book version is positive'),
  ebook_versions_sha256_format: INCONSISTENT('an e-book version carries its sha256 and the previous one'),
  // onboarding requests
  onboarding_requests_pkey: conflict('ONBOARDING_EXISTS', 'this onboarding request is already stored'),
  onboarding_requests_status: INCONSISTENT('a request has a known status'),
  onboarding_requests_count: INCONSISTENT('a request counts its employees'),
  onboarding_request_employees_request_id_line_pk: conflict(
    'DUPLICATE_LINE',
    'this line of the dossier is already stored',
  ),
  // drizzle cuts identifiers at PostgreSQL's 63 characters:
  onboarding_request_employees_request_id_onboarding_requests_id_: missing('NOT_FOUND', 'no such onboarding request'),
  onboarding_request_employees_line: invalid('INVALID_LINE', 'lines count from 1'),
  // system
  audit_events_pkey: conflict('CONFLICT', 'this audit event is already recorded'),
  audit_events_chain_seq_idx: conflict('CONFLICT', 'this link of the audit chain is already recorded'),
  audit_chain_heads_pkey: conflict('CONFLICT', 'this audit chain already has a head'),
  audit_chain_heads_seq: INCONSISTENT('an audit chain counts its events from 0'),
  audit_chain_heads_hash_format: INCONSISTENT('an audit chain head carries a sha256'),
  audit_checkpoints_pkey: conflict('CONFLICT', 'this audit checkpoint is already recorded'),
  idempotency_keys_pkey: conflict('IDEMPOTENCY_KEY_REUSED', 'this idempotency key was already used'),
  outbox_pkey: conflict('CONFLICT', 'this notification is already queued'),
  outbox_dedupe_key_unique: conflict('ALREADY_QUEUED', 'this notification is already queued'),
  outbox_channel: INCONSISTENT('a notification has a known channel'),
  outbox_recipient_type: INCONSISTENT('a notification has a known recipient type'),
  outbox_status: INCONSISTENT('a notification has a known delivery status'),
  outbox_last_error_code: INCONSISTENT('a delivery error is recorded as a code'),
  outbox_delivered_via: INCONSISTENT('a notification is delivered by SMTP, SMS or the inbox'),
  outbox_lease: INCONSISTENT('a notification being sent holds a lease, and only then'),
  outbox_sent: INCONSISTENT('a sent notification has its sending time, and only then'),
  outbox_message_id_unique: conflict('CONFLICT', 'this Message-ID belongs to another notification'),
  // the recipient's language (migration 0016)
  participants_preferred_lang: invalid('INVALID_LANG', 'the language is vi or en', 'lang'),
  employers_preferred_lang: invalid('INVALID_LANG', 'the language is vi or en', 'lang'),
  // access log and rate limits (migration 0009)
  access_log_pkey: conflict('CONFLICT', 'this access is already recorded'),
  rate_limit_hits_pkey: conflict('CONFLICT', 'this rate-limit window is already counted'),
  coverage_changes_pkey: conflict('CONFLICT', 'this coverage change is already recorded'),
  // contributions
  contribution_months_personal_id_employer_tax_code_period_pk: conflict(
    'CONTRIBUTION_MONTH_EXISTS',
    'this contribution month is already recorded',
  ),
  contribution_months_personal_id_participants_personal_id_fk: PARTICIPANT_MISSING,
  contribution_months_employer_tax_code_employers_tax_code_fk: EMPLOYER_MISSING,
  contribution_months_amounts: INCONSISTENT("a month's amount is the sum of both sides"),
  contribution_months_status: INCONSISTENT('a contribution month is credited or declared unpaid'),
  declarations_pkey: conflict('DECLARATION_EXISTS', 'this declaration is already recorded'),
  declarations_idempotency_key_unique: conflict(
    'DECLARATION_ALREADY_RECORDED',
    'a declaration with this reference is already being recorded; send it again to read its result',
    'reference',
  ),
  declarations_employer_tax_code_employers_tax_code_fk: EMPLOYER_MISSING,
  declarations_personal_id_participants_personal_id_fk: PARTICIPANT_MISSING,
  declarations_kind: invalid('INVALID_DECLARATION', 'not a kind of declaration', 'kind'),
  declarations_month_format: invalid('INVALID_MONTH', 'a month is YYYY-MM', 'month'),
  employer_periods_employer_tax_code_period_pk: conflict(
    'CONFLICT',
    'this period is being settled by another request; retry',
  ),
  employer_periods_employer_tax_code_employers_tax_code_fk: EMPLOYER_MISSING,
  employer_periods_status: INCONSISTENT('a period has a known status'),
  employer_periods_balances: INCONSISTENT('outstanding is due minus paid'),
  employer_periods_non_negative: INCONSISTENT('amounts of a period are not negative'),
  payments_pkey: conflict('PAYMENT_EXISTS', 'this payment is already recorded'),
  payments_bank_reference_unique: conflict(
    'PAYMENT_REFERENCE_CONFLICT',
    'this bank reference was already recorded for another payment',
    'bankReference',
  ),
  payments_employer_tax_code_employers_tax_code_fk: EMPLOYER_MISSING,
  payments_amount_positive: invalid('INVALID_AMOUNT', 'a payment is more than 0 VND', 'amount'),
  payment_allocations_payment_id_period_pk: conflict('CONFLICT', 'this allocation is already recorded'),
  payment_allocations_payment_id_payments_id_fk: missing('NOT_FOUND', 'no such payment'),
  payment_allocations_period_format: invalid('INVALID_MONTH', 'a month is YYYY-MM', 'period'),
  payment_allocations_non_negative: INCONSISTENT('allocations are not negative'),
  payment_allocations_not_empty: INCONSISTENT('an allocation settles something'),
  // bank statements and announcements (rules §8.7)
  bank_lines_pkey: conflict('BANK_LINE_EXISTS', 'this bank line is already recorded'),
  bank_lines_bank_reference_unique: conflict(
    'BANK_REFERENCE_CONFLICT',
    'this bank reference was already imported',
    'bankReference',
  ),
  bank_lines_payment_id_unique: conflict(
    'LINE_ALREADY_BOOKED',
    'this payment is already booked from another bank line',
  ),
  bank_lines_employer_tax_code_employers_tax_code_fk: EMPLOYER_MISSING,
  bank_lines_payment_id_payments_id_fk: missing('NOT_FOUND', 'no such payment'),
  bank_lines_source: invalid('INVALID_STATEMENT', 'a statement is csv or camt053', 'format'),
  bank_lines_direction: invalid('INVALID_DIRECTION', 'a bank line is a credit or a debit', 'direction'),
  bank_lines_status: INCONSISTENT('a bank line is booked, in suspense or ignored'),
  bank_lines_amount_positive: invalid('INVALID_AMOUNT', 'an amount is more than 0', 'amount'),
  bank_lines_currency: invalid('INVALID_CURRENCY', 'a currency is an ISO 4217 code', 'currency'),
  bank_lines_booked_has_payment: INCONSISTENT('a booked bank line has its payment, and only a booked one'),
  bank_lines_booked_has_employer: INCONSISTENT('a booked bank line has its employer'),
  bank_lines_unbooked_has_reason: INCONSISTENT('a bank line in suspense or ignored has its reason'),
  bank_lines_ignored_not_credit_vnd: INCONSISTENT('only debits and other currencies are ignored'),
  bank_lines_resolved: INCONSISTENT('an assignment has its officer and its time'),
  payment_announcements_pkey: conflict('ANNOUNCEMENT_EXISTS', 'this announcement is already recorded'),
  payment_announcements_bank_line_id_unique: conflict(
    'LINE_ALREADY_BOOKED',
    'this bank line already matched another announcement',
  ),
  payment_announcements_employer_reference: conflict(
    'ANNOUNCEMENT_REFERENCE_CONFLICT',
    'this reference was already announced',
    'reference',
  ),
  payment_announcements_employer_tax_code_employers_tax_code_fk: EMPLOYER_MISSING,
  payment_announcements_bank_line_id_bank_lines_id_fk: missing('NOT_FOUND', 'no such bank line'),
  payment_announcements_status: INCONSISTENT('an announcement is pending or matched'),
  payment_announcements_amount_positive: invalid('INVALID_AMOUNT', 'an amount is more than 0', 'amount'),
  payment_announcements_matched: INCONSISTENT(
    'a matched announcement has its bank line and time, and only a matched one',
  ),
  unpaid_leave_months_employment_id_month_pk: conflict(
    'UNPAID_LEAVE_EXISTS',
    'this month of unpaid leave is already recorded',
    'month',
  ),
  unpaid_leave_months_employment_id_employments_id_fk: missing('NOT_EMPLOYED', 'no such employment'),
  unpaid_leave_months_declaration_id_declarations_id_fk: missing('NOT_FOUND', 'no such declaration'),
  unpaid_leave_month_format: invalid('INVALID_MONTH', 'a month is YYYY-MM', 'month'),
  // unemployment claims
  ui_claims_pkey: conflict('CLAIM_EXISTS', 'this claim is already recorded'),
  ui_claims_one_open: conflict('CLAIM_ALREADY_OPEN', 'the participant already has an open claim'),
  ui_claims_personal_id_participants_personal_id_fk: PARTICIPANT_MISSING,
  ui_claims_status: INCONSISTENT('a claim has a known status'),
  ui_claims_decision: INCONSISTENT('a decision approves or rejects'),
  ui_claims_decided: INCONSISTENT('a decision has a date'),
  ui_claims_approved_has_benefit: INCONSISTENT('an approved claim has a benefit, a duration and a start'),
  ui_claims_months: INCONSISTENT("a claim's months paid and suspended fit its duration"),
  ui_claims_terminated: INCONSISTENT('a terminated claim has a ground'),
  ui_claim_months_claim_id_idx_pk: conflict('CLAIM_MONTH_EXISTS', 'this benefit month is already recorded'),
  ui_claim_months_claim_id_ui_claims_id_fk: missing('NOT_FOUND', 'no such claim'),
  ui_claim_months_payment_key_unique: conflict('ALREADY_PAID', 'this benefit month is already paid'),
  ui_claim_months_status: INCONSISTENT('a benefit month has a known status'),
  ui_claim_months_paid: INCONSISTENT('a paid month has its date, amount and key'),
  ui_claim_months_period: INCONSISTENT('a benefit month ends after it starts'),
  ui_claim_months_report_text_id_case_texts_id_fk: missing('NOT_FOUND', 'no such report summary'),
  // officers' tasks (migration 0006)
  tasks_pkey: conflict('CONFLICT', 'this task is already recorded'),
  tasks_dedupe_key_unique: conflict('TASK_EXISTS', 'this task is already open'),
  tasks_claim_employment_kind: conflict('TASK_EXISTS', 'this claim already has this task for this employment'),
  tasks_status: INCONSISTENT('a task is open, done or cancelled'),
  tasks_closed: INCONSISTENT('a task is closed exactly when it is done or cancelled'),
  tasks_province_format: invalid('INVALID_PROVINCE_CODE', 'a province code is two digits', 'provinceCode'),
  tasks_claim_id_ui_claims_id_fk: missing('CLAIM_NOT_FOUND', 'no such claim', 'claimId'),
  tasks_employment_id_employments_id_fk: missing('EMPLOYMENT_NOT_FOUND', 'no such employment', 'employmentId'),
  tasks_employer_tax_code_employers_tax_code_fk: EMPLOYER_MISSING,
  // the work queue (migration 0011)
  tasks_actor: INCONSISTENT('a task waits for an officer, a participant or an employer'),
  tasks_onboarding_kind: conflict('TASK_EXISTS', 'this onboarding already has this task', 'onboardingRequestId'),
  tasks_bank_line_kind: conflict('TASK_EXISTS', 'this bank line already has this task', 'bankLineId'),
  tasks_claim_decision: conflict('TASK_EXISTS', 'this claim already waits for its decision', 'claimId'),
  tasks_onboarding_request_id_onboarding_requests_id_fk: missing(
    'REQUEST_NOT_FOUND',
    'no such onboarding request',
    'onboardingRequestId',
  ),
  tasks_bank_line_id_bank_lines_id_fk: missing('NOT_FOUND', 'no such bank line', 'bankLineId'),
  task_counts_pk: conflict('CONFLICT', 'these task counts are already recorded'),
  // principal references and typed texts kept out of Temporal (migration 0010)
  principals_pkey: conflict('CONFLICT', 'this principal reference is already recorded'),
  principals_ref_format: INCONSISTENT('a principal reference is p: and a keyed hash'),
  case_texts_pkey: conflict('CONFLICT', 'this text is already recorded'),
  case_texts_kind: INCONSISTENT('a case text has a known kind'),
  // the web console's sessions (migration 0013)
  console_sessions_pkey: conflict('CONFLICT', 'this session is already recorded'),
  console_sessions_id_hash_format: INCONSISTENT('a session is stored under a SHA-256 in hex'),
  // one-time codes and evidence documents (migration 0019, issue 14)
  one_time_codes_pkey: conflict('CONFLICT', 'this code is already recorded'),
  one_time_codes_live_unique: conflict('OTP_ALREADY_ISSUED', 'a code for this step is already waiting'),
  one_time_codes_hash_format: INCONSISTENT('a code is stored as an HMAC-SHA-256 in hex'),
  one_time_codes_recipient_ref_format: INCONSISTENT('a code names its recipient by a keyed hash'),
  one_time_codes_process_key_format: INCONSISTENT('a code belongs to a named process step'),
  one_time_codes_purpose_format: INCONSISTENT('a code has a named purpose'),
  one_time_codes_attempts: INCONSISTENT('a code allows between 1 and 10 attempts and counts them'),
  one_time_codes_expiry: INCONSISTENT('a code expires after it was issued'),
  evidence_documents_pkey: conflict('CONFLICT', 'this document is already recorded'),
  evidence_documents_owner_sha_unique: conflict('EVIDENCE_EXISTS', 'this document is already attached', 'file'),
  evidence_documents_type: invalid('EVIDENCE_TYPE', 'a document must be a PDF, JPEG or PNG file', 'file'),
  evidence_documents_size: invalid('EVIDENCE_TOO_LARGE', 'a document is between 1 byte and 5 MiB', 'file'),
  evidence_documents_sha_format: INCONSISTENT('a document is stored with its SHA-256 in hex'),
  evidence_documents_owner_format: INCONSISTENT('a document belongs to a named process'),
  evidence_documents_filename: invalid('INVALID_FILENAME', 'a file name has 1 to 120 characters', 'filename'),
  // account-access recovery and the token revocation list (migration 0022, issue 14 part 3)
  access_recoveries_pkey: conflict('CONFLICT', 'this recovery is already recorded'),
  access_recoveries_workflow_id_unique: conflict('RECOVERY_ALREADY_OPEN', 'this recovery is already started'),
  access_recoveries_open_unique: conflict(
    'RECOVERY_ALREADY_OPEN',
    'this participant already has an account-access recovery under way',
    'personalId',
  ),
  access_recoveries_personal_id_participants_personal_id_fk: PARTICIPANT_MISSING,
  access_recoveries_method: INCONSISTENT('a recovery identifies by VNeID or in person'),
  access_recoveries_status: INCONSISTENT('a recovery has a known status'),
  access_recoveries_ended: INCONSISTENT('a recovery has ended exactly when it is completed or expired'),
  access_recoveries_document_kind: invalid(
    'INVALID_DOCUMENT_KIND',
    'the document is a citizen identity card, a passport or the VNeID app',
    'documentKind',
  ),
  access_recoveries_document_last4: invalid(
    'INVALID_DOCUMENT_DIGITS',
    'give the last 4 digits or capital letters of the document, never the whole number',
    'documentLast4',
  ),
  access_recoveries_verified: INCONSISTENT('a verification names its officer and its time'),
  access_recoveries_document: INCONSISTENT('a document checked has a kind and its last four characters'),
  access_recoveries_in_person_document: INCONSISTENT('an in-person verification names the document checked'),
  access_recoveries_old_contact_ended: INCONSISTENT('an ended recovery keeps no old contact'),
  access_recoveries_email_length: invalid('INVALID_EMAIL', 'an e-mail address has 3 to 254 characters', 'email'),
  token_revocations_pkey: conflict('CONFLICT', 'this revocation is already recorded'),
  token_revocations_subject_hash_format: INCONSISTENT('a revoked subject is stored as a keyed hash in hex'),
  token_revocations_reason_format: INCONSISTENT('a revocation names the process step that revoked it'),
  console_sessions_subject_hash_format: INCONSISTENT('a session names its subject by a keyed hash in hex'),
  tasks_recovery_id_access_recoveries_id_fk: missing('RECOVERY_NOT_FOUND', 'no such recovery', 'recoveryId'),
  tasks_recovery_kind: conflict('TASK_EXISTS', 'this recovery already has this task', 'recoveryId'),
  // declaration cases (migration 0021, issue 14 part 2)
  declaration_cases_pkey: conflict('CONFLICT', 'this case is already recorded'),
  declaration_cases_one_open: conflict(
    'DECLARATION_CASE_ALREADY_OPEN',
    'a case against this employer is already open',
    'employerTaxCode',
  ),
  declaration_cases_personal_id_participants_personal_id_fk: PARTICIPANT_MISSING,
  declaration_cases_tax_code_format: invalid(
    'INVALID_TAX_CODE',
    'a tax code has 10 digits, or 10-3',
    'employerTaxCode',
  ),
  declaration_cases_months: invalid(
    'MONTHS_REVERSED',
    'the months are YYYY-MM, the first not after the last',
    'toMonth',
  ),
  declaration_cases_status: INCONSISTENT('a declaration case has a known status'),
  declaration_cases_referral: INCONSISTENT('a referred case has its reason, and only a referral (open or closed)'),
  declaration_cases_closed: INCONSISTENT('a closed case has its day and its outcome'),
  declaration_cases_outcome_reason: INCONSISTENT(
    "an officer's ending carries its reason code, and only an identified employer's referral has a successor case",
  ),
  declaration_cases_successor_case_id_declaration_cases_id_fk: missing(
    'DECLARATION_CASE_NOT_FOUND',
    'no such case',
    'successorCaseId',
  ),
  declaration_case_steps_pkey: conflict('CONFLICT', 'this step is already recorded'),
  declaration_case_steps_once: conflict('CONFLICT', 'this step of the case is already recorded'),
  declaration_case_steps_step: INCONSISTENT('a case step has a known name'),
  declaration_case_steps_case_id_declaration_cases_id_fk: missing(
    'DECLARATION_CASE_NOT_FOUND',
    'no such case',
    'caseId',
  ),
  tasks_declaration_case_kind: conflict('TASK_EXISTS', 'this case already has this task open', 'declarationCaseId'),
  tasks_declaration_case_id_declaration_cases_id_fk: missing(
    'DECLARATION_CASE_NOT_FOUND',
    'no such case',
    'declarationCaseId',
  ),
  // benefit payments into bank accounts (migration 0018)
  bank_accounts_pkey: conflict('CONFLICT', 'this bank account is already recorded'),
  bank_accounts_personal_id_participants_personal_id_fk: missing(
    'PARTICIPANT_NOT_FOUND',
    'no participant with this personal ID',
    'personalId',
  ),
  bank_accounts_status: INCONSISTENT('a bank account is pending, verified, superseded or closed'),
  bank_accounts_bank_code: invalid('INVALID_BANK_CODE', 'a bank code is a BIC', 'bankCode'),
  bank_accounts_number: invalid('INVALID_ACCOUNT_NUMBER', 'an account number is 6 to 19 digits', 'accountNumber'),
  bank_accounts_verified: INCONSISTENT('a verified account has who verified it and when'),
  bank_accounts_closed: INCONSISTENT('a closed account has the reason'),
  bank_accounts_sealed: INCONSISTENT(
    'an account number is either sealed with its keyed hash or, before migration 0024, in clear',
  ),
  bank_accounts_last4: INCONSISTENT('an account keeps the last 4 digits of its number'),
  bank_accounts_hmac: INCONSISTENT("an account's keyed hash is 64 hex digits"),
  bank_accounts_one_verified: conflict('ACCOUNT_ALREADY_VERIFIED', 'the participant already has a verified account'),
  bank_accounts_one_pending: conflict(
    'ACCOUNT_ALREADY_PENDING',
    'the participant already has an account awaiting verification',
  ),
  payment_files_pkey: conflict('CONFLICT', 'this payment file is already recorded'),
  payment_files_run_id_unique: conflict('PAYMENT_RUN_EXISTS', 'this payment run already has its file', 'runId'),
  payment_files_msg_id_unique: conflict('PAYMENT_RUN_EXISTS', 'this payment file is already recorded', 'runId'),
  payment_files_counts: INCONSISTENT('a payment file has at least one transfer'),
  payment_files_sha256: INCONSISTENT('a payment file is stored with its SHA-256 in hex'),
  payment_files_sealed: INCONSISTENT('a payment file is either sealed or, before migration 0024, in clear'),
  payment_instructions_pkey: conflict('CONFLICT', 'this transfer is already recorded'),
  payment_instructions_end_to_end_id_unique: conflict('ALREADY_INSTRUCTED', 'this transfer is already instructed'),
  payment_instructions_month_attempt: conflict('ALREADY_INSTRUCTED', 'this attempt of the month is already instructed'),
  payment_instructions_month_fk: missing('NOT_FOUND', 'no such benefit month'),
  payment_instructions_payment_file_id_payment_files_id_fk: missing('NOT_FOUND', 'no such payment file'),
  payment_instructions_bank_account_id_bank_accounts_id_fk: missing('NOT_FOUND', 'no such bank account'),
  payment_instructions_status: INCONSISTENT('a transfer is instructed, executed, rejected or reversed'),
  payment_instructions_amount_positive: invalid('INVALID_AMOUNT', 'an amount is more than 0', 'amount'),
  payment_instructions_attempt: INCONSISTENT('attempts are numbered from 1'),
  payment_instructions_settled: INCONSISTENT(
    "a settled transfer has the bank's date, a rejected or reversed one its reason, a reversed one the day the money came back",
  ),
  payment_instructions_one_open: conflict('ALREADY_INSTRUCTED', 'this benefit month is already in a payment file'),
  payment_instructions_one_executed: conflict('ALREADY_PAID', 'this benefit month is already paid'),
  // data-update requests (migration 0020, issue 14 part 1)
  data_update_requests_pkey: conflict('CONFLICT', 'this request is already recorded'),
  data_update_requests_one_open: conflict('DATA_UPDATE_ALREADY_OPEN', 'a request of this kind is already open', 'kind'),
  data_update_requests_personal_id_participants_personal_id_fk: PARTICIPANT_MISSING,
  data_update_requests_kind: invalid('INVALID_KIND', 'a request changes a known kind of data', 'kind'),
  data_update_requests_status: INCONSISTENT('a data-update request has a known status'),
  data_update_requests_decided: INCONSISTENT('a decided request has the day of its decision'),
  data_update_requests_rejected_reason: INCONSISTENT('a rejected request has a reason'),
  data_update_requests_requested_object: INCONSISTENT('a request keeps its values as an object'),
  tasks_data_update_kind: conflict('TASK_EXISTS', 'this request already has this task open', 'dataUpdateId'),
  tasks_data_update_id_data_update_requests_id_fk: missing('DATA_UPDATE_NOT_FOUND', 'no such request', 'dataUpdateId'),
};

/**
 * The partitions of a partitioned table (migration 0030) inherit its check and foreign-key names, but
 * each partition's primary key is an index of its own, named after the partition
 * (`contribution_months_y2026_pkey`): a violation there is the parent's.
 */
const PARTITION_CONSTRAINTS: readonly (readonly [RegExp, string])[] = [
  [/^contribution_months_y[0-9]{4}_pkey$/, 'contribution_months_personal_id_employer_tax_code_period_pk'],
];

/** The code of a constraint of the catalog, a partition's included (null when it has none). */
export function constraintEntry(name: string): Entry | null {
  const own = CONSTRAINT_CODES[name];
  if (own) return own;
  for (const [pattern, parent] of PARTITION_CONSTRAINTS)
    if (pattern.test(name)) return CONSTRAINT_CODES[parent] ?? null;
  return null;
}

/**
 * A row of a partitioned table that no partition holds (SQLSTATE 23514 without a constraint, the
 * table named): there is no DEFAULT partition (migration 0030), so the row is refused, never stored
 * where no query looks for it.
 */
const NO_PARTITION_CODES: Readonly<Record<string, Entry>> = {
  contribution_months: unprocessable(
    'CONTRIBUTION_PERIOD_NOT_HELD',
    'the database holds contribution months from 1995-01 to the partitions created ahead (ansinh db partitions); this month is outside them',
    'period',
  ),
};

/** When a constraint is not in the table: one code per kind of violation, never a 500. */
const SQLSTATE_CODES: Readonly<Record<string, Entry>> = {
  '23505': conflict('ALREADY_EXISTS', 'a record with the same key already exists'),
  '23503': unprocessable('REFERENCE_NOT_FOUND', 'a record this one refers to does not exist (or is still referred to)'),
  '23502': invalid('MISSING_VALUE', 'a required value is missing'),
  '23514': unprocessable('CONSTRAINT_VIOLATION', 'the record would break a rule of the database'),
  '23P01': conflict('CONFLICT', 'the record overlaps another'),
  '22003': invalid('NUMBER_TOO_LARGE', 'a number is larger than the database holds'),
  '22001': invalid('TEXT_TOO_LONG', 'a text is longer than the database holds'),
  '22021': invalid('INVALID_TEXT', 'a text is not valid UTF-8 (a NUL byte or a lone surrogate)'),
  '22P05': invalid('INVALID_TEXT', 'a text holds a character the database cannot store (a NUL byte)'),
  '22P02': invalid('INVALID_INPUT', 'a value has the wrong form'),
  '22007': invalid('INVALID_DATE', 'not a date'),
  '22008': invalid('DATE_OUT_OF_RANGE', 'a date is outside what the database holds'),
};
/** Fallback per SQLSTATE class: 22 data exception, 23 integrity constraint violation. */
const CLASS_CODES: Readonly<Record<string, Entry>> = {
  '22': invalid('INVALID_INPUT', 'a value cannot be stored as given'),
  '23': unprocessable('CONSTRAINT_VIOLATION', 'the record would break a rule of the database'),
};

/** SQLSTATEs and classes that mean the database cannot serve now (connection, shutdown, overload). */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300', '55000', '3D000', '28000', '28P01']);
const UNAVAILABLE_CLASSES = new Set(['08', '53', '58']);
/** Transient: a retry succeeds (serialization failure, deadlock, statement timeout, lock timeout). */
const BUSY_STATES = new Set(['40001', '40P01', '57014', '55P03']);
/** postgres.js and Node's own codes for a lost or refused connection. */
const CONNECTION_CODES = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

interface PgLike {
  code?: unknown;
  errno?: unknown;
  constraint_name?: unknown;
  constraint?: unknown;
  table_name?: unknown;
  table?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/** The chain of causes of an error (drizzle wraps the driver's error; AggregateError holds several). */
function* chain(err: unknown): Generator<PgLike> {
  let e: unknown = err;
  for (let i = 0; e && typeof e === 'object' && i < 6; i++) {
    yield e as PgLike;
    const errors = (e as PgLike).errors;
    if (Array.isArray(errors))
      for (const inner of errors) if (inner && typeof inner === 'object') yield inner as PgLike;
    e = (e as PgLike).cause;
  }
}

/** A SQLSTATE: its class is two digits, or HV, P0, XX, F0 (not a Node code such as EPIPE). */
const SQLSTATE = /^(?:[0-9]{2}|[0-9][A-Z]|HV|P0|XX|F0)[0-9A-Z]{3}$/;
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** The loggable facts of a database error, or null when the error did not come from the database. */
export function databaseErrorFacts(err: unknown): DatabaseErrorFacts | null {
  for (const e of chain(err)) {
    const code = str(e.code);
    if (code && CONNECTION_CODES.has(code)) return { sqlstate: null, constraint: null, table: null, driverCode: code };
    if (code && SQLSTATE.test(code)) {
      return {
        sqlstate: code,
        constraint: str(e.constraint_name) ?? str(e.constraint),
        table: str(e.table_name) ?? str(e.table),
        driverCode: null,
      };
    }
    const errno = str(e.errno);
    if (errno && CONNECTION_CODES.has(errno))
      return { sqlstate: null, constraint: null, table: null, driverCode: errno };
  }
  return null;
}

/** Whether an error carries a SQL statement and its parameters (drizzle's "Failed query: … params: …"). */
export function isQueryError(err: unknown): boolean {
  for (const e of chain(err)) if (typeof (e as { query?: unknown }).query === 'string') return true;
  return false;
}

/**
 * What a database error means: a refusal (4xx with its code), unavailable (503, retry later), or
 * null (not a database error, or one that is a bug: the caller answers 500 without its message).
 */
export function classifyDatabaseError(err: unknown): DatabaseRefusal | DatabaseUnavailable | null {
  const facts = databaseErrorFacts(err);
  if (!facts) return null;
  if (facts.driverCode)
    return {
      kind: 'unavailable',
      status: 503,
      code: 'DATABASE_UNAVAILABLE',
      message: 'the database cannot be reached; retry shortly',
      retryAfter: 5,
    };
  const state = facts.sqlstate!;
  if (UNAVAILABLE_STATES.has(state) || UNAVAILABLE_CLASSES.has(state.slice(0, 2))) {
    return {
      kind: 'unavailable',
      status: 503,
      code: 'DATABASE_UNAVAILABLE',
      message: 'the database cannot serve requests now; retry shortly',
      retryAfter: 5,
    };
  }
  if (BUSY_STATES.has(state))
    return {
      kind: 'unavailable',
      status: 503,
      code: 'DATABASE_BUSY',
      message: 'the request met a concurrent one; retry it',
      retryAfter: 1,
    };
  const entry =
    (facts.constraint ? constraintEntry(facts.constraint) : undefined) ??
    (state === '23514' && !facts.constraint && facts.table ? NO_PARTITION_CODES[facts.table] : undefined) ??
    SQLSTATE_CODES[state] ??
    CLASS_CODES[state.slice(0, 2)];
  return entry ? { kind: 'refusal', ...entry } : null;
}
