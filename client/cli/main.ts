/**
 * `ansinh`: the operator's and officer's command line. Every command takes --json; errors go to
 * stderr with a non-zero exit code (2 for invalid input, 1 otherwise).
 */
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { Command, Option } from 'commander';
import { eq, count } from 'drizzle-orm';
import { computeContribution } from '../../domain/contributions';
import { DomainError } from '../../domain/errors';
import { issuesFromZod } from '../../domain/issues';
import { calcContributionArgsSchema } from '../../domain/schemas';
import { ebooks, employers, employments } from '../../db/schema';
import { verifyEbooks } from '../../db/queries/ebooks';
import { loadConfig } from '../../worker/config';
import { installTemporalLogging } from '../../worker/logger';
import { createWorker } from '../../worker/main';
import { NativeConnection } from '@temporalio/worker';
import { connectDatabase, connectTemporal, startStack } from '../stack';
import { decideOnboarding, onboardingProgress, onboardingResult, submitOnboarding } from '../temporal';
import { formatContribution, formatEbook } from './format';

interface GlobalOpts {
  json?: boolean;
}

class ExitCode extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

const program = new Command()
  .name('ansinh')
  .description('Ansinh — workflow-orchestrated social-insurance benefit processing')
  .option('--json', 'machine-readable JSON output')
  .showHelpAfterError();

const jsonMode = () => Boolean(program.opts<GlobalOpts>().json);
const print = (human: string, json: unknown) => {
  process.stdout.write(jsonMode() ? `${JSON.stringify(json, null, 2)}\n` : `${human}\n`);
};
const defaultOfficer = () => `officer:${userInfo().username}`;

async function withDb<T>(fn: (db: Awaited<ReturnType<typeof connectDatabase>>) => Promise<T>): Promise<T> {
  const handle = await connectDatabase(loadConfig());
  try {
    return await fn(handle);
  } finally {
    await handle.close();
  }
}

async function withTemporal<T>(fn: (t: Awaited<ReturnType<typeof connectTemporal>>) => Promise<T>): Promise<T> {
  const t = await connectTemporal(loadConfig());
  try {
    return await fn(t);
  } finally {
    await t.close();
  }
}

function untilSignal(stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = (sig: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`\n${sig}: shutting down (draining the worker)…\n`);
    void stop();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

program
  .command('start')
  .description('run the whole stack: database (embedded unless DATABASE_URL), Temporal (local dev server unless TEMPORAL_ADDRESS), worker')
  .action(async () => {
    const stack = await startStack(loadConfig(), (line) => process.stdout.write(`${line}\n`));
    untilSignal(() => stack.shutdown());
    await stack.done;
    process.stdout.write('stopped cleanly\n');
  });

program
  .command('worker')
  .description('run only the worker, against DATABASE_URL (or the running stack) and TEMPORAL_ADDRESS')
  .action(async () => {
    const cfg = loadConfig();
    installTemporalLogging(cfg.LOG_LEVEL);
    const db = await connectDatabase(cfg);
    const address = cfg.TEMPORAL_ADDRESS;
    if (!address) throw new DomainError('CONFIG', 'ansinh worker needs TEMPORAL_ADDRESS (or use ansinh start)');
    const connection = await NativeConnection.connect({ address });
    const worker = await createWorker({
      connection,
      namespace: cfg.TEMPORAL_NAMESPACE,
      taskQueue: cfg.TEMPORAL_TASK_QUEUE,
      deps: { db: db.db, clock: () => new Date() },
    });
    untilSignal(async () => worker.shutdown());
    process.stdout.write(`worker running on ${address}, task queue ${cfg.TEMPORAL_TASK_QUEUE}\n`);
    await worker.run();
    await connection.close();
    await db.close();
  });

program
  .command('db')
  .description('database administration')
  .command('migrate')
  .description('apply pending migrations')
  .action(() =>
    withDb(async (h) => {
      await h.migrate();
      print(`migrations applied (${h.kind})`, { ok: true, database: h.kind });
    }),
  );

const employer = program.command('employer').description('employers: onboarding and decisions');

employer
  .command('onboard')
  .argument('<file>', 'JSON dossier: { employer: {...}, employees: [...] }')
  .option('--wait', 'wait for the workflow to finish and print its summary')
  .option('--submitted-by <who>', 'who submits the dossier', 'cli')
  .addOption(new Option('--batch-size <n>', 'employees per database transaction').argParser(Number))
  .description('submit an onboarding dossier and start its workflow')
  .action(async (file: string, opts: { wait?: boolean; submittedBy: string; batchSize?: number }) => {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new DomainError('INVALID_FILE', `cannot read ${file} as JSON: ${(err as Error).message}`);
    }
    await withDb((db) =>
      withTemporal(async (t) => {
        const submitted = await submitOnboarding({ db: db.db, client: t.client, taskQueue: loadConfig().TEMPORAL_TASK_QUEUE }, raw, opts.submittedBy, {
          ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
        });
        const taxCode = (raw as { employer: { taxCode: string } }).employer.taxCode;
        if (!opts.wait) {
          print(
            `submitted: request ${submitted.requestId}, workflow ${submitted.workflowId}, ${submitted.employees} employees` +
              submitted.warnings.map((w) => `\nwarning: ${w.code} (${w.field})`).join(''),
            submitted,
          );
          return;
        }
        process.stderr.write(`submitted ${submitted.workflowId}; waiting for the decision and the onboarding…\n`);
        const summary = await onboardingResult(t.client, taxCode);
        print(`${summary.outcome}: ${JSON.stringify(summary, null, 2)}`, { ...submitted, summary });
      }),
    );
  });

for (const verb of ['approve', 'reject'] as const) {
  const cmd = employer
    .command(verb)
    .argument('<taxCode>')
    .option('--officer <who>', 'the deciding officer', defaultOfficer())
    .description(`${verb} a pending onboarding (through the workflow's Update)`);
  if (verb === 'reject') cmd.requiredOption('--reason <text>', 'why the dossier is rejected');
  cmd.action((taxCode: string, opts: { officer: string; reason?: string }) =>
    withTemporal(async (t) => {
      const decision =
        verb === 'approve'
          ? ({ decision: 'approve', officer: opts.officer } as const)
          : ({ decision: 'reject', officer: opts.officer, reason: opts.reason ?? '' } as const);
      const res = await decideOnboarding(t.client, taxCode, decision);
      print(`${taxCode}: ${verb} accepted`, { taxCode, ...res });
    }),
  );
}

employer
  .command('show')
  .argument('<taxCode>')
  .description('the employer as the database holds it, and its onboarding progress')
  .action((taxCode: string) =>
    withDb(async (h) => {
      const [row] = await h.db.select().from(employers).where(eq(employers.taxCode, taxCode));
      if (!row) throw new DomainError('NOT_FOUND', `no employer with tax code ${taxCode}`);
      const [n] = await h.db.select({ n: count() }).from(employments).where(eq(employments.employerTaxCode, taxCode));
      let progress: unknown = null;
      try {
        progress = await withTemporal((t) => onboardingProgress(t.client, taxCode));
      } catch {
        progress = null; // Temporal not reachable or no workflow: the database is still the answer
      }
      const data = { employer: row, employees: Number(n?.n ?? 0), onboarding: progress };
      print(
        [
          `${row.name} (${row.taxCode})`,
          `status: ${row.status}${row.unitCode ? `, unit code ${row.unitCode}` : ''}${row.rejectionReason ? `, rejected: ${row.rejectionReason}` : ''}`,
          `region ${row.wageRegion}, province ${row.provinceCode}, ${row.category}`,
          `employees: ${data.employees}`,
          progress ? `onboarding: ${JSON.stringify(progress)}` : 'onboarding: (no workflow reachable)',
        ].join('\n'),
        data,
      );
    }),
  );

const ebook = program.command('ebook').description('electronic social-insurance books');

ebook
  .command('show')
  .argument('<personalId>')
  .description("a participant's e-book")
  .action((personalId: string) =>
    withDb(async (h) => {
      const [book] = await h.db.select().from(ebooks).where(eq(ebooks.personalId, personalId));
      if (!book) throw new DomainError('NOT_FOUND', `no e-book for ${personalId}`);
      const content = JSON.parse(book.content);
      print(formatEbook(content, book.version, book.sha256), { version: book.version, sha256: book.sha256, content });
    }),
  );

ebook
  .command('verify')
  .description('recompute every e-book from the database and report each mismatch (exit 1 if any)')
  .action(() =>
    withDb(async (h) => {
      const report = await verifyEbooks(h.db);
      print(
        report.mismatches.length === 0
          ? `ok: ${report.checked} e-books match the database`
          : [`${report.mismatches.length} of ${report.checked} e-books do not match the database:`, ...report.mismatches.map((m) => `  ${m.personalId}: ${m.kind} (stored version ${m.storedVersion ?? '-'})`)].join('\n'),
        report,
      );
      if (report.mismatches.length > 0) throw new ExitCode(1);
    }),
  );

const calc = program.command('calc').description('calculators that write nothing');
calc
  .command('contribution')
  .requiredOption('--salary <VND>', 'monthly contribution salary')
  .requiredOption('--period <YYYY-MM>', 'contribution month')
  .requiredOption('--region <I|II|III|IV>', 'wage region of the employer')
  .description('SI/HI/UI contributions of one employee for one month')
  .action(async (opts: { salary: string; period: string; region: string }) => {
    const parsed = calcContributionArgsSchema.safeParse({ salary: opts.salary, period: opts.period, region: opts.region });
    if (!parsed.success) {
      const [first] = issuesFromZod(parsed.error.issues);
      throw new DomainError(first!.code, first!.message, first!.field);
    }
    const r = computeContribution({ month: parsed.data.period, salary: parsed.data.salary, region: parsed.data.region });
    const n = (s: string) => Number(s); // integer VND, exactly representable (≤ 2^53)
    const byFund = (f: Partial<Record<string, string>>) => Object.fromEntries(Object.entries(f).map(([k, v]) => [k, n(v ?? '0')]));
    print(formatContribution(r), {
      period: r.month,
      region: r.region,
      bases: { si: n(r.bases.si), hi: n(r.bases.hi), ui: n(r.bases.ui) },
      caps: { si: n(r.siCap), ui: n(r.uiCap) },
      floor: n(r.floor),
      employee: { ...byFund(r.employee.byFund), total: n(r.employee.total) },
      employer: { ...byFund(r.employer.byFund), total: n(r.employer.total) },
      total: n(r.total),
    });
  });

export async function main(argv = process.argv): Promise<void> {
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof ExitCode) {
      process.exitCode = err.code;
      return;
    }
    if (err instanceof DomainError) {
      const body = { error: { code: err.code, message: err.message, field: err.field ?? null, details: err.details ?? null } };
      process.stderr.write(jsonMode() ? `${JSON.stringify(body, null, 2)}\n` : `error: ${err.code}: ${err.message}${err.field ? ` (${err.field})` : ''}\n${formatDetails(err.details)}`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`error: ${(err as Error).message ?? String(err)}\n`);
    process.exitCode = 1;
  }
}

function formatDetails(details: unknown): string {
  const errors = (details as { errors?: { code: string; field: string; message?: string }[] } | undefined)?.errors;
  if (!errors || errors.length <= 1) return '';
  return errors.map((e) => `  ${e.code} ${e.field}${e.message ? `: ${e.message}` : ''}`).join('\n') + '\n';
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
