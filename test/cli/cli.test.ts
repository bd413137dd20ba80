/** The `ansinh` command as a user runs it: real process, real database, exit codes and --json.
 *
 * @date-sensitive The CLI's defaults (declaration date, statement as-of) come from the injected clock (ANSINH_TODAY reaches the child process); the assertions do not depend on the date.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { sampleSubmission } from '../../client/sample';
import { ebooks } from '../../db/schema';
import { onboardDirectly } from '../api/fixture';
import { createTestDatabase, type TestDatabase } from '../setup/harness';

const run = promisify(execFile);
const BIN = path.join(process.cwd(), 'bin', 'ansinh.cjs');
let tdb: TestDatabase;

async function ansinh(args: string[], env: Record<string, string> = {}) {
  try {
    const r = await run(process.execPath, [BIN, ...args], { env: { ...process.env, LOG_LEVEL: 'silent', ...env }, timeout: 60_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  tdb = await createTestDatabase('cli');
});
afterAll(async () => {
  await tdb?.drop();
});

describe('ansinh calc contribution', () => {
  it('prints capped bases, each fund per side and totals as integer VND (2026-07, region I: SI cap 20 × 2,530,000)', async () => {
    const r = await ansinh(['--json', 'calc', 'contribution', '--salary', '60000000', '--period', '2026-07', '--region', 'I']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.bases).toEqual({ si: 50_600_000, hi: 50_600_000, ui: 60_000_000 });
    // Employee: 8% × 50.6M + 1.5% × 50.6M + 1% × 60M (Law 41/2024 Art.33; HI Law Art.13; Decree 374/2025 Art.4)
    expect(out.employee.total).toBe(4_048_000 + 759_000 + 600_000);
    // Employer: 14% + 3% + 0.5% of 50.6M, 3% HI of 50.6M, 1% UI of 60M
    expect(out.employer.total).toBe(7_084_000 + 1_518_000 + 253_000 + 1_518_000 + 600_000);
    expect(out.total).toBe(out.employee.total + out.employer.total);
  });

  it('refuses a bad region with exit code 2 and a specific message on stderr', async () => {
    const r = await ansinh(['calc', 'contribution', '--salary', '10000000', '--period', '2026-07', '--region', 'V']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: .*region/im);
  });
});

describe('ansinh calc unemployment', () => {
  const file = (body: unknown) => {
    const f = path.join(tmpdir(), `ui-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(f, JSON.stringify(body));
    return f;
  };
  // 40 paid months at 12M, then 15M for the last 6: average 15M, 60 % = 9M, under the cap of
  // 5 × 5,310,000 (region I from 2026-01, Decree 293/2025); 40 months → 3 months, 4 reserved.
  const months = Array.from({ length: 40 }, (_, i) => {
    const t = 2026 * 12 + 5 - 39 + i; // 2023-03 … 2026-06
    return { month: `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`, salary: i >= 34 ? 15_000_000 : 12_000_000 };
  });
  const ok = { terminationDate: '2026-06-30', filingDate: '2026-07-06', region: 'I', contractMonths: 36, terminationReason: 'contract_expired', contributions: months };

  it('prints eligibility, the capped 60 % average, duration, reserved months and the start on the 11th working day (Law 74/2025 Art.38–39)', async () => {
    const r = await ansinh(['--json', 'calc', 'unemployment', file(ok)]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      eligible: true,
      reasons: [],
      averageSalary: 15_000_000,
      cap: 26_550_000,
      monthlyBenefit: 9_000_000,
      durationMonths: 3,
      reservedMonths: 4,
      startDate: '2026-07-21',
    });
  });

  it('reports each failed condition by code, and refuses a malformed file with exit code 2', async () => {
    const late = await ansinh(['--json', 'calc', 'unemployment', file({ ...ok, filingDate: '2026-10-01', terminationReason: 'employee_resigned_unlawfully' })]);
    expect(late.code).toBe(0);
    expect(JSON.parse(late.stdout)).toMatchObject({ eligible: false, reasons: expect.arrayContaining(['FILED_TOO_LATE', 'UNLAWFUL_TERMINATION']) });
    const bad = await ansinh(['calc', 'unemployment', file({ ...ok, region: 'V' })]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/region/i);
  });
});

describe('ansinh ebook verify', () => {
  it('exits 0 when every e-book matches, 1 (listing the book) after one is edited behind the database’s back', async () => {
    const sub = sampleSubmission(31337, 3, { startMonth: '2026-10' });
    await onboardDirectly(tdb, sub);

    const ok = await ansinh(['--json', 'ebook', 'verify'], { DATABASE_URL: tdb.url });
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual({ checked: 3, mismatches: [] });

    const victim = sub.employees[0]!.personalId;
    await tdb.db.execute(sql`update ${ebooks} set sha256 = repeat('0', 64) where personal_id = ${victim}`);
    const bad = await ansinh(['ebook', 'verify'], { DATABASE_URL: tdb.url });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(`${victim}: hash_differs`);

    const shown = await ansinh(['--json', 'ebook', 'show', sub.employees[1]!.personalId], { DATABASE_URL: tdb.url });
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.stdout).content.identity.personalId).toBe(sub.employees[1]!.personalId);
    const missing = await ansinh(['ebook', 'show', '001090000000'], { DATABASE_URL: tdb.url });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/NOT_FOUND/);
  });
});

describe('ansinh employer declare / statement', () => {
  it('declares a salary change from a file and prints the period statement that follows from it', async () => {
    const sub = sampleSubmission(31338, 2, { startMonth: '2026-10' });
    await onboardDirectly(tdb, sub);

    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'ansinh-cli-')), 'decl.json');
    writeFileSync(file, JSON.stringify({ declarations: [{ kind: 'salary_change', personalId: sub.employees[0]!.personalId, effectiveMonth: '2026-11', salary: 30_000_000 }] }));
    const d = await ansinh(['--json', 'employer', 'declare', sub.employer.taxCode, file], { DATABASE_URL: tdb.url });
    expect(d.code).toBe(0);
    expect(JSON.parse(d.stdout).results[0]).toMatchObject({ kind: 'salary_change', alreadyRecorded: false });

    const s = await ansinh(['--json', 'employer', 'statement', sub.employer.taxCode, '--period', '2026-11'], { DATABASE_URL: tdb.url });
    expect(s.code).toBe(0);
    const { computeContribution } = await import('../../domain/contributions');
    const expected = Number(computeContribution({ month: '2026-11', salary: 30_000_000, region: 'I' }).total) + Number(computeContribution({ month: '2026-11', salary: sub.employees[1]!.salary, region: 'I' }).total);
    expect(JSON.parse(s.stdout)).toMatchObject({ employees: 2, total: String(expected) });
    const bad = await ansinh(['employer', 'statement', sub.employer.taxCode, '--period', '2026-13'], { DATABASE_URL: tdb.url });
    expect(bad.code).toBe(2);
  });
});
