/**
 * The printed documents (issue #13): the e-book PDF (golden bytes, diacritics through pdftotext,
 * page 1 as a PNG through pdftoppm), its endpoint and access log, the relay's attachments, the
 * claim decision letters and the arrears notices. Real PostgreSQL (apiFixture); poppler-utils.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLog, outbox, uiClaims } from '../../db/schema';
import { appealDeadline } from '../../domain/appeal';
import {
  ebookQrText,
  renderArrearsNotice,
  renderAttachment,
  renderClaimLetter,
  renderEbookPdf,
  signatureLines,
  type ClaimLetterData,
  type PrintableEbook,
} from '../../services/documents';
import { apiFixture, bearer, type ApiFixture } from '../api/fixture';

const run = promisify(execFile);
const BIN = path.join(process.cwd(), 'bin', 'ansinh.cjs');

/** The `ansinh` program as a user runs it (its own process), against the fixture's database. */
async function ansinh(args: string[], cwd: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent', ANSINH_HOME: cwd, DATABASE_URL: f.tdb.url };
  for (const k of ['TEMPORAL_ADDRESS', 'SIGNING_KEYS', 'SIGNING_KEYS_FILE', 'SIGNING_KEY_ID']) delete env[k];
  try {
    const r = await run(process.execPath, [BIN, ...args], { env, cwd, timeout: 60_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
const FIXTURES = path.join(process.cwd(), 'test', 'fixtures');
const GOLDEN = path.join(FIXTURES, 'ebook-print.pdf');
const ARTIFACTS = path.join(process.cwd(), 'test-artifacts', 'pdf');
const ISSUED = new Date('2026-12-01T03:00:00Z');

let f: ApiFixture;
let dir: string;

beforeAll(async () => {
  f = await apiFixture('documents');
  dir = mkdtempSync(path.join(tmpdir(), 'ansinh-pdf-'));
  mkdirSync(ARTIFACTS, { recursive: true });
});
afterAll(async () => {
  await f?.close();
});

const fixtureBook = (): PrintableEbook =>
  JSON.parse(readFileSync(path.join(FIXTURES, 'ebook-print.json'), 'utf8')) as PrintableEbook;

/** The text of a PDF (all pages, or from..to), as pdftotext reads it. */
async function textOf(pdf: Buffer, pages?: { first: number; last: number }): Promise<string> {
  const file = path.join(dir, `t-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  const range = pages ? ['-f', String(pages.first), '-l', String(pages.last)] : [];
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', ...range, file, '-']);
  return stdout.normalize('NFC');
}

/** The codes the e-book, the letters and the notices hold, which must never reach the paper as they are. */
const RAW_CODES = [
  'indefinite',
  'fixed_term',
  'INDEFINITE',
  'EMPLOYER',
  'employer',
  'ui_fund',
  'state_budget',
  'female',
  'approved',
  'rejected',
  'terminated',
  'active',
  'completed',
  'awaiting_decision',
  'new_job',
  'own_request',
  'missed_reports',
  'CONTRIBUTION_MONTHS_INSUFFICIENT',
  'UNLAWFUL_TERMINATION',
  'FILED_TOO_LATE',
  'Law 74/2025',
  'Art.',
  'locked',
  'withdrawn',
  'used_by_another',
  'lent',
  'fraud',
];

/** No code word appears as a word of the (Vietnamese) text. */
function expectNoRawCodes(text: string): void {
  for (const code of RAW_CODES)
    expect(text, code).not.toMatch(new RegExp(`(^|[^\\p{L}_])${code.replace('.', '\\.')}($|[^\\p{L}_])`, 'u'));
}

async function pageCount(pdf: Buffer): Promise<number> {
  const file = path.join(dir, `c-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  const { stdout } = await run('pdfinfo', [file]);
  return Number(/Pages:\s+(\d+)/.exec(stdout)![1]);
}

describe('the e-book as a PDF', () => {
  it('the same book gives the same bytes: the golden file test/fixtures/ebook-print.pdf', async () => {
    const a = await renderEbookPdf(fixtureBook(), { issuedAt: ISSUED });
    const b = await renderEbookPdf(fixtureBook(), { issuedAt: ISSUED });
    expect(a.equals(b)).toBe(true);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, a);
    expect(existsSync(GOLDEN)).toBe(true);
    expect(a.equals(readFileSync(GOLDEN))).toBe(true);
    // A different date of issue is a different document.
    const later = await renderEbookPdf(fixtureBook(), { issuedAt: new Date('2026-12-02T03:00:00Z') });
    expect(later.equals(a)).toBe(false);
  });

  it('page 1 reads back through pdftotext with its diacritics, and is saved as a PNG through pdftoppm', async () => {
    const pdf = await renderEbookPdf(fixtureBook(), { issuedAt: ISSUED });
    const page1 = await textOf(pdf, { first: 1, last: 1 });
    for (const s of [
      'SỔ BẢO HIỂM XÃ HỘI ĐIỆN TỬ',
      'Nguyễn Thị Bảo Ngọc',
      'Công ty TNHH Đức Hưng Thịnh',
      'Kế toán viên',
      'Ngày sinh: 17/04/1990',
      'Từ 07/2024: 9.200.000 ₫',
      'Năm 2025: 10 tháng đã đóng, 2 tháng chưa đóng',
      'Tổng cộng: 34 tháng đã đóng, 2 tháng đã kê khai nhưng chưa đóng.',
      'Thẻ bảo hiểm y tế',
      'Trợ cấp thất nghiệp',
      '5.520.000 ₫/tháng',
      'Ngày cấp: 01/12/2026',
      fixtureBook().sha256,
    ])
      expect(page1).toContain(s);
    // The months under dispute (issue #14 part 2), in words: the case, the employer, the months.
    const all1 = (await textOf(pdf)).replace(/\s+/g, ' ');
    expect(all1).toContain('Các tháng đang khiếu nại (đơn vị chưa khai báo hoặc chưa đóng):');
    expect(all1).toContain('Vụ việc 42: đơn vị mã số thuế 0109876543, từ 03/2026 đến 05/2026');
    // The card's lock (issue 15), in words under the card: the kind, the day, the ground, the lifting.
    expect(all1).toContain(
      'Thẻ DN4010190012345 — mức hưởng 4, đối tượng Người sử dụng lao động (0101234567), từ 01/01/2023 đến 31/12/2025, nơi đăng ký KCB ban đầu 01-001 Tạm khóa từ ngày 03/03/2025 (lý do: cho người khác mượn thẻ); mở khóa từ ngày 01/04/2025.',
    );
    // Words, not codes: the contract type, the HI payer, the claim's status, the gender, the nationality.
    const words = page1.replace(/\s+/g, ' ');
    for (const s of [
      'Kế toán viên, hợp đồng không xác định thời hạn',
      'đối tượng Người sử dụng lao động (0101234567)',
      'Giới tính: Nữ',
      'Quốc tịch: Việt Nam',
    ])
      expect(words).toContain(s);
    expect(words).toMatch(/Hồ sơ nộp ngày 05\/01\/2026: (Đang hưởng|Chấm dứt|Đã hưởng xong|Tạm dừng|Không được hưởng)/);
    expectNoRawCodes(await textOf(pdf));
    const pages = await pageCount(pdf);
    const all = await textOf(pdf);
    // The header and "Trang x/y" on every page.
    for (let i = 1; i <= pages; i++) expect(all).toContain(`Trang ${i}/${pages}`);
    expect(all.split('Sổ bảo hiểm xã hội điện tử — Nguyễn Thị Bảo Ngọc').length - 1).toBe(pages);
    const file = path.join(dir, 'ebook.pdf');
    writeFileSync(file, pdf);
    await run('pdftoppm', [
      '-png',
      '-r',
      '80',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      file,
      path.join(ARTIFACTS, 'ebook-page1'),
    ]);
    const png = readFileSync(path.join(ARTIFACTS, 'ebook-page1.png'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.length).toBeGreaterThan(20_000);
  });

  it('the QR code carries the personal ID, version, hash and the detached JWS; English by lang', async () => {
    const book = fixtureBook();
    expect(ebookQrText(book.content.identity.personalId, book)).toBe(
      `ansinh:ebook:001090012345:7:${book.sha256}:${book.signature}`,
    );
    const en = await textOf(await renderEbookPdf(book, { issuedAt: ISSUED, lang: 'en' }));
    expect(en).toContain('ELECTRONIC SOCIAL INSURANCE BOOK');
    expect(en).toContain('From 2024-07: 9,200,000 ₫');
    expect(en.replace(/\s+/g, ' ')).toContain('indefinite-term contract');
    expect(en.replace(/\s+/g, ' ')).toContain('payer The employer (0101234567)');
    expect(en).toMatch(/Page 1\/\d/);
    expect(en.replace(/\s+/g, ' ')).toContain(
      'Case 42: the employer with tax code 0109876543, from 2026-03 to 2026-05',
    );
    expect(en.replace(/\s+/g, ' ')).toContain(
      'Temporarily locked from 2025-03-03 (ground: the card was lent to someone else); unlocked from 2025-04-01.',
    );
  });

  it('prints a lock in effect and a withdrawal under their card, in words; a book without locks prints none (HI Law Art.20, Decree 188/2025 Art.12)', async () => {
    const book = fixtureBook();
    const card = book.content.hiCards[0]!;
    const second = { ...card, cardCode: 'HT3010190012345', payerKind: 'ui_fund', payerTaxCode: null };
    book.content.hiCards = [card, second];
    book.content.cardLocks = [
      {
        cardCode: card.cardCode,
        kind: 'locked',
        ground: 'used_by_another',
        effectiveFrom: '2025-11-03',
        liftedOn: null,
      },
      { cardCode: second.cardCode, kind: 'withdrawn', ground: 'fraud', effectiveFrom: '2025-11-04', liftedOn: null },
    ];
    const vi = (await textOf(await renderEbookPdf(book, { issuedAt: ISSUED }))).replace(/\s+/g, ' ');
    const cards = vi.slice(vi.indexOf('4. Thẻ bảo hiểm y tế'), vi.indexOf('5. Trợ cấp thất nghiệp'));
    // Each lock right under its own card.
    expect(cards).toMatch(
      /Thẻ DN4010190012345 — [^]*? Tạm khóa từ ngày 03\/11\/2025 \(lý do: thẻ bị người khác sử dụng\); đang có hiệu lực\. Thẻ HT3010190012345 — [^]*? Thu hồi từ ngày 04\/11\/2025 \(lý do: gian lận trong việc cấp thẻ\)\.\s*$/,
    );
    expectNoRawCodes(vi);
    const en = (await textOf(await renderEbookPdf(book, { issuedAt: ISSUED, lang: 'en' }))).replace(/\s+/g, ' ');
    expect(en).toContain(
      'Temporarily locked from 2025-11-03 (ground: the card was used by someone else); still in effect.',
    );
    expect(en).toContain('Withdrawn from 2025-11-04 (ground: fraud in the issue of the card).');
    const none = fixtureBook();
    delete none.content.cardLocks;
    const plain = (await textOf(await renderEbookPdf(none, { issuedAt: ISSUED }))).replace(/\s+/g, ' ');
    expect(plain).toContain('Thẻ DN4010190012345');
    expect(plain).not.toMatch(/Tạm khóa|Thu hồi|mở khóa/);
  });
  it('prints the signature whole: its lines never end in "-", which pdftotext would drop as a hyphenation', async () => {
    const signature = `${'ab-'.repeat(40)}..${'-x'.repeat(60)}`;
    expect(signatureLines(signature).join('')).toBe(signature);
    for (const line of signatureLines(signature)) expect(line.endsWith('-')).toBe(false);
    const text = await textOf(await renderEbookPdf({ ...fixtureBook(), signature }, { issuedAt: ISSUED }));
    expect(text.replace(/\s+/g, '')).toContain(signature);
  });
});

describe('GET /v1/participants/{id}/ebook.pdf', () => {
  it('the participant downloads their signed book as a PDF; the read is access-logged', async () => {
    const pid = f.a.employees[0]!.personalId;
    const me = await f.token({ role: 'participant', personalId: pid, level: 2 });
    const before = (await f.tdb.db.select().from(accessLog)).length;
    const r = await f.app.inject({ url: `/v1/participants/${pid}/ebook.pdf`, headers: bearer(me) });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.headers['content-disposition']).toMatch(/^attachment; filename="so-bhxh-v\d+\.pdf"$/);
    expect(r.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = await textOf(r.rawPayload);
    expect(text).toContain(f.a.employees[0]!.fullName.normalize('NFC'));
    expect(text).toContain('Chữ ký số (JWS, Ed25519)');
    const logged = await f.tdb.db.select().from(accessLog);
    expect(logged.length).toBe(before + 1);
    const en = await f.app.inject({ url: `/v1/participants/${pid}/ebook.pdf?lang=en`, headers: bearer(me) });
    expect(en.statusCode).toBe(200);
    expect(await textOf(en.rawPayload)).toContain('ELECTRONIC SOCIAL INSURANCE BOOK');
  });

  it("a card an officer locked prints in the participant's book, under the card, from that day (HI Law Art.20(2))", async () => {
    const pid = f.a.employees[3]!.personalId;
    const officer = await f.token({ role: 'officer', subject: 'officer-documents' });
    const lock = await f.app.inject({
      method: 'POST',
      url: `/v1/participants/${pid}/hi-card/locks`,
      headers: bearer(officer),
      payload: { reference: 'QD-77/2026', kind: 'locked', ground: 'used_by_another', effectiveFrom: '2026-11-05' },
    });
    expect(lock.statusCode, lock.body).toBe(201);
    const [code] = lock.json().cards as string[];
    const me = await f.token({ role: 'participant', personalId: pid, level: 2 });
    const r = await f.app.inject({ url: `/v1/participants/${pid}/ebook.pdf`, headers: bearer(me) });
    expect(r.statusCode).toBe(200);
    const text = (await textOf(r.rawPayload)).replace(/\s+/g, ' ');
    expect(text).toMatch(
      new RegExp(
        `Thẻ ${code} — [^]*? Tạm khóa từ ngày 05/11/2026 \\(lý do: thẻ bị người khác sử dụng\\); đang có hiệu lực\\.`,
      ),
    );
  });

  it("refuses another participant's book (403), an unknown lang (400), and writes no access-log row", async () => {
    const pid = f.a.employees[0]!.personalId;
    const other = await f.token({ role: 'participant', personalId: f.a.employees[1]!.personalId, level: 2 });
    const me = await f.token({ role: 'participant', personalId: pid, level: 2 });
    const before = (await f.tdb.db.select().from(accessLog)).length;
    const r = await f.app.inject({ url: `/v1/participants/${pid}/ebook.pdf`, headers: bearer(other) });
    expect(r.statusCode).toBe(403);
    const bad = await f.app.inject({ url: `/v1/participants/${pid}/ebook.pdf?lang=fr`, headers: bearer(me) });
    expect(bad.statusCode).toBe(400);
    expect((await f.tdb.db.select().from(accessLog)).length).toBe(before);
  });
});

describe('ansinh ebook pdf', () => {
  it('writes the book to --out (English with --lang en); no book is exit 3, a bad language exit 2', async () => {
    const pid = f.a.employees[0]!.personalId;
    const out = path.join(dir, 'cli-book.pdf');
    const ok = await ansinh(['ebook', 'pdf', pid, '--out', out, '--lang', 'en'], dir);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(out);
    const text = await textOf(readFileSync(out));
    expect(text).toContain('ELECTRONIC SOCIAL INSURANCE BOOK');
    expect(text).toContain(f.a.employees[0]!.fullName.normalize('NFC'));
    expect((await ansinh(['ebook', 'pdf', '001090000000'], dir)).code).toBe(3);
    expect((await ansinh(['ebook', 'pdf', pid, '--lang', 'fr'], dir)).code).toBe(2);
  });
});

describe('renderAttachment (the relay)', () => {
  it("an ebook.email notice carries the queued version's PDF with the signature it was queued with", async () => {
    const pid = f.a.employees[0]!.personalId;
    const me = await f.token({ role: 'participant', personalId: pid, level: 2 });
    const q = await f.app.inject({ method: 'POST', url: `/v1/participants/${pid}/ebook/email`, headers: bearer(me) });
    expect(q.statusCode).toBe(202);
    const [row] = await f.tdb.db
      .select()
      .from(outbox)
      .where(eq(outbox.id, JSON.parse(q.body).outboxId));
    const att = await renderAttachment(f.tdb.db, row!);
    expect(att).not.toBeNull();
    expect(att!.contentType).toBe('application/pdf');
    const text = await textOf(att!.content);
    expect(text.replace(/\s+/g, '')).toContain((row!.payload as { signature: string }).signature);
    // The same row gives the same bytes (the relay may render it again on a retry).
    expect((await renderAttachment(f.tdb.db, row!))!.content.equals(att!.content)).toBe(true);
  });

  it('an arrears notice prints the period, principal, charge to date, when it becomes evasion, and how to pay', async () => {
    const taxCode = f.a.employer.taxCode;
    const row = {
      kind: 'contributions.arrears',
      recipientId: taxCode,
      payload: {
        period: '2026-10',
        asOf: '2026-11-20',
        outstanding: '12345000',
        lateCharge: '74070',
        deadline: '2026-10-31',
        evasion: false,
      },
    };
    const att = await renderAttachment(f.tdb.db, row);
    expect(att!.filename).toBe('thong-bao-cham-dong-2026-10.pdf');
    const text = (await textOf(att!.content)).replace(/\s+/g, ' ');
    expect(text).toContain('THÔNG BÁO CHẬM ĐÓNG BẢO HIỂM XÃ HỘI');
    expect(text).toContain(`mã số thuế ${taxCode}`);
    expect(text).toContain('Kỳ đóng: 10/2026');
    expect(text).toContain('Số tiền còn nợ (gốc): 12.345.000 ₫');
    expect(text).toContain('Tiền lãi chậm đóng đến ngày 20/11/2026: 74.070 ₫');
    expect(text).toContain('Tổng số phải nộp: 12.419.070 ₫');
    expect(text).toContain('trốn đóng (Luật BHXH 41/2024 Điều 39), tức là từ ngày 31/12/2026');
    expect(text).toContain(`"${taxCode} 2026-10"`);
    expectNoRawCodes(text);
    const evaded = await renderArrearsNotice(
      { ...row.payload, employer: { taxCode, name: 'X', unitCode: null }, evasion: true },
      { lang: 'en' },
    );
    expect(await textOf(evaded)).toContain('already counts as evasion');
    // A kind with no document, or an employer that is gone, has no attachment.
    expect(await renderAttachment(f.tdb.db, { ...row, kind: 'claim.payment' })).toBeNull();
    expect(await renderAttachment(f.tdb.db, { ...row, recipientId: '0000000000' })).toBeNull();
  });
});

describe('decision letters', () => {
  const base: ClaimLetterData = {
    kind: 'approved',
    participant: { personalId: '001090012345', siNumber: '0190012345', fullName: 'Nguyễn Thị Bảo Ngọc' },
    claim: {
      filingDate: '2026-01-05',
      terminationDate: '2025-12-31',
      law: 'Law 74/2025',
      monthlyBenefit: '5520000',
      durationMonths: 3,
      startDate: '2026-02-05',
      endDate: '2026-05-04',
      decisionReason: null,
      terminationGround: null,
      terminatedOn: null,
      reservedMonths: null,
      monthsPaid: 0,
      evaluation: {
        averagedMonths: ['2025-12', '2025-11', '2025-10', '2025-09', '2025-08', '2025-07'],
        averageSalary: '9200000',
        cap: '26550000',
        capMonth: '2025-12',
        capped: false,
        totalContributionMonths: 36,
        reservedMonths: 0,
        benefitMonths: [
          { index: 1, from: '2026-02-05', to: '2026-03-04' },
          { index: 2, from: '2026-03-05', to: '2026-04-04' },
          { index: 3, from: '2026-04-05', to: '2026-05-04' },
        ],
      },
    },
    issuedOn: '2026-01-20',
  };

  it('the approval: legal basis, amount and its computation, the months, the right to appeal within 90 days', async () => {
    expect(appealDeadline('2026-01-20')).toBe('2026-04-20');
    const text = (await textOf(await renderClaimLetter(base))).replace(/\s+/g, ' ');
    expect(text).toContain('QUYẾT ĐỊNH VỀ VIỆC HƯỞNG TRỢ CẤP THẤT NGHIỆP');
    expect(text).toContain('Căn cứ pháp lý: Điều 38–41 Luật Việc làm số 74/2025/QH15.');
    expect(text).toContain('5.520.000 ₫ mỗi tháng trong 3 tháng, từ ngày 05/02/2026 đến ngày 04/05/2026');
    expect(text).toContain('6 tháng liền kề (12/2025, 11/2025, 10/2025, 09/2025, 08/2025, 07/2025): 9.200.000 ₫');
    expect(text).toContain('60% × 9.200.000 ₫, tối đa 26.550.000 ₫');
    expect(text).toContain('36 tháng đóng bảo hiểm thất nghiệp, được hưởng 3 tháng');
    expect(text).toContain('Tháng 3: từ 05/04/2026 đến 04/05/2026');
    expect(text).toContain('trong thời hạn 90 ngày kể từ ngày nhận được văn bản này, tức là đến hết ngày 20/04/2026');
    expect(text).toContain('Điều 9 Luật Khiếu nại số 02/2011/QH13');
    expect(text).toContain('Trang 1/1');
    expectNoRawCodes(text);
  });

  it('renderAttachment gives the letter of a claim.approved / claim.terminated notice from the stored claim', async () => {
    const pid = f.a.employees[2]!.personalId;
    const [claim] = await f.tdb.db
      .insert(uiClaims)
      .values({
        personalId: pid,
        workflowId: 'claim-letter-test',
        status: 'terminated',
        terminationDate: '2025-12-31',
        filingDate: '2026-01-05',
        region: 'I',
        contractMonths: 36,
        terminationReason: 'contract_expired',
        filedBy: 'test',
        law: 'Law 74/2025',
        eligible: true,
        evaluation: base.claim.evaluation,
        monthlyBenefit: '5520000',
        durationMonths: 3,
        startDate: '2026-02-05',
        endDate: '2026-05-04',
        decision: 'approved',
        decidedBy: 'officer:test',
        decidedOn: '2026-01-20',
        terminationGround: 'new_job',
        terminatedOn: '2026-03-10',
        reservedMonths: 12,
        monthsPaid: 1,
      })
      .returning({ id: uiClaims.id });
    const row = { kind: 'claim.approved', recipientId: pid, payload: { claimId: claim!.id, decision: 'approve' } };
    const approved = await renderAttachment(f.tdb.db, row);
    expect(approved!.filename).toBe('quyet-dinh-tctn-approved.pdf');
    const a = (await textOf(approved!.content)).replace(/\s+/g, ' ');
    expect(a).toContain(f.a.employees[2]!.fullName.normalize('NFC'));
    expect(a).toContain('5.520.000 ₫ mỗi tháng trong 3 tháng');
    expect(a).toContain('đến hết ngày 20/04/2026');
    const ended = await renderAttachment(f.tdb.db, { ...row, kind: 'claim.terminated' });
    const t = (await textOf(ended!.content)).replace(/\s+/g, ' ');
    expect(t).toContain('CHẤM DỨT HƯỞNG TRỢ CẤP THẤT NGHIỆP');
    expect(t).toContain('từ ngày 10/03/2026');
    expect(t).toContain(
      'Căn cứ chấm dứt: có việc làm thuộc diện tham gia bảo hiểm xã hội bắt buộc (điểm a khoản 4 Điều 41).',
    );
    expect(t).toContain('Căn cứ pháp lý: khoản 4 Điều 41 Luật Việc làm số 74/2025/QH15.');
    expectNoRawCodes(t);
    expect(t).toContain('đến hết ngày 08/06/2026');
    expect(
      await renderAttachment(f.tdb.db, { ...row, payload: { claimId: '00000000-0000-4000-8000-000000000000' } }),
    ).toBeNull();
  });

  it('the rejection gives the reasons; the termination its ground and the months reserved; English by lang', async () => {
    const rejected = await renderClaimLetter({
      ...base,
      kind: 'rejected',
      claim: {
        ...base.claim,
        decisionReason: 'Chưa đủ 12 tháng đóng',
        evaluation: { reasons: ['CONTRIBUTION_MONTHS_INSUFFICIENT', 'FILED_TOO_LATE'] },
      },
    });
    const r = (await textOf(rejected)).replace(/\s+/g, ' ');
    expect(r).toContain('THÔNG BÁO KHÔNG ĐƯỢC HƯỞNG TRỢ CẤP THẤT NGHIỆP');
    expect(r).toContain(
      'Lý do: Chưa đủ 12 tháng đóng; chưa đủ số tháng đóng bảo hiểm thất nghiệp theo quy định; nộp hồ sơ quá thời hạn.',
    );
    expect(r).toContain('Căn cứ pháp lý: Điều 38 Luật Việc làm số 74/2025/QH15.');
    expectNoRawCodes(r);
    // The stored default reason ('rejected') is no reason to print.
    const bare = await renderClaimLetter({
      ...base,
      kind: 'rejected',
      claim: { ...base.claim, decisionReason: 'rejected', evaluation: { reasons: ['UNLAWFUL_TERMINATION'] } },
    });
    const b = (await textOf(bare)).replace(/\s+/g, ' ');
    expect(b).toContain('Lý do: hợp đồng lao động chấm dứt trái pháp luật');
    expectNoRawCodes(b);
    const terminated = await renderClaimLetter(
      {
        ...base,
        kind: 'terminated',
        claim: {
          ...base.claim,
          terminationGround: 'new_job',
          terminatedOn: '2026-03-10',
          monthsPaid: 1,
          reservedMonths: 12,
        },
        issuedOn: '2026-03-10',
      },
      { lang: 'en' },
    );
    const t = (await textOf(terminated)).replace(/\s+/g, ' ');
    expect(t).toContain('DECISION ENDING UNEMPLOYMENT BENEFIT');
    expect(t).toContain(
      'Your unemployment benefit ends on 2026-03-10. Ground: found a job covered by compulsory social insurance (Art.41(4)(a)). 1 months were paid; months reserved: 12.',
    );
    expect(t).toContain('Law 74/2025 Art.41(4)');
    expect(t).toContain('within 90 days of receiving this letter, that is by 2026-06-08');
  });
});
