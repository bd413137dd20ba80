/**
 * Reading an employer's D02-LT file (rules §8.41) into a table of cells: CSV (csv-parse; UTF-8,
 * with or without its BOM) or XLSX (exceljs; the first sheet with the form's header). Formulas are
 * never evaluated (a formula cell is handed over as a formula); dates are days, Excel serials are
 * left as numbers for the column to read. Every refusal of the file as a whole is a DomainError
 * with its own code; the cells' own findings are domain/d02.ts's.
 *
 * - UTF-16 (a BOM or NUL bytes) and bytes that are not UTF-8 (Windows-1258, TCVN3 and the other
 *   legacy code pages of Vietnamese HR software) are refused with D02_ENCODING: guessing a legacy
 *   code page would change names silently.
 * - An XLSX is a zip: before exceljs opens it, yauzl walks its central directory and inflates each
 *   entry, counting the bytes it really yields (never trusting the declared sizes) and stopping at
 *   D02_MAX_UNPACKED_BYTES, so a zip bomb is refused having unpacked at most that much.
 */
import { createHash } from 'node:crypto';
import { parse as parseCsv } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import {
  D02_MAX_BYTES,
  D02_MAX_ROWS,
  D02_MAX_UNPACKED_BYTES,
  fieldOfHeader,
  findHeader,
  type D02Cell,
  type D02Header,
} from '../domain/d02';
import { DomainError } from '../domain/errors';

export type D02Format = 'csv' | 'xlsx';

export interface D02Table {
  format: D02Format;
  sha256: string;
  /** The rows, and the line of each (from 1, as a spreadsheet or a text editor numbers it). */
  rows: D02Cell[][];
  lines: number[];
}

/** At most this many entries in an XLSX (a workbook of one sheet has about a dozen). */
const MAX_ZIP_ENTRIES = 2000;
/** Rows read beyond the data limit: the form's title, the unit's name, the header and its numbering. */
const HEADER_ALLOWANCE = 40;

/** What the bytes are: XLSX (a zip), a legacy XLS (refused), or text. */
export function sniffFormat(bytes: Buffer): D02Format {
  if (bytes.length >= 4 && bytes.readUInt32BE(0) === 0x504b0304) return 'xlsx';
  if (bytes.length >= 8 && bytes.readUInt32BE(0) === 0xd0cf11e0)
    throw new DomainError('D02_FORMAT', 'a legacy .xls workbook: save it as .xlsx or CSV (UTF-8)', 'file');
  if (bytes.length >= 4 && bytes.readUInt32BE(0) === 0x25504446)
    throw new DomainError('D02_FORMAT', 'a PDF: upload the list as .xlsx or CSV (UTF-8)', 'file');
  return 'csv';
}

export async function readD02Table(bytes: Buffer): Promise<D02Table> {
  if (bytes.length === 0) throw new DomainError('D02_EMPTY', 'the file is empty', 'file');
  if (bytes.length > D02_MAX_BYTES)
    throw new DomainError('D02_TOO_LARGE', `a file may be at most ${D02_MAX_BYTES} bytes`, 'file', undefined, {
      maxBytes: D02_MAX_BYTES,
    });
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const format = sniffFormat(bytes);
  const table = format === 'xlsx' ? await readXlsx(bytes) : readCsv(bytes);
  return { format, sha256, ...table };
}

// ---------------------------------------------------------------------------------------------
// CSV

function decodeUtf8(bytes: Buffer): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || bytes.includes(0))
    throw new DomainError('D02_ENCODING', 'UTF-16 text: save the file as CSV UTF-8', 'file', undefined, {
      encoding: 'UTF-16',
    });
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw new DomainError(
      'D02_ENCODING',
      'not UTF-8 (Windows-1258 or another code page): save the file as CSV UTF-8',
      'file',
      undefined,
      {
        encoding: 'not UTF-8',
      },
    );
  }
}

type Parsed = { record: string[]; info: { lines: number } }[];

function parseWith(text: string, delimiter: string, to?: number): Parsed {
  return parseCsv(text, {
    delimiter,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    bom: true,
    ...(to ? { to } : {}),
  }) as unknown as Parsed;
}

/** How many of the first records' cells name a column of the form. */
function headerScore(parsed: Parsed): number {
  return Math.max(0, ...parsed.map((r) => r.record.filter((c) => fieldOfHeader(c) !== null).length));
}

function readCsv(bytes: Buffer): { rows: D02Cell[][]; lines: number[] } {
  const text = decodeUtf8(bytes);
  let best: { delimiter: string; score: number } = { delimiter: ',', score: -1 };
  for (const delimiter of [',', ';', '\t']) {
    let score = 0;
    try {
      score = headerScore(parseWith(text, delimiter, 30));
    } catch {
      score = -1;
    }
    if (score > best.score) best = { delimiter, score };
  }
  let parsed: Parsed;
  try {
    parsed = parseWith(text, best.delimiter, D02_MAX_ROWS + HEADER_ALLOWANCE + 1);
  } catch (err) {
    throw new DomainError(
      'D02_CSV_MALFORMED',
      `the CSV cannot be read: ${(err as { code?: string }).code ?? 'malformed'}`,
      'file',
    );
  }
  return {
    // A cell the export protected from spreadsheet formulas ('=…) is read back as written.
    rows: parsed.map((r) => r.record.map((c) => (c.trim() === '' ? null : /^'[=+\-@]/.test(c) ? c.slice(1) : c))),
    // csv-parse counts the line a record ends on; a quoted cell may span lines.
    lines: parsed.map((r) => r.info.lines - r.record.reduce((n, c) => n + (c.match(/\n/g)?.length ?? 0), 0)),
  };
}

// ---------------------------------------------------------------------------------------------
// XLSX

/** Inflates every entry, counting what it really yields; refuses past the limit or a lying size. */
export async function checkZip(bytes: Buffer, limit = D02_MAX_UNPACKED_BYTES): Promise<void> {
  const unreadable = () =>
    new DomainError('D02_XLSX_UNREADABLE', 'the workbook cannot be read (not a valid .xlsx)', 'file');
  const bomb = () =>
    new DomainError('D02_XLSX_TOO_LARGE', `the workbook unpacks to more than ${limit} bytes`, 'file', undefined, {
      maxBytes: limit,
    });
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (err, z) =>
      err || !z ? reject(unreadable()) : resolve(z),
    ),
  );
  if (zip.entryCount > MAX_ZIP_ENTRIES) {
    zip.close();
    throw unreadable();
  }
  let total = 0;
  await new Promise<void>((resolve, reject) => {
    const fail = (e: DomainError) => {
      zip.close();
      reject(e);
    };
    zip.on('error', () => fail(unreadable()));
    zip.on('end', () => resolve());
    zip.on('entry', (entry: yauzl.Entry) => {
      if (entry.uncompressedSize > limit - total) return fail(bomb());
      if (/\/$/.test(entry.fileName)) return zip.readEntry();
      zip.openReadStream(entry, (err, stream) => {
        if (err || !stream) return fail(unreadable());
        stream.on('data', (chunk: Buffer) => {
          total += chunk.length;
          if (total > limit) {
            stream.destroy();
            fail(bomb());
          }
        });
        stream.on('error', () => fail(unreadable()));
        stream.on('end', () => zip.readEntry());
      });
    });
    zip.readEntry();
  });
}

const isoOfDate = (d: Date): string => d.toISOString().slice(0, 10);

/** One exceljs value as a cell: text, number, day, formula (never its cached result), or nothing. */
function cellOf(v: ExcelJS.CellValue): D02Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.trim() === '' ? null : v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'boolean') return String(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : { date: isoOfDate(v) };
  if (typeof v === 'object') {
    if ('formula' in v || 'sharedFormula' in v) return { formula: true };
    if ('richText' in v) return v.richText.map((p) => p.text).join('') || null;
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('error' in v) return String(v.error);
  }
  return null;
}

async function readXlsx(bytes: Buffer): Promise<{ rows: D02Cell[][]; lines: number[] }> {
  await checkZip(bytes);
  const { default: Excel } = await import('exceljs'); // on first use: ~0.5 s to load, a CLI start pays it otherwise
  const wb = new Excel.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new DomainError('D02_XLSX_UNREADABLE', 'the workbook cannot be read (not a valid .xlsx)', 'file');
  }
  let first: { rows: D02Cell[][]; lines: number[] } | null = null;
  for (const ws of wb.worksheets) {
    if (ws.rowCount > D02_MAX_ROWS + HEADER_ALLOWANCE + 1 && ws.actualRowCount > D02_MAX_ROWS + HEADER_ALLOWANCE)
      throw new DomainError('D02_TOO_MANY_ROWS', `at most ${D02_MAX_ROWS} rows`, 'file', undefined, {
        maxRows: D02_MAX_ROWS,
      });
    const rows: D02Cell[][] = [];
    const lines: number[] = [];
    ws.eachRow({ includeEmpty: false }, (row, n) => {
      const cells: D02Cell[] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        cells[col - 1] = cellOf(cell.value);
      });
      for (let i = 0; i < cells.length; i++) cells[i] ??= null;
      rows.push(cells);
      lines.push(n);
    });
    const table = { rows, lines };
    first ??= table;
    if (findHeader(rows)) return table;
  }
  return first ?? { rows: [], lines: [] };
}

export type { D02Header };
