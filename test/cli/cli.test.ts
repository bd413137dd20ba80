/** The `ansinh` command as a user runs it: real process, real database, exit codes and --json.
 *
 * @date-sensitive The CLI's defaults (declaration date, statement as-of) come from the injected clock (ANSINH_TODAY reaches the child process); the assertions do not depend on the date.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { sampleSubmission } from '../../dev/sample';
import { ebooks } from '../../db/schema';
import { onboardDirectly } from '../api/fixture';
import { NativeConnection } from '@temporalio/worker';
import { inject } from 'vitest';
import { fileAndStartClaim } from '../../client/claims';
import { addDays, monthOf } from '../../domain/calendar';
import type { ClaimState } from '../../workflows/definitions';
import { createClaimant } from '../setup/claimants';
import {
  createTestDatabase,
  devServerClient,
  makeWorker,
  testClock,
  uniqueTaskQueue,
  waitForQuery,
  type TestDatabase,
} from '../setup/harness';
import { ADMIN_URL } from '../setup/pg';
import { TEST_PAYLOAD_KEYS_ENV } from '../setup/keys';

const run = promisify(execFile);
const BIN = path.join(process.cwd(), 'bin', 'ansinh.cjs');
let tdb: TestDatabase;

async function ansinh(args: string[], env: Record<string, string> = {}, cwd?: string) {
  const base: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent', ...TEST_PAYLOAD_KEYS_ENV };
  for (const k of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'ANSINH_HOME']) delete base[k]; // each test says what it runs against
  try {
    const r = await run(process.execPath, [BIN, ...args], {
      env: { ...base, ...env },
      timeout: 60_000,
      ...(cwd ? { cwd } : {}),
    });
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
    const r = await ansinh([
      '--json',
      'calc',
      'contribution',
      '--salary',
      '60000000',
      '--period',
      '2026-07',
      '--region',
      'I',
    ]);
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
    return {
      month: `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`,
      salary: i >= 34 ? 15_000_000 : 12_000_000,
    };
  });
  const ok = {
    terminationDate: '2026-06-30',
    filingDate: '2026-07-06',
    region: 'I',
    contractMonths: 36,
    terminationReason: 'contract_expired',
    contributions: months,
  };

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

  it('labels a met condition by what it requires, never with a failure code; a failed one shows its code', async () => {
    const r = await ansinh(['--lang', 'en', 'calc', 'unemployment', file(ok)]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n').filter((l) => /^\s+\[(ok|FAIL)/.test(l));
    expect(lines).toHaveLength(6);
    for (const l of lines) expect(l).toMatch(/^\s+\[ok\]\s+[a-z ]+: /);
    expect(r.stdout).not.toMatch(
      /UNLAWFUL_TERMINATION|PENSION_ELIGIBLE|CONTRIBUTION_MONTHS_INSUFFICIENT|FILED_TOO_LATE|NEW_COVERED_JOB|ACTIVE_CLAIM/,
    );
    const late = await ansinh(['--lang', 'en', 'calc', 'unemployment', file({ ...ok, filingDate: '2026-10-01' })]);
    expect(late.stdout).toMatch(/\[FAIL\] FILED_TOO_LATE: /);
    expect(late.stdout).toMatch(/\[ok\]\s+contribution months: /);
  });

  it('reports each failed condition by code, and refuses a malformed file with exit code 2', async () => {
    const late = await ansinh([
      '--json',
      'calc',
      'unemployment',
      file({ ...ok, filingDate: '2026-10-01', terminationReason: 'employee_resigned_unlawfully' }),
    ]);
    expect(late.code).toBe(0);
    expect(JSON.parse(late.stdout)).toMatchObject({
      eligible: false,
      reasons: expect.arrayContaining(['FILED_TOO_LATE', 'UNLAWFUL_TERMINATION']),
    });
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
    await tdb.db.execute(sql`update ${ebooks} set root = repeat('0', 64) where personal_id = ${victim}`);
    const bad = await ansinh(['ebook', 'verify'], { DATABASE_URL: tdb.url });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(`${victim}: hash_differs`);
    expect(bad.stdout).toMatch(/phần root/);

    // One person, section by section: the tampered one fails, another passes, a malformed ID is refused.
    const one = await ansinh(['--json', 'ebook', 'verify', '--participant', victim], { DATABASE_URL: tdb.url });
    expect(one.code).toBe(1);
    expect(JSON.parse(one.stdout)).toEqual({
      checked: 1,
      mismatches: [
        { personalId: victim, kind: 'hash_differs', storedVersion: 1, section: 'root' },
        { personalId: victim, kind: 'version_differs', storedVersion: 1 },
      ],
    });
    const other = await ansinh(['ebook', 'verify', '--participant', sub.employees[2]!.personalId], {
      DATABASE_URL: tdb.url,
    });
    expect(other.code).toBe(0);
    expect(other.stdout).toMatch(/đạt: 1 sổ/);
    expect((await ansinh(['ebook', 'verify', '--participant', '12'], { DATABASE_URL: tdb.url })).code).toBe(2);

    const home = mkdtempSync(path.join(tmpdir(), 'ansinh-cli-sign-'));
    const shown = await ansinh(['--json', 'ebook', 'show', sub.employees[1]!.personalId], {
      DATABASE_URL: tdb.url,
      ANSINH_HOME: home,
    });
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.stdout).content.identity.personalId).toBe(sub.employees[1]!.personalId);
    // `show --json` hands out a signed book; `keys signing-jwks` prints the public keys that verify it.
    expect(JSON.parse(shown.stdout).signature).toMatch(/^[\w-]+\.\.[\w-]+$/);
    const jwks = await ansinh(['keys', 'signing-jwks'], { ANSINH_HOME: home });
    expect(jwks.code).toBe(0);
    expect(jwks.stdout).not.toContain('"d"');
    const dir = mkdtempSync(path.join(tmpdir(), 'ansinh-cli-book-'));
    writeFileSync(path.join(dir, 'book.json'), shown.stdout);
    writeFileSync(path.join(dir, 'jwks.json'), jwks.stdout);
    const checked = await ansinh(['ebook', 'verify-file', 'book.json', '--jwks', 'jwks.json'], {}, dir);
    expect(checked.code, checked.stderr).toBe(0);
    const missing = await ansinh(['ebook', 'show', '001090000000'], { DATABASE_URL: tdb.url });
    expect(missing.code).toBe(3);
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
    writeFileSync(
      file,
      JSON.stringify({
        declarations: [
          {
            kind: 'salary_change',
            personalId: sub.employees[0]!.personalId,
            effectiveMonth: '2026-11',
            salary: 30_000_000,
          },
        ],
      }),
    );
    const d = await ansinh(['--json', 'employer', 'declare', sub.employer.taxCode, file], { DATABASE_URL: tdb.url });
    expect(d.code).toBe(0);
    expect(JSON.parse(d.stdout).results[0]).toMatchObject({ kind: 'salary_change', alreadyRecorded: false });

    const s = await ansinh(['--json', 'employer', 'statement', sub.employer.taxCode, '--period', '2026-11'], {
      DATABASE_URL: tdb.url,
    });
    expect(s.code).toBe(0);
    const { computeContribution } = await import('../../domain/contributions');
    const expected =
      Number(computeContribution({ month: '2026-11', salary: 30_000_000, region: 'I' }).total) +
      Number(computeContribution({ month: '2026-11', salary: sub.employees[1]!.salary, region: 'I' }).total);
    expect(JSON.parse(s.stdout)).toMatchObject({ employees: 2, total: String(expected) });
    const bad = await ansinh(['employer', 'statement', sub.employer.taxCode, '--period', '2026-13'], {
      DATABASE_URL: tdb.url,
    });
    expect(bad.code).toBe(2);

    // A hire of a known personal ID under a made-up name: IDENTITY_MISMATCH, exit 2, nothing of the record printed.
    writeFileSync(
      file,
      JSON.stringify({
        declarations: [
          { kind: 'hire', employee: { ...sub.employees[1]!, fullName: 'Trần Bịa Đặt', startMonth: '2026-11' } },
        ],
      }),
    );
    const stranger = await ansinh(['employer', 'declare', sub.employer.taxCode, file], { DATABASE_URL: tdb.url });
    expect(stranger.code, stranger.stderr).toBe(2);
    expect(stranger.stderr).toMatch(/^error: IDENTITY_MISMATCH/);
    expect(stranger.stderr).not.toContain(sub.employees[1]!.fullName);
  });
});

describe('a newcomer’s path: exit codes, --version, and no stack', () => {
  it('exit codes are 2 for invalid input, 3 for not found, 1 for anything else (README)', async () => {
    const bad = await ansinh(['ebook', 'show', '12'], { DATABASE_URL: tdb.url });
    expect(bad.code, bad.stderr).toBe(2);
    expect(bad.stderr).toMatch(/^error: INVALID_PERSONAL_ID/);
    const badTax = await ansinh(['employer', 'show', '12345'], { DATABASE_URL: tdb.url });
    expect(badTax.code, badTax.stderr).toBe(2);
    expect(badTax.stderr).toMatch(/^error: INVALID_TAX_CODE/);
    const nobody = await ansinh(['employer', 'show', '0312345673'], { DATABASE_URL: tdb.url });
    expect(nobody.code, nobody.stderr).toBe(3);
    expect(nobody.stderr).toMatch(/NOT_FOUND/);
    const noClaim = await ansinh(['claim', 'show', '5b1f7a3e-0000-4000-8000-000000000000'], {
      DATABASE_URL: tdb.url,
      TEMPORAL_ADDRESS: inject('temporalAddress'),
    });
    expect(noClaim.code, noClaim.stderr).toBe(3);
    const usage = await ansinh(['claim', 'decide']);
    expect(usage.code).toBe(2);
  });

  it('`ansinh --version` prints the package version', async () => {
    const r = await ansinh(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(path.join(process.cwd(), 'package.json'), 'utf8')).version);
  });

  it('outside the project with no stack running, a command says what it looked for and how to start the stack (exit 1), and creates no database', async () => {
    const elsewhere = mkdtempSync(path.join(tmpdir(), 'ansinh-elsewhere-'));
    for (const args of [
      ['employer', 'show', '0312345673'],
      ['ebook', 'show', '079090123456'],
      ['claim', 'show', '5b1f7a3e-0000-4000-8000-000000000000'],
      ['ledger', 'verify'],
    ]) {
      const r = await ansinh(args, {}, elsewhere);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^error: STACK_NOT_RUNNING/);
      expect(r.stderr).toContain(path.join(elsewhere, '.ansinh', 'runtime.json'));
      expect(r.stderr).toContain(path.join(elsewhere, '.ansinh', 'pgdata'));
      expect(r.stderr).toContain('npm start');
      expect(r.stderr).not.toMatch(/select|params:/i);
    }
    expect(existsSync(path.join(elsewhere, '.ansinh', 'pgdata'))).toBe(false);
    expect(readdirSync(elsewhere)).toEqual([]);
    // Temporal-only commands say the same about Temporal.
    const t = await ansinh(['reconcile', '--period', '2026-10'], {}, elsewhere);
    expect(t.code).toBe(1);
    expect(t.stderr).toMatch(/STACK_NOT_RUNNING[\s\S]*TEMPORAL_ADDRESS: not set[\s\S]*npm start/);
  });

  it('a database without the schema gives the database’s message, never the SQL statement or its parameters', async () => {
    const r = await ansinh(['employer', 'show', '0312345673'], { DATABASE_URL: ADMIN_URL });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: DATABASE: relation "employers" does not exist/);
    expect(r.stderr).not.toMatch(/select|params|0312345673/i);
  });
});

describe('claim commands print the state after their action', () => {
  it('`claim decide --reject` prints the claim rejected (it printed awaiting_decision), and `claim show` agrees', async () => {
    const taskQueue = uniqueTaskQueue('cli');
    const subjectKey = 'cli-test-subject-key-0123456789';
    const connection = await NativeConnection.connect({ address: inject('temporalAddress') });
    const worker = await makeWorker(connection, taskQueue, { db: tdb.db, clock: testClock });
    const running = worker.run();
    const { client, connection: clientConnection } = await devServerClient();
    try {
      const filingDate = testClock.today();
      const terminationDate = addDays(filingDate, -7);
      const c = await createClaimant(tdb.db, {
        lastMonth: monthOf(terminationDate),
        months: 11,
        salary: 12_000_000,
        seed: 91_001,
      });
      const filed = await fileAndStartClaim(
        { db: tdb.db, client, taskQueue, subjectKey, clock: testClock },
        {
          personalId: c.personalId,
          terminationDate,
          filingDate,
          region: 'I',
          contractMonths: 36,
          terminationReason: 'contract_expired',
        },
        'officer:test',
      );
      await waitForQuery<ClaimState>(
        client.workflow.getHandle(filed.workflowId),
        'state',
        (s) => s.status === 'awaiting_decision',
      );
      const env = {
        DATABASE_URL: tdb.url,
        TEMPORAL_ADDRESS: inject('temporalAddress'),
        TEMPORAL_TASK_QUEUE: taskQueue,
        CLAIM_SUBJECT_KEY: subjectKey,
      };
      const decided = await ansinh(
        ['--json', 'claim', 'decide', filed.claimId, '--reject', '--reason', 'fewer than 12 months'],
        env,
      );
      expect(decided.code, decided.stderr).toBe(0);
      expect(JSON.parse(decided.stdout)).toMatchObject({
        claimId: filed.claimId,
        status: 'rejected',
        decision: 'rejected',
      });
      const shown = await ansinh(['--lang', 'en', 'claim', 'show', filed.claimId], env);
      expect(shown.stdout).toMatch(new RegExp(`^claim ${filed.claimId}: rejected`));
    } finally {
      worker.shutdown();
      await running;
      await connection.close();
      await clientConnection.close();
    }
  });
});

describe('exit codes of every code', () => {
  it('any *_NOT_FOUND code is 3, an input code 2, a state conflict or a missing stack 1', async () => {
    const { exitCodeOf } = await import('../../cli/program');
    expect(['NOT_FOUND', 'CLAIM_NOT_FOUND', 'PARTICIPANT_NOT_FOUND', 'EMPLOYER_NOT_FOUND'].map(exitCodeOf)).toEqual([
      3, 3, 3, 3,
    ]);
    expect(
      ['INVALID_PERSONAL_ID', 'IDENTITY_MISMATCH', 'SALARY_BELOW_FLOOR', 'REASON_REQUIRED'].map(exitCodeOf),
    ).toEqual([2, 2, 2, 2]);
    expect(['WRONG_STATE', 'CLAIM_ALREADY_OPEN', 'NOT_ELIGIBLE', 'STACK_NOT_RUNNING'].map(exitCodeOf)).toEqual([
      1, 1, 1, 1,
    ]);
  });
});

describe('ansinh bank / employer pay', () => {
  it('a bank token is minted; an announcement stays pending until the imported statement carries it; the same statement again books nothing; a suspense line is assigned', async () => {
    const sub = sampleSubmission(31340, 2, { startMonth: '2026-10' });
    await onboardDirectly(tdb, sub);
    const tax = sub.employer.taxCode;
    const env = { DATABASE_URL: tdb.url };
    const dir = mkdtempSync(path.join(tmpdir(), 'ansinh-bank-'));

    const minted = await ansinh(['--json', 'token', 'mint', '--role', 'bank'], { ANSINH_HOME: dir });
    expect(minted.code, minted.stderr).toBe(0);
    const claims = JSON.parse(Buffer.from(JSON.parse(minted.stdout).token.split('.')[1], 'base64url').toString());
    expect(claims).toMatchObject({ role: 'bank', sub: 'bank:dev' });

    const announced = await ansinh(
      [
        '--json',
        'employer',
        'pay',
        tax,
        '--amount',
        '300000',
        '--value-date',
        '2026-11-20',
        '--reference',
        'ANN-CLI-1',
      ],
      env,
    );
    expect(announced.code, announced.stderr).toBe(0);
    expect(JSON.parse(announced.stdout)).toMatchObject({ status: 'pending', amount: '300000', reference: 'ANN-CLI-1' });
    const pending = JSON.parse((await ansinh(['--json', 'employer', 'payments', tax], env)).stdout);
    expect(pending).toMatchObject({ announcements: [{ reference: 'ANN-CLI-1', status: 'pending' }], payments: [] });

    const file = path.join(dir, 'statement.csv');
    writeFileSync(
      file,
      [
        'bank_reference,value_date,direction,amount,currency,remittance',
        'CLI-0001,2026-11-20,CRDT,300000,VND,ck ANN-CLI-1',
        'CLI-0002,2026-11-20,CRDT,450000,VND,khong ro',
        'CLI-0003,2026-11-20,DBIT,1000,VND,phi',
      ].join('\n'),
    );
    const imported = await ansinh(['--json', 'bank', 'import', file], env);
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({
      format: 'csv',
      booked: 1,
      suspense: 1,
      ignored: 1,
      alreadyImported: 0,
    });
    const matched = JSON.parse((await ansinh(['--json', 'employer', 'payments', tax], env)).stdout);
    expect(matched).toMatchObject({
      announcements: [{ reference: 'ANN-CLI-1', status: 'matched', bankReference: 'CLI-0001' }],
      payments: [{ bankReference: 'CLI-0001', amount: '300000' }],
    });

    const again = await ansinh(['--lang', 'en', 'bank', 'import', file], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/0 booked, 0 to suspense, 0 ignored, 3 already imported/);

    const camt = await ansinh(
      [
        '--json',
        'bank',
        'import',
        path.join(process.cwd(), 'test', 'fixtures', 'bank', 'statement-2026-11-21.camt053.xml'),
      ],
      env,
    );
    expect(camt.code, camt.stderr).toBe(0);
    expect(JSON.parse(camt.stdout)).toMatchObject({
      format: 'camt053',
      lines: 4,
      booked: 0,
      suspense: 3,
      ignored: 1,
      notBooked: 1,
    }); // its employers are not in this database

    const list = JSON.parse((await ansinh(['--json', 'bank', 'suspense'], env)).stdout);
    const line = list.items.find((l: { bankReference: string }) => l.bankReference === 'CLI-0002');
    expect(line).toMatchObject({ reason: 'NO_EMPLOYER_MATCH', amount: '450000' });
    const assigned = await ansinh(['--lang', 'en', 'bank', 'assign', String(line.id), tax], env);
    expect(assigned.code, assigned.stderr).toBe(0);
    expect(assigned.stdout).toContain(`CLI-0002 booked to ${tax}`);
    const after = JSON.parse((await ansinh(['--json', 'bank', 'suspense'], env)).stdout);
    expect(after.items.map((l: { id: number }) => l.id)).not.toContain(line.id);

    const missing = await ansinh(['bank', 'assign', '999999', tax], env);
    expect(missing.code).toBe(3); // not found
    expect(missing.stderr).toMatch(/NOT_FOUND/);
    writeFileSync(file, 'bank_reference,value_date,direction,amount,currency\nCLI-0009,2026-11-31,CRDT,1,VND\n');
    const bad = await ansinh(['bank', 'import', file], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/INVALID_STATEMENT/);
  }, 300_000); // a dozen runs of the binary on a machine shared by several engineers
});
