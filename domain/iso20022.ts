/**
 * ISO 20022 for benefit payments (issue 14 part 4; rules §8.36): the payment key of a benefit
 * month's transfer (its EndToEndId), and the pain.001.001.09 CustomerCreditTransferInitiation the
 * agency sends its paying bank, built as text so the same run gives the same bytes. Pure: no I/O.
 * The bank's answers (pain.002, camt.054) are read by services/bank-returns.ts.
 */
import { ansinh, rule } from './law';

export const PAIN001_NAMESPACE = 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.09';

/** A payment run's id: its payment date, optionally with a suffix for a second run that day. */
export const RUN_ID_PATTERN = /^\d{4}-\d{2}-\d{2}(-[a-z0-9]{1,8})?$/;
/** Attempts of one month are numbered 1..99 (two digits in the key). */
export const MAX_PAYMENT_ATTEMPTS = 99;

/**
 * The payment key of a benefit month's transfer, its EndToEndId (Max35Text): `UI`, 26 hex digits
 * of the claim id, `M` and the month (two digits), `A` and the attempt (two digits) — 34
 * characters, letters and digits only, the same for the same month and attempt (rules §8.36).
 */
export const paymentKeyOf = rule(
  ansinh.decision('8.36'),
  function paymentKeyOf(claimId: string, month: number, attempt: number): string {
    const hex = claimId.replace(/-/g, '').toUpperCase().slice(0, 26);
    if (!/^[0-9A-F]{26}$/.test(hex)) throw new Error('a claim id is a UUID');
    if (!Number.isInteger(month) || month < 1 || month > 12) throw new Error('a benefit month is 1–12');
    if (!Number.isInteger(attempt) || attempt < 1 || attempt > MAX_PAYMENT_ATTEMPTS)
      throw new Error(`an attempt is 1–${MAX_PAYMENT_ATTEMPTS}`);
    return `UI${hex}M${String(month).padStart(2, '0')}A${String(attempt).padStart(2, '0')}`;
  },
);

export interface DebtorAccount {
  /** The agency as it appears at its bank (Max140Text). */
  name: string;
  /** The UI fund's account number at the paying bank. */
  account: string;
  /** The paying bank's BIC. */
  bic: string;
}

export interface CreditTransfer {
  endToEndId: string;
  /** Whole dong, a positive integer as text. */
  amount: string;
  creditorName: string;
  creditorAccount: string;
  creditorBic: string;
  /** The remittance text (Max140Text): which benefit month this is. */
  remittance: string;
}

export interface PaymentFileInput {
  msgId: string;
  /** GrpHdr/CreDtTm: the application clock's instant. */
  createdAt: Date;
  /** PmtInf/ReqdExctnDt: the payment date. */
  executionDate: string;
  debtor: DebtorAccount;
  transfers: readonly CreditTransfer[];
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** An instant as ISODateTime in Asia/Ho_Chi_Minh (UTC+7, no daylight saving), to the second. */
export function vnDateTime(d: Date): string {
  return `${new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 19)}+07:00`;
}

/** The sum of whole-dong amounts, exactly (BigInt: no float). */
export function ctrlSumOf(amounts: readonly string[]): string {
  return amounts.reduce((s, a) => s + BigInt(a), 0n).toString();
}

/**
 * The pain.001.001.09 document (rules §8.36): one GrpHdr (MsgId, CreDtTm, NbOfTxs, CtrlSum,
 * InitgPty), one PmtInf (a transfer, category purpose BENE, debtor the UI fund's account, charges
 * borne by the debtor so the beneficiary receives the whole benefit), one CdtTrfTxInf per month in
 * the order given, amounts in VND without decimals. The transfers are sorted by the caller.
 */
export const buildPain001 = rule(ansinh.decision('8.36'), function buildPain001(f: PaymentFileInput): string {
  if (f.transfers.length === 0) throw new Error('a payment file has at least one transfer');
  const n = f.transfers.length;
  const sum = ctrlSumOf(f.transfers.map((t) => t.amount));
  const lines: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<Document xmlns="${PAIN001_NAMESPACE}">`,
    '  <CstmrCdtTrfInitn>',
    '    <GrpHdr>',
    `      <MsgId>${esc(f.msgId)}</MsgId>`,
    `      <CreDtTm>${vnDateTime(f.createdAt)}</CreDtTm>`,
    `      <NbOfTxs>${n}</NbOfTxs>`,
    `      <CtrlSum>${sum}</CtrlSum>`,
    `      <InitgPty><Nm>${esc(f.debtor.name)}</Nm></InitgPty>`,
    '    </GrpHdr>',
    '    <PmtInf>',
    `      <PmtInfId>${esc(f.msgId)}-1</PmtInfId>`,
    '      <PmtMtd>TRF</PmtMtd>',
    `      <NbOfTxs>${n}</NbOfTxs>`,
    `      <CtrlSum>${sum}</CtrlSum>`,
    '      <PmtTpInf><CtgyPurp><Cd>BENE</Cd></CtgyPurp></PmtTpInf>',
    `      <ReqdExctnDt><Dt>${f.executionDate}</Dt></ReqdExctnDt>`,
    `      <Dbtr><Nm>${esc(f.debtor.name)}</Nm></Dbtr>`,
    `      <DbtrAcct><Id><Othr><Id>${esc(f.debtor.account)}</Id></Othr></Id><Ccy>VND</Ccy></DbtrAcct>`,
    `      <DbtrAgt><FinInstnId><BICFI>${esc(f.debtor.bic)}</BICFI></FinInstnId></DbtrAgt>`,
    '      <ChrgBr>DEBT</ChrgBr>',
  ];
  for (const t of f.transfers) {
    lines.push(
      '      <CdtTrfTxInf>',
      `        <PmtId><InstrId>${esc(t.endToEndId)}</InstrId><EndToEndId>${esc(t.endToEndId)}</EndToEndId></PmtId>`,
      `        <Amt><InstdAmt Ccy="VND">${t.amount}</InstdAmt></Amt>`,
      `        <CdtrAgt><FinInstnId><BICFI>${esc(t.creditorBic)}</BICFI></FinInstnId></CdtrAgt>`,
      `        <Cdtr><Nm>${esc(t.creditorName)}</Nm></Cdtr>`,
      `        <CdtrAcct><Id><Othr><Id>${esc(t.creditorAccount)}</Id></Othr></Id></CdtrAcct>`,
      '        <Purp><Cd>BENE</Cd></Purp>',
      `        <RmtInf><Ustrd>${esc(t.remittance)}</Ustrd></RmtInf>`,
      '      </CdtTrfTxInf>',
    );
  }
  lines.push('    </PmtInf>', '  </CstmrCdtTrfInitn>', '</Document>', '');
  return lines.join('\n');
});

/**
 * ISO 20022 transaction statuses of a pain.002 (ExternalPaymentTransactionStatus1Code, ISO 20022
 * External Code Sets) and what each means here (rules §8.36). Only settlement executes: ACSC
 * (AcceptedSettlementCompleted, on the debtor's account) and ACCC (AcceptedSettlementCompleted, on
 * the creditor's account). ACCP (AcceptedCustomerProfile) says only that the technical validation
 * and the customer-profile check succeeded, like ACTC, ACSP (accepted for execution), ACWC
 * (accepted with a change) and PDNG (pending): the money has not moved yet.
 */
export const EXECUTED_STATUSES = ['ACSC', 'ACCC'] as const;
export const PENDING_STATUSES = ['ACTC', 'ACCP', 'ACSP', 'ACWC', 'PDNG'] as const;
export const REJECTED_STATUSES = ['RJCT'] as const;

/**
 * What a bank's status means for a benefit month (rules §8.36): ACSC and ACCC (settlement
 * completed) execute the payment; RJCT returns it; anything else (ACCP, ACTC, ACSP, ACWC, PDNG, …)
 * changes nothing yet — a later report or the camt.054 booking settles it.
 */
export const outcomeOfStatus = rule(ansinh.decision('8.36'), function outcomeOfStatus(status: string):
  'executed' | 'rejected' | 'pending' {
  if ((EXECUTED_STATUSES as readonly string[]).includes(status)) return 'executed';
  if ((REJECTED_STATUSES as readonly string[]).includes(status)) return 'rejected';
  return 'pending';
});

/** The bank return reasons that say the account itself cannot be paid (ISO 20022 ExternalStatusReason1Code). */
export const RETURN_REASONS: Readonly<Record<string, string>> = Object.freeze({
  AC01: 'incorrect account number',
  AC04: 'closed account number',
  AC06: 'blocked account',
  AG01: 'transaction forbidden on this account',
  BE01: 'inconsistent with end customer (name mismatch)',
  MD07: 'end customer deceased',
  NARR: 'narrative reason',
});
