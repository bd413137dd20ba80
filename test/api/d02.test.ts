/**
 * The employer's D02-LT file through the API (issue #15, rules §8.41): preview and submit a raw or
 * multipart upload, the refusals of a file as problem+json with their 4xx codes, the exports (the
 * employee list's read logged) and their round trip, and random or malformed CSV and XLSX that
 * never give a 5xx and never write anything.
 *
 * The API's clock is pinned to 2026-12-15 (the fixture's employees start in 2026-10).
 */
import { and, eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { verifyEbooks } from '../../db/queries/ebooks';
import { accessLog } from '../../db/schema';
import { rng, sampleEmployee } from '../../dev/sample';
import { createClock } from '../../runtime/clock';
import { csvOf, FIELDS, HEADER, hireRow, xlsxOf, type Row } from '../services/d02-helpers';
import { apiFixture, bearer, type ApiFixture } from './fixture';

const clock = createClock({ pinnedDate: '2026-12-15' });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let f: ApiFixture;
let employer: string;
let taxCode: string;
beforeAll(async () => {
  f = await apiFixture('d02', { clock });
  taxCode = f.a.employer.taxCode;
  employer = await f.token({ role: 'employer', taxCode });
});
afterAll(async () => {
  await f?.close();
});

const upload = (path: string, bytes: Buffer, type = 'text/csv', token = employer) =>
  f.app.inject({
    method: 'POST',
    url: `/v1/employers/${taxCode}/declarations/file${path}`,
    headers: { ...bearer(token), 'content-type': type },
    payload: bytes,
  });
const json = (r: { body: string }) => JSON.parse(r.body);

/** Row count and md5 of what a declaration writes. */
async function snapshot(): Promise<unknown> {
  return queryRows(
    f.tdb.db,
    sql.raw(
      [
        'declarations',
        'participants',
        'employments',
        'salary_history',
        'unpaid_leave_months',
        'hi_cards',
        'ebooks',
        'audit_events',
      ]
        .map(
          (t) =>
            `select '${t}' as t, count(*)::int as n, coalesce(md5(string_agg(x::text, ',' order by x::text)), '') as s from ${t} x`,
        )
        .join(' union all '),
    ),
  );
}

describe('POST /v1/employers/{taxCode}/declarations/file[/preview]', () => {
  it('the preview (raw CSV) writes nothing; the submission of the previewed file declares once (201), again is a no-op', async () => {
    const e = f.a.employees[1]!;
    const hire = sampleEmployee(rng(41), { startMonth: '2026-12', serial: 880_101 });
    const file = csvOf([
      hireRow(hire),
      { personalId: e.personalId, salary: '21.000.000', fromMonth: '12/2026', action: 'DC' },
    ]);
    const before = await snapshot();
    const p = await upload('/preview', file);
    expect(p.statusCode, p.body).toBe(200);
    expect(json(p)).toMatchObject({ format: 'csv', rows: 2, declarations: 2, errors: [] });
    expect(await snapshot()).toEqual(before);

    const s = await upload(`?sha256=${json(p).sha256}`, file);
    expect(s.statusCode, s.body).toBe(201);
    expect(json(s).results.map((r: { kind: string }) => r.kind)).toEqual(['hire', 'salary_change']);
    const again = await upload('', file);
    expect(again.statusCode).toBe(201);
    expect(json(again).results.every((r: { alreadyRecorded: boolean }) => r.alreadyRecorded)).toBe(true);
    expect((await verifyEbooks(f.tdb.db)).mismatches).toEqual([]);
  });

  it('a multipart form (the console) and an XLSX body are read the same way', async () => {
    const e = f.a.employees[2]!;
    const xlsx = await xlsxOf([{ personalId: e.personalId, salary: 13_500_000, fromMonth: '12/2026', action: 'DC' }]);
    const boundary = 'd02boundary';
    const form = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="d02.xlsx"\r\nContent-Type: ${XLSX}\r\n\r\n`,
      ),
      xlsx,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const viaForm = await upload('/preview', form, `multipart/form-data; boundary=${boundary}`);
    expect(viaForm.statusCode, viaForm.body).toBe(200);
    const viaBody = await upload('/preview', xlsx, XLSX);
    expect(json(viaForm)).toEqual(json(viaBody));
    expect(json(viaBody).changes).toEqual([expect.objectContaining({ kind: 'salary_change', salary: '13500000' })]);
  });

  it('a file refused as a whole is a 4xx problem with its own code; refused rows are 422 with each line and column', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('STT,Họ và tên\r\n', 'utf16le')]);
    const cases: [Buffer, number, string][] = [
      [utf16, 415, 'D02_ENCODING'],
      [Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 415, 'D02_FORMAT'],
      [Buffer.from('a,b,c\r\n1,2,3\r\n'), 422, 'D02_UNKNOWN_LAYOUT'],
      [Buffer.from('PK\u0003\u0004broken'), 422, 'D02_XLSX_UNREADABLE'],
    ];
    for (const [bytes, status, code] of cases) {
      const r = await upload('/preview', bytes, 'application/octet-stream');
      expect(r.statusCode, code).toBe(status);
      expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(json(r)).toMatchObject({ code });
    }
    const big = await upload('/preview', Buffer.alloc(9 * 1024 * 1024, 0x41));
    expect(big.statusCode).toBe(413);

    const before = await snapshot();
    const bad = csvOf([
      { personalId: f.a.employees[3]!.personalId, salary: '7.000.00', fromMonth: '12/2026', action: 'DC' },
      { personalId: f.a.employees[3]!.personalId, fromMonth: '14/2026', action: 'KL' },
    ]);
    const r = await upload('', bad);
    expect(r.statusCode).toBe(422);
    expect(json(r).errors).toEqual([
      expect.objectContaining({ line: 2, field: HEADER('salary'), code: 'D02_AMOUNT_FORMAT' }),
      expect.objectContaining({ line: 3, field: HEADER('fromMonth'), code: 'D02_MONTH_FORMAT' }),
    ]);
    const en = await f.app.inject({
      method: 'POST',
      url: `/v1/employers/${taxCode}/declarations/file`,
      headers: { ...bearer(employer), 'content-type': 'text/csv', 'accept-language': 'en' },
      payload: bad,
    });
    expect(json(en).errors[0].message).toBe('An amount is whole VND, e.g. 15,000,000.');
    expect(json(r).errors[0].message).toBe('Số tiền là số đồng nguyên, ví dụ 15.000.000.');
    const changed = await upload(`?sha256=${'0'.repeat(64)}`, csvOf([{ personalId: '1', action: 'GH' }]));
    expect([409, 422]).toContain(changed.statusCode);
    expect(json(changed).code).toBe('D02_FILE_CHANGED');
    expect(await snapshot()).toEqual(before);
  });
});

describe('exports', () => {
  it('GET employees.csv|.xlsx: the D02-LT list, its read logged per person; uploaded again it declares nothing', async () => {
    for (const [ext, type] of [
      ['csv', /^text\/csv/],
      ['xlsx', /spreadsheetml/],
    ] as const) {
      const r = await f.app.inject({
        url: `/v1/employers/${taxCode}/employees.${ext}?month=2026-12`,
        headers: bearer(employer),
      });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.headers['content-type']).toMatch(type);
      expect(r.headers['content-disposition']).toBe(`attachment; filename="D02-LT-${taxCode}-2026-12.${ext}"`);
      const logged = await f.tdb.db
        .select()
        .from(accessLog)
        .where(
          and(
            eq(accessLog.personalId, f.a.employees[4]!.personalId),
            eq(accessLog.purpose, `GET /v1/employers/:taxCode/employees.${ext}`),
          ),
        );
      expect(logged).toEqual([expect.objectContaining({ role: 'employer', employerTaxCode: taxCode })]);
      const p = await upload('/preview', r.rawPayload, 'application/octet-stream');
      expect(p.statusCode, p.body).toBe(200);
      expect(json(p)).toMatchObject({ errors: [], declarations: 0 });
      expect(json(p).unchanged).toBeGreaterThanOrEqual(f.a.employees.length);
    }
    const other = await f.app.inject({
      url: `/v1/employers/${f.b.employer.taxCode}/employees.csv`,
      headers: bearer(employer),
    });
    expect(other.statusCode).toBe(403);
  });

  it('GET statements/{YYYY-MM}.csv|.xlsx; a bad file name is 400', async () => {
    const r = await f.app.inject({ url: `/v1/employers/${taxCode}/statements/2026-11.csv`, headers: bearer(employer) });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.body).toContain('Tổng số phải đóng');
    const x = await f.app.inject({
      url: `/v1/employers/${taxCode}/statements/2026-11.xlsx`,
      headers: bearer(employer),
    });
    expect(x.statusCode).toBe(200);
    expect(x.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const bad = await f.app.inject({
      url: `/v1/employers/${taxCode}/statements/2026-13.pdf`,
      headers: bearer(employer),
    });
    expect(bad.statusCode).toBe(400);
    expect(json(bad).code).toBe('INVALID_STATEMENT_FILE');
  });
});

describe('random and malformed files never give a 5xx and never write (property-based)', () => {
  const RUNS = Number(process.env['FUZZ_RUNS'] ?? 40);
  const noServerError = (r: { statusCode: number; body: string }) => {
    expect(r.statusCode, r.body).toBeLessThan(500);
    if (r.statusCode >= 400) expect(json(r).code).toMatch(/^[A-Z][A-Z0-9_]+$/);
  };
  const cellText = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom(
      '15.000.000',
      '1e21',
      '=1+1',
      '-0',
      '31/02/2026',
      '13/2026',
      'TM',
      'GH',
      'DC',
      'KL',
      'Nữ',
      '\u0000',
      '\ud800',
    ),
    fc.integer().map(String),
  );
  const row = fc.dictionary(fc.constantFrom(...FIELDS), cellText) as fc.Arbitrary<Row>;

  it('random bytes, random CSV under the form’s headers, and XLSX with random cells', async () => {
    const before = await snapshot();
    const person = f.a.employees[4]!.personalId;
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 400 }),
        fc.array(row, { maxLength: 6 }),
        fc.array(row, { maxLength: 3 }),
        fc.string({ maxLength: 80 }),
        async (bytes, rows, xrows, text) => {
          // Submissions are made to fail: each file also carries a row with an unreadable amount.
          const poison: Row = { personalId: person, salary: '1.2.3', fromMonth: '12/2026', action: 'DC' };
          for (const [path, body, type] of [
            ['/preview', Buffer.from(bytes), 'application/octet-stream'],
            ['', Buffer.from(bytes), 'application/octet-stream'],
            ['', Buffer.from(text), 'text/csv'],
            ['/preview', csvOf(rows), 'text/csv'],
            ['', csvOf([...rows, poison], { delimiter: ';' }), 'text/csv'],
            ['', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.from(bytes)]), XLSX],
          ] as const)
            noServerError(await upload(path, body, type));
          const xlsx = await xlsxOf([...xrows, poison]);
          noServerError(await upload('', xlsx, XLSX));
          // A byte of the workbook flipped: unreadable or read, never a 5xx.
          const flipped = Buffer.from(xlsx);
          const at = bytes.length ? (bytes[0]! * 7) % flipped.length : 100;
          flipped[at] = flipped[at]! ^ 0xff;
          noServerError(await upload('', flipped, XLSX));
        },
      ),
      { numRuns: RUNS },
    );
    expect(await snapshot()).toEqual(before);
  });
});
