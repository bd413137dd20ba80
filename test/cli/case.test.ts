/**
 * `ansinh case …` and `ansinh employer declare` as a user runs them (issue #14 part 2), against a real
 * database and the dev server with a worker: a case opened from the command line is closed by the
 * employer's declaration from the command line — its signal, after the commit (before, the CLI's
 * declaration never told the case, which waited for its daily timer) — and an officer dismisses
 * another case from the command line. Bad input exits 2 before anything is connected.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { NativeConnection } from '@temporalio/worker';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { findEbook, verifyEbooks } from '../../db/queries/ebooks';
import { declarationCases } from '../../db/schema';
import { rng, sampleTaxCode } from '../../dev/sample';
import { formatUnitCode } from '../../domain/onboarding';
import { createClaimant } from '../setup/claimants';
import { createTestDatabase, makeWorker, testClock, uniqueTaskQueue, type TestDatabase } from '../setup/harness';
import { TEST_PAYLOAD_KEYS_ENV } from '../setup/keys';

const run = promisify(execFile);
const BIN = path.join(process.cwd(), 'bin', 'ansinh.cjs');
let tdb: TestDatabase;

async function ansinh(args: string[], env: Record<string, string> = {}, cwd?: string) {
  const base: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent', ...TEST_PAYLOAD_KEYS_ENV };
  for (const k of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'ANSINH_HOME']) delete base[k];
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

/** Reads the case until the predicate holds (the workflow runs on the dev server; a bound, no timing asserted). */
async function until(id: number, pred: (c: typeof declarationCases.$inferSelect) => boolean) {
  for (let i = 0; i < 600; i++) {
    const [c] = await tdb.db.select().from(declarationCases).where(eq(declarationCases.id, id));
    if (c && pred(c)) return c;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`case ${id} never got there`);
}

beforeAll(async () => {
  tdb = await createTestDatabase('cli_case');
});
afterAll(async () => {
  await tdb?.drop();
});

describe('ansinh case and ansinh employer declare', () => {
  it("the employer's declaration from the command line closes the case it answers at once; an officer dismisses another from the command line", async () => {
    const taskQueue = uniqueTaskQueue('cli-case');
    const connection = await NativeConnection.connect({ address: inject('temporalAddress') });
    const worker = await makeWorker(connection, taskQueue, { db: tdb.db, clock: testClock });
    const running = worker.run();
    try {
      const c = await createClaimant(tdb.db, { lastMonth: '2026-06', months: 3, salary: 9_000_000, seed: 8700 });
      const other = await createClaimant(tdb.db, { lastMonth: '2026-06', months: 3, salary: 9_000_000, seed: 8701 });
      const employer = sampleTaxCode(rng(8702));
      await tdb.db
        .execute(sql`insert into employers (tax_code, name, address, province_code, wage_region, category, status, unit_code)
        values (${employer}, 'Công ty Dòng Lệnh', 'Hà Nội', '01', 'I', 'enterprise', 'active', ${formatUnitCode('01', 40_702)})`);
      const dir = mkdtempSync(path.join(tmpdir(), 'ansinh-cli-case-'));
      const months = { employerTaxCode: employer, fromMonth: '2026-08', toMonth: '2026-09' };
      writeFileSync(path.join(dir, 'case.json'), JSON.stringify({ personalId: c.personalId, ...months }));
      writeFileSync(path.join(dir, 'other.json'), JSON.stringify({ personalId: other.personalId, ...months }));
      const env = {
        DATABASE_URL: tdb.url,
        TEMPORAL_ADDRESS: inject('temporalAddress'),
        TEMPORAL_TASK_QUEUE: taskQueue,
        CLAIM_SUBJECT_KEY: 'cli-test-subject-key-0123456789',
      };
      const opened = await ansinh(['--json', 'case', 'open', 'case.json'], env, dir);
      expect(opened.code, opened.stderr).toBe(0);
      const { caseId } = JSON.parse(opened.stdout) as { caseId: number };
      await until(caseId, (x) => x.employerDue !== null);

      const p = (await tdb.db.execute(
        sql`select full_name, date_of_birth::text as dob, gender from participants where personal_id = ${c.personalId}`,
      )) as unknown as { full_name: string; dob: string; gender: string }[];
      const person = p[0]!;
      writeFileSync(
        path.join(dir, 'hire.json'),
        JSON.stringify({
          declarations: [
            {
              kind: 'hire',
              reference: 'CLI-CASE-HIRE-1',
              employee: {
                personalId: c.personalId,
                fullName: person.full_name,
                dateOfBirth: person.dob,
                gender: person.gender,
                nationality: 'VN',
                startMonth: '2026-08',
                salary: '9000000',
                jobTitle: 'Kế toán',
                contractType: 'indefinite',
              },
            },
          ],
        }),
      );
      const declared = await ansinh(['employer', 'declare', employer, 'hire.json'], env, dir);
      expect(declared.code, declared.stderr).toBe(0);
      // The signal, not the workflow's daily timer, closes it (a day away on the dev server).
      expect(await until(caseId, (x) => x.status === 'closed')).toMatchObject({ outcome: 'declared' });
      expect(JSON.parse((await findEbook(tdb.db, c.personalId))!.content).disputedMonths).toBeUndefined();

      const second = await ansinh(['--json', 'case', 'open', 'other.json'], env, dir);
      expect(second.code, second.stderr).toBe(0);
      const otherId = (JSON.parse(second.stdout) as { caseId: number }).caseId;
      const dismissed = await ansinh(
        ['--lang', 'en', 'case', 'dismiss', String(otherId), '--reason', 'duplicate'],
        env,
        dir,
      );
      expect(dismissed.code, dismissed.stderr).toBe(0);
      expect(dismissed.stdout).toContain('ended: dismissed by an officer (it repeats another case)');
      expect(await until(otherId, (x) => x.status === 'closed')).toMatchObject({
        outcome: 'dismissed',
        outcomeReason: 'duplicate',
      });
      expect((await verifyEbooks(tdb.db)).mismatches).toEqual([]);
    } finally {
      worker.shutdown();
      await running;
      await connection.close();
    }
  });

  it('bad input exits 2 before anything is connected', async () => {
    const bad = await ansinh(['case', 'dismiss', 'abc', '--reason', 'duplicate']);
    expect(bad.code, bad.stderr).toBe(2);
    expect(bad.stderr).toMatch(/^error: INVALID_CASE_ID/);
    const reason = await ansinh(['case', 'dismiss', '7', '--reason', 'bored']);
    expect(reason.code, reason.stderr).toBe(2);
    expect(reason.stderr).toMatch(/^error: INVALID_DISMISSAL/);
    const closure = await ansinh(['case', 'close-referral', '7']);
    expect(closure.code, closure.stderr).toBe(2);
    expect(closure.stderr).toMatch(/^error: INVALID_REFERRAL_CLOSURE/);
  });
});
