/**
 * The employer's list of employees in the layout of form D02-LT (rules §8.41): its columns, how a
 * header is recognised (with or without diacritics, any case, or an English alias), and how one
 * row becomes declarations of `domain/schemas.ts` (`declarationSchema`). Pure: the bytes are read
 * by services/d02-read.ts, the database is asked by services/declarations.ts.
 *
 * A row is read cell by cell; each cell that cannot be read is an issue with the row's line and
 * the column's header as the file writes it, and nothing of the cell's value.
 */
import {
  addDays,
  addMonths,
  compareMonths,
  isIsoDate,
  isMonth,
  monthsBetween,
  type IsoDate,
  type Month,
} from './calendar';
import { Dec } from './money';
import { foldName } from './search';
import type { ContractType, Declaration } from './schemas';

/** Where the layout comes from (docs/rules.md §8.41). */
export const D02_SOURCE =
  'Form D02-LT of Decision 1040/QĐ-BHXH (2020), as amended by Decisions 948/QĐ-BHXH and 490/QĐ-BHXH (2023); the action codes of the agency’s e-declaration software';

/** The limits of one file (rules §8.41). */
export const D02_MAX_ROWS = 10_000;
export const D02_MAX_BYTES = 8 * 1024 * 1024;
/** What an XLSX may unpack to, in all (a zip bomb is refused before it is unpacked). */
export const D02_MAX_UNPACKED_BYTES = 96 * 1024 * 1024;
/** How many months one unpaid-leave row may span (Từ tháng … Đến tháng). */
export const D02_MAX_LEAVE_MONTHS = 12;

export type D02Field =
  | 'no'
  | 'fullName'
  | 'siNumber'
  | 'dateOfBirth'
  | 'gender'
  | 'personalId'
  | 'jobTitle'
  | 'salary'
  | 'positionAllowance'
  | 'seniorityPercent'
  | 'professionSeniorityPercent'
  | 'salaryAllowance'
  | 'supplements'
  | 'hazardousJob'
  | 'contractType'
  | 'contractStart'
  | 'contractEnd'
  | 'fromMonth'
  | 'toMonth'
  | 'action'
  | 'note'
  | 'reference'
  | 'nationality'
  | 'initialFacilityCode'
  | 'email'
  | 'phone';

export interface D02Column {
  field: D02Field;
  /** The form's header, as the export writes it. */
  header: string;
  /** Other spellings of the header (older versions of the form, common HR exports), and the English alias. */
  aliases: readonly string[];
  /** Whether a file must have this column to be a D02-LT list. */
  required: boolean;
}

/** The columns, in the form's order, then Ansinh's additions (rules §8.41). */
export const D02_COLUMNS: readonly D02Column[] = [
  { field: 'no', header: 'STT', aliases: ['Số thứ tự', 'No'], required: false },
  { field: 'fullName', header: 'Họ và tên', aliases: ['Họ tên', 'Full name', 'Name'], required: true },
  { field: 'siNumber', header: 'Mã số BHXH', aliases: ['Mã BHXH', 'Số sổ BHXH', 'SI number'], required: false },
  {
    field: 'dateOfBirth',
    header: 'Ngày, tháng, năm sinh',
    aliases: ['Ngày sinh', 'Ngày tháng năm sinh', 'Date of birth'],
    required: false,
  },
  { field: 'gender', header: 'Giới tính', aliases: ['Gender'], required: false },
  {
    field: 'personalId',
    header: 'Số CCCD/ĐDCN/Hộ chiếu',
    aliases: ['Số CCCD/CMND/Hộ chiếu', 'Số CCCD', 'Số định danh cá nhân', 'Số ĐDCN', 'Personal ID'],
    required: true,
  },
  {
    field: 'jobTitle',
    header: 'Cấp bậc, chức vụ, chức danh nghề, nơi làm việc',
    aliases: ['Cấp bậc, chức vụ, chức danh nghề', 'Cấp bậc/chức vụ/chức danh nghề', 'Chức danh', 'Job title'],
    required: false,
  },
  {
    field: 'salary',
    header: 'Hệ số/Mức lương',
    aliases: ['Mức lương', 'Tiền lương', 'Hệ số mức lương', 'Salary'],
    required: true,
  },
  { field: 'positionAllowance', header: 'Phụ cấp chức vụ', aliases: ['Position allowance'], required: false },
  {
    field: 'seniorityPercent',
    header: 'Phụ cấp thâm niên VK (%)',
    aliases: ['Thâm niên VK (%)', 'Phụ cấp thâm niên vượt khung', 'Seniority beyond the scale (%)'],
    required: false,
  },
  {
    field: 'professionSeniorityPercent',
    header: 'Phụ cấp thâm niên nghề (%)',
    aliases: ['Thâm niên nghề (%)', 'Phụ cấp thâm niên nghề', 'Professional seniority (%)'],
    required: false,
  },
  { field: 'salaryAllowance', header: 'Phụ cấp lương', aliases: ['Salary allowance'], required: false },
  { field: 'supplements', header: 'Các khoản bổ sung', aliases: ['Khoản bổ sung', 'Supplements'], required: false },
  {
    field: 'hazardousJob',
    header: 'Ngành/nghề nặng nhọc, độc hại',
    aliases: ['Nghề nặng nhọc, độc hại', 'Hazardous job'],
    required: false,
  },
  {
    field: 'contractType',
    header: 'Loại HĐLĐ',
    aliases: ['Loại hợp đồng lao động', 'Loại và hiệu lực HĐLĐ', 'Loại hợp đồng', 'Contract type'],
    required: false,
  },
  {
    field: 'contractStart',
    header: 'Ngày bắt đầu HĐLĐ',
    aliases: ['Hiệu lực HĐLĐ từ ngày', 'Contract start'],
    required: false,
  },
  {
    field: 'contractEnd',
    header: 'Ngày kết thúc HĐLĐ',
    aliases: ['Hiệu lực HĐLĐ đến ngày', 'Contract end'],
    required: false,
  },
  { field: 'fromMonth', header: 'Từ tháng, năm', aliases: ['Từ tháng', 'Từ tháng năm', 'From month'], required: true },
  { field: 'toMonth', header: 'Đến tháng, năm', aliases: ['Đến tháng', 'Đến tháng năm', 'To month'], required: false },
  { field: 'action', header: 'Phương án', aliases: ['Mã phương án', 'Action'], required: true },
  { field: 'note', header: 'Ghi chú', aliases: ['Note'], required: false },
  { field: 'reference', header: 'Mã tham chiếu', aliases: ['Số tham chiếu', 'Reference'], required: false },
  { field: 'nationality', header: 'Quốc tịch', aliases: ['Nationality'], required: false },
  {
    field: 'initialFacilityCode',
    header: 'Mã nơi đăng ký KCB ban đầu',
    aliases: ['Nơi đăng ký KCB ban đầu', 'Mã KCB ban đầu', 'Initial facility'],
    required: false,
  },
  { field: 'email', header: 'Email', aliases: ['Thư điện tử'], required: false },
  { field: 'phone', header: 'Số điện thoại', aliases: ['Điện thoại', 'Phone'], required: false },
];

/** A header as compared: folded (no diacritics, "đ" → "d", lowercase), every run of other characters one space. */
export function foldHeader(s: string): string {
  return foldName(s.normalize('NFC').toLowerCase())
    .replace(/[^a-z0-9%]+/g, ' ')
    .trim();
}

const BY_HEADER = new Map<string, D02Field>(
  D02_COLUMNS.flatMap((c) => [c.header, ...c.aliases].map((h) => [foldHeader(h), c.field] as const)),
);

/** The field a header names, or null. */
export function fieldOfHeader(header: string): D02Field | null {
  return BY_HEADER.get(foldHeader(header)) ?? null;
}

export const columnOf = (field: D02Field): D02Column => D02_COLUMNS.find((c) => c.field === field)!;

/** One cell as the reader hands it over: text, a number, a date, a formula (never evaluated), or nothing. */
export type D02Cell = string | number | { date: IsoDate } | { formula: true } | null;

/** A finding about one cell or row of the file: the line (from 1, as the file numbers it) and the column's header. */
export interface D02Issue {
  line: number;
  column: string;
  code: string;
  message: string;
  params?: Readonly<Record<string, string | number>>;
}

/** The header row of a table, and the columns it names. */
export interface D02Header {
  /** Index (from 0) of the header row in the table. */
  row: number;
  /** Index of the first data row. */
  dataFrom: number;
  /** Each recognised field's column index and the header as the file writes it. */
  columns: Map<D02Field, { index: number; header: string }>;
  /** Headers the layout does not know (their cells are not read). */
  ignored: string[];
  /** Required columns the file lacks. */
  missing: D02Field[];
}

const cellText = (c: D02Cell | undefined): string =>
  c === null || c === undefined ? '' : typeof c === 'string' ? c.trim() : typeof c === 'number' ? String(c) : '';

/** The form's column-number row ("A B C 1 2 3 …" or "(1) (2) …") under the header. */
const isNumberingRow = (row: readonly D02Cell[]): boolean => {
  const texts = row.map(cellText).filter(Boolean);
  return texts.length >= 3 && texts.every((t) => /^\(?([A-Z]|\d{1,2})\)?$/.test(t));
};

/**
 * Finds the header among the first rows (the form has its title, the unit's name and address
 * above it): the row naming the most columns. A header left empty (a merged cell "Tiền lương" over
 * its sub-columns) is read from the row below, which then is no data.
 */
export function findHeader(rows: readonly (readonly D02Cell[])[]): D02Header | null {
  let best: { row: number; hits: number } | null = null;
  for (let r = 0; r < Math.min(rows.length, 30); r++) {
    const hits = rows[r]!.filter((c) => typeof c === 'string' && fieldOfHeader(c) !== null).length;
    if (hits >= 2 && (!best || hits > best.hits)) best = { row: r, hits };
  }
  if (!best) return null;
  const head = rows[best.row]!;
  const below = rows[best.row + 1] ?? [];
  const columns = new Map<D02Field, { index: number; header: string }>();
  const ignored: string[] = [];
  let usedBelow = false;
  const width = Math.max(head.length, below.length);
  for (let i = 0; i < width; i++) {
    let text = cellText(head[i]);
    let field = text ? fieldOfHeader(text) : null;
    const sub = cellText(below[i]);
    if (!field && sub && fieldOfHeader(sub)) {
      text = sub;
      field = fieldOfHeader(sub);
      usedBelow = true;
    }
    if (field && !columns.has(field)) columns.set(field, { index: i, header: text });
    else if (text) ignored.push(text);
  }
  let dataFrom = best.row + (usedBelow ? 2 : 1);
  if (rows[dataFrom] && isNumberingRow(rows[dataFrom]!)) dataFrom++;
  const missing = D02_COLUMNS.filter((c) => c.required && !columns.has(c.field)).map((c) => c.field);
  return { row: best.row, dataFrom, columns, ignored, missing };
}

// ---------------------------------------------------------------------------------------------
// Cells

type Read<T> = { ok: true; value: T } | { ok: false; code: string; message: string };
const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const bad = (code: string, message: string): Read<never> => ({ ok: false, code, message });

/** 1899-12-30 is day 0 of Excel's 1900 date system (its day 60, 1900-02-29, never existed). */
const EXCEL_EPOCH = '1899-12-30';
const MAX_SERIAL = 2_958_465; // 9999-12-31

function serialToDate(n: number): Read<IsoDate> {
  if (!Number.isInteger(n) || n < 61 || n > MAX_SERIAL) return bad('D02_DATE_FORMAT', 'not a date serial');
  return ok(addDays(EXCEL_EPOCH, n));
}

function isoOf(y: number, m: number, d: number): Read<IsoDate> {
  const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return isIsoDate(iso) ? ok(iso) : bad('D02_DATE_FORMAT', 'no such day');
}

/** A day: dd/mm/yyyy (also with - or .), yyyy-mm-dd, a date cell, or an Excel serial. */
export function readDate(c: D02Cell): Read<IsoDate> {
  if (c && typeof c === 'object') return 'date' in c ? ok(c.date) : bad('D02_FORMULA_CELL', 'a formula');
  if (typeof c === 'number') return serialToDate(c);
  const t = cellText(c);
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (m) return isoOf(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (m) return isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
  if (/^\d{2,7}$/.test(t)) return serialToDate(Number(t));
  return bad('D02_DATE_FORMAT', 'a day is written dd/mm/yyyy');
}

/** A month: mm/yyyy (also with - or .), yyyy-mm, a date cell (its month), or an Excel serial. */
export function readMonth(c: D02Cell): Read<Month> {
  if (c && typeof c === 'object') return 'date' in c ? ok(c.date.slice(0, 7)) : bad('D02_FORMULA_CELL', 'a formula');
  if (typeof c === 'number') {
    const d = serialToDate(c);
    return d.ok ? ok(d.value.slice(0, 7)) : bad('D02_MONTH_FORMAT', 'a month is written mm/yyyy');
  }
  const t = cellText(c).replace(/^tháng\s*/i, '');
  let m = /^(\d{1,2})[/.-](\d{4})$/.exec(t);
  let month: string | null = null;
  if (m) month = `${m[2]}-${m[1]!.padStart(2, '0')}`;
  m = /^(\d{4})-(\d{1,2})$/.exec(t);
  if (m) month = `${m[1]}-${m[2]!.padStart(2, '0')}`;
  if (!month) {
    const d = readDate(c);
    if (d.ok) month = d.value.slice(0, 7);
  }
  return month && isMonth(month) ? ok(month) : bad('D02_MONTH_FORMAT', 'a month is written mm/yyyy');
}

/**
 * An amount of whole VND, exactly (never through a float): a whole number, or text with its
 * thousands grouped by "." "," or spaces (15.000.000, 15,000,000, 15 000 000), a fraction of
 * zeros after the other separator (15.000.000,00), and "đ", "₫" or "VND" after it. A coefficient
 * of the state pay scale (4,74) is not an amount: the engine declares salaries in VND.
 */
export function readAmount(c: D02Cell): Read<string> {
  if (c && typeof c === 'object')
    return 'formula' in c ? bad('D02_FORMULA_CELL', 'a formula') : bad('D02_AMOUNT_FORMAT', 'not an amount');
  if (typeof c === 'number') {
    if (Number.isSafeInteger(c) && c >= 0) return ok(String(c));
    if (c > 0 && c < 100) return bad('D02_PAY_SCALE_UNSUPPORTED', 'a pay-scale coefficient');
    return bad('D02_AMOUNT_FORMAT', 'not a whole number of VND');
  }
  const t = cellText(c)
    .replace(/\s*(đ|₫|vnd|vnđ)$/i, '')
    .trim();
  if (/^\d+$/.test(t)) return ok(new Dec(t).toFixed(0));
  for (const [group, point] of [
    ['.', ','],
    [',', '.'],
    [' ', ','],
    [' ', '.'],
    ['\u00a0', ','],
  ] as const) {
    const g = group === '.' ? '\\.' : group;
    const p = point === '.' ? '\\.' : point;
    const re = new RegExp(`^(\\d{1,3}(?:${g}\\d{3})+|\\d+)(?:${p}(0+))?$`);
    const m = re.exec(t);
    if (m) return ok(new Dec(m[1]!.split(group).join('')).toFixed(0));
  }
  if (/^\d{1,2}[.,]\d{1,3}$/.test(t)) return bad('D02_PAY_SCALE_UNSUPPORTED', 'a pay-scale coefficient');
  return bad('D02_AMOUNT_FORMAT', 'an amount is whole VND, e.g. 15.000.000');
}

/** A percentage column of the state pay scale: only empty or zero is accepted. */
function readNoPercent(c: D02Cell): Read<null> {
  const t = cellText(c).replace(/%$/, '').trim();
  if (c && typeof c === 'object' && 'formula' in c) return bad('D02_FORMULA_CELL', 'a formula');
  if (t === '' || /^0+([.,]0+)?$/.test(t)) return ok(null);
  return bad('D02_PAY_SCALE_UNSUPPORTED', 'a pay-scale percentage');
}

export function readGender(c: D02Cell): Read<'male' | 'female'> {
  const t = foldHeader(cellText(c));
  if (t === 'nam' || t === 'male' || t === 'm') return ok('male');
  if (t === 'nu' || t === 'female' || t === 'f') return ok('female');
  return bad('D02_GENDER', 'Nam or Nữ');
}

/** The form's wording of each contract type (the export writes these). */
export const CONTRACT_WORDS: Record<ContractType, string> = {
  indefinite: 'Không xác định thời hạn',
  fixed_term_12_36: 'Xác định thời hạn từ 12 đến 36 tháng',
  fixed_term_1_12: 'Xác định thời hạn từ 1 đến dưới 12 tháng',
};

export function readContractType(c: D02Cell): Read<ContractType> {
  const raw = cellText(c);
  if (raw === 'indefinite' || raw === 'fixed_term_12_36' || raw === 'fixed_term_1_12') return ok(raw);
  const t = foldHeader(raw)
    .replace(/^(hop dong lao dong|hdld|hd)\s*/, '')
    .trim();
  if (/^(khong xac dinh thoi han|kxdth|kxd)$/.test(t)) return ok('indefinite');
  if (/36/.test(t) && /(xac dinh thoi han|xdth|thang)/.test(t)) return ok('fixed_term_12_36');
  if (/12/.test(t) && /(duoi|1 den|1 12|tu 1)/.test(t)) return ok('fixed_term_1_12');
  return bad('D02_CONTRACT_TYPE', 'a contract type of the form');
}

/** The action codes (Phương án) and the declaration each one is. */
export const D02_ACTIONS = {
  TM: 'hire',
  GH: 'leave',
  DC: 'salary_change',
  KL: 'unpaid_leave',
} as const satisfies Record<string, Declaration['kind']>;
const ACTION_WORDS = new Map<string, keyof typeof D02_ACTIONS>([
  ['tm', 'TM'],
  ['tang moi', 'TM'],
  ['hire', 'TM'],
  ['gh', 'GH'],
  ['giam han', 'GH'],
  ['leave', 'GH'],
  ['dc', 'DC'],
  ['dieu chinh luong', 'DC'],
  ['salary change', 'DC'],
  ['kl', 'KL'],
  ['nghi khong luong', 'KL'],
  ['unpaid leave', 'KL'],
]);

// ---------------------------------------------------------------------------------------------
// Rows

/** The declarations of one row (several for a span of unpaid-leave months), or its issues. */
export interface D02Row {
  line: number;
  declarations: unknown[];
  issues: D02Issue[];
}

/**
 * One data row → the declarations it makes (not yet validated by `declarationSchema`: the caller
 * does that, so the JSON and the file share one schema). A row whose action is empty declares
 * nothing (the employee list an employer exported and re-uploads unchanged); a row with no data
 * at all (a section label of the form: "I. Tăng", "Cộng tăng") is skipped.
 */
export function rowDeclarations(header: D02Header, row: readonly D02Cell[], line: number): D02Row | null {
  const cell = (f: D02Field): D02Cell => {
    const col = header.columns.get(f);
    return col ? (row[col.index] ?? null) : null;
  };
  const columnName = (f: D02Field) => header.columns.get(f)?.header ?? columnOf(f).header;
  const text = (f: D02Field) => cellText(cell(f));
  const issues: D02Issue[] = [];
  const issue = (f: D02Field, code: string, message: string) =>
    issues.push({ line, column: columnName(f), code, message });
  const dataFields = D02_COLUMNS.map((c) => c.field).filter((f) => f !== 'no' && f !== 'fullName' && f !== 'note');
  if (dataFields.every((f) => cell(f) === null || (text(f) === '' && typeof cell(f) !== 'object'))) return null;

  // Formula cells are never evaluated, and their cached results are not trusted.
  for (const [field, col] of header.columns) {
    const c = row[col.index];
    if (c && typeof c === 'object' && 'formula' in c && field !== 'no' && field !== 'note')
      issue(field, 'D02_FORMULA_CELL', 'a formula: write the value');
  }
  if (issues.length) return { line, declarations: [], issues };

  const actionText = text('action');
  if (actionText === '') return { line, declarations: [], issues };
  const code = ACTION_WORDS.get(foldHeader(actionText));
  if (!code) {
    issue('action', 'D02_UNKNOWN_ACTION', 'TM, GH, DC or KL');
    return { line, declarations: [], issues };
  }
  const kind = D02_ACTIONS[code];

  const required = <T>(f: D02Field, read: (c: D02Cell) => Read<T>): T | undefined => {
    if (text(f) === '' && !(cell(f) && typeof cell(f) === 'object')) {
      issue(f, 'D02_REQUIRED', 'this column is required for this action');
      return undefined;
    }
    const r = read(cell(f));
    if (!r.ok) {
      issue(f, r.code, r.message);
      return undefined;
    }
    return r.value;
  };
  const optional = <T>(f: D02Field, read: (c: D02Cell) => Read<T>): T | undefined =>
    text(f) === '' && !(cell(f) && typeof cell(f) === 'object') ? undefined : required(f, read);
  const str = (c: D02Cell): Read<string> => ok(cellText(c));
  const reference = optional('reference', str);
  const personalId = required('personalId', (c) => ok(cellText(c).replace(/\s+/g, '')));
  const from = required('fromMonth', readMonth);

  const salary = (): string | undefined => {
    const base = required('salary', readAmount);
    const extras = (['positionAllowance', 'salaryAllowance', 'supplements'] as const).map((f) =>
      optional(f, readAmount),
    );
    optional('seniorityPercent', readNoPercent);
    optional('professionSeniorityPercent', readNoPercent);
    if (base === undefined || issues.length) return undefined;
    return extras.reduce<InstanceType<typeof Dec>>((s, x) => (x ? s.plus(x) : s), new Dec(base)).toFixed(0);
  };
  const withRef = (d: Record<string, unknown>, suffix?: string) =>
    reference === undefined ? d : { ...d, reference: suffix ? `${reference}/${suffix}` : reference };

  const declarations: unknown[] = [];
  if (kind === 'hire') {
    const amount = salary();
    const employee: Record<string, unknown> = {
      personalId,
      fullName: required('fullName', str),
      dateOfBirth: required('dateOfBirth', readDate),
      gender: required('gender', readGender),
      startMonth: from,
      salary: amount,
      jobTitle: required('jobTitle', str),
      contractType: required('contractType', readContractType),
    };
    const si = optional('siNumber', (c) => ok(cellText(c).replace(/\s+/g, '')));
    if (si !== undefined) employee.siNumber = si;
    for (const f of ['nationality', 'initialFacilityCode', 'email', 'phone'] as const) {
      const v = optional(f, str);
      if (v !== undefined) employee[f] = f === 'nationality' ? v.toUpperCase() : v;
    }
    if (!issues.length) declarations.push(withRef({ kind, employee }));
  } else if (kind === 'leave') {
    // "Giảm từ tháng": the first month no longer covered; the employment's last month is the one before.
    if (!issues.length && from) declarations.push(withRef({ kind, personalId, endMonth: addMonths(from, -1) }));
  } else if (kind === 'salary_change') {
    const amount = salary();
    if (!issues.length) declarations.push(withRef({ kind, personalId, effectiveMonth: from, salary: amount }));
  } else {
    const to = optional('toMonth', readMonth) ?? from;
    if (!issues.length && from && to) {
      if (compareMonths(to, from) < 0) issue('toMonth', 'MONTHS_REVERSED', 'the last month is before the first');
      else if (monthsBetween(from, to) >= D02_MAX_LEAVE_MONTHS)
        issue('toMonth', 'D02_RANGE_TOO_LONG', `at most ${D02_MAX_LEAVE_MONTHS} months in one row`);
      else
        for (let m = from; compareMonths(m, to) <= 0; m = addMonths(m, 1))
          declarations.push(withRef({ kind, personalId, month: m }, from === to ? undefined : m));
    }
  }
  return { line, declarations, issues };
}

/**
 * The column a declaration's field was read from (services/d02.ts maps the issues of
 * `declarationSchema` and of `declare` back to the file's line and column).
 */
export function fieldColumn(kind: Declaration['kind'], field: string): D02Field {
  const leaf = field.replace(/^declarations\[\d+\]\./, '').replace(/^employee\./, '');
  switch (leaf) {
    case 'personalId':
    case 'employee':
      return 'personalId';
    case 'siNumber':
    case 'fullName':
    case 'dateOfBirth':
    case 'gender':
    case 'nationality':
    case 'email':
    case 'phone':
    case 'jobTitle':
    case 'contractType':
    case 'initialFacilityCode':
    case 'salary':
    case 'reference':
      return leaf;
    case 'startMonth':
    case 'effectiveMonth':
    case 'endMonth':
      return 'fromMonth';
    case 'month':
      return kind === 'unpaid_leave' ? 'fromMonth' : 'fromMonth';
    default:
      return 'action';
  }
}

/** The row of one employee as the export writes it (the form's layout, so it can be edited and uploaded again). */
export interface D02EmployeeRow {
  personalId: string;
  siNumber: string;
  fullName: string;
  dateOfBirth: IsoDate;
  gender: string;
  jobTitle: string;
  contractType: string;
  salary: string;
  startMonth: Month;
  endMonth: Month | null;
  nationality: string;
}

/** The export's columns, in order (no action: an unchanged list declares nothing when uploaded again). */
export const D02_EXPORT_FIELDS: readonly D02Field[] = [
  'no',
  'fullName',
  'siNumber',
  'dateOfBirth',
  'gender',
  'personalId',
  'jobTitle',
  'salary',
  'positionAllowance',
  'seniorityPercent',
  'professionSeniorityPercent',
  'salaryAllowance',
  'supplements',
  'contractType',
  'fromMonth',
  'toMonth',
  'action',
  'note',
  'nationality',
];

const dmy = (d: IsoDate) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
const my = (m: Month) => `${m.slice(5, 7)}/${m.slice(0, 4)}`;

/** One employee's cells in the export's columns: text only (dates dd/mm/yyyy, months mm/yyyy, amounts in digits). */
export function employeeCells(e: D02EmployeeRow, no: number): string[] {
  const v: Partial<Record<D02Field, string>> = {
    no: String(no),
    fullName: e.fullName,
    siNumber: e.siNumber,
    dateOfBirth: dmy(e.dateOfBirth),
    gender: e.gender === 'female' ? 'Nữ' : 'Nam',
    personalId: e.personalId,
    jobTitle: e.jobTitle,
    salary: e.salary,
    contractType: CONTRACT_WORDS[e.contractType as ContractType] ?? e.contractType,
    fromMonth: my(e.startMonth),
    toMonth: e.endMonth ? my(e.endMonth) : '',
    nationality: e.nationality,
  };
  return D02_EXPORT_FIELDS.map((f) => v[f] ?? '');
}
