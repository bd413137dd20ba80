/**
 * The employer's D02-LT file (issue #15, rules §8.41): the preview of an upload (every row's
 * findings, with its line and column, in Vietnamese and English, and what each declaration would
 * change: nothing written), its submission (through `declare`, the one function of the JSON
 * declarations: the same validation, one transaction, idempotent, e-books re-rendered, the same
 * signal to the declaration cases), and the exports of the employee list (the same layout, so it
 * can be edited and uploaded again) and of the monthly statement, as CSV or XLSX.
 */
import { stringify } from 'csv-stringify/sync';
import { localDateOf, monthOf, type IsoDate, type Month } from '../domain/calendar';
import {
  columnOf,
  D02_COLUMNS,
  D02_EXPORT_FIELDS,
  D02_MAX_ROWS,
  employeeCells,
  fieldColumn,
  findHeader,
  rowDeclarations,
  type D02Field,
  type D02Issue,
} from '../domain/d02';
import { DomainError } from '../domain/errors';
import { issuesFromZod, type Issue } from '../domain/issues';
import { declarationSchema, type Declaration, type DeclarationResult } from '../domain/schemas';
import type { Db } from '../db/client';
import { employeeRoster } from '../db/queries/roster';
import { t, type Lang } from '../messages';
import { problemMessage } from '../messages/negotiate';
import { previewDeclarations, type DeclareInput } from './declarations';
import { readD02Table, type D02Format } from './d02-read';
import { employerPeriodStatement } from './employers';

/** One finding of a file, as the preview and a refused submission give it. */
export interface D02RowError {
  line: number;
  column: string;
  code: string;
  message: { vi: string; en: string };
}

/** What one declaration of the file would change. */
export interface D02Change {
  line: number;
  kind: Declaration['kind'];
  personalId: string;
  effectiveMonth: Month;
  /** The salary the declaration sets (hire, salary change). */
  salary: string | null;
  /** The salary in force now (salary change, leave, unpaid leave), null for a hire. */
  currentSalary: string | null;
  /** Already recorded (the same reference or the same content): submitting changes nothing for it. */
  alreadyRecorded: boolean;
}

export interface D02Preview {
  format: D02Format;
  sha256: string;
  /** Data rows read (section labels and empty rows left out). */
  rows: number;
  /** Rows without an action: they declare nothing (an exported list uploaded again unchanged). */
  unchanged: number;
  declarations: number;
  ignoredColumns: string[];
  errors: D02RowError[];
  changes: D02Change[];
}

interface ReadFile {
  format: D02Format;
  sha256: string;
  rows: number;
  unchanged: number;
  ignoredColumns: string[];
  /** The file's declarations, validated by the JSON's schema, each with its line. */
  declarations: { line: number; declaration: Declaration }[];
  issues: D02Issue[];
  /** The header as the file writes it, per field (for the findings of `declare`). */
  columnName: (f: D02Field) => string;
}

const messageOf = (i: { code: string; message: string; params?: Readonly<Record<string, string | number>> }) => ({
  vi: problemMessage('vi', i.code, i.message, i.params ?? {}),
  en: problemMessage('en', i.code, i.message, i.params ?? {}),
});
const rowError = (i: D02Issue): D02RowError => ({
  line: i.line,
  column: i.column,
  code: i.code,
  message: messageOf(i),
});

/** Reads the file into declarations and findings; refuses a file that is no D02-LT list at all. */
async function readFile(bytes: Buffer): Promise<ReadFile> {
  const table = await readD02Table(bytes);
  const header = findHeader(table.rows);
  if (!header || header.missing.length) {
    const missing = (header?.missing ?? D02_COLUMNS.filter((c) => c.required).map((c) => c.field))
      .map((f) => columnOf(f).header)
      .join(', ');
    throw new DomainError('D02_UNKNOWN_LAYOUT', `not a D02-LT list: missing ${missing}`, 'file', undefined, {
      missing,
    });
  }
  const columnName = (f: D02Field) => header.columns.get(f)?.header ?? columnOf(f).header;
  const issues: D02Issue[] = [];
  const declarations: ReadFile['declarations'] = [];
  let rows = 0;
  let unchanged = 0;
  for (let r = header.dataFrom; r < table.rows.length; r++) {
    const line = table.lines[r]!;
    const row = rowDeclarations(header, table.rows[r]!, line);
    if (!row) continue;
    rows++;
    if (rows > D02_MAX_ROWS)
      throw new DomainError('D02_TOO_MANY_ROWS', `at most ${D02_MAX_ROWS} rows`, 'file', undefined, {
        maxRows: D02_MAX_ROWS,
      });
    issues.push(...row.issues);
    if (!row.issues.length && !row.declarations.length) unchanged++;
    for (const raw of row.declarations) {
      const parsed = declarationSchema.safeParse(raw);
      if (parsed.success) {
        declarations.push({ line, declaration: parsed.data });
        continue;
      }
      const kind = (raw as { kind: Declaration['kind'] }).kind;
      for (const i of issuesFromZod(parsed.error.issues))
        issues.push({
          line,
          column: columnName(fieldColumn(kind, i.field)),
          code: i.code,
          message: i.message,
          ...(i.params ? { params: i.params } : {}),
        });
    }
  }
  if (rows === 0) throw new DomainError('D02_EMPTY', 'the list has no rows', 'file');
  return {
    format: table.format,
    sha256: table.sha256,
    rows,
    unchanged,
    ignoredColumns: header.ignored,
    declarations,
    issues,
    columnName,
  };
}

/** `declare`'s findings (field `declarations[i].…`) at the file's line and column. */
function fileIssues(file: ReadFile, errors: readonly Issue[]): D02Issue[] {
  return errors.map((e) => {
    const i = Number(/^declarations\[(\d+)\]/.exec(e.field)?.[1] ?? -1);
    const at = file.declarations[i];
    return {
      line: at?.line ?? 0,
      column: file.columnName(at ? fieldColumn(at.declaration.kind, e.field) : 'action'),
      code: e.code,
      message: e.message,
      ...(e.params ? { params: e.params } : {}),
    };
  });
}

const sortIssues = (xs: D02Issue[]) => xs.sort((a, b) => a.line - b.line);

/** The preview: every finding and every change, nothing written (one transaction that only reads). */
export async function previewD02(db: Db, input: { taxCode: string; bytes: Buffer; now: Date }): Promise<D02Preview> {
  const file = await readFile(input.bytes);
  const batch = { declarations: file.declarations.map((d) => d.declaration) };
  const issues = [...file.issues];
  let changes: D02Change[] = [];
  if (batch.declarations.length) {
    const preview = await previewDeclarations(db, { taxCode: input.taxCode, batch, now: input.now });
    issues.push(...fileIssues(file, preview.errors));
    const month = monthOf(localDateOf(input.now.getTime()));
    const current = new Map(
      (await employeeRoster(db, input.taxCode, month)).map((r) => [r.personalId, r.salary] as const),
    );
    changes = preview.results.map((r, i) => {
      const d = file.declarations[i]!.declaration;
      return {
        line: file.declarations[i]!.line,
        kind: r.kind,
        personalId: r.personalId,
        effectiveMonth: r.effectiveMonth,
        salary: d.kind === 'hire' ? d.employee.salary : d.kind === 'salary_change' ? d.salary : null,
        currentSalary: d.kind === 'hire' ? null : (current.get(r.personalId) ?? null),
        alreadyRecorded: r.alreadyRecorded,
      };
    });
  }
  return {
    format: file.format,
    sha256: file.sha256,
    rows: file.rows,
    unchanged: file.unchanged,
    declarations: batch.declarations.length,
    ignoredColumns: file.ignoredColumns,
    errors: sortIssues(issues).map(rowError),
    changes,
  };
}

/** A refusal of the file's rows: the first finding's code, every finding (line, column) in details. */
function rowsRefused(issues: D02Issue[]): DomainError {
  const sorted = sortIssues(issues);
  const first = sorted[0]!;
  return new DomainError(
    first.code,
    first.message,
    first.column,
    {
      errors: sorted.map((i) => ({
        code: i.code,
        message: i.message,
        field: i.column,
        line: i.line,
        params: i.params,
      })),
    },
    first.params ?? {},
  );
}

export interface D02SubmitInput extends Omit<DeclareInput, 'batch'> {
  bytes: Buffer;
  /** The preview's sha256: the submission is refused if the file is not the one previewed. */
  expectSha256?: string;
  /**
   * How the rows are declared: the front end's `declareAndSignal` (client/case-signals.ts), so a
   * file tells the open declaration cases exactly as the JSON declaration does (one path, no copy).
   */
  declareWith: (db: Db, input: DeclareInput) => Promise<DeclarationResult>;
}

/** Submits the file: refused whole (nothing written) if any row has a finding, else `declare`d. */
export async function submitD02(db: Db, input: D02SubmitInput): Promise<DeclarationResult & { sha256: string }> {
  const { bytes, expectSha256, declareWith, ...rest } = input;
  const file = await readFile(bytes);
  if (expectSha256 !== undefined && expectSha256.toLowerCase() !== file.sha256)
    throw new DomainError('D02_FILE_CHANGED', 'this is not the file that was previewed', 'file');
  if (file.issues.length) {
    // Refused whole; the database's findings about the readable rows are given with the file's.
    const readable = file.declarations.map((d) => d.declaration);
    const more = readable.length
      ? (await previewDeclarations(db, { taxCode: rest.taxCode, batch: { declarations: readable }, now: rest.now }))
          .errors
      : [];
    throw rowsRefused([...file.issues, ...fileIssues(file, more)]);
  }
  if (!file.declarations.length)
    throw new DomainError('D02_NOTHING_DECLARED', 'no row of the list has an action (Phương án)', 'file');
  try {
    const r = await declareWith(db, { ...rest, batch: { declarations: file.declarations.map((d) => d.declaration) } });
    return { ...r, sha256: file.sha256 };
  } catch (err) {
    const errors = err instanceof DomainError ? (err.details as { errors?: Issue[] } | undefined)?.errors : undefined;
    if (errors?.length) throw rowsRefused(fileIssues(file, errors));
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// Exports

export const D02_CONTENT_TYPES: Record<D02Format, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** A cell a spreadsheet would read as a formula is written with a leading apostrophe (CSV only). */
const safeCsv = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

async function tableFile(format: D02Format, sheet: string, header: string[], rows: string[][]): Promise<Buffer> {
  if (format === 'csv')
    // UTF-8 with its BOM: the way Excel recognises UTF-8 when it opens a CSV.
    return Buffer.from(
      `\ufeff${stringify([header, ...rows.map((r) => r.map(safeCsv))], { record_delimiter: '\r\n' })}`,
    );
  const { default: ExcelJS } = await import('exceljs'); // on first use: ~0.5 s to load, a CLI start pays it otherwise
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  ws.addRow(header).font = { bold: true };
  for (const r of rows) ws.addRow(r); // every cell a string: nothing is read as a number, a date or a formula
  ws.columns.forEach((c) => (c.width = 18));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The employees in force in `month`, in the D02-LT layout (no action: uploaded unchanged, it declares nothing). */
export async function employeesFile(
  db: Db,
  input: { taxCode: string; month: Month; format: D02Format },
): Promise<{ bytes: Buffer; personalIds: string[] }> {
  const roster = await employeeRoster(db, input.taxCode, input.month);
  const rows = roster.map((r, i) => employeeCells({ ...r, salary: r.salary ?? '' }, i + 1));
  const header = D02_EXPORT_FIELDS.map((f) => columnOf(f).header);
  return {
    bytes: await tableFile(input.format, 'D02-LT', header, rows),
    personalIds: roster.map((r) => r.personalId),
  };
}

/** The monthly statement as a two-column table (item, value), its settlements below; the words in `lang`. */
export async function statementFile(
  db: Db,
  input: { taxCode: string; period: Month; asOf: IsoDate; format: D02Format; lang?: Lang },
): Promise<Buffer> {
  const lang = input.lang ?? 'vi';
  const s = await employerPeriodStatement(db, input.taxCode, input.period, input.asOf);
  const row = (k: Parameters<typeof t>[1], v: string | number): string[] => [t(lang, k), String(v)];
  const rows: string[][] = [
    row('d02.statement.taxCode', s.taxCode),
    row('d02.statement.period', s.period),
    row('d02.statement.asOf', s.asOf),
    row('d02.statement.employees', s.employees),
    ...Object.entries(s.due.employee).map(([fund, v]) => [`${t(lang, 'd02.statement.dueEmployee')} ${fund}`, v]),
    ...Object.entries(s.due.employer).map(([fund, v]) => [`${t(lang, 'd02.statement.dueEmployer')} ${fund}`, v]),
    row('d02.statement.dueTotal', s.due.total),
    row('d02.statement.deadline', s.deadline),
    row('d02.statement.paid', s.paid),
    row('d02.statement.outstanding', s.outstanding),
    row('d02.statement.status', t(lang, `d02.status.${s.status}`)),
    row('d02.statement.lateCharge', s.lateCharge),
    row('d02.statement.chargePaid', s.chargePaid),
    row('d02.statement.maxDaysLate', s.maxDaysLate),
    row('d02.statement.evasion', t(lang, s.evasion ? 'd02.yes' : 'd02.no')),
    row('d02.statement.paidFromCredit', s.paidFromCredit),
    row('d02.statement.creditHeld', s.creditHeld),
    ...s.settlements.map((x) => [
      `${t(lang, 'd02.statement.settlement')} ${x.on} ${x.bankReference}`,
      `${x.principal} + ${x.charge}${x.fromCredit ? ` (${t(lang, 'd02.statement.fromCredit')})` : ''}`,
    ]),
  ];
  return tableFile(
    input.format,
    `C12-TS ${input.period}`,
    [t(lang, 'd02.statement.item'), t(lang, 'd02.statement.value')],
    rows,
  );
}
