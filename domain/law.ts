/**
 * The legal instruments Ansinh implements, and citations as data: a rule function carries the
 * provisions it implements (`rule(law74.article(38, 1, 'c'), function filingDeadline(…) {…})`), as
 * NAV's dp-behandling carries `folketrygden.hjemmel(4, 4, …)` on each condition. docs/rules.md
 * lists article → function → test, and test/domain/rules-doc.test.ts checks each listed function
 * still exists and carries the citation listed. Pure data: importable from workflows.
 */

/** One provision: `{ law: 'Law 74/2025', article: '38(1)(a)' }`; `article` null cites the instrument as a whole. */
export interface Citation {
  readonly law: string;
  readonly article: string | null;
}

export interface Instrument {
  /** The short name used in citations and comments: 'Law 74/2025'. */
  readonly law: string;
  /** The full number and title: 'Law 74/2025/QH15 on Employment'. */
  readonly title: string;
  /** Art.38(1)(a) → `article(38, 1, 'a')`; a range of articles → `article('40–41')`. */
  article(article: number | string, clause?: number, point?: string): Citation;
  /** The instrument as a whole (a decision with no article numbers, or a procedure sheet). */
  whole(): Citation;
}

export function instrument(law: string, title: string): Instrument {
  return Object.freeze({
    law,
    title,
    article(article: number | string, clause?: number, point?: string): Citation {
      const text = `${article}${clause === undefined ? '' : `(${clause})`}${point === undefined ? '' : `(${point})`}`;
      return Object.freeze({ law, article: text });
    },
    whole(): Citation {
      return Object.freeze({ law, article: null });
    },
  });
}

/** "Law 74/2025 Art.38(1)(a)"; a project decision reads "rules 8.25" → "Ansinh decision, rules 8.25". */
export function citationText(c: Citation): string {
  if (c.law === ANSINH_DECISION) return `${ANSINH_DECISION}, rules §${c.article}`;
  return c.article === null ? c.law : `${c.law} Art.${c.article}`;
}

// ---------------------------------------------------------------------------------------------
// The instruments (docs/rules.md §0)
// ---------------------------------------------------------------------------------------------

/** Law 74/2025/QH15 on Employment (in force 2026-01-01); unemployment insurance is Art.31–48. */
export const law74 = instrument('Law 74/2025', 'Law 74/2025/QH15 on Employment');
/** Law 38/2013/QH13 on Employment (2015-01-01 to 2025-12-31). */
export const law38 = instrument('Law 38/2013', 'Law 38/2013/QH13 on Employment');
/** Law 41/2024/QH15 on Social Insurance (in force 2025-07-01). */
export const law41 = instrument('Law 41/2024', 'Law 41/2024/QH15 on Social Insurance');
/** Law 71/2006/QH11 on Social Insurance: the first UI month and the early rates. */
export const law71 = instrument('Law 71/2006', 'Law 71/2006/QH11 on Social Insurance');
/** The Health Insurance Law 25/2008/QH12, as amended (Law 51/2024/QH15; consolidated 22/VBHN-VPQH). */
export const hiLaw = instrument('HI Law', 'Law 25/2008/QH12 on Health Insurance, as amended');
/** Labour Code 2019 (Law 45/2019/QH14). */
export const labourCode = instrument('Labour Code 2019', 'Labour Code 2019 (Law 45/2019/QH14)');
/** Civil Code 2015 (Law 91/2015/QH13): counting periods. */
export const civilCode = instrument('Civil Code 2015', 'Civil Code 2015 (Law 91/2015/QH13)');
/** Law on Enterprises 59/2020/QH14: the enterprise code is the tax code. */
export const enterpriseLaw = instrument('Law on Enterprises 59/2020', 'Law 59/2020/QH14 on Enterprises');
/** Decree 374/2025/NĐ-CP: details of unemployment insurance (in force 2026-01-01). */
export const decree374 = instrument('Decree 374/2025', 'Decree 374/2025/NĐ-CP on unemployment insurance');
/** Decree 28/2015/NĐ-CP: details of unemployment insurance under Law 38/2013. */
export const decree28 = instrument('Decree 28/2015', 'Decree 28/2015/NĐ-CP on unemployment insurance');
/** Decree 158/2025/NĐ-CP: details of compulsory social insurance. */
export const decree158 = instrument('Decree 158/2025', 'Decree 158/2025/NĐ-CP on compulsory social insurance');
/** Decree 274/2025/NĐ-CP: late payment and evasion of SI/UI (in force 2025-11-30). */
export const decree274 = instrument('Decree 274/2025', 'Decree 274/2025/NĐ-CP on late payment and evasion');
/** Decree 293/2025/NĐ-CP: the regional minimum wage from 2026-01-01. */
export const decree293 = instrument('Decree 293/2025', 'Decree 293/2025/NĐ-CP on the regional minimum wage');
/** Decree 58/2020/NĐ-CP: the occupational accident and disease rate. */
export const decree58 = instrument('Decree 58/2020', 'Decree 58/2020/NĐ-CP on the OA/OD contribution rate');
/** Decree 137/2015/NĐ-CP: the personal identification number. */
export const decree137 = instrument('Decree 137/2015', 'Decree 137/2015/NĐ-CP on the citizen identity number');
/** Circular 07/2016/TT-BCA: the codes within the personal identification number (replaced by Circular 59/2021/TT-BCA). */
export const circular07 = instrument(
  'Circular 07/2016/TT-BCA',
  'Circular 07/2016/TT-BCA detailing the Law on Citizen Identification and Decree 137/2015/NĐ-CP',
);
/** Decree 188/2025/NĐ-CP: details of the HI Law (the card's fields, its temporary lock, benefit levels). */
export const decree188 = instrument('Decree 188/2025', 'Decree 188/2025/NĐ-CP detailing the Law on Health Insurance');
/** Circular 09/2026/TT-BTC: the electronic SI book and HI card. */
export const circular09 = instrument(
  'Circular 09/2026/TT-BTC',
  'Circular 09/2026/TT-BTC on the electronic SI book and HI card',
);
/** Circular 105/2020/TT-BTC: tax registration (the dependent-unit tax code). */
export const circular105 = instrument('Circular 105/2020/TT-BTC', 'Circular 105/2020/TT-BTC on tax registration');
/** Decision 1351/QĐ-BHXH: the HI card code (beneficiary groups and level digits). */
export const decision1351 = instrument('Decision 1351/QĐ-BHXH', 'Decision 1351/QĐ-BHXH on the HI card code');
/** Decision 595/QĐ-BHXH (2017) Art.7, as amended by Decision 505/QĐ-BHXH (2020): the same-month deadline before 2025-07. */
export const decision595 = instrument(
  'Decision 595/QĐ-BHXH',
  'Decision 595/QĐ-BHXH (2017) on collection, as amended by Decision 505/QĐ-BHXH',
);
/** Procedure 1.014748 (Decision 107/QĐ-BNV): receiving the unemployment benefit. */
export const procedure1014748 = instrument(
  'procedure 1.014748',
  'Procedure 1.014748 (Decision 107/QĐ-BNV): receiving the unemployment benefit',
);

const ANSINH_DECISION = 'Ansinh decision';
/** A project decision of docs/rules.md §8, where the law is silent: `ansinh.decision('8.25')`. */
export const ansinh = Object.freeze({
  decision(section: string): Citation {
    return Object.freeze({ law: ANSINH_DECISION, article: section });
  },
});

// ---------------------------------------------------------------------------------------------
// Rules that carry their citations
// ---------------------------------------------------------------------------------------------

/** A value (function or figure table) carrying the provisions it implements. */
export interface Cited {
  readonly citations: readonly Citation[];
}
export type Rule<F> = F & Cited;

function freezeCitations(cites: Citation | readonly Citation[]): readonly Citation[] {
  return Object.freeze('law' in cites ? [cites] : [...cites]);
}

/**
 * A rule function with its citations attached: `rule(law74.article(38, 1, 'c'), function
 * filingDeadline(…) {…})`. The function is returned itself (same name, same signature), with a
 * read-only `citations` property.
 */
export function rule<F extends (...args: never[]) => unknown>(cites: Citation | readonly Citation[], fn: F): Rule<F> {
  return Object.defineProperty(fn, 'citations', { value: freezeCitations(cites), enumerable: true }) as Rule<F>;
}

/** The citations a value carries (empty when it carries none). */
export function citationsOf(value: unknown): readonly Citation[] {
  if ((typeof value === 'function' || (typeof value === 'object' && value !== null)) && 'citations' in value) {
    const c = (value as Cited).citations;
    return Array.isArray(c) ? c : [];
  }
  return [];
}

/** Whether `value` carries the citation written as `text` (citationText form). */
export function cites(value: unknown, text: string): boolean {
  return citationsOf(value).some((c) => citationText(c) === text);
}

// Issue #14 part 2 (declaration cases): the denouncer's right to have their identity kept secret.
export const denunciationLaw = instrument('Law 25/2018', 'Law 25/2018/QH14 on Denunciations');
