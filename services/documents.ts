/**
 * The printed documents (issue #13): the e-book as a PDF, the claim decision letters (approval,
 * rejection, termination) and the employers' arrears notices. pdfkit with Noto Sans (assets/fonts,
 * SIL OFL 1.1), every text from the catalog (messages/documents.ts) in the reader's language.
 *
 * The same data gives the same bytes: the PDF's creation date is the document's date of issue (never
 * the wall clock), the file ID is derived from it, and nothing random goes in. Every page carries the
 * header and "Trang x/y", drawn once all pages are known.
 */
import path from 'node:path';
import QRCode from 'qrcode';
import { findClaim, findParticipant } from '../db/queries/claims';
import { findEmployer } from '../db/queries/employers';
import { findNotice } from '../db/queries/notices';
import { DomainError } from '../domain/errors';
import type { Db } from '../db/client';
import { appealDeadline, APPEAL_DAYS, complaintsLaw } from '../domain/appeal';
import { addDays, localDateOf, type IsoDate } from '../domain/calendar';
import type { EbookDocument } from '../domain/ebook';
import { citationText, law74, type Citation } from '../domain/law';
import { TERMINATION_GROUND_LETTERS, type BenefitTerminationGround } from '../domain/unemployment/termination';
import { formatCardLock, formatDate, formatMoney, formatMonth } from '../messages/format';
import { catalog, DEFAULT_LANG, translator, type Lang, type MessageKey, type T } from '../messages/index';
import type { SigningKeys } from '../runtime/signing-keys';
import { signEbook, storedEbook } from './ebooks';

export const FONT_DIR = path.join(__dirname, '..', 'assets', 'fonts');
const REGULAR = path.join(FONT_DIR, 'NotoSans-Regular.ttf');
const BOLD = path.join(FONT_DIR, 'NotoSans-Bold.ttf');
const PDF = 'application/pdf';

export interface Attachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

/** A delivered e-book as the PDF prints it. */
export interface PrintableEbook {
  version: number;
  sha256: string;
  content: EbookDocument;
  signature: string;
}

/** What a page writer needs: the document, the translator, the language. */
interface Page {
  doc: PDFKit.PDFDocument;
  t: T;
  lang: Lang;
}

const MARGIN = 50;
const TOP = 80;

/** pdfkit is loaded on the first document (~0.2 s): a CLI command that prints nothing does not pay for it. */
async function newDocument(title: string, issuedAt: Date): Promise<PDFKit.PDFDocument> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: TOP, bottom: 60, left: MARGIN, right: MARGIN },
    bufferPages: true,
    autoFirstPage: true,
    compress: true,
    info: { Title: title, Author: 'Ansinh', Creator: 'Ansinh', Producer: 'Ansinh', CreationDate: issuedAt },
  });
  doc.registerFont('regular', REGULAR);
  doc.registerFont('bold', BOLD);
  doc.font('regular').fontSize(10);
  return doc;
}

/** The header and "Trang x/y" on every page, then the bytes. */
async function finish(doc: PDFKit.PDFDocument, t: T, header: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const { width, height } = doc.page;
    const saved = doc.page.margins;
    doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
    doc.font('bold').fontSize(8).fillColor('#333333');
    doc.text(t('doc.agency'), MARGIN, 30, { width: width - 2 * MARGIN, lineBreak: false });
    doc.font('regular').text(header, MARGIN, 42, { width: width - 2 * MARGIN, lineBreak: false, ellipsis: true });
    doc
      .moveTo(MARGIN, 56)
      .lineTo(width - MARGIN, 56)
      .lineWidth(0.5)
      .stroke('#999999');
    doc.text(t('doc.page', { page: i + 1, pages: range.count }), MARGIN, height - 40, {
      width: width - 2 * MARGIN,
      align: 'right',
      lineBreak: false,
    });
    doc.page.margins = saved;
    doc.fillColor('black');
  }
  doc.end();
  return done;
}

function heading(p: Page, text: string): void {
  p.doc.moveDown(0.6).font('bold').fontSize(12).text(text, MARGIN).font('regular').fontSize(10).moveDown(0.2);
}

function title(p: Page, text: string): void {
  p.doc.font('bold').fontSize(15).text(text, { align: 'center' }).font('regular').fontSize(10).moveDown(0.5);
}

function fact(p: Page, label: string, value: string): void {
  p.doc.font('bold').text(`${label}: `, { continued: true }).font('regular').text(value);
}

function para(p: Page, text: string, indent = 0): void {
  p.doc.text(text, MARGIN + indent, undefined, { width: p.doc.page.width - 2 * MARGIN - indent });
}

function gender(t: T, g: string): string {
  const k = g.toLowerCase();
  if (k === 'male' || k === 'm' || k === 'nam') return t('doc.ebook.gender.male');
  if (k === 'female' || k === 'f' || k === 'nu' || k === 'nữ') return t('doc.ebook.gender.female');
  return t('me.gender.other');
}

/**
 * A code as the reader's word (issue #13: no raw code on paper): the catalog's `prefix + code`;
 * a code the catalog does not know (a value no check constraint allows today) prints as it is.
 */
export function label(t: T, prefix: string, code: string, params?: Record<string, string | number>): string {
  const key = `${prefix}${code}`;
  return key in catalog ? t(key as MessageKey, params) : code;
}

/** The words of a code the documents print: contract type, HI payer, claim status, reason, ground, nationality. */
export const words = {
  contract: (t: T, code: string) => label(t, 'doc.contract.', code),
  payer: (t: T, code: string, taxCode: string | null) => label(t, 'facility.payer.', code, { taxCode: taxCode ?? '—' }),
  claimStatus: (t: T, code: string) => label(t, 'me.claim.status.', code),
  reason: (t: T, code: string) => label(t, 'doc.reason.', code),
  nationality: (t: T, code: string) => label(t, 'doc.nationality.', code),
  ground: (t: T, code: string): string => {
    const g = TERMINATION_GROUND_LETTERS[code as BenefitTerminationGround];
    return g ? t('doc.ground', { ground: label(t, 'doc.ground.', code), letter: g.letter }) : code;
  },
};

/**
 * A citation in the reader's language: "khoản 4 Điều 41 Luật Việc làm số 74/2025/QH15" in Vietnamese,
 * "Law 74/2025 Art.41(4)" in English (domain/law.ts citationText), from the catalog's instrument names.
 */
export function citationIn(t: T, c: Citation): string {
  const m = c.article === null ? null : /^([\d–-]+)(?:\((\d+)\))?(?:\(([a-zđ])\))?$/.exec(c.article);
  const lawKey = `doc.law.${c.law}`;
  if (!m || !(lawKey in catalog)) return citationText(c);
  const law = t(lawKey as MessageKey);
  const [, article, clause, point] = m;
  if (point && clause) return t('doc.cite.point', { point, clause, article: article!, law });
  if (clause) return t('doc.cite.clause', { clause, article: article!, law });
  return t('doc.cite.article', { article: article!, law });
}

/**
 * The signature in lines of at most 100 characters, none ending in "-" (a reader such as pdftotext
 * would take a trailing hyphen for a word break and drop it): copied from the page, it joins back whole.
 */
export function signatureLines(jws: string, width = 100): string[] {
  const lines: string[] = [];
  let rest = jws;
  while (rest.length > width) {
    let cut = width;
    while (cut > 1 && rest[cut - 1] === '-') cut--;
    lines.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  lines.push(rest);
  return lines;
}

/** The text the QR code carries: enough to check the book offline with the public JWKS. */
export function ebookQrText(
  personalId: string,
  book: Pick<PrintableEbook, 'version' | 'sha256' | 'signature'>,
): string {
  return `ansinh:ebook:${personalId}:${book.version}:${book.sha256}:${book.signature}`;
}

/** The label of a corrected identity field on the e-book's page. */
const CORRECTED_LABEL: Record<string, MessageKey> = {
  fullName: 'doc.ebook.fullName',
  dateOfBirth: 'doc.ebook.dateOfBirth',
  gender: 'doc.ebook.gender',
  nationality: 'doc.ebook.nationality',
};

/** The e-book as a PDF (A4): identity, employments and salaries, months by year, HI cards and their locks, benefits, signature. */
export async function renderEbookPdf(book: PrintableEbook, opts: { lang?: Lang; issuedAt: Date }): Promise<Buffer> {
  const lang = opts.lang ?? DEFAULT_LANG;
  const t = translator(lang);
  const c = book.content;
  const id = c.identity;
  const doc = await newDocument(t('doc.ebook.title'), opts.issuedAt);
  const p: Page = { doc, t, lang };
  const issued = localDateOf(opts.issuedAt.getTime());

  title(p, t('doc.ebook.title'));
  doc.text(t('doc.issuedOn', { date: formatDate(lang, issued) }), { align: 'center' });

  heading(p, t('doc.ebook.identity'));
  fact(p, t('doc.ebook.fullName'), id.fullName);
  fact(p, t('doc.ebook.personalId'), id.personalId);
  fact(p, t('doc.ebook.siNumber'), id.siNumber);
  fact(p, t('doc.ebook.dateOfBirth'), formatDate(lang, id.dateOfBirth));
  fact(p, t('doc.ebook.gender'), gender(t, id.gender));
  fact(p, t('doc.ebook.nationality'), words.nationality(t, id.nationality));
  // The corrections an officer approved (issue #14 part 1): which field, and when; nothing when none.
  for (const k of c.corrections ?? [])
    fact(
      p,
      t('doc.ebook.corrected'),
      t('doc.ebook.correction', {
        field: CORRECTED_LABEL[k.field] ? t(CORRECTED_LABEL[k.field]!) : k.field,
        date: formatDate(lang, k.correctedOn),
      }),
    );

  heading(p, t('doc.ebook.employments'));
  if (c.employments.length === 0) para(p, t('doc.none'));
  for (const e of c.employments) {
    doc.font('bold');
    para(
      p,
      t('doc.ebook.employment', {
        employer: e.employerName,
        taxCode: e.employerTaxCode,
        job: e.jobTitle,
        contract: words.contract(t, e.contractType),
        from: formatMonth(lang, e.startMonth),
        to: e.endMonth ? formatMonth(lang, e.endMonth) : t('doc.ebook.now'),
      }),
    );
    doc.font('regular');
    for (const s of e.salaries)
      para(
        p,
        t('doc.ebook.salaryFrom', { month: formatMonth(lang, s.effectiveMonth), amount: formatMoney(lang, s.amount) }),
        14,
      );
  }

  heading(p, t('doc.ebook.months'));
  para(p, t('doc.ebook.monthsLegend'));
  const years = new Map<string, { credited: number; unpaid: number; marks: string[] }>();
  let credited = 0;
  let unpaid = 0;
  for (const m of c.contributionMonths) {
    const y = m.period.slice(0, 4);
    const row = years.get(y) ?? { credited: 0, unpaid: 0, marks: [] };
    const ok = m.status === 'credited';
    if (ok) row.credited++;
    else row.unpaid++;
    row.marks.push(ok ? m.period.slice(5) : `[${m.period.slice(5)}]`);
    years.set(y, row);
    if (ok) credited++;
    else unpaid++;
  }
  if (years.size === 0) para(p, t('doc.none'));
  for (const [year, row] of years)
    para(p, t('doc.ebook.year', { year, credited: row.credited, unpaid: row.unpaid, months: row.marks.join(' ') }));
  doc.font('bold');
  para(p, t('doc.ebook.totals', { credited, unpaid }));
  doc.font('regular');
  // The months under dispute (issue #14 part 2): each open case against an employer, in words; nothing when none.
  const disputed = c.disputedMonths ?? [];
  if (disputed.length > 0) {
    doc.font('bold');
    para(p, t('doc.ebook.disputed'));
    doc.font('regular');
    for (const d of disputed)
      para(
        p,
        t('doc.ebook.disputedCase', {
          caseId: d.caseId,
          taxCode: d.employerTaxCode,
          from: formatMonth(lang, d.fromMonth),
          to: formatMonth(lang, d.toMonth),
        }),
        14,
      );
  }

  heading(p, t('doc.ebook.hiCards'));
  if (c.hiCards.length === 0) para(p, t('doc.none'));
  // Each card's locks and withdrawals (issue 15) in words under it (the book lists every card of the
  // person, so every lock has its card); a book without any prints as before.
  const locks = c.cardLocks ?? [];
  for (const h of c.hiCards) {
    para(
      p,
      t('doc.ebook.hiCard', {
        code: h.cardCode,
        level: h.benefitLevel,
        payer: words.payer(t, h.payerKind, h.payerTaxCode),
        from: formatDate(lang, h.validFrom),
        to: formatDate(lang, h.validTo),
        facility: h.initialFacilityCode ?? '—',
      }),
    );
    for (const l of locks.filter((x) => x.cardCode === h.cardCode)) para(p, formatCardLock(lang, l), 14);
  }

  heading(p, t('doc.ebook.benefits'));
  if (c.unemploymentBenefits.length === 0) para(p, t('doc.none'));
  for (const b of c.unemploymentBenefits)
    para(
      p,
      t('doc.ebook.benefit', {
        filed: formatDate(lang, b.filingDate),
        status: words.claimStatus(t, b.status),
        amount: formatMoney(lang, b.monthlyBenefit),
        duration: b.durationMonths ?? '—',
        paid: b.monthsPaid,
        suspended: b.monthsSuspended,
      }),
    );

  heading(p, t('doc.ebook.integrity'));
  fact(p, t('doc.ebook.version'), String(book.version));
  fact(p, t('doc.ebook.hash'), book.sha256);
  fact(p, t('doc.issuedOn', { date: '' }).replace(/:\s*$/, ''), formatDate(lang, issued));
  doc
    .font('bold')
    .text(`${t('doc.ebook.signature')}:`)
    .font('regular')
    .fontSize(7);
  let y = doc.y;
  for (const line of signatureLines(book.signature)) {
    doc.text(line, MARGIN, y, { lineBreak: false });
    y += doc.currentLineHeight(true);
  }
  doc.x = MARGIN;
  doc.y = y;
  doc.fontSize(10);
  const qr = await QRCode.toBuffer(ebookQrText(id.personalId, book), {
    errorCorrectionLevel: 'M',
    margin: 1,
    scale: 3,
    type: 'png',
  });
  if (doc.y + 170 > doc.page.height - 60) doc.addPage();
  const qrTop = doc.y + 6;
  doc.image(qr, MARGIN, qrTop, { width: 150 });
  doc.text(t('doc.ebook.qr'), MARGIN + 165, qrTop + 10, { width: doc.page.width - 2 * MARGIN - 165 });
  doc.y = Math.max(doc.y, qrTop + 156);
  doc.x = MARGIN;

  return finish(doc, t, t('doc.ebook.header', { name: id.fullName, si: id.siNumber }));
}

/**
 * The participant's current e-book, signed now (the injected clock, through the key ring), as a
 * PDF; undefined without an e-book.
 */
export async function ebookPdf(
  db: Db,
  keys: SigningKeys,
  personalId: string,
  opts: { lang?: Lang; now: Date },
): Promise<Attachment | undefined> {
  const book = await storedEbook(db, personalId);
  if (!book) return undefined;
  const { content, signature } = await signEbook(keys, book);
  const pdf = await renderEbookPdf(
    { version: book.version, sha256: book.sha256, content: content as unknown as EbookDocument, signature },
    { lang: opts.lang, issuedAt: opts.now },
  );
  return { filename: `so-bhxh-v${book.version}.pdf`, contentType: PDF, content: pdf };
}

// ---------------------------------------------------------------------------------------------
// Decision letters
// ---------------------------------------------------------------------------------------------

export type ClaimLetterKind = 'approved' | 'rejected' | 'terminated';

/** What a decision letter prints (the claim row and its evaluation, the participant). */
export interface ClaimLetterData {
  kind: ClaimLetterKind;
  participant: { personalId: string; siNumber: string; fullName: string };
  claim: {
    filingDate: string;
    terminationDate: string;
    law: string | null;
    monthlyBenefit: string | null;
    durationMonths: number | null;
    startDate: string | null;
    endDate: string | null;
    decisionReason: string | null;
    terminationGround: string | null;
    terminatedOn: string | null;
    reservedMonths: number | null;
    monthsPaid: number;
    evaluation: {
      averagedMonths?: string[];
      averageSalary?: string;
      cap?: string;
      capMonth?: string;
      capped?: boolean;
      totalContributionMonths?: number;
      reservedMonths?: number;
      reasons?: string[];
      benefitMonths?: { index: number; from: string; to: string }[];
    } | null;
  };
  /** The letter's date (its outbox row's, or the decision's). */
  issuedOn: IsoDate;
}

const CLAIM_BASIS: Record<ClaimLetterKind, Citation> = {
  approved: law74.article('38–41'),
  rejected: law74.article(38),
  terminated: law74.article(41, 4),
};

/** A claim decision letter as a PDF: the legal basis, the amount and its computation, the months, the right of appeal. */
export async function renderClaimLetter(data: ClaimLetterData, opts: { lang?: Lang } = {}): Promise<Buffer> {
  const lang = opts.lang ?? DEFAULT_LANG;
  const t = translator(lang);
  const { claim: c, participant: who } = data;
  const ev = c.evaluation ?? {};
  const titleText = t(`doc.claim.${data.kind}.title`);
  const issuedAt = new Date(`${data.issuedOn}T00:00:00Z`);
  const doc = await newDocument(titleText, issuedAt);
  const p: Page = { doc, t, lang };

  title(p, titleText);
  doc.text(t('doc.issuedOn', { date: formatDate(lang, data.issuedOn) }), { align: 'center' }).moveDown();
  para(p, t('doc.claim.to', { name: who.fullName, personalId: who.personalId, si: who.siNumber }));
  para(
    p,
    t('doc.claim.filed', { filed: formatDate(lang, c.filingDate), terminated: formatDate(lang, c.terminationDate) }),
  );
  para(p, t('doc.claim.basis', { basis: citationIn(t, CLAIM_BASIS[data.kind]) }));
  doc.moveDown(0.5);

  if (data.kind === 'approved') {
    doc.font('bold');
    para(
      p,
      t('doc.claim.approved.body', {
        amount: formatMoney(lang, c.monthlyBenefit),
        duration: c.durationMonths ?? '—',
        from: formatDate(lang, c.startDate),
        to: formatDate(lang, c.endDate),
      }),
    );
    doc.font('regular');
    heading(p, t('doc.claim.computation'));
    const months = ev.averagedMonths ?? [];
    para(
      p,
      t('doc.claim.average', {
        count: months.length,
        months: months.map((m) => formatMonth(lang, m)).join(', '),
        average: formatMoney(lang, ev.averageSalary),
      }),
    );
    para(
      p,
      t('doc.claim.rate', {
        average: formatMoney(lang, ev.averageSalary),
        cap: formatMoney(lang, ev.cap),
        capMonth: formatMonth(lang, ev.capMonth),
        capped: ev.capped ? t('doc.claim.capped') : '',
        amount: formatMoney(lang, c.monthlyBenefit),
      }),
    );
    para(
      p,
      t('doc.claim.duration', {
        total: ev.totalContributionMonths ?? '—',
        duration: c.durationMonths ?? '—',
        reserved: ev.reservedMonths ?? 0,
      }),
    );
    heading(p, t('doc.claim.monthsTitle'));
    for (const m of ev.benefitMonths ?? [])
      para(p, t('doc.claim.month', { index: m.index, from: formatDate(lang, m.from), to: formatDate(lang, m.to) }), 14);
  } else if (data.kind === 'rejected') {
    // The officer's words (the stored default 'rejected' says nothing more than the title), then each finding's.
    const typed = c.decisionReason && c.decisionReason !== 'rejected' ? [c.decisionReason] : [];
    const reason = [...typed, ...(ev.reasons ?? []).map((r) => words.reason(t, r))].join('; ');
    para(p, t('doc.claim.rejected.body', { reason: reason || '—' }));
  } else {
    para(
      p,
      t('doc.claim.terminated.body', {
        date: formatDate(lang, c.terminatedOn),
        ground: c.terminationGround ? words.ground(t, c.terminationGround) : '—',
        paid: c.monthsPaid,
        reserved: c.reservedMonths ?? 0,
      }),
    );
  }

  doc.moveDown();
  doc.font('bold');
  para(
    p,
    t('doc.claim.appeal', {
      days: APPEAL_DAYS,
      deadline: formatDate(lang, appealDeadline(data.issuedOn)),
      basis: citationIn(t, complaintsLaw.article(9)),
    }),
  );
  doc.font('regular');
  return finish(doc, t, t('doc.claim.header', { name: who.fullName }));
}

// ---------------------------------------------------------------------------------------------
// Arrears notices
// ---------------------------------------------------------------------------------------------

/** What an arrears notice prints: the outbox payload of `contributions.arrears` and the employer. */
export interface ArrearsNoticeData {
  employer: { taxCode: string; name: string; unitCode: string | null };
  period: string;
  asOf: IsoDate;
  deadline: IsoDate;
  outstanding: string;
  lateCharge: string;
  evasion: boolean;
}

/** Evasion from the 61st day after the deadline (domain/arrears.ts EVASION_FROM_DAY). */
const EVASION_AFTER_DAYS = 60;

/** An arrears notice to an employer as a PDF: the period, principal, charge to date, evasion, how to pay. */
export async function renderArrearsNotice(data: ArrearsNoticeData, opts: { lang?: Lang } = {}): Promise<Buffer> {
  const lang = opts.lang ?? DEFAULT_LANG;
  const t = translator(lang);
  const doc = await newDocument(t('doc.arrears.title'), new Date(`${data.asOf}T00:00:00Z`));
  const p: Page = { doc, t, lang };
  title(p, t('doc.arrears.title'));
  doc.text(t('doc.issuedOn', { date: formatDate(lang, data.asOf) }), { align: 'center' }).moveDown();
  para(
    p,
    t('doc.arrears.to', {
      employer: data.employer.name,
      taxCode: data.employer.taxCode,
      unit: data.employer.unitCode ?? '—',
    }),
  );
  doc.moveDown(0.5);
  fact(p, t('doc.arrears.period'), formatMonth(lang, data.period));
  fact(p, t('doc.arrears.deadline'), formatDate(lang, data.deadline));
  fact(p, t('doc.arrears.principal'), formatMoney(lang, data.outstanding));
  fact(p, t('doc.arrears.charge', { date: formatDate(lang, data.asOf) }), formatMoney(lang, data.lateCharge));
  const total = (BigInt(data.outstanding.split('.')[0]!) + BigInt(data.lateCharge.split('.')[0]!)).toString();
  fact(p, t('doc.arrears.total'), formatMoney(lang, total));
  doc.moveDown(0.5);
  para(p, t('doc.arrears.chargeRule'));
  para(
    p,
    data.evasion
      ? t('doc.arrears.evasionNow')
      : t('doc.arrears.evasion', { date: formatDate(lang, addDays(data.deadline, EVASION_AFTER_DAYS + 1)) }),
  );
  doc.moveDown(0.5);
  para(p, t('doc.arrears.howToPay', { reference: `${data.employer.taxCode} ${data.period}` }));
  return finish(
    doc,
    t,
    t('doc.arrears.header', { employer: data.employer.name, period: formatMonth(lang, data.period) }),
  );
}

// ---------------------------------------------------------------------------------------------
// The relay's attachments
// ---------------------------------------------------------------------------------------------

/** An outbox row as the relay holds it. */
export interface OutboxRowForAttachment {
  kind: string;
  recipientId: string;
  payload: unknown;
  createdAt?: Date | string | null;
}

const CLAIM_KINDS: Record<string, ClaimLetterKind> = {
  'claim.approved': 'approved',
  'claim.rejected': 'rejected',
  'claim.terminated': 'terminated',
};

/** The `iat` of a compact JWS's protected header (when the book was signed). */
function signedAt(jws: string): Date {
  const header = JSON.parse(Buffer.from(jws.split('.')[0] ?? '', 'base64url').toString('utf8')) as { iat?: number };
  return new Date((header.iat ?? 0) * 1000);
}

function rowDate(row: OutboxRowForAttachment): IsoDate | undefined {
  if (!row.createdAt) return undefined;
  const ms = row.createdAt instanceof Date ? row.createdAt.getTime() : Date.parse(row.createdAt);
  return Number.isFinite(ms) ? localDateOf(ms) : undefined;
}

/**
 * The PDF a notice carries, or null when its kind has none (or its subject is gone): the e-book
 * (`ebook.email`, the version and signature the request queued), the decision letters
 * (`claim.approved`, `claim.rejected`, `claim.terminated`), the arrears notice (`contributions.arrears`).
 */
export async function renderAttachment(
  db: Db,
  row: OutboxRowForAttachment,
  opts: { lang?: Lang } = {},
): Promise<Attachment | null> {
  const payload = (row.payload ?? {}) as Record<string, unknown>;
  const lang = opts.lang ?? DEFAULT_LANG;
  if (row.kind === 'ebook.email') {
    const book = await storedEbook(db, row.recipientId);
    if (!book || book.version !== payload.version || typeof payload.signature !== 'string') return null;
    const issued = row.createdAt ? new Date(row.createdAt) : signedAt(payload.signature);
    const content = await renderEbookPdf(
      {
        version: book.version,
        sha256: book.sha256,
        content: JSON.parse(book.content) as EbookDocument,
        signature: payload.signature,
      },
      { lang, issuedAt: issued },
    );
    return { filename: `so-bhxh-v${book.version}.pdf`, contentType: PDF, content };
  }
  const letter = CLAIM_KINDS[row.kind];
  if (letter && typeof payload.claimId === 'string') {
    const claim = await findClaim(db, payload.claimId);
    if (!claim) return null;
    const person = await findParticipant(db, claim.personalId);
    if (!person) return null;
    const issuedOn =
      (letter === 'terminated' ? claim.terminatedOn : claim.decidedOn) ?? rowDate(row) ?? claim.filingDate;
    const content = await renderClaimLetter(
      {
        kind: letter,
        participant: { personalId: person.personalId, siNumber: person.siNumber, fullName: person.fullName },
        claim: { ...claim, evaluation: claim.evaluation as ClaimLetterData['claim']['evaluation'] },
        issuedOn,
      },
      { lang },
    );
    return { filename: `quyet-dinh-tctn-${letter}.pdf`, contentType: PDF, content };
  }
  if (row.kind === 'contributions.arrears') {
    const employer = await findEmployer(db, row.recipientId);
    if (!employer) return null;
    const j = payload as Partial<Record<'period' | 'asOf' | 'deadline' | 'outstanding' | 'lateCharge', string>> & {
      evasion?: boolean;
    };
    if (!j.period || !j.asOf || !j.deadline || !j.outstanding) return null;
    const content = await renderArrearsNotice(
      {
        employer: { taxCode: employer.taxCode, name: employer.name, unitCode: employer.unitCode ?? null },
        period: j.period,
        asOf: j.asOf,
        deadline: j.deadline,
        outstanding: j.outstanding,
        lateCharge: j.lateCharge ?? '0',
        evasion: j.evasion === true,
      },
      { lang },
    );
    return { filename: `thong-bao-cham-dong-${j.period}.pdf`, contentType: PDF, content };
  }
  return null;
}

/**
 * The PDF of one notice to a recipient, as the relay attaches it (an employer's arrears notice, a
 * decision letter), for the recipient's inbox: NOT_FOUND when the notice is not theirs or has no document.
 */
export async function noticeDocument(
  db: Db,
  recipient: { type: 'employer' | 'participant'; id: string },
  noticeId: number,
  opts: { lang?: Lang } = {},
): Promise<Attachment> {
  const n = await findNotice(db, noticeId);
  if (!n || n.recipientType !== recipient.type || n.recipientId !== recipient.id)
    throw new DomainError('NOT_FOUND', 'notice not found');
  const att = await renderAttachment(db, n, opts);
  if (!att) throw new DomainError('NOT_FOUND', 'this notice has no document');
  return att;
}
