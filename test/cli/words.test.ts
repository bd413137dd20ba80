/**
 * The CLI's human output speaks the chosen language (issue #13): every command group, run as a
 * person runs it (the real binary, the real database, a real Temporal worker), once in Vietnamese
 * (the default) and once with `--lang en`. Vietnamese words, dd/mm/yyyy dates and `1.234.567 ₫`
 * amounts in one, the English in the other; `--json` the same in both.
 *
 * The structural check, on every line either run prints (stdout, and stderr when the command
 * succeeds): the line is an instance of one catalog text of its language (the text with its
 * `{placeholders}` matching anything), and a Vietnamese line holds no word that only the English
 * texts of the catalog use. The first fails for a line typed in a command instead of taken from
 * the catalog (cli/say.ts makes that a type error too: `print` takes `Line`s only); the second
 * for an English label or fragment slipped into a Vietnamese line.
 *
 * @date-sensitive The CLI's defaults (statement as-of, claim filing on today) come from the injected clock; the assertions do not depend on the date.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { NativeConnection } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { catalog } from '../../messages/catalog';
import type { Line } from '../../cli/say';
import { sampleSubmission } from '../../dev/sample';
import { fileAndStartClaim } from '../../client/claims';
import { addDays, monthOf } from '../../domain/calendar';
import type { ClaimState } from '../../workflows/definitions';
import { onboardDirectly } from '../api/fixture';
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
import { TEST_PAYLOAD_KEYS_ENV } from '../setup/keys';

const run = promisify(execFile);
/** Each test runs the binary a dozen times on a machine shared by several engineers. */
const SLOW = 300_000;
const BIN = path.join(process.cwd(), 'bin', 'ansinh.cjs');
let tdb: TestDatabase;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function ansinh(args: string[], env: Record<string, string> = {}, cwd?: string): Promise<Run> {
  const base: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent', ...TEST_PAYLOAD_KEYS_ENV };
  for (const k of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'ANSINH_HOME', 'ANSINH_LANG']) delete base[k];
  try {
    const r = await run(process.execPath, [BIN, ...args], {
      env: { ...base, ...env },
      timeout: 120_000,
      ...(cwd ? { cwd } : {}),
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

// ---- The structural check -------------------------------------------------------------------

const entries = Object.values(catalog) as { vi: string; en: string }[];
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A catalog text as a pattern of whole lines: its placeholders match anything (fragments may be empty). */
const pattern = (text: string) =>
  new RegExp(
    `^${text
      .split(/\{\w+\}/)
      .map(escape)
      .join('.*?')}$`,
    's',
  );
const templates = (lang: 'vi' | 'en') => entries.map((e) => pattern(e[lang]));
const TEMPLATES = { vi: templates('vi'), en: templates('en') };
const wordsOf = (s: string) => s.match(/[A-Za-z][A-Za-z_]*/g)?.map((w) => w.toLowerCase()) ?? [];
/** Words of four letters or more that only the English texts use (never a Vietnamese one). */
const viWords = new Set(entries.flatMap((e) => wordsOf(e.vi)));
const ENGLISH_ONLY = new Set(entries.flatMap((e) => wordsOf(e.en)).filter((w) => w.length >= 4 && !viWords.has(w)));

function linesOf(r: Run): string[] {
  return [...r.stdout.split('\n'), ...(r.code === 0 ? r.stderr.split('\n') : [])].filter((l) => l.trim() !== '');
}

function expectFromCatalog(lang: 'vi' | 'en', r: Run, what: string): void {
  for (const line of linesOf(r)) {
    expect(
      TEMPLATES[lang].some((p) => p.test(line)),
      `${what} (${lang}): a line that is no catalog text: ${line}`,
    ).toBe(true);
    if (lang === 'vi') {
      // File paths and key ids are data, not words: left out.
      const words = wordsOf(line.replace(/\S*\/\S*/g, '').replace(/\S{20,}/g, ''));
      const english = words.filter((w) => ENGLISH_ONLY.has(w));
      expect(english, `${what} (vi): English in "${line}"`).toEqual([]);
    }
  }
}

/** The command in Vietnamese (the default), then in English; both pass the structural check. */
async function both(args: string[], env: Record<string, string> = {}, cwd?: string): Promise<{ vi: Run; en: Run }> {
  const vi = await ansinh(args, env, cwd);
  expect(vi.code, `${args.join(' ')}: ${vi.stderr}`).toBe(0);
  const en = await ansinh(['--lang', 'en', ...args], env, cwd);
  expect(en.code, `${args.join(' ')} --lang en: ${en.stderr}`).toBe(0);
  expectFromCatalog('vi', vi, args.join(' '));
  expectFromCatalog('en', en, args.join(' '));
  return { vi, en };
}

beforeAll(async () => {
  tdb = await createTestDatabase('cliwords');
});
afterAll(async () => {
  await tdb?.drop();
});

describe('the structural check itself', () => {
  it('refuses a line typed in a command, and English words in a Vietnamese line', () => {
    const typed: Run = { code: 0, stdout: 'ok: 3 e-books match the database\n', stderr: '' };
    expect(() => expectFromCatalog('vi', typed, 'typed')).toThrow(/no catalog text/);
    // A catalog template whose placeholder was filled with an English label.
    const leaked: Run = { code: 0, stdout: 'hồ sơ 42: awaiting the decision\n', stderr: '' };
    expect(() => expectFromCatalog('vi', leaked, 'leaked')).toThrow(/English in/);
    expectFromCatalog('vi', { code: 0, stdout: 'hồ sơ 42: chờ quyết định\n', stderr: '' }, 'fine');
    // @ts-expect-error a plain string is not a Line: print() and note() take catalog lines only
    const notALine: Line = 'typed in a command';
    expect(notALine).toBeTypeOf('string');
  });
});

describe('calculators', () => {
  it(
    'calc contribution: Vietnamese fund names, 07/2026 and 16.380.000 ₫; English with --lang en; --json the same',
    async () => {
      const args = ['calc', 'contribution', '--salary', '60000000', '--period', '2026-07', '--region', 'I'];
      const { vi, en } = await both(args);
      expect(vi.stdout).toContain('Tiền đóng bảo hiểm tháng 07/2026, vùng I');
      expect(vi.stdout).toContain('BHXH hưu trí, tử tuất');
      expect(vi.stdout).toContain('50.600.000 ₫');
      expect(vi.stdout).toContain('tổng cộng 16.380.000 ₫');
      expect(en.stdout).toContain('Contributions for 2026-07, region I');
      expect(en.stdout).toContain('SI retirement & survivorship');
      expect(en.stdout).toContain('grand total 16,380,000 ₫');
      const jsonVi = await ansinh(['--json', ...args]);
      const jsonEn = await ansinh(['--json', '--lang', 'en', ...args]);
      expect(jsonVi.stdout).toBe(jsonEn.stdout);
      expect(JSON.parse(jsonVi.stdout).total).toBe(16_380_000);
    },
    SLOW,
  );

  it(
    'calc unemployment: each condition in words, dd/mm/yyyy dates, the law by its name',
    async () => {
      const months = Array.from({ length: 13 }, (_, i) => ({
        month: `20${i < 7 ? '25' : '26'}-${String(((i + 5) % 12) + 1).padStart(2, '0')}`,
        salary: 15_000_000,
      }));
      const dir = mkdtempSync(path.join(tmpdir(), 'ansinh-words-'));
      const file = path.join(dir, 'case.json');
      writeFileSync(
        file,
        JSON.stringify({
          terminationDate: '2026-06-30',
          filingDate: '2026-10-01',
          region: 'I',
          contractMonths: 36,
          terminationReason: 'contract_expired',
          contributions: months,
        }),
      );
      const { vi, en } = await both(['calc', 'unemployment', file]);
      expect(vi.stdout).toContain('Trợ cấp thất nghiệp theo Luật Việc làm số 74/2025/QH15');
      expect(vi.stdout).toContain('đủ điều kiện: không (FILED_TOO_LATE)');
      expect(vi.stdout).toMatch(/\[KHÔNG ĐẠT\] FILED_TOO_LATE: Nộp hồ sơ ngày 01\/10\/2026, sau hạn cuối 30\/09\/2026/);
      expect(vi.stdout).toMatch(/\[đạt\]\s+chấm dứt hợp đồng hợp pháp: Hợp đồng chấm dứt do hết hạn hợp đồng/);
      expect(vi.stdout).toContain('13 tháng đóng trong 24 tháng từ 07/2024 đến 06/2026');
      expect(vi.stdout).toContain('15.000.000 ₫');
      expect(en.stdout).toContain('Unemployment benefit under Law 74/2025/QH15 on Employment');
      expect(en.stdout).toMatch(/\[FAIL\] FILED_TOO_LATE: Filed on 2026-10-01, after the last day to file, 2026-09-30/);
      expect(en.stdout).toContain('15,000,000 ₫');
    },
    SLOW,
  );
});

describe('employers, bank, ledger, e-books and audit against the database (in this order)', () => {
  const sub = sampleSubmission(13_131, 2, { startMonth: '2026-10' });
  const tax = sub.employer.taxCode;
  const env: Record<string, string> = {};
  const dir = mkdtempSync(path.join(tmpdir(), 'ansinh-words-'));
  const home = mkdtempSync(path.join(tmpdir(), 'ansinh-words-home-'));
  beforeAll(async () => {
    await onboardDirectly(tdb, sub);
    env['DATABASE_URL'] = tdb.url;
  });

  it(
    'employer show, declare, statement, pay',
    async () => {
      const shown = await both(['employer', 'show', tax], env);
      expect(shown.vi.stdout).toContain(`${sub.employer.name} (MST ${tax})`);
      expect(shown.vi.stdout).toContain('trạng thái: đang hoạt động');
      expect(shown.vi.stdout).toContain('số người lao động: 2');
      expect(shown.en.stdout).toContain('status: active');

      const decl = path.join(dir, 'decl.json');
      writeFileSync(
        decl,
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
      const declared = await both(['employer', 'declare', tax, decl], env);
      expect(declared.vi.stdout).toMatch(/^Điều chỉnh tiền lương \d{12} từ 11\/2026: mới ghi nhận \(#\d+\)$/m);
      expect(declared.en.stdout).toMatch(/^A salary change \d{12} from 2026-11: already recorded \(#\d+\)$/m);

      const st = await both(['employer', 'statement', tax, '--period', '2026-11', '--as-of', '2026-12-20'], env);
      expect(st.vi.stdout).toMatch(
        new RegExp(`^${tax} kỳ 11/2026: 2 người lao động, hạn đóng \\d\\d/\\d\\d/2026, tính đến ngày 20/12/2026$`, 'm'),
      );
      expect(st.vi.stdout).toMatch(
        /phải đóng \d{1,3}(\.\d{3})+ ₫, đã đóng 0 ₫, còn nợ \d{1,3}(\.\d{3})+ ₫ \(chưa đóng\)/,
      );
      expect(st.vi.stdout).toContain('Bảo hiểm y tế');
      expect(st.en.stdout).toMatch(/due \d{1,3}(,\d{3})+ ₫, paid 0 ₫, outstanding \d{1,3}(,\d{3})+ ₫ \(unpaid\)/);
      expect(st.en.stdout).toContain('as of 2026-12-20');

      const pay = [
        'employer',
        'pay',
        tax,
        '--amount',
        '1234567',
        '--value-date',
        '2026-11-20',
        '--reference',
        'WORDS-1',
      ];
      const paid = await both(pay, env);
      expect(paid.vi.stdout).toMatch(
        /^báo chuyển khoản #\d+ 1\.234\.567 ₫ dự kiến ngày 20\/11\/2026, mã tham chiếu WORDS-1: chờ sao kê ngân hàng$/m,
      );
      expect(paid.en.stdout).toMatch(
        /1,234,567 ₫ expected on 2026-11-20, reference WORDS-1: waiting for the bank statement \(already announced\)/,
      );
    },
    SLOW,
  );

  it(
    'bank import, employer payments, bank suspense and assign',
    async () => {
      const csv = path.join(dir, 'statement.csv');
      writeFileSync(
        csv,
        [
          'bank_reference,value_date,direction,amount,currency,remittance',
          'WORDS-B1,2026-11-20,CRDT,1234567,VND,ck WORDS-1',
          'WORDS-B2,2026-11-20,CRDT,450000,VND,khong ro',
          'WORDS-B3,2026-11-20,DBIT,1000,VND,phi',
        ].join('\n'),
      );
      const imported = await both(['bank', 'import', csv], env);
      expect(imported.vi.stdout).toContain('3 dòng (csv): 1 đã ghi có, 1 chờ xử lý, 1 bỏ qua, 0 đã nhập trước đó');
      expect(imported.vi.stdout).toContain('dòng 3 WORDS-B2: chờ xử lý (không xác định được đơn vị)');
      expect(imported.en.stdout).toContain('3 lines (csv): 0 booked, 0 to suspense, 0 ignored, 3 already imported');

      const payments = await both(['employer', 'payments', tax], env);
      expect(payments.vi.stdout).toMatch(
        /WORDS-1 1\.234\.567 ₫ dự kiến ngày 20\/11\/2026: đã khớp với sao kê \(giao dịch ngân hàng WORDS-B1/,
      );
      expect(payments.vi.stdout).toMatch(/WORDS-B1 1\.234\.567 ₫ ngày 20\/11\/2026, đã phân bổ/);
      expect(payments.en.stdout).toMatch(/WORDS-B1 1,234,567 ₫ on 2026-11-20, allocated/);

      const suspense = await both(['bank', 'suspense'], env);
      expect(suspense.vi.stdout).toMatch(
        /^#\d+ WORDS-B2 450\.000 VND ngày 20\/11\/2026: không xác định được đơn vị — khong ro$/m,
      );
      expect(suspense.en.stdout).toMatch(/^#\d+ WORDS-B2 450,000 VND on 2026-11-20: no employer matches — khong ro$/m);
      const id = /^#(\d+) WORDS-B2/m.exec(suspense.vi.stdout)![1]!;
      const assigned = await both(['bank', 'assign', id, tax], env);
      expect(assigned.vi.stdout).toContain(`dòng #${id} WORDS-B2 đã ghi có cho ${tax}`);
      expect(assigned.en.stdout).toContain(`line #${id} WORDS-B2 booked to ${tax}`);
      expect(assigned.en.stdout).toContain('(already assigned)');
      const none = await both(['bank', 'suspense'], env);
      expect(none.vi.stdout.trim()).toBe('không có dòng nào chờ xử lý');
    },
    SLOW,
  );

  it(
    'ledger verify, ebook show, pdf and verify',
    async () => {
      const ledger = await both(['ledger', 'verify'], env);
      expect(ledger.vi.stdout).toMatch(/^đạt: \d+ kỳ đã đóng của \d+ đơn vị cân đối$/m);
      expect(ledger.en.stdout).toMatch(/^ok: \d+ paid periods of \d+ employers balance$/m);

      const person = sub.employees[0]!;
      const book = await both(['ebook', 'show', person.personalId], { ...env, ANSINH_HOME: home });
      expect(book.vi.stdout).toContain(`Sổ BHXH điện tử của ${person.fullName} — số định danh ${person.personalId}`);
      const [y, m, d] = person.dateOfBirth.split('-');
      expect(book.vi.stdout).toContain(
        `sinh ngày ${d}/${m}/${y}, ${person.gender === 'male' ? 'nam' : 'nữ'}, quốc tịch VN`,
      );
      expect(book.vi.stdout).toMatch(/tiền lương từ 11\/2026: 30\.000\.000 ₫/);
      expect(book.vi.stdout).toMatch(/10\/2026–nay/);
      expect(book.en.stdout).toContain(`born ${person.dateOfBirth}`);
      expect(book.en.stdout).toMatch(/salary from 2026-11: 30,000,000 ₫/);
      const jsonVi = await ansinh(['--json', 'ebook', 'show', person.personalId], { ...env, ANSINH_HOME: home });
      const jsonEn = await ansinh(['--json', '--lang', 'en', 'ebook', 'show', person.personalId], {
        ...env,
        ANSINH_HOME: home,
      });
      expect(JSON.parse(jsonVi.stdout).content).toEqual(JSON.parse(jsonEn.stdout).content);

      const pdf = await both(['ebook', 'pdf', person.personalId, '--out', path.join(dir, 'so-bhxh.pdf')], {
        ...env,
        ANSINH_HOME: home,
      });
      expect(pdf.vi.stdout).toMatch(/^đã ghi .*so-bhxh\.pdf \(\d{1,3}(\.\d{3})* byte\)$/m);
      expect(pdf.en.stdout).toMatch(/^wrote .*so-bhxh\.pdf \(\d{1,3}(,\d{3})* bytes\)$/m);

      const verify = await both(['ebook', 'verify'], env);
      expect(verify.vi.stdout.trim()).toBe('đạt: 2 sổ điện tử khớp với cơ sở dữ liệu');
      expect(verify.en.stdout.trim()).toBe('ok: 2 e-books match the database');
    },
    SLOW,
  );

  it(
    'audit checkpoint and verify, keys rotate-signing, db migrate',
    async () => {
      const cp = await both(['audit', 'checkpoint'], { ...env, ANSINH_HOME: home });
      expect(cp.vi.stdout).toMatch(/^mốc \d+: đã ký \d+ đầu chuỗi bằng khóa \S+$/m);
      expect(cp.en.stdout).toMatch(/^checkpoint \d+: \d+ chain heads signed with key \S+$/m);
      const audit = await both(['audit', 'verify'], { ...env, ANSINH_HOME: home });
      expect(audit.vi.stdout).toMatch(
        /^đạt: \d+ sự kiện trong \d+ chuỗi, các đầu chuỗi khớp với mốc \d+ lúc \d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d UTC$/m,
      );
      expect(audit.en.stdout).toMatch(/heads consistent with checkpoint \d+ of \d{4}-\d\d-\d\d\S*( \S+)?$/m);

      const keys = await both(['keys', 'rotate-signing'], { ANSINH_HOME: home });
      expect(keys.vi.stdout).toMatch(/^khóa ký mới \S+ trong .* \(\d+ khóa được công bố\)$/m);
      const migrated = await both(['db', 'migrate'], env);
      expect(migrated.vi.stdout).toMatch(/^đã áp dụng các bản migration \(postgres\)/m);
      expect(migrated.en.stdout).toMatch(/^migrations applied \(postgres\)/m);
    },
    SLOW,
  );

  it(
    'seed: the summary and each stage in Vietnamese, English with --lang en',
    async () => {
      const seedDb = await createTestDatabase('cliwordsseed');
      try {
        const args = [
          'seed',
          '--employers',
          '1',
          '--participants',
          '3',
          '--months',
          '1',
          '--period',
          '2026-10',
          '--seed',
          '13',
        ];
        const vi = await ansinh(args, { DATABASE_URL: seedDb.url });
        expect(vi.code, vi.stderr).toBe(0);
        expectFromCatalog('vi', vi, 'seed');
        expect(vi.stdout).toMatch(
          /^đã nạp 1 đơn vị, 3 người tham gia, \d+ khoản thu cho các kỳ 10\/2026…10\/2026 trong \d+,\d giây$/m,
        );
        expect(vi.stderr).toContain('  sổ điện tử: 3 / 3');
        expect(vi.stderr).toContain('  khoản thu kỳ 10/2026: 1 / 1');
      } finally {
        await seedDb.drop();
      }
    },
    SLOW,
  );
});

describe('claims and the reconciliation through Temporal', () => {
  it(
    'claim show and reconcile --wait speak Vietnamese by default and English with --lang en',
    async () => {
      const taskQueue = uniqueTaskQueue('cliwords');
      const subjectKey = 'cli-words-subject-key-0123456789';
      const connection = await NativeConnection.connect({ address: inject('temporalAddress') });
      const worker = await makeWorker(connection, taskQueue, { db: tdb.db, clock: testClock });
      const running = worker.run();
      const { client, connection: clientConnection } = await devServerClient();
      try {
        const filingDate = testClock.today();
        const terminationDate = addDays(filingDate, -7);
        const c = await createClaimant(tdb.db, {
          lastMonth: monthOf(terminationDate),
          months: 14,
          salary: 12_000_000,
          seed: 13_013,
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
        const state = await waitForQuery<ClaimState>(
          client.workflow.getHandle(filed.workflowId),
          'state',
          (s) => s.status === 'awaiting_decision',
        );
        const env = {
          DATABASE_URL: tdb.url,
          TEMPORAL_ADDRESS: inject('temporalAddress'),
          TEMPORAL_TASK_QUEUE: taskQueue,
          // One queue for both pools (the reconciliation below is batch work; one worker serves it).
          TEMPORAL_BATCH_TASK_QUEUE: taskQueue,
          CLAIM_SUBJECT_KEY: subjectKey,
        };
        const shown = await both(['claim', 'show', filed.claimId], env);
        const [y, m, d] = state.decisionDeadline!.split('-');
        expect(shown.vi.stdout).toMatch(new RegExp(`^hồ sơ ${filed.claimId}: chờ quyết định \\(Luật Việc làm số`, 'm'));
        expect(shown.vi.stdout).toContain('đủ điều kiện: có');
        expect(shown.vi.stdout).toMatch(
          /mức hưởng hằng tháng: 7\.200\.000 ₫ trong \d+ tháng, từ ngày \d\d\/\d\d\/\d{4}/,
        );
        expect(shown.vi.stdout).toContain(`hạn ra quyết định: ${d}/${m}/${y}`);
        expect(shown.vi.stdout).toMatch(/đang chờ: Chờ quyết định của cán bộ \(hạn theo luật \d\d\/\d\d\/\d{4}\)/);
        expect(shown.en.stdout).toMatch(new RegExp(`^claim ${filed.claimId}: awaiting the decision \\(Law`, 'm'));
        expect(shown.en.stdout).toContain(`decision due by: ${state.decisionDeadline}`);
        expect(shown.en.stdout).toMatch(/monthly benefit: 7,200,000 ₫/);

        // A period no other test reconciles (the workflow id reconciliation:<period> is shared on the dev server).
        const rec = await both(['reconcile', '--period', '2014-02', '--as-of', '2014-04-01', '--wait'], env);
        expect(rec.vi.stdout).toMatch(
          /^kỳ 02\/2014 tính đến ngày 01\/04\/2014: \d+ đơn vị, \d+ dòng, phải đóng 0 ₫, đã đóng 0 ₫/m,
        );
        expect(rec.en.stdout).toMatch(/^2014-02 as of 2014-04-01: \d+ employers, \d+ lines, due 0 ₫, paid 0 ₫/m);
      } finally {
        worker.shutdown();
        await running;
        await connection.close();
        await clientConnection.close();
      }
    },
    SLOW,
  );
});
