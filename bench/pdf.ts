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
import { renderEbook, type EbookDocument } from '../domain/ebook';
import { loadSigningKeys } from '../runtime/signing-keys';
import { renderEbookPdf } from '../services/documents';
import { signEbook } from '../services/ebooks';
import { thirtyYearBook } from './books';
import { appClock, thousands } from './harness';

const BOOKS = Number(process.env.BENCH_PDFS ?? 40);

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
