/**
 * The employer's D02-LT file (issue #15, rules §8.41) on the real database: the form's columns
 * read with or without diacritics, amounts exact, dates and serials, row findings with line and
 * column in both languages, the preview writing nothing, the submission through `declare`
 * (recorded once, e-books re-rendered), the files refused as a whole, and the export that can be
 * edited and uploaded again.
 *
 * Declarations are dated by a clock pinned to 2026-12-15 (the sample employees start in 2026-10),
 * so nothing depends on today's date.
 */
import { count, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rng, sampleEmployee, sampleSubmission } from '../../dev/sample';
import { findEbook, verifyEbooks } from '../../db/queries/ebooks';
import { declarations, employments, salaryHistory } from '../../db/schema';
import { declare } from '../../services/declarations';
import { D02_MAX_ROWS, readAmount, readDate, readMonth } from '../../domain/d02';
import { DomainError } from '../../domain/errors';
import { createClock } from '../../runtime/clock';
import { checkZip, readD02Table } from '../../services/d02-read';
import { employeesFile, previewD02, statementFile, submitD02 } from '../../services/d02';
import { onboardDirectly } from '../api/fixture';
import { createTestDatabase, type TestDatabase } from '../setup/harness';
import { csvOf, FIELDS, HEADER, hireRow, xlsxOf, zipOf, type Row } from './d02-helpers';

const clock = createClock({ pinnedDate: '2026-12-15' });
let tdb: TestDatabase;
const sub = sampleSubmission(7701, 4, { startMonth: '2026-10' });
const taxCode = sub.employer.taxCode;
const [e0, e1, e2, e3] = sub.employees as [
  (typeof sub.employees)[0],
  (typeof sub.employees)[0],
  (typeof sub.employees)[0],
  (typeof sub.employees)[0],
];

beforeAll(async () => {
  tdb = await createTestDatabase('d02');
  await onboardDirectly(tdb, sub);
});
afterAll(async () => {
  await tdb?.drop();
});

const declared = async () => (await tdb.db.select({ n: count() }).from(declarations))[0]!.n;
const preview = (bytes: Buffer) => previewD02(tdb.db, { taxCode, bytes, now: clock() });
const submit = (bytes: Buffer, expectSha256?: string) =>
  submitD02(tdb.db, {
    taxCode,
    author: 'employer:test',
    bytes,
    now: clock(),
    declareWith: declare,
    ...(expectSha256 ? { expectSha256 } : {}),
  });
const refusal = async (p: Promise<unknown>): Promise<DomainError> => {
  try {
    await p;
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('not refused');
};

describe('reading the cells of a D02-LT list (rules §8.41)', () => {
  it('reads amounts exactly, grouped by dots, commas or spaces, never through a float', () => {
    for (const t of [
      '15.000.000',
      '15,000,000',
      '15 000 000',
      '15000000',
      '15.000.000 đ',
      '15.000.000,00',
      '15,000,000.00',
    ])
      expect(readAmount(t)).toEqual({ ok: true, value: '15000000' });
    expect(readAmount('9.007.199.254.740.993')).toEqual({ ok: true, value: '9007199254740993' });
    expect(readAmount(15_000_000)).toEqual({ ok: true, value: '15000000' });
    for (const t of ['15.000.00', '1.5e7', '-15000000', '15,000.000,5', 'mười lăm triệu'])
      expect(readAmount(t)).toMatchObject({ ok: false, code: 'D02_AMOUNT_FORMAT' });
    expect(readAmount('4,74')).toMatchObject({ ok: false, code: 'D02_PAY_SCALE_UNSUPPORTED' });
    expect(readAmount(15_000_000.5)).toMatchObject({ ok: false, code: 'D02_AMOUNT_FORMAT' });
    expect(readAmount({ formula: true })).toMatchObject({ ok: false, code: 'D02_FORMULA_CELL' });
  });

  it('reads a day as dd/mm/yyyy, an ISO date, a date cell or an Excel serial (1900 system), and a month as mm/yyyy', () => {
    expect(readDate('05/03/1990')).toEqual({ ok: true, value: '1990-03-05' });
    expect(readDate('1990-03-05')).toEqual({ ok: true, value: '1990-03-05' });
    expect(readDate(32937)).toEqual({ ok: true, value: '1990-03-05' });
    expect(readDate('32937')).toEqual({ ok: true, value: '1990-03-05' });
    expect(readDate({ date: '1990-03-05' })).toEqual({ ok: true, value: '1990-03-05' });
    expect(readDate('31/02/1990')).toMatchObject({ ok: false, code: 'D02_DATE_FORMAT' });
    expect(readMonth('12/2026')).toEqual({ ok: true, value: '2026-12' });
    expect(readMonth('2026-12')).toEqual({ ok: true, value: '2026-12' });
    expect(readMonth(46357)).toEqual({ ok: true, value: '2026-12' });
    expect(readMonth('13/2026')).toMatchObject({ ok: false, code: 'D02_MONTH_FORMAT' });
  });
});

describe('preview, then submit (issue #15)', () => {
  const hire = sampleEmployee(rng(31), { startMonth: '2026-12', serial: 770_101 });
  const rows: Row[] = [
    { ...hireRow(hire), no: 1 },
    {
      no: 2,
      fullName: e0.fullName,
      personalId: e0.personalId,
      salary: '25.000.000',
      fromMonth: '12/2026',
      action: 'DC',
    },
    { no: 3, fullName: e1.fullName, personalId: e1.personalId, fromMonth: '12/2026', action: 'GH' },
    { no: 4, fullName: e2.fullName, personalId: e2.personalId, fromMonth: '11/2026', toMonth: '12/2026', action: 'KL' },
    { no: 5, fullName: e3.fullName, personalId: e3.personalId, salary: '9.000.000', fromMonth: '10/2026' },
  ];

  it('the preview answers every change and writes nothing; the submission declares them once, e-books re-rendered', async () => {
    const file = csvOf(rows);
    const before = await declared();
    const p = await preview(file);
    expect(p.errors).toEqual([]);
    expect(p).toMatchObject({ format: 'csv', rows: 5, unchanged: 1, declarations: 5 });
    expect(p.changes).toEqual([
      expect.objectContaining({ line: 2, kind: 'hire', personalId: hire.personalId, effectiveMonth: '2026-12' }),
      expect.objectContaining({
        line: 3,
        kind: 'salary_change',
        salary: '25000000',
        currentSalary: e0.salary,
        alreadyRecorded: false,
      }),
      expect.objectContaining({ line: 4, kind: 'leave', effectiveMonth: '2026-11' }),
      expect.objectContaining({ line: 5, kind: 'unpaid_leave', effectiveMonth: '2026-11' }),
      expect.objectContaining({ line: 5, kind: 'unpaid_leave', effectiveMonth: '2026-12' }),
    ]);
    expect(await declared()).toBe(before);

    const r = await submit(file, p.sha256);
    expect(r.results.map((x) => [x.kind, x.alreadyRecorded])).toEqual([
      ['hire', false],
      ['salary_change', false],
      ['leave', false],
      ['unpaid_leave', false],
      ['unpaid_leave', false],
    ]);
    expect(await declared()).toBe(before + 5);
    const [job] = await tdb.db.select().from(employments).where(eq(employments.personalId, e1.personalId));
    expect(job!.endMonth).toBe('2026-11');
    const book = (await findEbook(tdb.db, e0.personalId))!;
    expect(JSON.parse(book!.content).employments[0].salaries).toContainEqual({
      effectiveMonth: '2026-12',
      amount: '25000000',
    });
    expect((await verifyEbooks(tdb.db)).mismatches).toEqual([]);

    // The same file again: every declaration already recorded, nothing more written.
    const again = await submit(file);
    expect(again.results.every((x) => x.alreadyRecorded)).toBe(true);
    expect(await declared()).toBe(before + 5);
    expect((await preview(file)).changes.every((c) => c.alreadyRecorded)).toBe(true);
  });

  it('a submission of another file than the one previewed is refused', async () => {
    const e = await refusal(submit(csvOf(rows.slice(1, 2)), 'a'.repeat(64)));
    expect(e.code).toBe('D02_FILE_CHANGED');
  });

  it('headers without diacritics, in capitals, or in English, and a semicolon, are the same layout', async () => {
    const row: Row = { personalId: e3.personalId, salary: '9,500,000', fromMonth: '2026-12', action: 'dc' };
    const folded = FIELDS.map((f) =>
      HEADER(f).normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toUpperCase(),
    );
    const english = [
      'No',
      'Full name',
      'SI number',
      'Date of birth',
      'Gender',
      'Personal ID',
      'Job title',
      'Salary',
      'Salary allowance',
      'Contract type',
      'From month',
      'To month',
      'Action',
      'Note',
    ];
    for (const headers of [folded, english]) {
      const p = await preview(csvOf([row], { headers, delimiter: ';', bom: false }));
      expect(p.errors).toEqual([]);
      expect(p.changes).toEqual([expect.objectContaining({ kind: 'salary_change', salary: '9500000' })]);
    }
  });

  it('every row finding has its line, its column as the file writes it, its code and both languages; submitting writes nothing', async () => {
    const bad: Row[] = [
      { personalId: e3.personalId, salary: '9.500.00', fromMonth: '12/2026', action: 'DC' },
      { personalId: e3.personalId, salary: '9.500.000', fromMonth: '12/2026', action: 'XX' },
      { ...hireRow(sampleEmployee(rng(32), { startMonth: '2026-12', serial: 770_102 })), dateOfBirth: '31/02/1990' },
      { personalId: '123', fromMonth: '12/2026', action: 'GH' },
      // Valid cells, refused by the database: not employed here, salary below the floor.
      {
        personalId: hire.personalId.replace(/\d$/, (d) => String((Number(d) + 1) % 10)),
        fromMonth: '12/2026',
        action: 'GH',
      },
      { personalId: e3.personalId, salary: '1.000.000', fromMonth: '12/2026', action: 'DC' },
    ];
    const file = csvOf(bad);
    const before = await declared();
    const p = await preview(file);
    expect(p.errors.map((e) => [e.line, e.column, e.code])).toEqual([
      [2, 'Hệ số/Mức lương', 'D02_AMOUNT_FORMAT'],
      [3, 'Phương án', 'D02_UNKNOWN_ACTION'],
      [4, 'Ngày, tháng, năm sinh', 'D02_DATE_FORMAT'],
      [5, 'Số CCCD/ĐDCN/Hộ chiếu', 'INVALID_PERSONAL_ID'],
      [6, 'Số CCCD/ĐDCN/Hộ chiếu', 'NOT_EMPLOYED'],
      [7, 'Hệ số/Mức lương', 'SALARY_BELOW_FLOOR'],
    ]);
    for (const e of p.errors) {
      expect(e.message.vi).not.toBe(e.message.en);
      expect(e.message.vi.length).toBeGreaterThan(5);
    }
    expect(p.errors[0]!.message.vi).toContain('15.000.000');
    const refused = await refusal(submit(file));
    expect(refused.code).toBe('D02_AMOUNT_FORMAT');
    expect((refused.details as { errors: unknown[] }).errors).toHaveLength(6);
    expect(await declared()).toBe(before);

    // The database's findings alone: declare refuses, and its findings come back at the file's lines.
    const dbOnly = await refusal(submit(csvOf(bad.slice(4))));
    expect((dbOnly.details as { errors: { line: number; field: string; code: string }[] }).errors).toEqual([
      expect.objectContaining({ line: 2, field: 'Số CCCD/ĐDCN/Hộ chiếu', code: 'NOT_EMPLOYED' }),
      expect.objectContaining({ line: 3, field: 'Hệ số/Mức lương', code: 'SALARY_BELOW_FLOOR' }),
    ]);
    expect(await declared()).toBe(before);
  });
});

describe('XLSX (exceljs): the form with its title rows, dates, serials, text amounts; formulas never evaluated', () => {
  it('reads the form under its title and numbering rows: a date cell, a serial, an amount as text with separators', async () => {
    const hire = sampleEmployee(rng(33), { startMonth: '2026-12', serial: 770_103 });
    const [y, m, d] = hire.dateOfBirth.split('-').map(Number) as [number, number, number];
    const file = await xlsxOf(
      [
        { ...hireRow(hire), dateOfBirth: new Date(Date.UTC(y, m - 1, d)), salary: '12.345.000' },
        { personalId: e3.personalId, salary: 9_600_000, fromMonth: 46357, action: 'DC' },
      ],
      { title: true },
    );
    const p = await preview(file);
    expect(p.errors).toEqual([]);
    expect(p.format).toBe('xlsx');
    expect(p.changes).toEqual([
      expect.objectContaining({ line: 5, kind: 'hire', salary: '12345000', effectiveMonth: '2026-12' }),
      expect.objectContaining({ line: 6, kind: 'salary_change', salary: '9600000', effectiveMonth: '2026-12' }),
    ]);
  });

  it('a formula cell is a finding, whatever its cached result', async () => {
    const p = await preview(
      await xlsxOf([
        { personalId: e3.personalId, salary: { formula: '9000000+1' }, fromMonth: '12/2026', action: 'DC' },
      ]),
    );
    expect(p.errors.map((e) => [e.line, e.column, e.code])).toEqual([[2, 'Hệ số/Mức lương', 'D02_FORMULA_CELL']]);
  });

  it('a zip bomb is refused having unpacked no more than the limit; an entry whose declared size lies is unreadable', async () => {
    const zeros = Buffer.alloc(130 * 1024 * 1024);
    const bomb = zipOf([{ name: 'xl/worksheets/sheet1.xml', data: zeros }]);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect((await refusal(readD02Table(bomb))).code).toBe('D02_XLSX_TOO_LARGE');
    const liar = zipOf([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(4 * 1024 * 1024), declaredSize: 100 }]);
    expect((await refusal(checkZip(liar))).code).toBe('D02_XLSX_UNREADABLE');
    expect((await refusal(readD02Table(Buffer.from('PK\u0003\u0004 not a zip')))).code).toBe('D02_XLSX_UNREADABLE');
  });
});

describe('files refused as a whole, each with its code', () => {
  it('UTF-16, Windows-1258, a legacy .xls, no D02-LT header, no rows, more than 10,000 rows', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csvOf([]).toString('utf8'), 'utf16le')]);
    expect((await refusal(preview(utf16))).code).toBe('D02_ENCODING');
    // "Họ và tên" in Windows-1258: "ọ" is o + 0xF2 (combining dot below), "à" 0xE0 — not UTF-8.
    const cp1258 = Buffer.concat([
      Buffer.from('H'),
      Buffer.from([0x6f, 0xf2, 0x20, 0x76, 0xe0]),
      Buffer.from(' tên\r\n'),
    ]);
    expect((await refusal(preview(cp1258))).code).toBe('D02_ENCODING');
    expect((await refusal(preview(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])))).code).toBe(
      'D02_FORMAT',
    );
    const layout = await refusal(preview(Buffer.from('Mã nhân viên,Tên,Lương\r\n1,An,10000000\r\n')));
    expect(layout.code).toBe('D02_UNKNOWN_LAYOUT');
    expect(layout.params).toEqual({ missing: expect.stringContaining('Số CCCD/ĐDCN/Hộ chiếu') });
    expect((await refusal(preview(csvOf([])))).code).toBe('D02_EMPTY');
    expect((await refusal(preview(Buffer.alloc(0)))).code).toBe('D02_EMPTY');
    const many = csvOf(
      Array.from({ length: D02_MAX_ROWS + 1 }, () => ({
        personalId: e3.personalId,
        fromMonth: '12/2026',
        action: 'KL',
      })),
    );
    expect((await refusal(preview(many))).code).toBe('D02_TOO_MANY_ROWS');
  });
});

describe('exports: the employee list in the D02-LT layout (round trip) and the monthly statement', () => {
  it('the exported list, uploaded unchanged, declares nothing; one salary edited with DC is declared', async () => {
    const month = '2026-12';
    for (const format of ['csv', 'xlsx'] as const) {
      const { bytes, personalIds } = await employeesFile(tdb.db, { taxCode, month, format });
      expect(personalIds).toContain(e3.personalId);
      const p = await preview(bytes);
      expect(p.errors).toEqual([]);
      expect(p).toMatchObject({ declarations: 0, unchanged: personalIds.length, rows: personalIds.length });
      expect((await refusal(submit(bytes))).code).toBe('D02_NOTHING_DECLARED');
    }
    // Edit the CSV as an employer would: one row's salary, its action and the month it applies from.
    const { bytes } = await employeesFile(tdb.db, { taxCode, month, format: 'xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as string[]).map(String);
    const col = (h: string) => header.indexOf(h);
    let edited = 0;
    ws.eachRow((row, n) => {
      if (n > 1 && row.getCell(col(HEADER('personalId'))).value === e3.personalId) {
        row.getCell(col(HEADER('salary'))).value = '11.111.000';
        row.getCell(col(HEADER('action'))).value = 'DC';
        row.getCell(col(HEADER('fromMonth'))).value = '12/2026';
        edited = n;
      }
    });
    expect(edited).toBeGreaterThan(1);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const p = await preview(file);
    expect(p.changes).toEqual([
      expect.objectContaining({ line: edited, kind: 'salary_change', personalId: e3.personalId, salary: '11111000' }),
    ]);
    await submit(file);
    const [job] = await tdb.db.select().from(employments).where(eq(employments.personalId, e3.personalId));
    const salaries = await tdb.db.select().from(salaryHistory).where(eq(salaryHistory.employmentId, job!.id));
    expect(salaries).toContainEqual(expect.objectContaining({ effectiveMonth: '2026-12', amount: '11111000' }));
    const csv = (await employeesFile(tdb.db, { taxCode, month, format: 'csv' })).bytes.toString('utf8');
    expect(csv.startsWith('\ufeffSTT,Họ và tên,Mã số BHXH')).toBe(true);
    expect(csv).toContain(`${e3.personalId}`);
    expect(csv).toContain('11111000');
  });

  it('the monthly statement as CSV and XLSX, the form’s words in Vietnamese', async () => {
    const csv = (
      await statementFile(tdb.db, { taxCode, period: '2026-11', asOf: '2026-12-15', format: 'csv' })
    ).toString('utf8');
    expect(csv).toContain('Chỉ tiêu,Giá trị');
    expect(csv).toContain(`Mã số thuế,${taxCode}`);
    expect(csv).toMatch(/Tổng số phải đóng,\d+/);
    const xlsx = await statementFile(tdb.db, { taxCode, period: '2026-11', asOf: '2026-12-15', format: 'xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getCell('A1').value).toBe('Chỉ tiêu');
  });
});
