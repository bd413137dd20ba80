/**
 * `ansinh employer declare --file`, `employer employees --out` and `employer statement --out` as a
 * user runs them (issue #15): a real process on the real database, the D02-LT file previewed
 * (nothing written), declared, refused with exit 2 and a code; the exports written and read back.
 * The process's date is pinned (ANSINH_TODAY=2026-12-15; the employees start in 2026-10).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleSubmission } from '../../dev/sample';
import { accessLog, declarations } from '../../db/schema';
import { onboardDirectly } from '../api/fixture';
import { csvOf } from '../services/d02-helpers';
import { createTestDatabase, type TestDatabase } from '../setup/harness';
import { TEST_PAYLOAD_KEYS_ENV } from '../setup/keys';

const run = promisify(execFile);
const BIN = path.join(process.cwd(), 'bin', 'ansinh.cjs');
let tdb: TestDatabase;
const sub = sampleSubmission(7801, 3, { startMonth: '2026-10' });
const taxCode = sub.employer.taxCode;
const dir = mkdtempSync(path.join(tmpdir(), 'ansinh-d02-'));

async function ansinh(args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent', ...TEST_PAYLOAD_KEYS_ENV };
  for (const k of ['TEMPORAL_ADDRESS', 'ANSINH_HOME']) delete env[k];
  try {
    const r = await run(process.execPath, [BIN, ...args], {
      env: { ...env, DATABASE_URL: tdb.url, ANSINH_TODAY: '2026-12-15' },
      timeout: 60_000,
      cwd: dir,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
const declared = async () => (await tdb.db.select({ n: count() }).from(declarations))[0]!.n;

beforeAll(async () => {
  tdb = await createTestDatabase('cli_d02');
  await onboardDirectly(tdb, sub);
});
afterAll(async () => {
  await tdb?.drop();
});

describe('ansinh employer declare --file', () => {
  it('--preview lists the changes and writes nothing; without it the file is declared once', async () => {
    const e = sub.employees[0]!;
    writeFileSync(
      path.join(dir, 'dc.csv'),
      csvOf([{ personalId: e.personalId, salary: '16.000.000', fromMonth: '12/2026', action: 'DC' }]),
    );
    const p = await ansinh(['employer', 'declare', taxCode, '--file', 'dc.csv', '--preview']);
    expect(p.code, p.stderr).toBe(0);
    expect(p.stdout).toContain('1 dòng: 1 khai báo, 0 dòng không đổi, 0 lỗi');
    expect(p.stdout).toContain(`dòng 2:`);
    expect(await declared()).toBe(0);
    const d = await ansinh(['--json', 'employer', 'declare', taxCode, '--file', 'dc.csv']);
    expect(d.code, d.stderr).toBe(0);
    expect(JSON.parse(d.stdout).results).toEqual([
      expect.objectContaining({ kind: 'salary_change', personalId: e.personalId, alreadyRecorded: false }),
    ]);
    expect(await declared()).toBe(1);
  });

  it('a bad file is exit 2 with its code; rows with findings are exit 2 with each line and column; nothing written', async () => {
    writeFileSync(
      path.join(dir, 'utf16.csv'),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('STT', 'utf16le')]),
    );
    const enc = await ansinh(['employer', 'declare', taxCode, '--file', 'utf16.csv']);
    expect(enc.code).toBe(2);
    expect(enc.stderr).toMatch(/^error: D02_ENCODING: /);
    writeFileSync(path.join(dir, 'other.csv'), 'a,b\r\n1,2\r\n');
    const layout = await ansinh(['--lang', 'en', 'employer', 'declare', taxCode, '--file', 'other.csv']);
    expect(layout.code).toBe(2);
    expect(layout.stderr).toContain('D02_UNKNOWN_LAYOUT: Not a D02-LT list');
    writeFileSync(
      path.join(dir, 'bad.csv'),
      csvOf([{ personalId: sub.employees[1]!.personalId, salary: '16.000.00', fromMonth: '12/2026', action: 'DC' }]),
    );
    const rows = await ansinh(['employer', 'declare', taxCode, '--file', 'bad.csv']);
    expect(rows.code).toBe(2);
    expect(rows.stderr).toMatch(/^error: D02_AMOUNT_FORMAT: /);
    const preview = await ansinh(['employer', 'declare', taxCode, '--file', 'bad.csv', '--preview']);
    expect(preview.code).toBe(2);
    expect(preview.stdout).toContain('dòng 2, cột “Hệ số/Mức lương”: D02_AMOUNT_FORMAT');
    const both = await ansinh(['employer', 'declare', taxCode, 'x.json', '--file', 'bad.csv']);
    expect(both.code).toBe(2);
    expect(await declared()).toBe(1);
  });
});

describe('ansinh employer employees --out / statement --out', () => {
  it('writes the list (its read logged) that declare --file reads back unchanged, and the statement', async () => {
    const out = await ansinh(['employer', 'employees', taxCode, '--out', 'list.xlsx', '--month', '2026-12']);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toContain('đã ghi list.xlsx: 3 người lao động');
    const logged = await tdb.db
      .select()
      .from(accessLog)
      .where(
        and(eq(accessLog.personalId, sub.employees[2]!.personalId), eq(accessLog.purpose, 'ansinh employer employees')),
      );
    expect(logged).toHaveLength(1);
    const p = await ansinh(['--json', 'employer', 'declare', taxCode, '--file', 'list.xlsx', '--preview']);
    expect(p.code, p.stderr).toBe(0);
    expect(JSON.parse(p.stdout)).toMatchObject({ rows: 3, unchanged: 3, declarations: 0, errors: [] });
    const st = await ansinh(['employer', 'statement', taxCode, '--period', '2026-11', '--out', 'st.csv']);
    expect(st.code, st.stderr).toBe(0);
    expect(readFileSync(path.join(dir, 'st.csv'), 'utf8')).toContain(`Mã số thuế,${taxCode}`);
    const bad = await ansinh(['employer', 'employees', taxCode, '--out', 'list.pdf']);
    expect(bad.code).toBe(2);
  });
});
