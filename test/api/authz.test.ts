/**
 * The authorisation matrix: every role × every endpoint × own vs someone else's resource. The
 * table below is the documentation of who may do what (api/policy.ts enforces it).
 *
 *   allow = the request passes authorisation (the status is the route's own answer, never 401/403)
 *   deny  = 403 FORBIDDEN
 *
 * @date-sensitive Claims are filed for today (the injected clock); the matrix passes on any date.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleSubmission } from '../../dev/sample';
import { ROLES, type Role } from '../../api/auth';
import { addDays } from '../../domain/calendar';
import { apiFixture, bearer, type ApiFixture } from './fixture';
import { testClock } from '../setup/harness';

type Who = 'own' | 'other';

/** A refusal's stable code: problem+json's `code`, or an OperationOutcome's (the /fhir routes). */
const codeOf = (body: string): string | undefined => {
  const b = JSON.parse(body) as { code?: string; issue?: { details?: { coding?: { code?: string }[] } }[] };
  return b.code ?? b.issue?.[0]?.details?.coding?.[0]?.code;
};
type Expect = 'allow' | 'deny';

interface Endpoint {
  name: string;
  /** Answers without a token (it says nothing about anyone): left out of the 401 sweep. */
  public?: true;
  /** Builds the request for a resource: own = bound to the caller's token, other = someone else's. */
  request(
    f: ApiFixture,
    who: Who,
    seq: number,
  ): { method: 'GET' | 'POST' | 'PUT'; url: string; payload?: unknown; headers?: Record<string, string> };
}

const employerOf = (f: ApiFixture, who: Who) => (who === 'own' ? f.a : f.b).employer.taxCode;
const personOf = (f: ApiFixture, who: Who) => (who === 'own' ? f.a : f.b).employees[0]!.personalId;
/** The unemployment claim of that person, filed in beforeAll (the same filing again is the same claim). */
const filingOf = (f: ApiFixture, who: Who) => {
  const filingDate = testClock.today();
  return {
    personalId: personOf(f, who),
    terminationDate: addDays(filingDate, -7),
    filingDate,
    region: 'I',
    contractMonths: 36,
    terminationReason: 'contract_expired',
  };
};
const CLAIMS: Record<Who, string> = { own: '', other: '' };
/** Issue 14 part 1: a nationality correction under review and an e-mail change awaiting its code, for each person. */
const DATA_UPDATES: Record<Who, number> = { own: 0, other: 0 };
const EMAIL_UPDATES: Record<Who, number> = { own: 0, other: 0 };
/** An account-access recovery of each of the two people, started at the desk in beforeAll (issue 14 part 3). */
const RECOVERIES: Record<Who, string> = { own: '', other: '' };
/** A declaration case of each person against their own employer (opened in beforeAll). */
const DECLARATION_CASES: Record<Who, number> = { own: 0, other: 0 };

const ENDPOINTS: Endpoint[] = [
  // The Web UI's codec server (api/routes/codec.ts): decrypting payloads shows workflow data in clear.
  { name: 'POST /codec/decode', request: () => ({ method: 'POST', url: '/codec/decode', payload: { payloads: [] } }) },
  { name: 'POST /codec/encode', request: () => ({ method: 'POST', url: '/codec/encode', payload: { payloads: [] } }) },
  {
    name: 'POST /v1/onboardings',
    // A fresh dossier each time; "own" = the employer token's own tax code (set below).
    request: (f, who, seq) => {
      const sub = sampleSubmission(70_000 + seq, 1, { startMonth: '2026-11' });
      sub.employer.taxCode = who === 'own' ? OWN_NEW_EMPLOYER : sub.employer.taxCode;
      return { method: 'POST', url: '/v1/onboardings', payload: sub };
    },
  },
  {
    name: 'GET /v1/onboardings/{id}',
    request: (f, who) => ({ method: 'GET', url: `/v1/onboardings/onboarding:${employerOf(f, who)}` }),
  },
  {
    name: 'POST /v1/onboardings/{id}/decision',
    request: (f, who) => ({
      method: 'POST',
      url: `/v1/onboardings/onboarding:${employerOf(f, who)}/decision`,
      payload: { decision: 'approve' },
    }),
  },
  {
    name: 'GET /v1/employers/{taxCode}',
    request: (f, who) => ({ method: 'GET', url: `/v1/employers/${employerOf(f, who)}` }),
  },
  {
    name: 'GET /v1/employers/{taxCode}/employees',
    request: (f, who) => ({ method: 'GET', url: `/v1/employers/${employerOf(f, who)}/employees` }),
  },
  {
    name: 'POST /v1/employers/{taxCode}/declarations',
    // A salary change for an employee of that employer (valid for either employer).
    request: (f, who, seq) => {
      const sub = who === 'own' ? f.a : f.b;
      return {
        method: 'POST',
        url: `/v1/employers/${sub.employer.taxCode}/declarations`,
        payload: {
          declarations: [
            {
              kind: 'salary_change',
              reference: `authz-${seq}`,
              personalId: sub.employees[1]!.personalId,
              effectiveMonth: '2026-11',
              salary: 9_000_000 + seq,
            },
          ],
        },
      };
    },
  },
  // Issue 15: the D02-LT file. A preview writes nothing; a submission is a salary change of that employer's employee.
  {
    name: 'POST /v1/employers/{taxCode}/declarations/file/preview',
    request: (f, who) => {
      const sub = who === 'own' ? f.a : f.b;
      return {
        method: 'POST',
        url: `/v1/employers/${sub.employer.taxCode}/declarations/file/preview`,
        headers: { 'content-type': 'text/csv' },
        payload: `Số CCCD/ĐDCN/Hộ chiếu,Họ và tên,Hệ số/Mức lương,Từ tháng năm,Phương án\r\n${sub.employees[1]!.personalId},,9.000.000,11/2026,DC\r\n`,
      };
    },
  },
  {
    name: 'POST /v1/employers/{taxCode}/declarations/file',
    request: (f, who, seq) => {
      const sub = who === 'own' ? f.a : f.b;
      return {
        method: 'POST',
        url: `/v1/employers/${sub.employer.taxCode}/declarations/file`,
        headers: { 'content-type': 'text/csv' },
        payload: `Số CCCD/ĐDCN/Hộ chiếu,Họ và tên,Hệ số/Mức lương,Từ tháng năm,Phương án,Mã tham chiếu\r\n${sub.employees[1]!.personalId},,${9_000_000 + seq},11/2026,DC,authz-file-${seq}\r\n`,
      };
    },
  },
  {
    name: 'GET /v1/employers/{taxCode}/employees.csv',
    request: (f, who) => ({ method: 'GET', url: `/v1/employers/${employerOf(f, who)}/employees.csv` }),
  },
  {
    name: 'GET /v1/employers/{taxCode}/employees.xlsx',
    request: (f, who) => ({ method: 'GET', url: `/v1/employers/${employerOf(f, who)}/employees.xlsx` }),
  },
  {
    name: 'GET /v1/employers/{taxCode}/statements/{YYYY-MM}.csv|.xlsx',
    request: (f, who, seq) => ({
      method: 'GET',
      url: `/v1/employers/${employerOf(f, who)}/statements/2026-11.${seq % 2 ? 'csv' : 'xlsx'}`,
    }),
  },
  {
    // An announcement: pending, never credited, so an allowed one changes nothing the other cases read.
    name: 'POST /v1/employers/{taxCode}/payments',
    request: (f, who, seq) => ({
      method: 'POST',
      url: `/v1/employers/${employerOf(f, who)}/payments`,
      payload: { amount: 1000 + seq, expectedValueDate: '2026-11-20', reference: `AUTHZ-${seq}-${who}` },
    }),
  },
  {
    name: 'GET /v1/employers/{taxCode}/payments',
    request: (f, who) => ({ method: 'GET', url: `/v1/employers/${employerOf(f, who)}/payments` }),
  },
  {
    // A statement with one credit that names no employer: an allowed post puts it in suspense and books nothing.
    name: 'POST /v1/bank/statements',
    request: (_f, _who, seq) => ({
      method: 'POST',
      url: '/v1/bank/statements',
      headers: { 'content-type': 'text/csv' },
      payload: `bank_reference,value_date,direction,amount,currency,remittance\nAUTHZ-BANK-${seq},2026-11-20,CRDT,1000,VND,no employer named\n`,
    }),
  },
  { name: 'GET /v1/bank/suspense', request: () => ({ method: 'GET', url: '/v1/bank/suspense' }) },
  // A line that does not exist: an allowed assignment is 404 and books nothing.
  {
    name: 'POST /v1/bank/suspense/{id}/assignment',
    request: (f, who) => ({
      method: 'POST',
      url: '/v1/bank/suspense/999999999/assignment',
      payload: { taxCode: employerOf(f, who) },
    }),
  },
  {
    name: 'GET /v1/employers/{taxCode}/periods/{period}',
    request: (f, who) => ({ method: 'GET', url: `/v1/employers/${employerOf(f, who)}/periods/2026-11` }),
  },
  {
    name: 'GET /v1/participants/{personalId}/ebook',
    request: (f, who) => ({ method: 'GET', url: `/v1/participants/${personOf(f, who)}/ebook` }),
  },
  {
    name: 'GET /v1/participants/{personalId}/access-log',
    request: (f, who) => ({ method: 'GET', url: `/v1/participants/${personOf(f, who)}/access-log` }),
  },
  {
    name: 'POST /v1/participants/{personalId}/ebook/email',
    request: (f, who) => ({ method: 'POST', url: `/v1/participants/${personOf(f, who)}/ebook/email` }),
  },
  {
    name: 'GET /v1/coverage?personalId=',
    request: (f, who) => ({ method: 'GET', url: `/v1/coverage?personalId=${personOf(f, who)}` }),
  },
  { name: 'POST /v1/ebooks/verification', request: () => ({ method: 'POST', url: '/v1/ebooks/verification' }) },
  // A period before anyone of the fixture was employed: an allowed run changes nothing the other cases read.
  {
    name: 'POST /v1/reconciliations',
    request: () => ({ method: 'POST', url: '/v1/reconciliations', payload: { period: '2025-01', asOf: '2025-03-01' } }),
  },
  { name: 'GET /v1/reconciliations/{period}', request: () => ({ method: 'GET', url: '/v1/reconciliations/2025-01' }) },
  // Claims of people with no credited month: an allowed request is refused by the claim itself
  // (approval: 409 NOT_ELIGIBLE; report and termination: 409 WRONG_STATE), so none changes a claim.
  { name: 'POST /v1/claims', request: (f, who) => ({ method: 'POST', url: '/v1/claims', payload: filingOf(f, who) }) },
  { name: 'GET /v1/claims/{id}', request: (_f, who) => ({ method: 'GET', url: `/v1/claims/${CLAIMS[who]}` }) },
  {
    name: 'POST /v1/claims/{id}/decision',
    request: (_f, who) => ({
      method: 'POST',
      url: `/v1/claims/${CLAIMS[who]}/decision`,
      payload: { decision: 'approve' },
    }),
  },
  {
    name: 'POST /v1/claims/{id}/reports',
    request: (_f, who) => ({ method: 'POST', url: `/v1/claims/${CLAIMS[who]}/reports`, payload: {} }),
  },
  {
    name: 'POST /v1/claims/{id}/termination',
    request: (_f, who) => ({
      method: 'POST',
      url: `/v1/claims/${CLAIMS[who]}/termination`,
      payload: { ground: 'own_request' },
    }),
  },
  // Issue 12, Part A: the work queue (no resource of anyone's: "own" and "other" ask the same).
  { name: 'GET /v1/tasks', request: () => ({ method: 'GET', url: '/v1/tasks?status=overdue&actor=any' }) },
  { name: 'GET /v1/tasks/stalled', request: () => ({ method: 'GET', url: '/v1/tasks/stalled' }) },
  // Issue #12, Part B: lists and search. A list names no resource: "own" and "other" ask the same
  // list, and a caller whose rule is `own` sees only what its token is bound to (lists.test.ts).
  { name: 'GET /v1/claims', request: () => ({ method: 'GET', url: '/v1/claims' }) },
  { name: 'GET /v1/onboardings', request: () => ({ method: 'GET', url: '/v1/onboardings' }) },
  {
    name: 'GET /v1/participants?q=',
    request: (f, who) => ({ method: 'GET', url: `/v1/participants?q=${personOf(f, who)}` }),
  },
  {
    name: 'GET /v1/employers?q=',
    request: (f, who) => ({ method: 'GET', url: `/v1/employers?q=${employerOf(f, who)}` }),
  },
  {
    name: 'GET /v1/employers/{taxCode}/periods',
    request: (f, who) => ({ method: 'GET', url: `/v1/employers/${employerOf(f, who)}/periods` }),
  },
  {
    name: 'GET /v1/claims/{id}/payments',
    request: (_f, who) => ({ method: 'GET', url: `/v1/claims/${CLAIMS[who]}/payments` }),
  },
  {
    name: 'GET /v1/participants/{personalId}/payments',
    request: (f, who) => ({ method: 'GET', url: `/v1/participants/${personOf(f, who)}/payments` }),
  },
  // Issue 12, the officer's claim page: the claim's timeline (its audit events).
  {
    name: 'GET /v1/claims/{id}/timeline',
    request: (_f, who) => ({ method: 'GET', url: `/v1/claims/${CLAIMS[who]}/timeline` }),
  },
  // The operator's console (issue #12, helper "operator"). The schedule applied here is this API's own
  // (its id names the task queue) and is deleted in afterAll.
  { name: 'GET /v1/reconciliations', request: () => ({ method: 'GET', url: '/v1/reconciliations?limit=5' }) },
  {
    name: 'GET /v1/reconciliations/schedule',
    request: () => ({ method: 'GET', url: '/v1/reconciliations/schedule' }),
  },
  {
    name: 'POST /v1/reconciliations/schedule',
    request: () => ({ method: 'POST', url: '/v1/reconciliations/schedule' }),
  },
  { name: 'POST /v1/ledger/verification', request: () => ({ method: 'POST', url: '/v1/ledger/verification' }) },
  { name: 'POST /v1/audit/verification', request: () => ({ method: 'POST', url: '/v1/audit/verification' }) },
  { name: 'GET /v1/arrears', request: () => ({ method: 'GET', url: '/v1/arrears?from=2026-10&to=2026-12' }) },
  // Issue 13, delivery: the dead letters (operators) and a person's inbox (own participant, officers).
  { name: 'GET /v1/notices', request: () => ({ method: 'GET', url: '/v1/notices?status=dead' }) },
  { name: 'POST /v1/notices/{id}/retry', request: () => ({ method: 'POST', url: '/v1/notices/1/retry' }) },
  {
    name: 'GET /v1/participants/{personalId}/notices',
    request: (f, who) => ({ method: 'GET', url: `/v1/participants/${personOf(f, who)}/notices` }),
  },
  // Issue 13, delivery: an employer's inbox and its notices' PDFs (own employer, officers).
  {
    name: 'GET /v1/employers/{taxCode}/notices',
    request: (f, who) => ({ method: 'GET', url: `/v1/employers/${employerOf(f, who)}/notices` }),
  },
  {
    name: 'GET /v1/employers/{taxCode}/notices/{id}/document.pdf',
    request: (f, who) => ({ method: 'GET', url: `/v1/employers/${employerOf(f, who)}/notices/1/document.pdf` }),
  },
  // Issue 13, documents: the e-book as a PDF (the e-book's policy).
  {
    name: 'GET /v1/participants/{personalId}/ebook.pdf',
    request: (f, who) => ({ method: 'GET', url: `/v1/participants/${personOf(f, who)}/ebook.pdf` }),
  },
  // Issue 13, the recipient's language: the person themself or the employer itself, and officers
  // (the default 'vi', so the matrix changes nothing).
  {
    name: 'PUT /v1/participants/{personalId}/preferences',
    request: (f, who) => ({
      method: 'PUT',
      url: `/v1/participants/${personOf(f, who)}/preferences`,
      payload: { lang: 'vi' },
    }),
  },
  {
    name: 'PUT /v1/employers/{taxCode}/preferences',
    request: (f, who) => ({
      method: 'PUT',
      url: `/v1/employers/${employerOf(f, who)}/preferences`,
      payload: { lang: 'vi' },
    }),
  },
  // Issue 14 part 3, account-access recovery: each person's recovery was started in beforeAll, so a
  // second start is 409 RECOVERY_ALREADY_OPEN and the steps are refused by the workflow's state, never 5xx.
  {
    name: 'POST /v1/recoveries',
    request: (f, who) => ({ method: 'POST', url: '/v1/recoveries', payload: { personalId: personOf(f, who) } }),
  },
  {
    name: 'GET /v1/recoveries/{id}',
    request: (_f, who) => ({ method: 'GET', url: `/v1/recoveries/${RECOVERIES[who]}` }),
  },
  {
    name: 'POST /v1/recoveries/{id}/verification',
    request: (_f, who) => ({
      method: 'POST',
      url: `/v1/recoveries/${RECOVERIES[who]}/verification`,
      payload: { documentKind: 'cccd', documentLast4: '0001' },
    }),
  },
  {
    name: 'POST /v1/recoveries/{id}/contact',
    request: (_f, who) => ({
      method: 'POST',
      url: `/v1/recoveries/${RECOVERIES[who]}/contact`,
      payload: { email: 'authz@example.vn' },
    }),
  },
  {
    name: 'POST /v1/recoveries/{id}/confirmation',
    request: (_f, who) => ({
      method: 'POST',
      url: `/v1/recoveries/${RECOVERIES[who]}/confirmation`,
      payload: { code: '000000' },
    }),
  },
  // Issue 14 part 4, benefits paid into bank accounts: the participant's account (own, officers
  // verify), the payment runs' files (operators), the paying bank's answers (bank, operators).
  {
    name: 'GET /v1/participants/{personalId}/bank-account',
    request: (f, who) => ({ method: 'GET', url: `/v1/participants/${personOf(f, who)}/bank-account` }),
  },
  {
    // A holder who is not the participant: an allowed proposal is 422 ACCOUNT_HOLDER_MISMATCH and writes nothing.
    name: 'PUT /v1/participants/{personalId}/bank-account',
    request: (f, who) => ({
      method: 'PUT',
      url: `/v1/participants/${personOf(f, who)}/bank-account`,
      payload: { bankCode: 'BFTVVNVX', accountNumber: '0071001234567', holderName: 'AUTHZ NOT THE HOLDER' },
    }),
  },
  {
    // Nothing pending: an allowed verification is 409 NO_PENDING_ACCOUNT.
    name: 'POST /v1/participants/{personalId}/bank-account/verification',
    request: (f, who) => ({
      method: 'POST',
      url: `/v1/participants/${personOf(f, who)}/bank-account/verification`,
      payload: {},
    }),
  },
  {
    // A run of a day long past that owes nothing: an allowed run makes no file.
    name: 'POST /v1/payment-files',
    request: (_f, _who, seq) => ({
      method: 'POST',
      url: '/v1/payment-files',
      payload: { runId: `2026-01-01-z${seq}` },
    }),
  },
  { name: 'GET /v1/payment-files/{id}', request: () => ({ method: 'GET', url: '/v1/payment-files/999999999' }) },
  {
    // An EndToEndId never instructed: an allowed import reports it unknown and changes nothing.
    name: 'POST /v1/bank/payment-status',
    request: (_f, _who, seq) => ({
      method: 'POST',
      url: '/v1/bank/payment-status',
      headers: { 'content-type': 'application/xml' },
      payload: `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.10"><CstmrPmtStsRpt><GrpHdr><MsgId>A${seq}</MsgId><CreDtTm>2026-01-02T10:00:00+07:00</CreDtTm></GrpHdr><OrgnlPmtInfAndSts><TxInfAndSts><OrgnlEndToEndId>AUTHZ${seq}</OrgnlEndToEndId><TxSts>ACSC</TxSts></TxInfAndSts></OrgnlPmtInfAndSts></CstmrPmtStsRpt></Document>`,
    }),
  },
  {
    name: 'POST /v1/bank/debit-notifications',
    request: (_f, _who, seq) => ({
      method: 'POST',
      url: '/v1/bank/debit-notifications',
      headers: { 'content-type': 'application/xml' },
      payload: `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08"><BkToCstmrDbtCdtNtfctn><GrpHdr><MsgId>N${seq}</MsgId></GrpHdr><Ntfctn><Ntry><Amt Ccy="VND">1000</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>2026-01-02</Dt></BookgDt><NtryDtls><TxDtls><Refs><EndToEndId>AUTHZ${seq}</EndToEndId></Refs></TxDtls></NtryDtls></Ntry></Ntfctn></BkToCstmrDbtCdtNtfctn></Document>`,
    }),
  },
  // Issue 14 part 1, data-update requests: the participant's own (level 2), officers any; only officers decide.
  {
    name: 'POST /v1/data-updates',
    // A phone change: this API has no SMS gateway, so both are refused 409 NO_SMS_GATEWAY — past authorisation.
    request: (f, who, seq) => ({
      method: 'POST',
      url: '/v1/data-updates',
      payload: { kind: 'phone', personalId: personOf(f, who), phone: `09${String(10_000_000 + seq).slice(-8)}` },
    }),
  },
  {
    name: 'GET /v1/data-updates/{id}',
    request: (_f, who) => ({ method: 'GET', url: `/v1/data-updates/${DATA_UPDATES[who]}` }),
  },
  {
    name: 'GET /v1/participants/{personalId}/data-updates',
    request: (f, who) => ({ method: 'GET', url: `/v1/participants/${personOf(f, who)}/data-updates` }),
  },
  {
    name: 'POST /v1/data-updates/{id}/code',
    request: (_f, who) => ({
      method: 'POST',
      url: `/v1/data-updates/${EMAIL_UPDATES[who]}/code`,
      payload: { code: '000000' },
    }),
  },
  {
    name: 'POST /v1/data-updates/{id}/evidence',
    request: (_f, who) => ({
      method: 'POST',
      url: `/v1/data-updates/${DATA_UPDATES[who]}/evidence`,
      payload: Buffer.from('%PDF-1.7\nauthz\n%%EOF\n'),
      headers: { 'content-type': 'application/pdf' },
    }),
  },
  {
    name: 'GET /v1/data-updates/{id}/evidence/{docId}',
    request: (_f, who) => ({ method: 'GET', url: `/v1/data-updates/${DATA_UPDATES[who]}/evidence/1` }),
  },
  {
    name: 'POST /v1/data-updates/{id}/decision',
    request: (_f, who) => ({
      method: 'POST',
      url: `/v1/data-updates/${DATA_UPDATES[who]}/decision`,
      payload: { decision: 'more_evidence', reason: 'Bản sao giấy khai sinh' },
    }),
  },
  // Issue 14 part 2, declaration cases: the participant's own (an officer any), the employer's own view.
  {
    name: 'POST /v1/declaration-cases',
    request: (f, who) => ({
      method: 'POST',
      url: '/v1/declaration-cases',
      // An employer the database does not hold: 202 referred, then 409 already open — never 403 for the allowed.
      payload: {
        personalId: personOf(f, who),
        employerTaxCode: '0100109106',
        fromMonth: '2026-10',
        toMonth: '2026-11',
      },
    }),
  },
  {
    name: 'GET /v1/declaration-cases/{id}',
    request: (_f, who) => ({ method: 'GET', url: `/v1/declaration-cases/${DECLARATION_CASES[who]}` }),
  },
  {
    name: 'GET /v1/participants/{personalId}/declaration-cases',
    request: (f, who) => ({ method: 'GET', url: `/v1/participants/${personOf(f, who)}/declaration-cases` }),
  },
  {
    name: 'POST /v1/declaration-cases/{id}/evidence',
    request: (_f, who) => ({
      method: 'POST',
      url: `/v1/declaration-cases/${DECLARATION_CASES[who]}/evidence`,
      headers: { 'content-type': 'application/pdf' },
      payload: Buffer.from('%PDF-1.7\nauthz\n%%EOF\n'),
    }),
  },
  {
    name: 'GET /v1/declaration-cases/{id}/evidence/{docId}',
    request: (_f, who) => ({ method: 'GET', url: `/v1/declaration-cases/${DECLARATION_CASES[who]}/evidence/1` }),
  },
  {
    name: 'GET /v1/declaration-cases/{id}/employer-view',
    request: (_f, who) => ({ method: 'GET', url: `/v1/declaration-cases/${DECLARATION_CASES[who]}/employer-view` }),
  },
  {
    name: 'POST /v1/declaration-cases/{id}/arrears',
    request: (_f, who) => ({
      method: 'POST',
      url: `/v1/declaration-cases/${DECLARATION_CASES[who]}/arrears`,
      payload: { confirm: true },
    }),
  },
  {
    // Not a referral: 409 WRONG_STATE for the allowed, writing nothing.
    name: 'POST /v1/declaration-cases/{id}/referral-closure',
    request: (_f, who) => ({
      method: 'POST',
      url: `/v1/declaration-cases/${DECLARATION_CASES[who]}/referral-closure`,
      payload: { outcome: 'outside_system', whereToTurn: 'labour_inspectorate' },
    }),
  },
  {
    // Last of the cases' endpoints: the allowed dismiss the case (then 409 once it is closed).
    name: 'POST /v1/declaration-cases/{id}/dismissal',
    request: (_f, who) => ({
      method: 'POST',
      url: `/v1/declaration-cases/${DECLARATION_CASES[who]}/dismissal`,
      payload: { reason: 'duplicate' },
    }),
  },
  // Issue 15: FHIR R4 for healthcare facilities (only a facility's token; the CapabilityStatement is public).
  { name: 'GET /fhir/metadata', public: true, request: () => ({ method: 'GET', url: '/fhir/metadata' }) },
  {
    name: 'GET /fhir/Coverage?beneficiary.identifier=',
    request: (f, who) => ({
      method: 'GET',
      url: `/fhir/Coverage?beneficiary.identifier=${encodeURIComponent(`https://fhir.baohiemxahoi.gov.vn/sid/cccd|${personOf(f, who)}`)}`,
    }),
  },
  // A card code no one holds: an allowed read is 404.
  { name: 'GET /fhir/Coverage/{card}', request: () => ({ method: 'GET', url: '/fhir/Coverage/DN4790000000000' }) },
  {
    name: 'POST /fhir/CoverageEligibilityRequest',
    request: (f, who) => ({
      method: 'POST',
      url: '/fhir/CoverageEligibilityRequest',
      headers: { 'content-type': 'application/fhir+json' },
      payload: JSON.stringify({
        resourceType: 'CoverageEligibilityRequest',
        status: 'active',
        purpose: ['validation'],
        patient: { identifier: { system: 'https://fhir.baohiemxahoi.gov.vn/sid/cccd', value: personOf(f, who) } },
        created: '2026-11-24',
        insurer: { display: 'BHXH' },
      }),
    }),
  },
  // Issue 15: an officer locks or withdraws an HI card. A ground that does not fit the kind: an
  // allowed lock is 422 LOCK_GROUND_MISMATCH and writes nothing; a lift of no lock is 404.
  {
    name: 'POST /v1/participants/{personalId}/hi-card/locks',
    request: (f, who, seq) => ({
      method: 'POST',
      url: `/v1/participants/${personOf(f, who)}/hi-card/locks`,
      payload: { reference: `AUTHZ-${seq}`, kind: 'locked', ground: 'fraud' },
    }),
  },
  {
    name: 'POST /v1/participants/{personalId}/hi-card/locks/{reference}/lifting',
    request: (f, who) => ({
      method: 'POST',
      url: `/v1/participants/${personOf(f, who)}/hi-card/locks/AUTHZ-NONE/lifting`,
      payload: {},
    }),
  },
];

// Tax code the employer token is bound to for the "own" onboarding submission (a new employer).
let OWN_NEW_EMPLOYER = '';

/** THE MATRIX. [endpoint][role] = [own, other]. */
const MATRIX: Record<string, Record<Role, [Expect, Expect]>> = {
  'POST /v1/onboardings': {
    officer: ['allow', 'allow'],
    employer: ['allow', 'deny'],
    participant: ['deny', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  'GET /v1/onboardings/{id}': {
    officer: ['allow', 'allow'],
    employer: ['allow', 'deny'],
    participant: ['deny', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  'POST /v1/onboardings/{id}/decision': {
    officer: ['allow', 'allow'],
    employer: ['deny', 'deny'],
    participant: ['deny', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  'GET /v1/employers/{taxCode}': {
    officer: ['allow', 'allow'],
    employer: ['allow', 'deny'],
    participant: ['deny', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  'GET /v1/employers/{taxCode}/employees': {
    officer: ['allow', 'allow'],
    employer: ['allow', 'deny'],
    participant: ['deny', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  'POST /v1/employers/{taxCode}/declarations': {
    officer: ['allow', 'allow'],
    employer: ['allow', 'deny'],
    participant: ['deny', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  'POST /v1/employers/{taxCode}/declarations/file/preview': {
    officer: ['allow', 'allow'],
    employer: ['allow', 'deny'],
    participant: ['deny', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  'POST /v1/employers/{taxCode}/declarations/file': {
    officer: ['allow', 'allow'],
    employer: ['allow', 'deny'],
    participant: ['deny', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  'GET /v1/employers/{taxCode}/employees.csv': {
    officer: ['allow', 'allow'],
    employer: ['allow', 'deny'],
    participant: ['deny', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  'GET /v1/employers/{taxCode}/employees.xlsx': {
    officer: ['allow', 'allow'],
    employer: ['allow', 'deny'],
    participant: ['deny', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  'GET /v1/employers/{taxCode}/statements/{YYYY-MM}.csv|.xlsx': {
    officer: ['allow', 'allow'],
    employer: ['allow', 'deny'],
    participant: ['deny', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  'POST /v1/employers/{taxCode}/payments': {
    officer: ['allow', 'allow'],
    employer: ['allow', 'deny'],
    participant: ['deny', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  'GET /v1/employers/{taxCode}/payments': {
    officer: ['allow', 'allow'],
    employer: ['allow', 'deny'],
    participant: ['deny', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  // Money comes from the bank: the bank posts its statement, an operator imports it; officers work the suspense list.
  'POST /v1/bank/statements': {
    officer: ['deny', 'deny'],
    employer: ['deny', 'deny'],
    participant: ['deny', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['allow', 'allow'],
    bank: ['allow', 'allow'],
  },
  // Issue 14 part 1, data-update requests.
  'POST /v1/data-updates': {
    officer: ['allow', 'allow'],
    employer: ['deny', 'deny'],
    participant: ['allow', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  'GET /v1/data-updates/{id}': {
    officer: ['allow', 'allow'],
    employer: ['deny', 'deny'],
    participant: ['allow', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  'GET /v1/participants/{personalId}/data-updates': {
    officer: ['allow', 'allow'],
    employer: ['deny', 'deny'],
    participant: ['allow', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  'POST /v1/data-updates/{id}/code': {
    officer: ['deny', 'deny'],
    employer: ['deny', 'deny'],
    participant: ['allow', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  'POST /v1/data-updates/{id}/evidence': {
    officer: ['allow', 'allow'],
    employer: ['deny', 'deny'],
    participant: ['allow', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  'GET /v1/data-updates/{id}/evidence/{docId}': {
    officer: ['allow', 'allow'],
    employer: ['deny', 'deny'],
    participant: ['allow', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  'POST /v1/data-updates/{id}/decision': {
    officer: ['allow', 'allow'],
    employer: ['deny', 'deny'],
    participant: ['deny', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  'GET /v1/bank/suspense': {
    officer: ['allow', 'allow'],
    employer: ['deny', 'deny'],
    participant: ['deny', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  'POST /v1/bank/suspense/{id}/assignment': {
    officer: ['allow', 'allow'],
    employer: ['deny', 'deny'],
    participant: ['deny', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  'GET /v1/employers/{taxCode}/periods/{period}': {
    officer: ['allow', 'allow'],
    employer: ['allow', 'deny'],
    participant: ['deny', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  'GET /v1/participants/{personalId}/ebook': {
    officer: ['allow', 'allow'],
    employer: ['deny', 'deny'],
    participant: ['allow', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  // Who looked at my data (issue #11): the person themselves, and officers working a case.
  'GET /v1/participants/{personalId}/access-log': {
    officer: ['allow', 'allow'],
    employer: ['deny', 'deny'],
    participant: ['allow', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  'POST /v1/participants/{personalId}/ebook/email': {
    officer: ['allow', 'allow'],
    employer: ['deny', 'deny'],
    participant: ['allow', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  'GET /v1/coverage?personalId=': {
    officer: ['allow', 'allow'],
    employer: ['deny', 'deny'],
    participant: ['allow', 'deny'],
    facility: ['allow', 'allow'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  'POST /codec/decode': {
    officer: ['deny', 'deny'],
    employer: ['deny', 'deny'],
    participant: ['deny', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['allow', 'allow'],
    bank: ['deny', 'deny'],
  },
  'POST /codec/encode': {
    officer: ['deny', 'deny'],
    employer: ['deny', 'deny'],
    participant: ['deny', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['allow', 'allow'],
    bank: ['deny', 'deny'],
  },
  'POST /v1/reconciliations': {
    officer: ['deny', 'deny'],
    employer: ['deny', 'deny'],
    participant: ['deny', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['allow', 'allow'],
    bank: ['deny', 'deny'],
  },
  'GET /v1/reconciliations/{period}': {
    officer: ['deny', 'deny'],
    employer: ['deny', 'deny'],
    participant: ['deny', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['allow', 'allow'],
    bank: ['deny', 'deny'],
  },
  'POST /v1/ebooks/verification': {
    officer: ['deny', 'deny'],
    employer: ['deny', 'deny'],
    participant: ['deny', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['allow', 'allow'],
    bank: ['deny', 'deny'],
  },
  // Claims: "own" for an employer is the claim of its own employee — still none of its business.
  'POST /v1/claims': {
    officer: ['allow', 'allow'],
    employer: ['deny', 'deny'],
    participant: ['allow', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  'GET /v1/claims/{id}': {
    officer: ['allow', 'allow'],
    employer: ['deny', 'deny'],
    participant: ['allow', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  'POST /v1/claims/{id}/decision': {
    officer: ['allow', 'allow'],
    employer: ['deny', 'deny'],
    participant: ['deny', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  'POST /v1/claims/{id}/reports': {
    officer: ['allow', 'allow'],
    employer: ['deny', 'deny'],
    participant: ['allow', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  'POST /v1/claims/{id}/termination': {
    officer: ['allow', 'allow'],
    employer: ['deny', 'deny'],
    participant: ['allow', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  // Issue 12, Part A: officers work the queue, operators watch it; what is stalled is both's.
  'GET /v1/tasks': {
    officer: ['allow', 'allow'],
    employer: ['deny', 'deny'],
    participant: ['deny', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['allow', 'allow'],
    bank: ['deny', 'deny'],
  },
  'GET /v1/tasks/stalled': {
    officer: ['allow', 'allow'],
    employer: ['deny', 'deny'],
    participant: ['deny', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['allow', 'allow'],
    bank: ['deny', 'deny'],
  },
  // Issue #12, Part B: a participant lists their own claims, an employer its own dossiers and months.
  'GET /v1/claims': {
    officer: ['allow', 'allow'],
    employer: ['deny', 'deny'],
    participant: ['allow', 'allow'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  'GET /v1/onboardings': {
    officer: ['allow', 'allow'],
    employer: ['allow', 'allow'],
    participant: ['deny', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  'GET /v1/participants?q=': {
    officer: ['allow', 'allow'],
    employer: ['deny', 'deny'],
    participant: ['deny', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  'GET /v1/employers?q=': {
    officer: ['allow', 'allow'],
    employer: ['deny', 'deny'],
    participant: ['deny', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  'GET /v1/employers/{taxCode}/periods': {
    officer: ['allow', 'allow'],
    employer: ['allow', 'deny'],
    participant: ['deny', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  'GET /v1/claims/{id}/payments': {
    officer: ['allow', 'allow'],
    employer: ['deny', 'deny'],
    participant: ['allow', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  'GET /v1/participants/{personalId}/payments': {
    officer: ['allow', 'allow'],
    employer: ['deny', 'deny'],
    participant: ['allow', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  'GET /v1/claims/{id}/timeline': {
    officer: ['allow', 'allow'],
    employer: ['deny', 'deny'],
    participant: ['allow', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  // The operator's console (issue #12): operators only.
  'GET /v1/reconciliations': {
    officer: ['deny', 'deny'],
    employer: ['deny', 'deny'],
    participant: ['deny', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['allow', 'allow'],
    bank: ['deny', 'deny'],
  },
  'GET /v1/reconciliations/schedule': {
    officer: ['deny', 'deny'],
    employer: ['deny', 'deny'],
    participant: ['deny', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['allow', 'allow'],
    bank: ['deny', 'deny'],
  },
  'POST /v1/reconciliations/schedule': {
    officer: ['deny', 'deny'],
    employer: ['deny', 'deny'],
    participant: ['deny', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['allow', 'allow'],
    bank: ['deny', 'deny'],
  },
  'POST /v1/ledger/verification': {
    officer: ['deny', 'deny'],
    employer: ['deny', 'deny'],
    participant: ['deny', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['allow', 'allow'],
    bank: ['deny', 'deny'],
  },
  'POST /v1/audit/verification': {
    officer: ['deny', 'deny'],
    employer: ['deny', 'deny'],
    participant: ['deny', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['allow', 'allow'],
    bank: ['deny', 'deny'],
  },
  'GET /v1/arrears': {
    officer: ['deny', 'deny'],
    employer: ['deny', 'deny'],
    participant: ['deny', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['allow', 'allow'],
    bank: ['deny', 'deny'],
  },
  'GET /v1/notices': {
    officer: ['deny', 'deny'],
    employer: ['deny', 'deny'],
    participant: ['deny', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['allow', 'allow'],
    bank: ['deny', 'deny'],
  },
  'POST /v1/notices/{id}/retry': {
    officer: ['deny', 'deny'],
    employer: ['deny', 'deny'],
    participant: ['deny', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['allow', 'allow'],
    bank: ['deny', 'deny'],
  },
  'GET /v1/participants/{personalId}/notices': {
    officer: ['allow', 'allow'],
    employer: ['deny', 'deny'],
    participant: ['allow', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  'GET /v1/employers/{taxCode}/notices': {
    officer: ['allow', 'allow'],
    employer: ['allow', 'deny'],
    participant: ['deny', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  'GET /v1/employers/{taxCode}/notices/{id}/document.pdf': {
    officer: ['allow', 'allow'],
    employer: ['allow', 'deny'],
    participant: ['deny', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  // Issue 13, documents: the same policy as the e-book.
  'GET /v1/participants/{personalId}/ebook.pdf': {
    officer: ['allow', 'allow'],
    employer: ['deny', 'deny'],
    participant: ['allow', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  'PUT /v1/participants/{personalId}/preferences': {
    officer: ['allow', 'allow'],
    employer: ['deny', 'deny'],
    participant: ['allow', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  'PUT /v1/employers/{taxCode}/preferences': {
    officer: ['allow', 'allow'],
    employer: ['allow', 'deny'],
    participant: ['deny', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  // Issue 14 part 3: a participant their own recovery (a fresh sign-in), an officer any; the in-person verification officers only.
  'POST /v1/recoveries': {
    officer: ['allow', 'allow'],
    employer: ['deny', 'deny'],
    participant: ['allow', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  'GET /v1/recoveries/{id}': {
    officer: ['allow', 'allow'],
    employer: ['deny', 'deny'],
    participant: ['allow', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  'POST /v1/recoveries/{id}/verification': {
    officer: ['allow', 'allow'],
    employer: ['deny', 'deny'],
    participant: ['deny', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  'POST /v1/recoveries/{id}/contact': {
    officer: ['allow', 'allow'],
    employer: ['deny', 'deny'],
    participant: ['allow', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  'POST /v1/recoveries/{id}/confirmation': {
    officer: ['allow', 'allow'],
    employer: ['deny', 'deny'],
    participant: ['allow', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  // Issue 14 part 4: a person's account is theirs and the officers'; only officers verify.
  'GET /v1/participants/{personalId}/bank-account': {
    officer: ['allow', 'allow'],
    employer: ['deny', 'deny'],
    participant: ['allow', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  'PUT /v1/participants/{personalId}/bank-account': {
    officer: ['allow', 'allow'],
    employer: ['deny', 'deny'],
    participant: ['allow', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  'POST /v1/participants/{personalId}/bank-account/verification': {
    officer: ['allow', 'allow'],
    employer: ['deny', 'deny'],
    participant: ['deny', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  // The payment files carry account numbers: operators only.
  'POST /v1/payment-files': {
    officer: ['deny', 'deny'],
    employer: ['deny', 'deny'],
    participant: ['deny', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['allow', 'allow'],
    bank: ['deny', 'deny'],
  },
  'GET /v1/payment-files/{id}': {
    officer: ['deny', 'deny'],
    employer: ['deny', 'deny'],
    participant: ['deny', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['allow', 'allow'],
    bank: ['deny', 'deny'],
  },
  // The paying bank's answers, as its statements: the bank posts them, an operator imports them.
  'POST /v1/bank/payment-status': {
    officer: ['deny', 'deny'],
    employer: ['deny', 'deny'],
    participant: ['deny', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['allow', 'allow'],
    bank: ['allow', 'allow'],
  },
  'POST /v1/bank/debit-notifications': {
    officer: ['deny', 'deny'],
    employer: ['deny', 'deny'],
    participant: ['deny', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['allow', 'allow'],
    bank: ['allow', 'allow'],
  },
  'POST /v1/declaration-cases': {
    officer: ['allow', 'allow'],
    employer: ['deny', 'deny'],
    participant: ['allow', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  'GET /v1/declaration-cases/{id}': {
    officer: ['allow', 'allow'],
    employer: ['deny', 'deny'],
    participant: ['allow', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  'GET /v1/participants/{personalId}/declaration-cases': {
    officer: ['allow', 'allow'],
    employer: ['deny', 'deny'],
    participant: ['allow', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  'POST /v1/declaration-cases/{id}/evidence': {
    officer: ['allow', 'allow'],
    employer: ['deny', 'deny'],
    participant: ['allow', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  'GET /v1/declaration-cases/{id}/evidence/{docId}': {
    officer: ['allow', 'allow'],
    employer: ['deny', 'deny'],
    participant: ['allow', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  'GET /v1/declaration-cases/{id}/employer-view': {
    officer: ['allow', 'allow'],
    employer: ['allow', 'deny'],
    participant: ['deny', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  'POST /v1/declaration-cases/{id}/arrears': {
    officer: ['allow', 'allow'],
    employer: ['deny', 'deny'],
    participant: ['deny', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  'POST /v1/declaration-cases/{id}/referral-closure': {
    officer: ['allow', 'allow'],
    employer: ['deny', 'deny'],
    participant: ['deny', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  // Issue 15: the FHIR base is the facilities' only; its CapabilityStatement anyone's.
  'GET /fhir/metadata': {
    officer: ['allow', 'allow'],
    employer: ['allow', 'allow'],
    participant: ['allow', 'allow'],
    facility: ['allow', 'allow'],
    operator: ['allow', 'allow'],
    bank: ['allow', 'allow'],
  },
  'GET /fhir/Coverage?beneficiary.identifier=': {
    officer: ['deny', 'deny'],
    employer: ['deny', 'deny'],
    participant: ['deny', 'deny'],
    facility: ['allow', 'allow'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  'GET /fhir/Coverage/{card}': {
    officer: ['deny', 'deny'],
    employer: ['deny', 'deny'],
    participant: ['deny', 'deny'],
    facility: ['allow', 'allow'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  'POST /fhir/CoverageEligibilityRequest': {
    officer: ['deny', 'deny'],
    employer: ['deny', 'deny'],
    participant: ['deny', 'deny'],
    facility: ['allow', 'allow'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  // Issue 15: an officer's decision on a card.
  'POST /v1/participants/{personalId}/hi-card/locks': {
    officer: ['allow', 'allow'],
    employer: ['deny', 'deny'],
    participant: ['deny', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  'POST /v1/declaration-cases/{id}/dismissal': {
    officer: ['allow', 'allow'],
    employer: ['deny', 'deny'],
    participant: ['deny', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
  'POST /v1/participants/{personalId}/hi-card/locks/{reference}/lifting': {
    officer: ['allow', 'allow'],
    employer: ['deny', 'deny'],
    participant: ['deny', 'deny'],
    facility: ['deny', 'deny'],
    operator: ['deny', 'deny'],
    bank: ['deny', 'deny'],
  },
};

let f: ApiFixture;
const tokens = {} as Record<Role, string>;

beforeAll(async () => {
  f = await apiFixture('authz', { worker: true });
  OWN_NEW_EMPLOYER = sampleSubmission(69_999, 1, { startMonth: '2026-11' }).employer.taxCode;
  tokens.officer = await f.token({ role: 'officer' });
  tokens.operator = await f.token({ role: 'operator' });
  tokens.bank = await f.token({ role: 'bank' });
  tokens.facility = await f.token({ role: 'facility', facilityCode: '79001' });
  // Signed in just now (auth_time): a recovery's steps need a fresh sign-in (issue 14 part 3).
  tokens.participant = await f.token({
    role: 'participant',
    personalId: f.a.employees[0]!.personalId,
    level: 2,
    authTime: Math.floor(testClock().getTime() / 1000),
  });
  tokens.employer = await f.token({ role: 'employer', taxCode: f.a.employer.taxCode });
  // One open claim for each of the two people, evaluated (ineligible: no credited month) before the matrix runs.
  for (const who of ['own', 'other'] as const) {
    const r = await f.app.inject({
      method: 'POST',
      url: '/v1/claims',
      headers: bearer(tokens.officer),
      payload: filingOf(f, who),
    });
    expect(r.statusCode, r.body).toBe(201);
    CLAIMS[who] = JSON.parse(r.body).claimId;
  }
  for (const who of ['own', 'other'] as const) {
    const r = await f.app.inject({
      method: 'POST',
      url: '/v1/recoveries',
      headers: bearer(tokens.officer),
      payload: { personalId: personOf(f, who) },
    });
    expect(r.statusCode, r.body).toBe(201);
    RECOVERIES[who] = JSON.parse(r.body).recoveryId;
  }
  for (const who of ['own', 'other'] as const) {
    let st: { status?: string; eligible?: boolean | null } = {};
    for (let i = 0; i < 400 && st.status !== 'awaiting_decision'; i++) {
      st = JSON.parse((await f.app.inject({ url: `/v1/claims/${CLAIMS[who]}`, headers: bearer(tokens.officer) })).body);
      if (st.status !== 'awaiting_decision') await new Promise((res) => setTimeout(res, 50));
    }
    expect(st).toMatchObject({ status: 'awaiting_decision', eligible: false });
  }
  for (const who of ['own', 'other'] as const) {
    const filed = async (payload: object) => {
      const r = await f.app.inject({
        method: 'POST',
        url: '/v1/data-updates',
        headers: bearer(tokens.officer),
        payload,
      });
      expect(r.statusCode, r.body).toBe(201);
      return (JSON.parse(r.body) as { requestId: number }).requestId;
    };
    DATA_UPDATES[who] = await filed({ kind: 'nationality', personalId: personOf(f, who), nationality: 'LA' });
    EMAIL_UPDATES[who] = await filed({ kind: 'email', personalId: personOf(f, who), email: `authz-${who}@example.vn` });
  }
  // A declaration case of each person against their own employer (it may close by itself: they are declared).
  for (const who of ['own', 'other'] as const) {
    const r = await f.app.inject({
      method: 'POST',
      url: '/v1/declaration-cases',
      headers: bearer(tokens.officer),
      payload: {
        personalId: personOf(f, who),
        employerTaxCode: employerOf(f, who),
        fromMonth: '2026-10',
        toMonth: '2026-11',
      },
    });
    expect(r.statusCode, r.body).toBe(201);
    DECLARATION_CASES[who] = JSON.parse(r.body).caseId;
  }
});
afterAll(async () => {
  await f?.client.schedule
    .getHandle(`monthly-reconciliation:${f.taskQueue}`)
    .delete()
    .catch(() => undefined);
  await f?.close();
});

const cases = ENDPOINTS.flatMap((e) =>
  (Object.keys(MATRIX[e.name]!) as Role[]).flatMap((role) =>
    (['own', 'other'] as const).map((who, i) => ({ endpoint: e, role, who, expected: MATRIX[e.name]![role][i]! })),
  ),
);

describe('authorisation matrix', () => {
  it('covers every endpoint and role', () => {
    expect(Object.keys(MATRIX).sort()).toEqual(ENDPOINTS.map((e) => e.name).sort());
    expect(cases).toHaveLength(ENDPOINTS.length * ROLES.length * 2);
  });

  it.each(cases.map((c, i) => [c.endpoint.name, c.role, c.who, c.expected, i] as const))(
    '%s as %s on %s resource: %s',
    async (_name, role, who, expected, i) => {
      const c = cases[i]!;
      // The employer submitting its "own" new dossier uses a token bound to that new tax code.
      const token =
        c.endpoint.name === 'POST /v1/onboardings' && role === 'employer' && who === 'own'
          ? await f.token({ role: 'employer', taxCode: OWN_NEW_EMPLOYER })
          : tokens[role];
      const req = c.endpoint.request(f, who, i);
      const r = await f.app.inject({
        method: req.method,
        url: req.url,
        headers: { ...bearer(token), ...req.headers },
        ...(req.payload !== undefined ? { payload: req.payload as object } : {}),
      });
      if (expected === 'deny') {
        expect(r.statusCode).toBe(403);
        expect(codeOf(r.body)).toBe('FORBIDDEN');
      } else {
        expect(r.statusCode).not.toBe(401);
        expect(r.statusCode).not.toBe(403);
        expect(r.statusCode).toBeLessThan(500);
      }
    },
  );

  it('no token at all is 401 UNAUTHENTICATED on every endpoint but the public ones', async () => {
    for (const e of ENDPOINTS.filter((x) => !x.public)) {
      const req = e.request(f, 'own', 0);
      const r = await f.app.inject({
        method: req.method,
        url: req.url,
        ...(req.headers ? { headers: req.headers } : {}),
        ...(req.payload !== undefined ? { payload: req.payload as object } : {}),
      });
      expect(r.statusCode, e.name).toBe(401);
      expect(codeOf(r.body), e.name).toBe('UNAUTHENTICATED');
    }
  });

  it('tokens that are expired, wrongly signed, for another audience or level 1 are refused with distinct codes', async () => {
    const { SignJWT, generateKeyPair } = await import('jose');
    const url = `/v1/employers/${f.a.employer.taxCode}`;
    const expired = await f.token({ role: 'officer', ttl: '-1m' } as never).catch(async () => {
      const { ensureDevKeys } = await import('../../api/auth');
      const k = await ensureDevKeys(f.home);
      return new SignJWT({ role: 'officer' })
        .setProtectedHeader({ alg: 'ES256', kid: k.kid })
        .setSubject('o')
        .setIssuer('ansinh-dev')
        .setAudience('ansinh-api')
        .setIssuedAt(Math.floor(testClock().getTime() / 1000) - 7200)
        .setExpirationTime(Math.floor(testClock().getTime() / 1000) - 3600)
        .sign(k.privateKey);
    });
    const { privateKey } = await generateKeyPair('ES256');
    const { ensureDevKeys } = await import('../../api/auth');
    const kid = (await ensureDevKeys(f.home)).kid;
    const forged = await new SignJWT({ role: 'officer' })
      .setProtectedHeader({ alg: 'ES256', kid })
      .setSubject('o')
      .setIssuer('ansinh-dev')
      .setAudience('ansinh-api')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);
    const otherAudience = await f.token({ role: 'officer', audience: 'someone-else' });
    const level1 = await f.token({ role: 'participant', personalId: f.a.employees[0]!.personalId, level: 1 });
    const codes: Record<string, [number, string]> = {};
    for (const [label, token, target] of [
      ['expired', expired, url],
      ['forged', forged, url],
      ['audience', otherAudience, url],
      ['level1', level1, `/v1/participants/${f.a.employees[0]!.personalId}/ebook`],
    ] as const) {
      const r = await f.app.inject({ url: target, headers: bearer(token) });
      codes[label] = [r.statusCode, JSON.parse(r.body).code];
    }
    expect(codes).toEqual({
      expired: [401, 'TOKEN_EXPIRED'],
      forged: [401, 'TOKEN_BAD_SIGNATURE'],
      audience: [401, 'TOKEN_WRONG_AUDIENCE'],
      level1: [403, 'IDENTITY_LEVEL_TOO_LOW'],
    });
  });
});
