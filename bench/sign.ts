/**
 * `npm run bench:sign`: what signing costs per e-book handed out. A 10-year book (120 contribution
 * months, three employments with yearly salaries, ten HI cards, a claim of six benefit months) is
 * signed BENCH_BOOKS (5,000) times with the Ed25519 ring (runtime/signing-keys.ts): the signature
 * alone, and the whole delivery step (services/ebooks.ts signEbook: parse, RFC 8785 check, sign).
 * Prints books per second beside a floor, a plain sha256 of the same bytes (Node's native one), and
 * the ratio; and the offline verification a reader's `ebook verify-file` does, for scale.
 *
 * Books are signed when they are delivered, never when they are written: the monthly reconciliation
 * signs nothing (test/api/ebook-signatures.test.ts proves no worker code reaches the signer).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { addMonths } from '../domain/calendar';
import { renderEbook, type EbookRecords } from '../domain/ebook';
import { loadSigningKeys, verifyDetached } from '../runtime/signing-keys';
import { EBOOK_SIGNATURE_TYPE, signEbook, verifyDeliveredEbook } from '../services/ebooks';
import { appClock, thousands, timesFloor } from './harness';

const BOOKS = Number(process.env.BENCH_BOOKS ?? 5000);

/** A participant's ten years, 2016-01 … 2025-12. */
function tenYearBook(): EbookRecords {
  const months = Array.from({ length: 120 }, (_, i) => addMonths('2016-01', i));
  const employers = ['0301234567', '0309876543', '0105551234'];
  return {
    participant: {
      personalId: '079090123456',
      siNumber: '7912345678',
      fullName: 'Nguyễn Thị Minh Khai',
      dateOfBirth: '1990-05-17',
      gender: 'female',
      nationality: 'VN',
    },
    employments: employers.map((taxCode, e) => ({
      employerTaxCode: taxCode,
      employerName: `Công ty TNHH Thương mại và Dịch vụ số ${e + 1}`,
      unitCode: `TA${1000 + e}`,
      startMonth: months[e * 40]!,
      endMonth: e === 2 ? null : months[e * 40 + 39]!,
      jobTitle: 'Kế toán viên',
      contractType: 'indefinite',
      salaries: Array.from({ length: 4 }, (_, y) => ({
        effectiveMonth: months[e * 40 + y * 10]!,
        amount: String(8_000_000 + e * 2_000_000 + y * 500_000),
      })),
    })),
    hiCards: Array.from({ length: 10 }, (_, y) => ({
      cardCode: `DN479${String(7912345678 + y).padStart(10, '0')}`,
      payerKind: 'employer',
      payerTaxCode: employers[Math.min(2, Math.floor(y / 3.4))]!,
      benefitLevel: 80,
      validFrom: `${2016 + y}-01-01`,
      validTo: `${2016 + y}-12-31`,
      initialFacilityCode: '79001',
      fiveYearsFrom: y >= 5 ? '2021-01-01' : null,
    })),
    contributionMonths: months.map((period, i) => ({
      period,
      employerTaxCode: employers[Math.floor(i / 40)]!,
      status: i % 37 === 36 ? 'declared_unpaid' : 'credited',
    })),
    unemploymentClaims: [
      {
        claimId: '5b0c5c1e-0d1f-4c1a-9d38-3f3c3f0b6a11',
        status: 'paying',
        law: 'Law 74/2025',
        filingDate: '2025-12-05',
        decision: 'approved',
        decidedOn: '2025-12-20',
        monthlyBenefit: '6300000',
        durationMonths: 6,
        startDate: '2025-12-20',
        endDate: '2026-06-19',
        monthsPaid: 1,
        monthsSuspended: 0,
        terminationGround: null,
        terminatedOn: null,
        reservedMonths: 4,
        months: Array.from({ length: 6 }, (_, m) => ({
          index: m + 1,
          from: `2026-0${m + 1}-20`,
          to: `2026-0${m + 2}-19`,
          status: m === 0 ? 'paid' : 'scheduled',
          amount: m === 0 ? '6300000' : null,
          paidOn: m === 0 ? '2026-01-25' : null,
        })),
      },
    ],
  };
}

/** Books per second of `fn` over BENCH_BOOKS calls, after a warm-up of a tenth of them. */
async function rate(fn: () => unknown): Promise<number> {
  for (let i = 0; i < Math.max(100, BOOKS / 10); i++) await fn();
  const t0 = performance.now();
  for (let i = 0; i < BOOKS; i++) await fn();
  return BOOKS / ((performance.now() - t0) / 1000);
}

async function main(): Promise<void> {
  const book = renderEbook(tenYearBook(), (t) => createHash('sha256').update(t).digest('hex'));
  const bytes = Buffer.from(book.content, 'utf8');
  const keys = await loadSigningKeys({ home: mkdtempSync(path.join(tmpdir(), 'ansinh-bench-sign-')), clock: appClock });
  const stored = { content: book.content, version: 7 };
  const delivered = await signEbook(keys, stored);
  const jwks = keys.publicJwks();
  const saved = { ...delivered, version: 7 };

  const floor = await rate(() => createHash('sha256').update(bytes).digest('hex'));
  const signOnly = await rate(() => keys.sign(bytes, { typ: EBOOK_SIGNATURE_TYPE, ver: 7 }));
  const delivery = await rate(() => signEbook(keys, stored));
  const verify = await rate(() => verifyDetached(delivered.signature, bytes, jwks));
  const verifyFile = await rate(() => verifyDeliveredEbook(saved, jwks));

  const us = (r: number) => `${(1e6 / r).toFixed(1)} µs/book`;
  console.log(`e-book signing: a 10-year book of ${thousands(bytes.length)} bytes, ${thousands(BOOKS)} books each`);
  console.log(`  floor: sha256 of the same bytes         ${thousands(floor)} books/s (${us(floor)})`);
  console.log(
    `  Ed25519 detached JWS (sign alone)       ${thousands(signOnly)} books/s (${us(signOnly)}), ${timesFloor(floor, signOnly)} the floor's cost`,
  );
  console.log(
    `  delivery: parse + RFC 8785 check + sign ${thousands(delivery)} books/s (${us(delivery)}), ${timesFloor(floor, delivery)} the floor's cost`,
  );
  console.log(`  verify (signature alone)                ${thousands(verify)} books/s (${us(verify)})`);
  console.log(`  verify-file (RFC 8785 + signature)      ${thousands(verifyFile)} books/s (${us(verifyFile)})`);
  console.log('  monthly reconciliation: 0 signatures per run (books are signed at delivery only)');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
