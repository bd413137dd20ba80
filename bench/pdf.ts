/**
 * `npm run bench:pdf`: what printing costs. A 30-year book (360 contribution months, six employments
 * with yearly salaries, thirty HI cards, two claims) is signed once and rendered BENCH_PDFS (40) times
 * as a PDF (services/documents.ts renderEbookPdf: pdfkit, Noto Sans subset, QR code). Prints pages
 * per second and books per second, the size, and the same book as signed JSON for scale.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { addMonths } from '../domain/calendar';
import { renderEbook, type EbookDocument, type EbookRecords } from '../domain/ebook';
import { loadSigningKeys } from '../runtime/signing-keys';
import { renderEbookPdf } from '../services/documents';
import { signEbook } from '../services/ebooks';
import { appClock, thousands } from './harness';

const BOOKS = Number(process.env.BENCH_PDFS ?? 40);

/** A participant's thirty years, 1996-01 … 2025-12. */
function thirtyYearBook(): EbookRecords {
  const months = Array.from({ length: 360 }, (_, i) => addMonths('1996-01', i));
  const employers = Array.from({ length: 6 }, (_, e) => `03012345${String(60 + e)}`);
  return {
    participant: {
      personalId: '079070123456',
      siNumber: '7912345670',
      fullName: 'Trần Thị Ngọc Hoà',
      dateOfBirth: '1970-05-17',
      gender: 'female',
      nationality: 'VN',
    },
    employments: employers.map((taxCode, e) => ({
      employerTaxCode: taxCode,
      employerName: `Công ty Cổ phần Xây dựng và Thương mại Đông Á số ${e + 1}`,
      unitCode: `TA${1000 + e}`,
      startMonth: months[e * 60]!,
      endMonth: e === 5 ? null : months[e * 60 + 59]!,
      jobTitle: 'Kỹ sư giám sát công trình',
      contractType: 'indefinite',
      salaries: Array.from({ length: 5 }, (_, y) => ({
        effectiveMonth: months[e * 60 + y * 12]!,
        amount: String(3_000_000 + e * 2_000_000 + y * 400_000),
      })),
    })),
    hiCards: Array.from({ length: 30 }, (_, y) => ({
      cardCode: `DN479${String(7912345670 + y).padStart(10, '0')}`,
      payerKind: 'employer',
      payerTaxCode: employers[Math.floor(y / 5)]!,
      benefitLevel: 80,
      validFrom: `${1996 + y}-01-01`,
      validTo: `${1996 + y}-12-31`,
      initialFacilityCode: '79001',
      fiveYearsFrom: null,
    })),
    contributionMonths: months.map((period, i) => ({
      period,
      employerTaxCode: employers[Math.floor(i / 60)]!,
      status: i % 41 === 40 ? 'declared_unpaid' : 'credited',
    })),
    unemploymentClaims: [2009, 2021].map((year, k) => ({
      claimId: `5b0c5c1e-0d1f-4c1a-9d38-3f3c3f0b6a1${k}`,
      status: 'completed',
      law: 'Law 38/2013',
      filingDate: `${year}-01-05`,
      decision: 'approved',
      decidedOn: `${year}-01-20`,
      monthlyBenefit: '4300000',
      durationMonths: 3,
      startDate: `${year}-01-20`,
      endDate: `${year}-04-19`,
      monthsPaid: 3,
      monthsSuspended: 0,
      terminationGround: null,
      terminatedOn: null,
      reservedMonths: 0,
      months: [],
    })),
  };
}

async function pageCount(pdf: Buffer): Promise<number> {
  return (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
}

async function main(): Promise<void> {
  const book = renderEbook(thirtyYearBook(), (t) => createHash('sha256').update(t).digest('hex'));
  const keys = await loadSigningKeys({ home: mkdtempSync(path.join(tmpdir(), 'ansinh-bench-pdf-')), clock: appClock });
  const { content, signature } = await signEbook(keys, { content: book.content, version: 12 });
  const printable = { version: 12, sha256: book.sha256, content: content as unknown as EbookDocument, signature };
  const issuedAt = appClock();
  const first = await renderEbookPdf(printable, { issuedAt });
  const pages = await pageCount(first);
  for (let i = 0; i < 3; i++) await renderEbookPdf(printable, { issuedAt }); // warm-up
  const t0 = performance.now();
  for (let i = 0; i < BOOKS; i++) await renderEbookPdf(printable, { issuedAt });
  const seconds = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  for (let i = 0; i < BOOKS; i++) await signEbook(keys, { content: book.content, version: 12 });
  const jsonRate = BOOKS / ((performance.now() - t1) / 1000);
  console.log(`e-book PDF: a 30-year book, ${pages} pages, ${thousands(first.length)} bytes, ${BOOKS} renders`);
  console.log(
    `  ${(BOOKS / seconds).toFixed(1)} books/s, ${thousands((BOOKS * pages) / seconds)} pages/s (${((seconds / BOOKS) * 1000).toFixed(0)} ms a book)`,
  );
  console.log(`  for scale: the same book as signed JSON, ${thousands(jsonRate)} books/s`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
