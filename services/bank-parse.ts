/**
 * Reading the collection account's bank statement: the bank's CSV export (columns in README, "Bank
 * statements") and ISO 20022 camt.053 XML (BkToCstmrStmt, any version 001.02–001.13). Both give the
 * same StatementLine list, one line per transaction. A file that cannot be read, or any line that
 * is not valid, refuses the whole statement with INVALID_STATEMENT and every failing line in
 * `errors` (nothing is written); the parsers do no I/O.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { statementLineSchema, type StatementFormat, type StatementLine } from '../domain/bank';
import { DomainError } from '../domain/errors';
import { issuesFromZod, type Issue } from '../domain/issues';

export interface ParsedStatement {
  format: StatementFormat;
  /** camt.053 Stmt/Id (the statements' ids joined by ","), null for CSV. */
  statementRef: string | null;
  lines: StatementLine[];
  /** camt.053 entries whose status is not BOOK (pending or information only): not money yet, not stored. */
  notBooked: number;
}

const MAX_ERRORS = 100;

function invalid(message: string, errors: Issue[] = [], field = 'statement'): DomainError {
  return new DomainError('INVALID_STATEMENT', message, errors[0]?.field ?? field, {
    errors: errors.length ? errors.slice(0, MAX_ERRORS) : [{ code: 'INVALID_STATEMENT', field, message }],
  });
}

/** Validates raw lines into StatementLines; every failing field of every line is reported, by line. */
function validateLines(raw: Record<string, unknown>[]): StatementLine[] {
  const lines: StatementLine[] = [];
  const errors: Issue[] = [];
  for (const r of raw) {
    const res = statementLineSchema.safeParse(r);
    if (res.success) lines.push(res.data);
    else
      for (const i of issuesFromZod(res.error.issues))
        errors.push({ ...i, field: `line ${String(r['line'])}: ${i.field}`, line: Number(r['line']) });
  }
  if (errors.length)
    throw invalid(
      `${errors.length} problem(s) in the statement, first: line ${errors[0]!.line}, ${errors[0]!.field.replace(/^line \d+: /, '')}: ${errors[0]!.message}`,
      errors,
    );
  return lines;
}

// ---------------------------------------------------------------------------------------------
// CSV

/** The CSV columns (header row required, names case-insensitive, any order; other columns ignored). */
export const CSV_COLUMNS = {
  required: ['bank_reference', 'value_date', 'direction', 'amount', 'currency'],
  optional: ['booking_date', 'remittance', 'end_to_end_id'],
} as const;

/** The field separator: the header's, `;` when it has semicolons and no comma, else `,`. */
function delimiterOf(content: string): ',' | ';' {
  const header = content.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  return header.includes(';') && !header.includes(',') ? ';' : ',';
}

export function parseCsvStatement(content: string): ParsedStatement {
  let rows: { record: Record<string, string>; info: { lines: number } }[];
  try {
    rows = parseCsv(content, {
      bom: true,
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      delimiter: delimiterOf(content),
      info: true,
      skip_empty_lines: true,
      trim: true,
    }) as never;
  } catch (err) {
    const e = err as { message?: string; lines?: number };
    throw invalid(`not a readable CSV file${e.lines ? ` (line ${e.lines})` : ''}: ${e.message ?? 'parse error'}`);
  }
  if (rows.length === 0) {
    // A header alone is an empty statement; nothing at all is not a statement.
    if (!/\S/.test(content.replace(/^\uFEFF/, ''))) throw invalid('the file is empty');
    return { format: 'csv', statementRef: null, lines: [], notBooked: 0 };
  }
  const missing = CSV_COLUMNS.required.filter((c) => !(c in rows[0]!.record));
  if (missing.length)
    throw invalid(
      `the CSV header lacks the column(s) ${missing.join(', ')} (required: ${CSV_COLUMNS.required.join(', ')})`,
      [],
      'columns',
    );
  const opt = (v: string | undefined) => (v === undefined || v === '' ? null : v);
  const lines = validateLines(
    rows.map(({ record: r, info }) => ({
      line: info.lines,
      bankReference: r['bank_reference'],
      direction: r['direction'],
      amount: r['amount'],
      currency: r['currency'],
      valueDate: r['value_date'],
      bookingDate: opt(r['booking_date']),
      remittance: r['remittance'] ?? '',
      endToEndId: opt(r['end_to_end_id']),
    })),
  );
  return { format: 'csv', statementRef: null, lines, notBooked: 0 };
}

// ---------------------------------------------------------------------------------------------
// camt.053

type Node = Record<string, unknown>;
const ARRAYS = new Set(['Stmt', 'Ntry', 'NtryDtls', 'TxDtls', 'Ustrd']);

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false, // amounts stay strings: never a float
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => ARRAYS.has(name),
});

const obj = (v: unknown): Node | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Node) : undefined;
const list = (v: unknown): Node[] =>
  Array.isArray(v) ? v.map(obj).filter((x): x is Node => x !== undefined) : obj(v) ? [obj(v)!] : [];
/** A leaf's text: a string, or the #text of an element that has attributes. */
function text(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  const o = obj(v);
  return typeof o?.['#text'] === 'string' ? o['#text'] : undefined;
}
const at = (n: Node | undefined, ...path: string[]): unknown => path.reduce<unknown>((cur, k) => obj(cur)?.[k], n);
/** ISODate or ISODateTime → the date part. */
const dateOf = (d: unknown): string | null => {
  const v = text(at(obj(d), 'Dt')) ?? text(at(obj(d), 'DtTm'));
  return v === undefined ? null : v.slice(0, 10);
};
/** Entry status: a plain code up to 001.07, <Sts><Cd>…</Cd></Sts> from 001.08. */
const statusOf = (ntry: Node): string | undefined =>
  text(ntry['Sts']) ?? text(at(ntry, 'Sts', 'Cd')) ?? text(at(ntry, 'Sts', 'Prtry'));

function amountOf(v: unknown): { amount: string | undefined; currency: string | undefined } {
  const o = obj(v);
  return { amount: text(v), currency: typeof o?.['@_Ccy'] === 'string' ? o['@_Ccy'] : undefined };
}

function remittanceOf(tx: Node | undefined, ntry: Node): string {
  const rmt = list(at(tx, 'RmtInf'));
  const parts: string[] = [];
  for (const r of rmt) {
    const u = r['Ustrd'];
    for (const s of Array.isArray(u) ? u : [u]) if (text(s)) parts.push(text(s)!);
    for (const strd of list(r['Strd'])) {
      const ref = text(at(strd, 'CdtrRefInf', 'Ref'));
      if (ref) parts.push(ref);
    }
  }
  if (!parts.length) {
    const addtl = text(at(tx, 'AddtlTxInf')) ?? text(ntry['AddtlNtryInf']);
    if (addtl) parts.push(addtl);
  }
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

export function parseCamt053Statement(content: string): ParsedStatement {
  // camt.053 has no DTD: refusing DOCTYPE keeps entity expansion (and its attacks) out entirely.
  if (/<!DOCTYPE|<!ENTITY/i.test(content)) throw invalid('a camt.053 statement has no DOCTYPE or entity declarations');
  const valid = XMLValidator.validate(content);
  if (valid !== true)
    throw invalid(`not well-formed XML (line ${valid.err.line}, column ${valid.err.col}): ${valid.err.msg}`);
  const doc = obj(at(obj(xml.parse(content)), 'Document'));
  const ns = typeof doc?.['@_xmlns'] === 'string' ? doc['@_xmlns'] : '';
  const root = obj(doc?.['BkToCstmrStmt']);
  if (!doc || !root || (ns && !ns.startsWith('urn:iso:std:iso:20022:tech:xsd:camt.053.'))) {
    throw invalid(
      'not an ISO 20022 camt.053 document (Document/BkToCstmrStmt, namespace urn:iso:std:iso:20022:tech:xsd:camt.053.001.xx)',
    );
  }
  const stmts = list(root['Stmt']);
  const raw: Record<string, unknown>[] = [];
  let notBooked = 0;
  let n = 0;
  for (const stmt of stmts) {
    for (const ntry of list(stmt['Ntry'])) {
      const sts = statusOf(ntry);
      const txs = list(ntry['NtryDtls']).flatMap((d) => list(d['TxDtls']));
      if (sts !== undefined && sts.toUpperCase() !== 'BOOK') {
        notBooked += Math.max(txs.length, 1);
        continue;
      }
      const entryRef = text(ntry['AcctSvcrRef']) ?? text(ntry['NtryRef']);
      const entryAmt = amountOf(ntry['Amt']);
      const entry = {
        direction: text(ntry['CdtDbtInd']),
        valueDate: dateOf(ntry['ValDt']),
        bookingDate: dateOf(ntry['BookgDt']),
      };
      const one = (tx: Node | undefined, i: number, single: boolean) => {
        n += 1;
        const txAmt = amountOf(at(tx, 'Amt') ?? at(tx, 'AmtDtls', 'TxAmt', 'Amt'));
        const amt = txAmt.amount !== undefined ? txAmt : single ? entryAmt : { amount: undefined, currency: undefined };
        const txRef = text(at(tx, 'Refs', 'AcctSvcrRef'));
        const e2e = text(at(tx, 'Refs', 'EndToEndId'));
        raw.push({
          line: n,
          bankReference: txRef ?? (entryRef === undefined ? '' : single ? entryRef : `${entryRef}/${i + 1}`),
          direction: text(at(tx, 'CdtDbtInd')) ?? entry.direction ?? '',
          amount: amt.amount ?? '',
          currency: amt.currency ?? '',
          valueDate: entry.valueDate ?? '',
          bookingDate: entry.bookingDate,
          remittance: remittanceOf(tx, ntry),
          endToEndId: e2e && e2e.toUpperCase() !== 'NOTPROVIDED' ? e2e : null,
        });
      };
      if (txs.length === 0) one(undefined, 0, true);
      else txs.forEach((tx, i) => one(tx, i, txs.length === 1));
    }
  }
  const ids = stmts.map((s) => text(s['Id'])).filter((x): x is string => !!x);
  return {
    format: 'camt053',
    statementRef: ids.length ? ids.join(',').slice(0, 200) : null,
    lines: validateLines(raw),
    notBooked,
  };
}

/** The format named, or the one the file name or the content shows (XML starts with "<"). */
export function detectFormat(content: string, fileName?: string): StatementFormat {
  if (fileName && /\.xml$/i.test(fileName)) return 'camt053';
  if (fileName && /\.csv$/i.test(fileName)) return 'csv';
  return content
    .replace(/^\uFEFF/, '')
    .trimStart()
    .startsWith('<')
    ? 'camt053'
    : 'csv';
}

export function parseStatement(content: string, format: StatementFormat): ParsedStatement {
  if (content.includes('\u0000')) throw invalid('the file contains NUL bytes');
  return format === 'csv' ? parseCsvStatement(content) : parseCamt053Statement(content);
}
