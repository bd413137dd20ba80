/**
 * Rules §8.36 (Ansinh decision): the payment key as the EndToEndId, the pain.001.001.09 file, and
 * what a bank's status means; and the parsers of the bank's pain.002 and camt.054 never crash:
 * random and malformed files are INVALID_BANK_FILE (a property test).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../domain/errors';
import { buildPain001, outcomeOfStatus, paymentKeyOf, vnDateTime } from '../../domain/iso20022';
import { parseCamt054, parsePain002 } from '../../services/bank-returns';
import { checkPain001 } from '../fixtures/pain001-check';

const CLAIM = '0b6f7d2e-4c1a-4f3b-9a2e-7d5c3b1a0f9e';
const debtor = { name: 'BHXH VN & QUY BHTN <UI>', account: '1200000000001', bic: 'BIDVVNVX' };

describe('rules §8.36: benefit transfers in ISO 20022', () => {
  it('a payment key is 34 letters and digits, one per claim, month and attempt', () => {
    const k = paymentKeyOf(CLAIM, 3, 1);
    expect(k).toBe('UI0B6F7D2E4C1A4F3B9A2E7D5C3BM03A01');
    expect(k).toHaveLength(34);
    expect(paymentKeyOf(CLAIM, 3, 2)).not.toBe(k);
    expect(paymentKeyOf(CLAIM, 4, 1)).not.toBe(k);
    expect(() => paymentKeyOf(CLAIM, 13, 1)).toThrow();
    expect(() => paymentKeyOf(CLAIM, 1, 100)).toThrow();
  });

  it('the pain.001.001.09 file has every mandatory element in the XSD’s order, NbOfTxs and CtrlSum of its transfers, CreDtTm in Vietnam’s time, text escaped', () => {
    const xml = buildPain001({
      msgId: 'ANSINH-UI-2026-12-10',
      createdAt: new Date('2026-12-10T01:02:03.456Z'),
      executionDate: '2026-12-10',
      debtor,
      transfers: [1, 2].map((m) => ({
        endToEndId: paymentKeyOf(CLAIM, m, 1),
        amount: m === 1 ? '7200000' : '26550000',
        creditorName: 'NGUYEN VAN THU',
        creditorAccount: '007100123456',
        creditorBic: 'BFTVVNVX',
        remittance: `TRO CAP THAT NGHIEP THANG ${m}`,
      })),
    });
    expect(checkPain001(xml)).toEqual([]);
    expect(xml).toContain('<CreDtTm>2026-12-10T08:02:03+07:00</CreDtTm>');
    expect(xml).toContain('<NbOfTxs>2</NbOfTxs>');
    expect(xml).toContain('<CtrlSum>33750000</CtrlSum>');
    expect(xml).toContain('<Nm>BHXH VN &amp; QUY BHTN &lt;UI&gt;</Nm>');
    expect(vnDateTime(new Date('2026-12-31T20:00:00Z'))).toBe('2027-01-01T03:00:00+07:00');
    // The check finds what is missing or out of order.
    expect(checkPain001(xml.replace(/<ReqdExctnDt>.*<\/ReqdExctnDt>/, ''))).toContain(
      'Document/CstmrCdtTrfInitn/PmtInf: ReqdExctnDt is mandatory',
    );
    expect(checkPain001(xml.replace('<NbOfTxs>2</NbOfTxs>', '<NbOfTxs>3</NbOfTxs>'))).toContain(
      'GrpHdr/NbOfTxs ≠ the transactions',
    );
  });

  it('only settlement executes a transfer (ACSC, ACCC); RJCT returns it; ACCP, ACTC, ACSP, ACWC and PDNG change nothing yet (ISO 20022 ExternalPaymentTransactionStatus1Code)', () => {
    expect(['ACSC', 'ACCC', 'RJCT'].map(outcomeOfStatus)).toEqual(['executed', 'executed', 'rejected']);
    // ACCP is AcceptedCustomerProfile: validation and the customer-profile check passed, nothing settled.
    expect(['ACCP', 'ACTC', 'ACSP', 'ACWC', 'PDNG', 'RCVD'].map(outcomeOfStatus)).toEqual(Array(6).fill('pending'));
  });

  it('property: random and malformed pain.002 and camt.054 files are INVALID_BANK_FILE, never another error', () => {
    const valid002 = `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.10"><CstmrPmtStsRpt><GrpHdr><MsgId>M</MsgId><CreDtTm>2026-12-10T10:00:00+07:00</CreDtTm></GrpHdr><OrgnlPmtInfAndSts><TxInfAndSts><OrgnlEndToEndId>E2E</OrgnlEndToEndId><TxSts>RJCT</TxSts><StsRsnInf><Rsn><Cd>AC04</Cd></Rsn></StsRsnInf></TxInfAndSts></OrgnlPmtInfAndSts></CstmrPmtStsRpt></Document>`;
    const valid054 = `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08"><BkToCstmrDbtCdtNtfctn><GrpHdr><MsgId>N</MsgId></GrpHdr><Ntfctn><Ntry><Amt Ccy="VND">7200000</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>2026-12-10</Dt></BookgDt><NtryDtls><TxDtls><Refs><EndToEndId>E2E</EndToEndId></Refs></TxDtls></NtryDtls></Ntry></Ntfctn></BkToCstmrDbtCdtNtfctn></Document>`;
    expect(parsePain002(valid002).outcomes).toEqual([
      { line: 1, endToEndId: 'E2E', outcome: 'rejected', date: '2026-12-10', reason: 'AC04', amount: null },
    ]);
    expect(parseCamt054(valid054).outcomes).toEqual([
      { line: 1, endToEndId: 'E2E', outcome: 'executed', date: '2026-12-10', reason: null, amount: '7200000' },
    ]);
    // The money came back: a credit marked as a reversal (RvslInd) of the same transfer.
    const reversal054 = valid054.replace(
      '<CdtDbtInd>DBIT</CdtDbtInd>',
      '<CdtDbtInd>CRDT</CdtDbtInd><RvslInd>true</RvslInd>',
    );
    expect(parseCamt054(reversal054).outcomes).toEqual([
      { line: 1, endToEndId: 'E2E', outcome: 'returned', date: '2026-12-10', reason: 'NARR', amount: '7200000' },
    ]);
    const mutate = (doc: string) =>
      fc.oneof(
        fc.tuple(fc.nat(doc.length), fc.nat(20)).map(([at, n]) => doc.slice(0, at) + doc.slice(at + n)),
        fc
          .tuple(fc.nat(doc.length), fc.string({ maxLength: 12 }))
          .map(([at, s]) => doc.slice(0, at) + s + doc.slice(at)),
        fc
          .tuple(
            fc.constantFrom('E2E', '7200000', 'RJCT', 'AC04', '2026-12-10', 'DBIT', 'CRDT', 'VND', 'RvslInd', 'true'),
            fc.string({ maxLength: 50 }),
          )
          .map(([from, to]) => doc.replace(from, to)),
      );
    const input = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 100 }),
      mutate(valid002),
      mutate(valid054),
      mutate(reversal054),
    );
    fc.assert(
      fc.property(input, (s) => {
        for (const parse of [parsePain002, parseCamt054]) {
          try {
            const r = parse(s);
            for (const o of r.outcomes) {
              expect(o.endToEndId.length).toBeLessThanOrEqual(35);
              expect(o.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
            }
          } catch (e) {
            expect(e).toBeInstanceOf(DomainError);
            expect((e as DomainError).code).toBe('INVALID_BANK_FILE');
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
