/**
 * The bank statement's pure side: reading the CSV export and camt.053 (001.08 and 001.02) into one
 * line per transaction, what in a remittance text names an employer (a tax code, rules §5, or an
 * announcement's reference), and the decision that follows. A bad file is refused whole.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFormat, parseStatement } from '../../services/bank-parse';
import { matchLine, referenceTokens, taxCodesIn } from '../../domain/bank';
import { DomainError } from '../../domain/errors';

const fixture = (name: string) => readFileSync(path.join(__dirname, '..', 'fixtures', 'bank', name), 'utf8');
const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    if (err instanceof DomainError)
      return {
        code: err.code,
        message: err.message,
        errors: (err.details as { errors: { field: string; code: string; line?: number }[] }).errors,
      };
    throw err;
  }
  throw new Error('not refused');
};

describe('reading a bank statement', () => {
  it('the CSV export: one line per row, amounts as exact decimal strings, optional columns empty → null', () => {
    const s = parseStatement(fixture('statement-2026-11-20.csv'), 'csv');
    expect(s).toMatchObject({ format: 'csv', statementRef: null, notBooked: 0 });
    expect(s.lines).toEqual([
      {
        line: 2,
        bankReference: 'VCB-CSV-0001',
        direction: 'credit',
        amount: '5000000',
        currency: 'VND',
        valueDate: '2026-11-20',
        bookingDate: '2026-11-20',
        remittance: 'BHXH 0845403311 nop tien thang 10/2026',
        endToEndId: 'E2E-0001',
      },
      {
        line: 3,
        bankReference: 'VCB-CSV-0002',
        direction: 'credit',
        amount: '1200000',
        currency: 'VND',
        valueDate: '2026-11-20',
        bookingDate: '2026-11-20',
        remittance: 'Chuyen tien, khong ro noi dung',
        endToEndId: null,
      },
      {
        line: 4,
        bankReference: 'VCB-CSV-0003',
        direction: 'debit',
        amount: '22000',
        currency: 'VND',
        valueDate: '2026-11-20',
        bookingDate: '2026-11-20',
        remittance: 'Phi dich vu thang 11',
        endToEndId: null,
      },
      {
        line: 5,
        bankReference: 'VCB-CSV-0004',
        direction: 'credit',
        amount: '150.25',
        currency: 'USD',
        valueDate: '2026-11-20',
        bookingDate: '2026-11-20',
        remittance: '0797593927 USD transfer',
        endToEndId: null,
      },
    ]);
  });

  it('camt.053.001.08: a transaction per TxDtls (batch entries get <entry ref>/<n>), entries not BOOK are skipped, an entry without details is one line', () => {
    const s = parseStatement(fixture('statement-2026-11-21.camt053.xml'), 'camt053');
    expect(s).toMatchObject({ format: 'camt053', statementRef: 'STMT-20261121', notBooked: 1 });
    expect(
      s.lines.map((l) => [l.bankReference, l.direction, l.amount, l.currency, l.valueDate, l.remittance, l.endToEndId]),
    ).toEqual([
      ['VCB-CAMT-0001', 'credit', '3000000', 'VND', '2026-11-21', 'MST 0797593927 dong BHXH thang 10/2026', null], // NOTPROVIDED is no id
      ['VCB-CAMT-E2/1', 'credit', '1000000', 'VND', '2026-11-21', '0845403311 va 0797593927 nop chung', 'E2E-CAMT-21'],
      ['VCB-CAMT-E2/2', 'credit', '1500000', 'VND', '2026-11-21', 'Cong ty 0312345670 nop BHXH', null],
      ['VCB-CAMT-E4', 'debit', '400000', 'VND', '2026-11-21', 'Hoan tra 0845403311', null],
    ]);
  });

  it('camt.053.001.02: plain <Sts>, AmtDtls/TxAmt, a booking DtTm, the structured creditor reference as remittance', () => {
    const s = parseStatement(fixture('statement-camt053-001-02.xml'), 'camt053');
    expect(s.lines).toEqual([
      {
        line: 1,
        bankReference: 'OLD-0001',
        direction: 'credit',
        amount: '750000',
        currency: 'VND',
        valueDate: '2026-11-23',
        bookingDate: '2026-11-23',
        remittance: 'ANN-OLD-1',
        endToEndId: 'E2E-OLD-1',
      },
    ]);
  });

  it('the format is the one named, else the extension, else the content', () => {
    expect(detectFormat('<?xml version="1.0"?><Document/>')).toBe('camt053');
    expect(detectFormat('bank_reference,amount')).toBe('csv');
    expect(detectFormat('<x/>', 'export.csv')).toBe('csv');
  });

  it('a bad file is refused whole with INVALID_STATEMENT, every failing line listed', () => {
    const csv = [
      'bank_reference,value_date,direction,amount,currency',
      'R-1,2026-11-31,CRDT,100,VND',
      'R-2,2026-11-20,CRDT,1.000.000,VND',
      'R-3,2026-11-20,SIDEWAYS,100,VND',
      'R-4,2026-11-20,CRDT,0,VND',
      'R-5,2026-11-20,CRDT,100.5,VND',
      'R-6,2026-11-20,CRDT,1000000000000000,VND',
    ].join('\n');
    const r = refusal(() => parseStatement(csv, 'csv'));
    expect(r.code).toBe('INVALID_STATEMENT');
    expect(r.errors.map((e) => [e.line, e.code])).toEqual([
      [2, 'INVALID_DATE'],
      [3, 'INVALID_AMOUNT'],
      [4, 'INVALID_DIRECTION'],
      [5, 'INVALID_AMOUNT'],
      [6, 'INVALID_AMOUNT'], // dong have no fraction
      [7, 'AMOUNT_TOO_LARGE'], // above what a payment may be (rules §8.31)
    ]);
    expect(refusal(() => parseStatement('bank_reference,amount\nR-1,100\n', 'csv')).message).toMatch(
      /lacks the column\(s\) value_date, direction, currency/,
    );
    expect(
      refusal(() => parseStatement('bank_reference,value_date,direction,amount,currency\n"R-1,2026', 'csv')).code,
    ).toBe('INVALID_STATEMENT');
    expect(refusal(() => parseStatement('', 'csv')).code).toBe('INVALID_STATEMENT');
    expect(refusal(() => parseStatement('<Document><BkToCstmrStmt>', 'camt053')).message).toMatch(
      /not well-formed XML/,
    );
    expect(
      refusal(() =>
        parseStatement(
          '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"><BkToCstmrStmt/></Document>',
          'camt053',
        ),
      ).message,
    ).toMatch(/not an ISO 20022 camt.053/);
    expect(
      refusal(() => parseStatement('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><Document/>', 'camt053'))
        .message,
    ).toMatch(/DOCTYPE/);
    // An entry with no reference at all cannot be a transaction of ours.
    const noRef = fixture('statement-camt053-001-02.xml').replace(/<AcctSvcrRef>[^<]*<\/AcctSvcrRef>/g, '');
    expect(refusal(() => parseStatement(noRef, 'camt053')).errors[0]).toMatchObject({
      line: 1,
      code: 'INVALID_BANK_REFERENCE',
    });
  });

  it('the separator is the header’s: a semicolon in a comma-separated remittance is text, and a semicolon-separated export reads too', () => {
    const comma = parseStatement(
      'bank_reference,value_date,direction,amount,currency,remittance\nR-1,2026-11-20,CRDT,100,VND,BHXH 0845403311; T10\n',
      'csv',
    );
    expect(comma.lines[0]!.remittance).toBe('BHXH 0845403311; T10');
    const semi = parseStatement(
      '\uFEFFBank_Reference;Value_Date;Direction;Amount;Currency;Remittance\r\nR-2;2026-11-20;C;100;vnd;"a, b"\r\n',
      'csv',
    );
    expect(semi.lines[0]).toMatchObject({
      bankReference: 'R-2',
      direction: 'credit',
      currency: 'VND',
      remittance: 'a, b',
    });
  });

  it('a statement with a header and no transactions is an empty statement', () => {
    expect(parseStatement('bank_reference,value_date,direction,amount,currency\n', 'csv').lines).toEqual([]);
  });
});

describe('naming the employer a credit pays', () => {
  it('tax codes in a remittance text are 10-digit runs (or 10-3 for a dependent unit) not inside a longer number (rules §5, §8.10)', () => {
    expect(taxCodesIn('BHXH 0845403311 T10; CN 0845403311-001, so TK 00110001234567, 0797593927-2026')).toEqual([
      '0845403311',
      '0845403311-001',
      '0797593927',
    ]);
    expect(taxCodesIn('no code here 12345')).toEqual([]);
  });

  it("an announcement's reference matches a whole word of the text or the end-to-end id, without case", () => {
    expect(referenceTokens('CK ann-0797/11, thang 10', 'E2E-9')).toEqual(['CK', 'ANN-0797/11', 'THANG', '10', 'E2E-9']);
  });

  it('one registered tax code decides; else the announcements of one employer; several employers or none → suspense', () => {
    expect(matchLine(['0845403311'], [])).toEqual({ kind: 'employer', taxCode: '0845403311', announcementId: null });
    expect(
      matchLine(
        ['0845403311'],
        [
          { id: 7, taxCode: '0797593927' },
          { id: 9, taxCode: '0845403311' },
        ],
      ),
    ).toEqual({ kind: 'employer', taxCode: '0845403311', announcementId: 9 });
    expect(
      matchLine(
        [],
        [
          { id: 9, taxCode: '0797593927' },
          { id: 4, taxCode: '0797593927' },
        ],
      ),
    ).toEqual({ kind: 'employer', taxCode: '0797593927', announcementId: 4 });
    expect(matchLine(['0845403311', '0797593927'], [])).toEqual({ kind: 'suspense', reason: 'AMBIGUOUS_EMPLOYER' });
    expect(
      matchLine(
        [],
        [
          { id: 1, taxCode: '0845403311' },
          { id: 2, taxCode: '0797593927' },
        ],
      ),
    ).toEqual({ kind: 'suspense', reason: 'AMBIGUOUS_EMPLOYER' });
    expect(matchLine([], [])).toEqual({ kind: 'suspense', reason: 'NO_EMPLOYER_MATCH' });
  });
});
