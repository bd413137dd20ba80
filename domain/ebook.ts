/**
 * The electronic SI book (Law 41/2024 Art.25; Circular 09/2026/TT-BTC): a pure rendering of what
 * the national insurance database holds for one participant. The same records always give the
 * same bytes, so the sha256 proves the book equals the database (`ansinh ebook verify`).
 */
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import { circular09, law41, rule } from './law';

/**
 * v2 added the contribution months (credited, or declared but unpaid); v3 the unemployment-benefit
 * claims (decision, amount, months paid or suspended, months reserved).
 */
export const EBOOK_SCHEMA = 'ansinh.ebook/3';

export interface EbookParticipant {
  personalId: string;
  siNumber: string;
  fullName: string;
  dateOfBirth: string;
  gender: string;
  nationality: string;
}

export interface EbookEmployment {
  employerTaxCode: string;
  employerName: string;
  unitCode: string | null;
  startMonth: string;
  endMonth: string | null;
  jobTitle: string;
  contractType: string;
  salaries: { effectiveMonth: string; amount: string }[];
}

export interface EbookHiCard {
  cardCode: string;
  payerKind: string;
  payerTaxCode: string | null;
  benefitLevel: number;
  validFrom: string;
  validTo: string | null;
  initialFacilityCode: string | null;
  fiveYearsFrom: string | null;
}

/** A month of contributions as the reconciliation found it: paid in full (credited) or not (rules §8). */
export interface EbookContributionMonth {
  period: string;
  employerTaxCode: string;
  status: 'credited' | 'declared_unpaid' | string;
}

/** A benefit month of a claim: paid (amount, date), suspended (no report), cancelled or to come. */
export interface EbookBenefitMonth {
  index: number;
  from: string;
  to: string;
  status: string;
  amount: string | null;
  paidOn: string | null;
}

/** An unemployment-benefit claim as the participant sees it (Law 74/2025 Art.38–41). */
export interface EbookUnemploymentClaim {
  claimId: string;
  status: string;
  law: string | null;
  filingDate: string;
  decision: string | null;
  decidedOn: string | null;
  monthlyBenefit: string | null;
  durationMonths: number | null;
  startDate: string | null;
  endDate: string | null;
  monthsPaid: number;
  monthsSuspended: number;
  terminationGround: string | null;
  terminatedOn: string | null;
  reservedMonths: number | null;
  months: EbookBenefitMonth[];
}

/**
 * Months under dispute (issue #14 part 2): an open case of the participant against an employer that
 * has not declared or paid them — the employer's tax code, the first and last month, the case.
 */
export interface EbookDisputedMonths {
  caseId: number;
  employerTaxCode: string;
  fromMonth: string;
  toMonth: string;
}

/**
 * A correction of the participant's identity or nationality an officer approved (issue #14 part 1):
 * which field and the day it was corrected. The book shows that a correction was made and when.
 */
export interface EbookCorrection {
  field: string;
  correctedOn: string;
}

/**
 * A lock or withdrawal of one of the participant's HI cards (issue 15; HI Law Art.20, Decree
 * 188/2025 Art.12): which card, locked or withdrawn, on what ground, from when, and the day it was
 * lifted (null: in effect). The book shows why a facility was told the card could not be used.
 */
export interface EbookCardLock {
  cardCode: string;
  kind: string;
  ground: string;
  effectiveFrom: string;
  liftedOn: string | null;
}

export interface EbookRecords {
  participant: EbookParticipant;
  employments: EbookEmployment[];
  hiCards: EbookHiCard[];
  contributionMonths: EbookContributionMonth[];
  /** Absent = none (older callers). */
  unemploymentClaims?: EbookUnemploymentClaim[];
  /** Absent or empty = none: the book then has no `disputedMonths` key (every older book renders byte-identically). */
  disputedMonths?: EbookDisputedMonths[];
  /** Absent or empty = none: the book then has no `corrections` key (every older book renders byte-identically). */
  corrections?: EbookCorrection[];
  /** Absent or empty = none: the book then has no `cardLocks` key (every older book renders byte-identically). */
  cardLocks?: EbookCardLock[];
}

export interface EbookDocument {
  schema: typeof EBOOK_SCHEMA;
  /** Only when one of the cards was locked or withdrawn. */
  cardLocks?: EbookCardLock[];
  identity: EbookParticipant;
  employments: EbookEmployment[];
  hiCards: EbookHiCard[];
  contributionMonths: EbookContributionMonth[];
  /** Only while a case about the months is open. */
  disputedMonths?: EbookDisputedMonths[];
  /** Only when a correction was made. */
  corrections?: EbookCorrection[];
  unemploymentBenefits: EbookUnemploymentClaim[];
}

const byKeys =
  <T>(...keys: ((x: T) => string)[]) =>
  (a: T, b: T): number => {
    for (const k of keys) {
      const x = k(a);
      const y = k(b);
      if (x < y) return -1;
      if (x > y) return 1;
    }
    return 0;
  };

/** Normalises a whole-VND amount as it comes from a `numeric` column ("5310000" or "5310000.00"). */
function canonicalAmount(amount: string): string {
  const m = /^(\d+)(?:\.0*)?$/.exec(amount.trim());
  if (!m) throw new Error(`e-book amount is not whole VND: ${amount}`);
  return m[1]!.replace(/^0+(?=\d)/, '');
}

/** The contribution months as the book shows them: keys sorted, by period then employer. */
function canonicalMonths(months: EbookContributionMonth[]): EbookContributionMonth[] {
  return months
    .map((m) => ({ employerTaxCode: m.employerTaxCode, period: m.period, status: m.status }))
    .sort(
      byKeys(
        (m) => m.period,
        (m) => m.employerTaxCode,
      ),
    );
}

/**
 * render(records) → the canonical document: a fixed field set in a deterministic order. Every
 * object is built with its keys already in sorted order, so `JSON.stringify` of the document is
 * its canonical JSON (test/domain/ebook.test.ts proves the two agree) at native speed.
 */
export function render(records: EbookRecords): EbookDocument {
  const p = records.participant;
  const disputed = records.disputedMonths ?? [];
  const corrections = records.corrections ?? [];
  const locks = records.cardLocks ?? [];
  return {
    // Before contributionMonths: render builds its keys in sorted order.
    ...(locks.length > 0
      ? {
          cardLocks: locks
            .map((l) => ({
              cardCode: l.cardCode,
              effectiveFrom: l.effectiveFrom,
              ground: l.ground,
              kind: l.kind,
              liftedOn: l.liftedOn,
            }))
            .sort(
              byKeys(
                (l) => l.effectiveFrom,
                (l) => l.cardCode,
                (l) => l.kind,
                (l) => l.liftedOn ?? '9999-12-31',
              ),
            ),
        }
      : {}),
    contributionMonths: canonicalMonths(records.contributionMonths),
    // Between contributionMonths and employments: render builds its keys in sorted order.
    ...(corrections.length > 0
      ? {
          corrections: corrections
            .map((c) => ({ correctedOn: c.correctedOn, field: c.field }))
            .sort(
              byKeys(
                (c) => c.correctedOn,
                (c) => c.field,
              ),
            ),
        }
      : {}),
    // Before employments: render builds its keys in sorted order.
    ...(disputed.length > 0
      ? {
          disputedMonths: disputed
            .map((d) => ({
              caseId: d.caseId,
              employerTaxCode: d.employerTaxCode,
              fromMonth: d.fromMonth,
              toMonth: d.toMonth,
            }))
            .sort(
              byKeys(
                (d) => d.fromMonth,
                (d) => d.employerTaxCode,
                (d) => String(d.caseId).padStart(20, '0'),
              ),
            ),
        }
      : {}),
    employments: records.employments
      .map((e) => ({
        contractType: e.contractType,
        employerName: e.employerName,
        employerTaxCode: e.employerTaxCode,
        endMonth: e.endMonth,
        jobTitle: e.jobTitle,
        salaries: e.salaries
          .map((s) => ({ amount: canonicalAmount(s.amount), effectiveMonth: s.effectiveMonth }))
          .sort(byKeys((s) => s.effectiveMonth)),
        startMonth: e.startMonth,
        unitCode: e.unitCode,
      }))
      .sort(
        byKeys(
          (e) => e.startMonth,
          (e) => e.employerTaxCode,
        ),
      ),
    hiCards: records.hiCards
      .map((c) => ({
        benefitLevel: c.benefitLevel,
        cardCode: c.cardCode,
        fiveYearsFrom: c.fiveYearsFrom,
        initialFacilityCode: c.initialFacilityCode,
        payerKind: c.payerKind,
        payerTaxCode: c.payerTaxCode,
        validFrom: c.validFrom,
        validTo: c.validTo,
      }))
      .sort(
        byKeys(
          (c) => c.validFrom,
          (c) => c.payerKind,
          (c) => c.payerTaxCode ?? '',
          (c) => c.cardCode,
        ),
      ),
    identity: {
      dateOfBirth: p.dateOfBirth,
      fullName: p.fullName,
      gender: p.gender,
      nationality: p.nationality,
      personalId: p.personalId,
      siNumber: p.siNumber,
    },
    schema: EBOOK_SCHEMA,
    unemploymentBenefits: (records.unemploymentClaims ?? [])
      .map((c) => ({
        claimId: c.claimId,
        decidedOn: c.decidedOn,
        decision: c.decision,
        durationMonths: c.durationMonths,
        endDate: c.endDate,
        filingDate: c.filingDate,
        law: c.law,
        monthlyBenefit: c.monthlyBenefit === null ? null : canonicalAmount(c.monthlyBenefit),
        months: c.months
          .map((m) => ({
            amount: m.amount === null ? null : canonicalAmount(m.amount),
            from: m.from,
            index: m.index,
            paidOn: m.paidOn,
            status: m.status,
            to: m.to,
          }))
          .sort((a, b) => a.index - b.index),
        monthsPaid: c.monthsPaid,
        monthsSuspended: c.monthsSuspended,
        reservedMonths: c.reservedMonths,
        startDate: c.startDate,
        status: c.status,
        terminatedOn: c.terminatedOn,
        terminationGround: c.terminationGround,
      }))
      .sort(
        byKeys(
          (c) => c.filingDate,
          (c) => c.claimId,
        ),
      ),
  };
}

/** JSON with object keys sorted at every level and no insignificant whitespace. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) throw new Error('undefined in canonical JSON');
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('non-finite number in canonical JSON');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

export interface RenderedEbook {
  document: EbookDocument;
  content: string;
  sha256: string;
}

/**
 * `hash` must compute SHA-256 as hex; the default is the pure implementation (workflow-safe);
 * activities pass Node's native one, which is ten times faster over a million books.
 */
export const renderEbook = rule(
  [law41.article(25), circular09.whole()],
  function renderEbook(records: EbookRecords, hash: (text: string) => string = sha256Hex): RenderedEbook {
    const document = render(records);
    const content = JSON.stringify(document); // = canonicalJson(document): render builds sorted keys
    return { document, content, sha256: hash(content) };
  },
);

/*
 * Storage in sections (issue 16; ARCHITECTURE.md "E-books in sections"). The canonical JSON above
 * is what a reader gets, byte for byte; it is stored as sections, so that a change rewrites only
 * the sections it touches: the identity, the employments, the HI cards, the card locks, the
 * corrections, the disputed months, the unemployment benefits, and one section per calendar year
 * of contribution months. A section's content is its canonical JSON text — a member's value, or
 * for a year the months' objects joined by commas (a slice of the `contributionMonths` array) —
 * and its hash is the sha256 of that text. The book's hash is the root over the section hashes:
 * the sha256 of the manifest (the schema, then one `key hash` line per section, keys sorted), a
 * one-level Merkle tree. A month's reconciliation rewrites its year's section and the root: the
 * same bytes in year 1 and year 30 of a career.
 */

/** A stored section: its key (`identity`, `months/2026`, …), canonical JSON text and sha256. */
export interface EbookSection {
  key: string;
  content: string;
  sha256: string;
}

/** The key of a year's contribution months: `months/2026`. */
export const monthsSectionKey = (year: string): string => `months/${year}`;
/** What every year section's key starts with. */
export const MONTHS_SECTION_PREFIX = 'months/';

/** The members stored whole as one section each, in the document's (sorted) key order. */
const MEMBER_SECTIONS = [
  'cardLocks',
  'corrections',
  'disputedMonths',
  'employments',
  'hiCards',
  'identity',
  'unemploymentBenefits',
] as const;
/** Members the document always has (the others appear only when not empty). */
const ALWAYS = new Set<string>(['employments', 'hiCards', 'identity', 'unemploymentBenefits']);

/**
 * The year sections of these contribution months (sorted as the book sorts them): one section per
 * year that has a month. The reconciliation renders only the year it changed, with this.
 */
export function renderMonthSections(
  months: EbookContributionMonth[],
  hash: (text: string) => string = sha256Hex,
): EbookSection[] {
  const sorted = canonicalMonths(months);
  const out: EbookSection[] = [];
  let year = '';
  let parts: string[] = [];
  const flush = () => {
    if (parts.length === 0) return;
    const content = parts.join(',');
    out.push({ key: monthsSectionKey(year), content, sha256: hash(content) });
  };
  for (const m of sorted) {
    const y = m.period.slice(0, 4);
    if (y !== year) {
      flush();
      year = y;
      parts = [];
    }
    parts.push(JSON.stringify(m));
  }
  flush();
  return out;
}

/** The keys of the sections that are not a year of months (identity, employments, HI cards, benefits, …). */
export const MEMBER_SECTION_KEYS: ReadonlySet<string> = new Set(MEMBER_SECTIONS);

/**
 * The member sections only (every section but the years of months), sorted by key: none of them
 * is rendered from a contribution month, so a change that touches no month (a claim's step, an HI
 * card) renders these from records read without the months.
 */
export function renderMemberSections(
  records: EbookRecords,
  hash: (text: string) => string = sha256Hex,
): EbookSection[] {
  const doc = render({ ...records, contributionMonths: [] }) as unknown as Record<string, unknown>;
  const out: EbookSection[] = [];
  for (const key of MEMBER_SECTIONS) {
    const value = doc[key];
    if (value === undefined) continue;
    const content = JSON.stringify(value);
    out.push({ key, content, sha256: hash(content) });
  }
  return out;
}

/** Every section of a participant's book, sorted by key. */
export function renderSections(records: EbookRecords, hash: (text: string) => string = sha256Hex): EbookSection[] {
  const out = [...renderMemberSections(records, hash), ...renderMonthSections(records.contributionMonths, hash)];
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The manifest the root hashes: the schema, then `key hash` per section in key order. */
export function ebookManifest(sections: Pick<EbookSection, 'key' | 'sha256'>[]): string {
  const lines = sections.map((s) => `${s.key} ${s.sha256}\n`).sort();
  return `${EBOOK_SCHEMA}\n${lines.join('')}`;
}

/** A manifest read back: its schema and each section's hash (key order). */
export function parseManifest(manifest: string): { schema: string; sections: { key: string; sha256: string }[] } {
  const [schema = '', ...rest] = manifest.split('\n');
  const sections = rest
    .filter((l) => l !== '')
    .map((l) => {
      const at = l.indexOf(' ');
      return { key: l.slice(0, at), sha256: l.slice(at + 1) };
    });
  return { schema, sections };
}

/**
 * The book's whole canonical JSON from its sections — byte-identical to `renderEbook(records).content`
 * for the records the sections were rendered from (test/domain/ebook-sections.test.ts).
 */
export function assembleEbook(sections: Pick<EbookSection, 'key' | 'content'>[]): string {
  const byKey = new Map(sections.map((s) => [s.key, s.content]));
  const years = sections
    .filter((s) => s.key.startsWith(MONTHS_SECTION_PREFIX))
    .sort((a, b) => (a.key < b.key ? -1 : 1))
    .map((s) => s.content);
  const member = (key: string): string[] => {
    const v = byKey.get(key);
    if (v === undefined) {
      if (ALWAYS.has(key)) throw new Error(`the e-book has no ${key} section`);
      return [];
    }
    return [`${JSON.stringify(key)}:${v}`];
  };
  return `{${[
    ...member('cardLocks'),
    `"contributionMonths":[${years.join(',')}]`,
    ...member('corrections'),
    ...member('disputedMonths'),
    ...member('employments'),
    ...member('hiCards'),
    ...member('identity'),
    `"schema":${JSON.stringify(EBOOK_SCHEMA)}`,
    ...member('unemploymentBenefits'),
  ].join(',')}}`;
}

/** A book as stored: its sections, the manifest and the root (its hash). */
export interface SectionedEbook {
  sections: EbookSection[];
  manifest: string;
  root: string;
}

/** Renders a participant's book into its sections, manifest and root. */
export function renderSectionedEbook(
  records: EbookRecords,
  hash: (text: string) => string = sha256Hex,
): SectionedEbook {
  const sections = renderSections(records, hash);
  const manifest = ebookManifest(sections);
  return { sections, manifest, root: hash(manifest) };
}
