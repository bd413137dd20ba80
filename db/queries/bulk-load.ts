/**
 * Bulk loads with PostgreSQL COPY, not row-by-row inserts (`ansinh seed`, dev/seed.ts, generates
 * the rows; here only the tables, their columns and the sequences). Rows are iterated once and
 * streamed in 1 MB chunks, so a generator of a million e-books is never held in memory.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type postgres from 'postgres';
import { createHash } from 'node:crypto';
import { renderSectionedEbook, type EbookParticipant, type EbookRecords } from '../../domain/ebook';
import { drizzle } from 'drizzle-orm/postgres-js';
import { GENESIS_HASH } from './audit';
import { ensureContributionPartitions } from './partitions';
import type { Db } from '../client';
import * as schema from '../schema';

const TSV = (v: unknown) =>
  v === null || v === undefined
    ? '\\N'
    : String(v).replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!);

type Conn = postgres.Sql | postgres.TransactionSql;

async function copy(sql: Conn, table: string, columns: string[], rows: Iterable<unknown[]>): Promise<void> {
  const writable = await sql.unsafe(`copy ${table} (${columns.join(', ')}) from stdin`).writable();
  async function* lines() {
    let chunk = '';
    for (const r of rows) {
      chunk += `${r.map(TSV).join('\t')}\n`;
      if (chunk.length > 1 << 20) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  }
  await pipeline(Readable.from(lines()), writable);
}

function* mapRows<T>(rows: Iterable<T>, f: (row: T) => unknown[]): Iterable<unknown[]> {
  for (const r of rows) yield f(r);
}

/** Where a bulk load continues from: what the database already holds. */
export interface BulkLoadStart {
  /** The highest unit-code serial in use. */
  unitBase: number;
  /** The SI-number sequence's last value. */
  siBase: number;
  /** How many participants there are. */
  participants: number;
  /** The employers' tax codes already taken. */
  taxCodes: Set<string>;
}

export async function bulkLoadStart(sql: postgres.Sql): Promise<BulkLoadStart> {
  const [{ n: unitBase }] =
    (await sql`select coalesce(max(substr(unit_code, 3)::int), 0) as n from employers`) as unknown as [{ n: number }];
  const [{ n: siBase }] = (await sql`select last_value::int as n from si_number_seq`) as unknown as [{ n: number }];
  const [{ n: participants }] = (await sql`select count(*)::int as n from participants`) as unknown as [{ n: number }];
  const taxCodes = new Set((await sql`select tax_code from employers`).map((e) => e.tax_code as string));
  return { unitBase, siBase, participants, taxCodes };
}

export interface EmployerLoadRow {
  taxCode: string;
  name: string;
  address: string;
  provinceCode: string;
  wageRegion: string;
  category: string;
  status: string;
  unitCode: string;
}

export async function loadEmployers(sql: postgres.Sql, rows: Iterable<EmployerLoadRow>): Promise<void> {
  await copy(
    sql,
    'employers',
    ['tax_code', 'name', 'address', 'province_code', 'wage_region', 'category', 'status', 'unit_code'],
    mapRows(rows, (e) => [
      e.taxCode,
      e.name,
      e.address,
      e.provinceCode,
      e.wageRegion,
      e.category,
      e.status,
      e.unitCode,
    ]),
  );
}

/** A participant row as the e-book shows it. */
export type ParticipantLoadRow = EbookParticipant;

export async function loadParticipants(sql: postgres.Sql, rows: Iterable<ParticipantLoadRow>): Promise<void> {
  await copy(
    sql,
    'participants',
    ['personal_id', 'si_number', 'full_name', 'date_of_birth', 'gender', 'nationality'],
    mapRows(rows, (p) => [p.personalId, p.siNumber, p.fullName, p.dateOfBirth, p.gender, p.nationality]),
  );
}

export interface EmploymentLoadRow {
  personalId: string;
  employerTaxCode: string;
  startMonth: string;
  /** Null: the employment runs on. */
  endMonth: string | null;
  jobTitle: string;
  contractType: string;
  /** Its salary rows, the first effective from the start month. */
  salaries: { effectiveMonth: string; amount: string }[];
}

/**
 * Employments and their salary rows. `rows` is called twice and must yield the same employments
 * both times (a generator that draws them again from a seed), once per table, so a million
 * careers are streamed, never held; their ids follow the highest in use, in the order yielded (the
 * sequence is moved past them). Returns how many employments were loaded.
 */
export async function loadEmployments(sql: postgres.Sql, rows: () => Iterable<EmploymentLoadRow>): Promise<number> {
  const [{ id: firstJob }] = (await sql`select coalesce(max(id), 0)::int + 1 as id from employments`) as unknown as [
    { id: number },
  ];
  let n = 0;
  await withoutRowChecks(sql, 'employments', (tx) =>
    copy(
      tx,
      'employments',
      ['id', 'personal_id', 'employer_tax_code', 'start_month', 'end_month', 'job_title', 'contract_type'],
      mapRows(rows(), (e) => [
        firstJob + n++,
        e.personalId,
        e.employerTaxCode,
        e.startMonth,
        e.endMonth,
        e.jobTitle,
        e.contractType,
      ]),
    ),
  );
  await sql`select setval('employments_id_seq', ${firstJob + n})`;
  let i = 0;
  await withoutRowChecks(sql, 'salary_history', (tx) =>
    copyLines(
      tx,
      'salary_history',
      ['employment_id', 'effective_month', 'amount'],
      (function* () {
        for (const e of rows()) {
          const id = firstJob + i++;
          for (const s of e.salaries) yield `${id}\t${s.effectiveMonth}\t${s.amount}\n`;
        }
      })(),
    ),
  );
  if (i !== n) throw new Error(`loadEmployments: the rows were not the same twice (${n} then ${i})`);
  return n;
}

/**
 * COPY of lines already in COPY's text format, one row each with its newline: for the tables of
 * a hundred million rows, whose fields (digits, months, tax codes, statuses) never need escaping.
 */
async function copyLines(sql: Conn, table: string, columns: string[], lines: Iterable<string>): Promise<void> {
  const writable = await sql.unsafe(`copy ${table} (${columns.join(', ')}) from stdin`).writable();
  async function* chunks() {
    let chunk = '';
    for (const l of lines) {
      chunk += l;
      if (chunk.length > 1 << 20) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  }
  await pipeline(Readable.from(chunks()), writable);
}

/**
 * Runs a bulk load into `table` in one transaction with the table's checks that cost per row
 * lifted: its foreign keys, its indexes, and its primary key and unique constraints when no other
 * table references them, each dropped first and created again from its own definition
 * (pg_get_constraintdef, pg_get_indexdef) after the load — one sort per index and one join per
 * foreign key instead of a lookup and a row lock per loaded row. A failure rolls all of it back.
 * (The seed's COPY of a hundred million contribution months; `npm run bench:reconcile` seeds.)
 */
async function withoutRowChecks<T>(sql: postgres.Sql, table: string, load: (tx: Conn) => Promise<T>): Promise<T> {
  return (await sql.begin(async (tx) => {
    const constraints = (await tx`
      select conname as name, pg_get_constraintdef(oid) as def, contype as kind from pg_constraint
       where conrelid = ${table}::regclass and conparentid = 0
         and (contype = 'f' or (contype in ('p', 'u')
              and not exists (select 1 from pg_constraint r where r.confrelid = ${table}::regclass and r.contype = 'f')))
       order by contype = 'f' desc`) as unknown as { name: string; def: string; kind: string }[];
    const indexes = (await tx`
      select c.relname as name, pg_get_indexdef(i.indexrelid) as def from pg_index i join pg_class c on c.oid = i.indexrelid
       where i.indrelid = ${table}::regclass and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)`) as unknown as {
      name: string;
      def: string;
    }[];
    const ident = (n: string) => `"${n.replace(/"/g, '""')}"`;
    for (const c of constraints) await tx.unsafe(`alter table ${table} drop constraint ${ident(c.name)}`);
    for (const x of indexes) await tx.unsafe(`drop index ${ident(x.name)}`);
    const result = await load(tx);
    for (const c of constraints.filter((c) => c.kind !== 'f'))
      await tx.unsafe(`alter table ${table} add constraint ${ident(c.name)} ${c.def}`);
    // A partitioned table's index is defined "ON ONLY" the parent (pg_get_indexdef): built so, it
    // would be the parent's alone and invalid, on no partition. Without ONLY it is built on every
    // partition and attached, as the migration built it.
    for (const x of indexes) await tx.unsafe(x.def.replace(/ ON ONLY /, ' ON '));
    for (const c of constraints.filter((c) => c.kind === 'f'))
      await tx.unsafe(`alter table ${table} add constraint ${ident(c.name)} ${c.def}`);
    return result;
  })) as T;
}

/** A participant's month as the reconciliation writes it (db/queries/reconciliation.ts insertContributionMonths). */
export interface ContributionMonthLoadRow {
  personalId: string;
  employerTaxCode: string;
  period: string;
  status: 'credited' | 'declared_unpaid';
  salary: string;
  employeeAmount: string;
  employerAmount: string;
  amount: string;
  lines: number;
}

/**
 * Contribution months, streamed (contribution_months is partitioned by year: ensureSeedPartitions
 * first). Returns how many were loaded.
 */
export async function loadContributionMonths(
  sql: postgres.Sql,
  rows: Iterable<ContributionMonthLoadRow>,
): Promise<number> {
  let n = 0;
  await withoutRowChecks(sql, 'contribution_months', (tx) =>
    copyLines(
      tx,
      'contribution_months',
      [
        'personal_id',
        'employer_tax_code',
        'period',
        'status',
        'salary',
        'employee_amount',
        'employer_amount',
        'amount',
        'lines',
      ],
      (function* () {
        for (const m of rows) {
          n++;
          yield `${m.personalId}\t${m.employerTaxCode}\t${m.period}\t${m.status}\t${m.salary}\t${m.employeeAmount}\t${m.employerAmount}\t${m.amount}\t${m.lines}\n`;
        }
      })(),
    ),
  );
  return n;
}

/** An employer's reconciled period (db/queries/reconciliation.ts upsertEmployerPeriods). */
export interface EmployerPeriodLoadRow {
  employerTaxCode: string;
  period: string;
  due: string;
  paid: string;
  outstanding: string;
  lateCharge: string;
  chargePaid: string;
  maxDaysLate: number;
  evasion: boolean;
  status: string;
  asOf: string;
  employees: number;
  dueByFund: unknown;
}

export async function loadEmployerPeriods(sql: postgres.Sql, rows: Iterable<EmployerPeriodLoadRow>): Promise<void> {
  await copy(
    sql,
    'employer_periods',
    [
      'employer_tax_code',
      'period',
      'due',
      'paid',
      'outstanding',
      'late_charge',
      'charge_paid',
      'max_days_late',
      'evasion',
      'status',
      'as_of',
      'employees',
      'due_by_fund',
    ],
    mapRows(rows, (p) => [
      p.employerTaxCode,
      p.period,
      p.due,
      p.paid,
      p.outstanding,
      p.lateCharge,
      p.chargePaid,
      p.maxDaysLate,
      p.evasion,
      p.status,
      p.asOf,
      p.employees,
      JSON.stringify(p.dueByFund),
    ]),
  );
}

/** contribution_months' yearly partitions through `through`'s year (db/queries/partitions.ts), before loading months. */
export async function ensureSeedPartitions(sql: postgres.Sql, through: string): Promise<number> {
  return ensureContributionPartitions(drizzle(sql, { schema }) as unknown as Db, through);
}

export interface HiCardLoadRow {
  cardCode: string;
  personalId: string;
  payerKind: string;
  payerTaxCode: string;
  levelDigit: number;
  benefitLevel: number;
  validFrom: string;
}

export async function loadHiCards(sql: postgres.Sql, rows: Iterable<HiCardLoadRow>): Promise<void> {
  await copy(
    sql,
    'hi_cards',
    ['card_code', 'personal_id', 'payer_kind', 'payer_tax_code', 'level_digit', 'benefit_level', 'valid_from'],
    mapRows(rows, (c) => [
      c.cardCode,
      c.personalId,
      c.payerKind,
      c.payerTaxCode,
      c.levelDigit,
      c.benefitLevel,
      c.validFrom,
    ]),
  );
}

const nativeSha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * E-books, streamed: `rows` may be a generator yielding each participant's records one at a time;
 * each is rendered here into its sections (domain/ebook.ts) and stored as version 1. The books'
 * rows and their sections go in two COPYs per few megabytes of books, so nothing grows with the
 * population.
 */
export async function loadEbooks(sql: postgres.Sql, rows: Iterable<EbookRecords>): Promise<void> {
  let books: unknown[][] = [];
  let sections: unknown[][] = [];
  let bytes = 0;
  const flush = async () => {
    if (books.length === 0) return;
    await copy(sql, 'ebooks', ['personal_id', 'version', 'root', 'sections'], books);
    await copy(sql, 'ebook_sections', ['personal_id', 'section', 'content', 'sha256'], sections);
    books = [];
    sections = [];
    bytes = 0;
  };
  for (const records of rows) {
    const id = records.participant.personalId;
    const book = renderSectionedEbook(records, nativeSha256);
    books.push([id, 1, book.root, book.manifest]);
    for (const x of book.sections) {
      sections.push([id, x.key, x.content, x.sha256]);
      bytes += x.content.length;
    }
    if (bytes > 8 << 20) await flush();
  }
  await flush();
  // Each loaded book starts its version history (ebook_versions), set-based after the COPY.
  await sql`insert into ebook_versions (personal_id, version, sha256, prev_hash)
            select b.personal_id, b.version, b.root, ${GENESIS_HASH} from ebooks b
             where not exists (select 1 from ebook_versions v where v.personal_id = b.personal_id)`;
}

/** Moves the SI-number and unit-code sequences to the last serials a load used. */
export async function advanceSequences(sql: postgres.Sql, last: { siNumber: number; unitCode: number }): Promise<void> {
  await sql`select setval('si_number_seq', ${last.siNumber})`;
  await sql`select setval('unit_code_seq', ${last.unitCode})`;
}

/** The id the next loaded payment takes (payments are loaded with their ids: allocations name them). */
export async function nextPaymentId(sql: postgres.Sql): Promise<number> {
  const [{ id }] = (await sql`select coalesce(max(id), 0)::int + 1 as id from payments`) as unknown as [{ id: number }];
  return id;
}

export interface PaymentLoadRow {
  id: number;
  bankReference: string;
  employerTaxCode: string;
  amount: string;
  valueDate: string;
  author: string;
}

export interface AllocationLoadRow {
  paymentId: number;
  period: string;
  principal: string;
  interest: string;
  settledOn: string;
  fromCredit: boolean;
}

/** Payments (ids `firstId` on, from nextPaymentId) and their allocations; the payment sequence is moved past them. */
export async function loadPayments(
  sql: postgres.Sql,
  firstId: number,
  payments: PaymentLoadRow[],
  allocations: AllocationLoadRow[],
): Promise<void> {
  await copy(
    sql,
    'payments',
    ['id', 'bank_reference', 'employer_tax_code', 'amount', 'value_date', 'author'],
    payments.map((p) => [p.id, p.bankReference, p.employerTaxCode, p.amount, p.valueDate, p.author]),
  );
  await copy(
    sql,
    'payment_allocations',
    ['payment_id', 'period', 'principal', 'interest', 'settled_on', 'from_credit'],
    allocations.map((a) => [a.paymentId, a.period, a.principal, a.interest, a.settledOn, a.fromCredit]),
  );
  await sql`select setval('payments_id_seq', ${firstId + payments.length})`;
}

export async function analyze(sql: postgres.Sql): Promise<void> {
  await sql`analyze`;
}
