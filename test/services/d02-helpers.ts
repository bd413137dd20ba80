/**
 * Building D02-LT files for tests: CSV text with the form's headers, XLSX workbooks (exceljs), and
 * hand-made zips (a zip bomb, an entry whose declared size lies) that no library would write.
 */
import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { D02_COLUMNS, type D02Field } from '../../domain/d02';
import type { EmployeeInput } from '../../domain/schemas';

export const HEADER = (f: D02Field) => D02_COLUMNS.find((c) => c.field === f)!.header;

/** The columns the tests write, in this order. */
export const FIELDS: D02Field[] = [
  'no',
  'fullName',
  'siNumber',
  'dateOfBirth',
  'gender',
  'personalId',
  'jobTitle',
  'salary',
  'salaryAllowance',
  'contractType',
  'fromMonth',
  'toMonth',
  'action',
  'note',
];

export type Row = Partial<Record<D02Field, string | number | Date | { formula: string }>>;

const csvCell = (v: unknown) => {
  const s = v === undefined ? '' : String(v);
  return /[",;\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function csvOf(rows: Row[], opts: { headers?: string[]; delimiter?: string; bom?: boolean } = {}): Buffer {
  const d = opts.delimiter ?? ',';
  const headers = opts.headers ?? FIELDS.map(HEADER);
  const lines = [headers.map(csvCell).join(d), ...rows.map((r) => FIELDS.map((f) => csvCell(r[f])).join(d))];
  return Buffer.from(`${opts.bom === false ? '' : '\ufeff'}${lines.join('\r\n')}\r\n`, 'utf8');
}

export async function xlsxOf(rows: Row[], opts: { title?: boolean } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('D02-LT');
  if (opts.title) {
    ws.addRow(['BÁO CÁO TÌNH HÌNH SỬ DỤNG LAO ĐỘNG VÀ DANH SÁCH THAM GIA BHXH, BHYT, BHTN']);
    ws.addRow(['Tên đơn vị: Công ty TNHH Mẫu']);
  }
  ws.addRow(FIELDS.map(HEADER));
  if (opts.title) ws.addRow(FIELDS.map((_, i) => `(${i + 1})`));
  for (const r of rows) ws.addRow(FIELDS.map((f) => r[f] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A hire row from a sample employee. */
export function hireRow(e: EmployeeInput, extra: Row = {}): Row {
  const [y, m, d] = e.dateOfBirth.split('-');
  return {
    fullName: e.fullName,
    dateOfBirth: `${d}/${m}/${y}`,
    gender: e.gender === 'female' ? 'Nữ' : 'Nam',
    personalId: e.personalId,
    jobTitle: e.jobTitle,
    salary: Number(e.salary).toLocaleString('de-DE'), // 15.000.000
    contractType: e.contractType === 'indefinite' ? 'Không xác định thời hạn' : 'Xác định thời hạn từ 12 đến 36 tháng',
    fromMonth: `${e.startMonth.slice(5)}/${e.startMonth.slice(0, 4)}`,
    action: 'TM',
    ...extra,
  };
}

const u16 = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
};
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
};

/** A zip of deflated entries; `declaredSize` overrides the uncompressed size the headers claim. */
export function zipOf(entries: { name: string; data: Buffer; declaredSize?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const packed = deflateRawSync(e.data);
    const size = e.declaredSize ?? e.data.length;
    const crc = crc32(e.data);
    const common = Buffer.concat([u16(20), u16(0), u16(8), u16(0), u16(0x21), u32(crc), u32(packed.length), u32(size)]);
    const local = Buffer.concat([u32(0x04034b50), common, u16(name.length), u16(0), name, packed]);
    centrals.push(
      Buffer.concat([
        u32(0x02014b50),
        u16(20),
        common,
        u16(name.length),
        u16(0),
        u16(0),
        u16(0),
        u16(0),
        u32(0),
        u32(offset),
        name,
      ]),
    );
    locals.push(local);
    offset += local.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.concat([
    u32(0x06054b50),
    u16(0),
    u16(0),
    u16(entries.length),
    u16(entries.length),
    u32(cd.length),
    u32(offset),
    u16(0),
  ]);
  return Buffer.concat([...locals, cd, end]);
}
