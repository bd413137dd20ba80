/**
 * The `ansinh` commands, built against a context: run locally (own connections) or inside the
 * running stack (its embedded database and Temporal client; see runtime/control.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { userInfo } from 'node:os';
import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import { Command, CommanderError, Option } from 'commander';
import { count, eq } from 'drizzle-orm';
import { computeContribution } from '../domain/contributions';
import { DomainError } from '../domain/errors';
import { parseOrThrow } from '../domain/issues';
import { personalIdSchema, taxCodeSchema } from '../domain/identifiers';
import { calcContributionArgsSchema, claimFilingSchema, declarationBatchSchema, announcementBodySchema, assignmentBodySchema, isoDateSchema, monthSchema } from '../domain/schemas';
import type { monthlyReconciliation } from '../workflows/reconciliation';
import { formatVnd } from '../domain/money';
import { declare } from '../services/declarations';
import { periodStatement } from '../db/queries/periods';
import { verifyLedger } from '../services/payments';
import { announcePayment, assignSuspenseLine, employerPayments, importStatement, listSuspense } from '../activities/bank';
import { detectFormat, parseStatement } from '../activities/bank-parse';
import { statementFormatSchema } from '../domain/bank';
import { addMonths, monthOf } from '../domain/calendar';
import { seed } from '../db/seed';
import { classifyDatabaseError, databaseErrorFacts, isQueryError } from '../db/errors';
import { upgradeEbooks, verifyEbooks } from '../db/queries/ebooks';
import { ebooks, employers, employments } from '../db/schema/index';
import type { CliContext } from './context';
import { decideOnboarding, onboardingProgress, onboardingResult, startReconciliation, submitOnboarding, validateSubmission } from '../client/temporal';
import { AuthError, mintToken, ROLES, type Role } from '../api/auth';
import { DOMAIN_STATUS } from '../api/errors';
import { applyReconciliationSchedule, RECONCILIATION_SCHEDULE_ID } from '../client/schedules';
import { runDemo } from '../dev/demo';
import { formatClaim, formatContribution, formatEbook } from './format';
import { calcUnemployment, formatUnemployment } from './calc-unemployment';
import { claimState, decideClaim, fileAndStartClaim, reportClaim, terminateClaim, type ClaimsContext } from '../client/claims';

export type { CliContext } from './context';

/** Raised to end a command with a given exit code after its output is written. */
export class ExitCode extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

/** The version in package.json (what `ansinh --version` prints). */
export const PACKAGE_VERSION: string = (JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;

/**
 * Exit codes: 2 for invalid input (the API's 400 and 422), 3 for not found (404), 1 for anything
 * else (a conflict with the case's state, a refusal, no stack, a failure).
 */
export const EXIT_INVALID_INPUT = 2;
export const EXIT_NOT_FOUND = 3;
export const EXIT_OTHER = 1;
/** Codes of the command line's own that are not about the input. */
const CLI_OTHER_CODES = new Set(['STACK_NOT_RUNNING', 'CONFIG', 'LOCAL_ONLY', 'POSTGRES_ONLY']);

export function exitCodeOf(code: string): number {
  if (CLI_OTHER_CODES.has(code)) return EXIT_OTHER;
  if (code === 'NOT_FOUND' || code.endsWith('_NOT_FOUND')) return EXIT_NOT_FOUND;
  const status = DOMAIN_STATUS[code] ?? 422;
  return status === 404 ? EXIT_NOT_FOUND : status === 400 || status === 422 ? EXIT_INVALID_INPUT : EXIT_OTHER;
}

/** Commands that must run in the calling process (they own the stack or the worker). */
export const LOCAL_ONLY_COMMANDS = new Set(['start', 'worker', 'api', 'token']);

export interface LocalCommands {
  start(): Promise<void>;
  worker(): Promise<void>;
  api(): Promise<void>;
}

export function buildProgram(ctx: CliContext, local: LocalCommands): Command {
  const program = new Command()
    .name('ansinh')
    .description('Ansinh — workflow-orchestrated social-insurance benefit processing')
    .version(PACKAGE_VERSION, '-V, --version', 'print the version of Ansinh')
    .option('--json', 'machine-readable JSON output')
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.out(s), writeErr: (s) => ctx.err(s) })
    .showHelpAfterError();

  const jsonMode = () => Boolean(program.opts<{ json?: boolean }>().json);
  const print = (human: string, json: unknown) => ctx.out(jsonMode() ? `${JSON.stringify(json, null, 2)}\n` : `${human}\n`);
  const defaultOfficer = `officer:${userInfo().username}`;

  program.command('start').description('run the whole stack: database (embedded unless DATABASE_URL), Temporal (local dev server unless TEMPORAL_ADDRESS), worker').action(local.start);
  program.command('worker').description('run only the worker, against DATABASE_URL and TEMPORAL_ADDRESS').action(local.worker);
  program.command('api').description('run only the HTTP API, against DATABASE_URL and TEMPORAL_ADDRESS').action(local.api);

  program
    .command('token')
    .description('bearer tokens for the HTTP API')
    .command('mint')
    .description('mint a token signed with the local development key (kept in ANSINH_HOME)')
    .addOption(new Option('--role <role>', 'who the token is for').choices([...ROLES]).makeOptionMandatory())
    .option('--tax-code <taxCode>', 'employer: the tax code it acts for')
    .option('--personal-id <id>', 'participant: the personal ID it acts for')
    .option('--facility <code>', 'facility: the healthcare-facility code')
    .addOption(new Option('--level <n>', 'identity assurance level (VNeID level; participants need 2)').argParser(Number))
    .option('--ttl <span>', 'lifetime, e.g. 15m, 1h, 7d', '1h')
    .option('--subject <sub>', 'the token subject (default: role and binding)')
    .action(async (o: { role: Role; taxCode?: string; personalId?: string; facility?: string; level?: number; ttl: string; subject?: string }) => {
      const token = await mintToken(ctx.cfg.home, {
        role: o.role,
        ttl: o.ttl,
        issuer: ctx.cfg.AUTH_ISSUER,
        audience: ctx.cfg.AUTH_AUDIENCE,
        ...(o.taxCode ? { taxCode: o.taxCode } : {}),
        ...(o.personalId ? { personalId: o.personalId } : {}),
        ...(o.facility ? { facilityCode: o.facility } : {}),
        ...(o.level !== undefined ? { level: o.level } : {}),
        ...(o.subject ? { subject: o.subject } : {}),
      }, ctx.cfg.clock);
      print(token, { token });
    });

  program
    .command('db')
    .description('database administration')
    .command('migrate')
    .description('apply pending migrations')
    .action(() =>
      ctx.withDb(
        async (h) => {
          await h.migrate();
          const upgraded = await upgradeEbooks(h.db);
          print(`migrations applied (${h.kind})${upgraded ? `; ${upgraded} e-books re-rendered` : ''}`, { ok: true, database: h.kind, ebooksUpgraded: upgraded });
        },
        { create: true },
      ),
    );

  program
    .command('demo')
    .description('onboard a sample employer with three employees end to end, approve it, print the e-books')
    .action(() => ctx.withDb((db) => ctx.withTemporal((t) => runDemo({ db: db.db, client: t.client, taskQueue: ctx.cfg.TEMPORAL_TASK_QUEUE, clock: ctx.cfg.clock }, (s) => ctx.out(`${s}\n`)))));

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
        raw = JSON.parse(readFileSync(path.resolve(ctx.cwd, file), 'utf8'));
      } catch (err) {
        throw new DomainError('INVALID_FILE', `cannot read ${file} as JSON: ${(err as Error).message}`);
      }
      validateSubmission(raw, ctx.cfg.clock()); // bad input is refused before anything is connected or written
      await ctx.withDb((db) =>
        ctx.withTemporal(async (t) => {
          const submitted = await submitOnboarding({ db: db.db, client: t.client, taskQueue: ctx.cfg.TEMPORAL_TASK_QUEUE, clock: ctx.cfg.clock }, raw, opts.submittedBy, {
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
          ctx.err(`submitted ${submitted.workflowId}; waiting for the decision and the onboarding…\n`);
          const summary = await onboardingResult(t.client, taxCode);
          print(`${summary.outcome}: ${JSON.stringify(summary, null, 2)}`, { ...submitted, summary });
        }),
      );
    });

  for (const verb of ['approve', 'reject'] as const) {
    const cmd = employer
      .command(verb)
      .argument('<taxCode>')
      .option('--officer <who>', 'the deciding officer', defaultOfficer)
      .description(`${verb} a pending onboarding (through the workflow's Update)`);
    if (verb === 'reject') cmd.requiredOption('--reason <text>', 'why the dossier is rejected');
    cmd.action((raw: string, opts: { officer: string; reason?: string }) => {
      const taxCode = parseOrThrow(taxCodeSchema, raw);
      return ctx.withTemporal(async (t) => {
        const decision =
          verb === 'approve' ? ({ decision: 'approve', officer: opts.officer } as const) : ({ decision: 'reject', officer: opts.officer, reason: opts.reason ?? '' } as const);
        const res = await decideOnboarding(t.client, taxCode, decision);
        // The Update answers once the decision is written: print the case as it now is.
        print(
          res.state === undefined
            ? `${taxCode}: ${verb} accepted`
            : verb === 'approve'
              ? `${taxCode}: approved — the employer is active, unit code ${res.unitCode ?? '-'}; its employees are being onboarded (${res.state})`
              : `${taxCode}: rejected — the employer is rejected (${res.state})`,
          { taxCode, ...res },
        );
      });
    });
  }

  employer
    .command('show')
    .argument('<taxCode>')
    .description('the employer as the database holds it, and its onboarding progress')
    .action((raw: string) => {
      const taxCode = parseOrThrow(taxCodeSchema, raw);
      return ctx.withDb(async (h) => {
        const [row] = await h.db.select().from(employers).where(eq(employers.taxCode, taxCode));
        if (!row) throw new DomainError('NOT_FOUND', `no employer with tax code ${taxCode}`);
        const [n] = await h.db.select({ n: count() }).from(employments).where(eq(employments.employerTaxCode, taxCode));
        // Temporal unreachable or no workflow: the database is still the answer.
        const progress = await ctx.withTemporal((t) => onboardingProgress(t.client, taxCode)).catch(() => null);
        const data = { employer: row, employees: Number(n?.n ?? 0), onboarding: progress };
        print(
          [
            `${row.name} (${row.taxCode})`,
            `status: ${row.status}${row.unitCode ? `, unit code ${row.unitCode}` : ''}${row.rejectionReason ? `, rejected: ${row.rejectionReason}` : ''}`,
            `region ${row.wageRegion}, province ${row.provinceCode}, ${row.category}`,
            `employees: ${data.employees}`,
            progress ? `onboarding: ${progress.state}, ${progress.employeesDone}/${progress.employeesTotal} employees${progress.escalated ? ', escalated' : ''}` : 'onboarding: (no workflow reachable)',
          ].join('\n'),
          data,
        );
      });
    });

  employer
    .command('declare')
    .argument('<taxCode>')
    .argument('<file>', 'JSON: { declarations: [ { kind: hire|leave|salary_change|unpaid_leave, … } ] }')
    .option('--author <who>', 'who declares', `employer:cli`)
    .description('record declarations (one transaction; each recorded once); e-books are rewritten')
    .action(async (rawTaxCode: string, file: string, opts: { author: string }) => {
      const taxCode = parseOrThrow(taxCodeSchema, rawTaxCode);
      let raw: unknown;
      try {
        raw = JSON.parse(readFileSync(path.resolve(ctx.cwd, file), 'utf8'));
      } catch (err) {
        throw new DomainError('INVALID_FILE', `cannot read ${file} as JSON: ${(err as Error).message}`);
      }
      const batch = parseOrThrow(declarationBatchSchema, raw);
      await ctx.withDb(async (h) => {
        const r = await declare(h.db, { taxCode, author: opts.author, batch, now: ctx.cfg.clock() });
        print(r.results.map((x) => `${x.kind} ${x.personalId} from ${x.effectiveMonth}: ${x.alreadyRecorded ? 'already recorded' : 'recorded'} (#${x.id})`).join('\n'), r);
      });
    });

  employer
    .command('statement')
    .argument('<taxCode>')
    .requiredOption('--period <YYYY-MM>', 'the contribution month')
    .option('--as-of <YYYY-MM-DD>', 'count late days up to this date (default today, Vietnam time)')
    .description('what the employer owes for a month: due per side and fund, paid, outstanding, late charge')
    .action(async (raw: string, opts: { period: string; asOf?: string }) => {
      const taxCode = parseOrThrow(taxCodeSchema, raw);
      const period = { data: parseOrThrow(monthSchema, opts.period) };
      await ctx.withDb(async (h) => {
        const [row] = await h.db.select({ t: employers.taxCode }).from(employers).where(eq(employers.taxCode, taxCode));
        if (!row) throw new DomainError('NOT_FOUND', `no employer with tax code ${taxCode}`);
        const st = await periodStatement(h.db, taxCode, period.data, opts.asOf ?? ctx.cfg.clock.today());
        const fmt = (o: Record<string, string>) => Object.entries(o).map(([k, v]) => `    ${k.padEnd(14)} ${formatVnd(v).padStart(18)}`);
        print(
          [
            `${taxCode} ${period.data}: ${st.employees} employees, deadline ${st.deadline}, as of ${st.asOf}`,
            '  employee:',
            ...fmt(st.employee),
            '  employer:',
            ...fmt(st.employer),
            `  due ${formatVnd(st.total)}, paid ${formatVnd(st.paid)}, outstanding ${formatVnd(st.outstanding)} (${st.status})`,
            `  late charge ${formatVnd(st.lateCharge)} (paid ${formatVnd(st.chargePaid)}), ${st.maxDaysLate} days late${st.evasion ? ' — EVASION (day 61+)' : ''}`,
            ...st.settlements.map((x) => `  ${x.on} ${x.bankReference}${x.fromCredit ? ' (from credit)' : ''}: principal ${formatVnd(x.principal)}, charge ${formatVnd(x.charge)}`),
            `  paid from credit ${formatVnd(st.paidFromCredit)}; credit held ${formatVnd(st.creditHeld)}`,
          ].join('\n'),
          st,
        );
      });
    });

  employer
    .command('pay')
    .argument('<taxCode>')
    .requiredOption('--amount <VND>', 'amount the transfer will carry')
    .requiredOption('--value-date <YYYY-MM-DD>', 'expected value date of the bank transfer')
    .requiredOption('--reference <ref>', "the reference the transfer's remittance text will carry (4–64 letters, digits or ._:/-)")
    .option('--author <who>', 'who announces it', 'employer:cli')
    .description("announce a transfer: pending until the bank's statement carries it; never credited on its own")
    .action(async (raw: string, opts: { amount: string; valueDate: string; reference: string; author: string }) => {
      const taxCode = parseOrThrow(taxCodeSchema, raw);
      const body = parseOrThrow(announcementBodySchema, { amount: opts.amount, expectedValueDate: opts.valueDate, reference: opts.reference });
      await ctx.withDb(async (h) => {
        const r = await announcePayment(h.db, { taxCode, author: opts.author, ...body });
        print(
          `announcement #${r.announcementId} ${formatVnd(r.amount)} expected on ${r.expectedValueDate}, reference ${r.reference}: ${r.status}${r.alreadyAnnounced ? ' (already announced)' : ''}`,
          r,
        );
      });
    });

  employer
    .command('payments')
    .argument('<taxCode>')
    .description("the employer's announcements (pending or matched) and the payments booked from the bank")
    .action((raw: string) =>
      ctx.withDb(async (h) => {
        const taxCode = parseOrThrow(taxCodeSchema, raw);
        const [row] = await h.db.select({ t: employers.taxCode }).from(employers).where(eq(employers.taxCode, taxCode));
        if (!row) throw new DomainError('NOT_FOUND', `no employer with tax code ${taxCode}`);
        const r = await employerPayments(h.db, taxCode);
        print(
          [
            `announcements: ${r.announcements.length}`,
            ...r.announcements.map((a) => `  #${a.announcementId} ${a.reference} ${formatVnd(a.amount)} expected ${a.expectedValueDate}: ${a.status}${a.bankReference ? ` (bank ${a.bankReference}, payment #${a.paymentId})` : ''}`),
            `payments: ${r.payments.length}`,
            ...r.payments.map((p) => `  #${p.paymentId} ${p.bankReference} ${formatVnd(p.amount)} on ${p.valueDate}, allocated ${formatVnd(p.allocated)}, credit ${formatVnd(p.credit)}`),
          ].join('\n'),
          r,
        );
      }),
    );

  const bank = program.command('bank').description("the collection account's bank statements: import, suspense, assignment");
  const todayInVietnam = () => ctx.cfg.clock.today();

  bank
    .command('import')
    .argument('<file>', 'the bank statement: CSV export (columns in the README) or ISO 20022 camt.053 XML')
    .addOption(new Option('--format <format>', 'the file format (default: by extension, else by content)').choices(['csv', 'camt053']))
    .option('--author <who>', 'who imports it', 'operator:cli')
    .description('import a statement: each transaction once by its bank reference; credits in VND naming one employer are booked, the others go to suspense')
    .action(async (file: string, opts: { format?: string; author: string }) => {
      let content: string;
      try {
        content = readFileSync(path.resolve(ctx.cwd, file), 'utf8');
      } catch (err) {
        throw new DomainError('INVALID_FILE', `cannot read ${file}: ${(err as Error).message}`);
      }
      const format = opts.format ? parseOrThrow(statementFormatSchema, opts.format) : detectFormat(content, file);
      const parsed = parseStatement(content, format); // a bad file is refused before anything is connected or written
      await ctx.withDb(async (h) => {
        const r = await importStatement(h.db, { ...parsed, author: opts.author, today: todayInVietnam() });
        print(
          [
            `${r.lines} lines (${r.format}${r.statementRef ? ` ${r.statementRef}` : ''}): ${r.booked} booked, ${r.suspense} to suspense, ${r.ignored} ignored, ${r.alreadyImported} already imported${r.notBooked ? `, ${r.notBooked} not booked by the bank yet (skipped)` : ''}`,
            ...r.results.map(
              (x) => `  line ${x.line} ${x.bankReference}: ${x.status}${x.reason ? ` ${x.reason}` : ''}${x.taxCode ? ` ${x.taxCode}` : ''}${x.paymentId ? ` payment #${x.paymentId}` : ''}${x.alreadyImported ? ' (already imported)' : ''}`,
            ),
          ].join('\n'),
          r,
        );
      });
    });

  bank
    .command('suspense')
    .addOption(new Option('--limit <n>', 'at most this many lines').argParser(Number).default(100))
    .description('statement lines waiting for an officer, oldest first, with their reason')
    .action((opts: { limit: number }) =>
      ctx.withDb(async (h) => {
        if (!Number.isSafeInteger(opts.limit) || opts.limit < 1 || opts.limit > 10_000) throw new DomainError('INVALID_INPUT', '--limit must be a whole number from 1 to 10000', 'limit');
        const page = await listSuspense(h.db, { limit: opts.limit, after: 0 });
        print(
          page.items.length === 0
            ? 'no lines in suspense'
            : page.items.map((l) => `#${l.id} ${l.bankReference} ${l.amount} ${l.currency} on ${l.valueDate}: ${l.reason}${l.taxCode ? ` (${l.taxCode})` : ''} — ${l.remittance}`).join('\n'),
          page,
        );
      }),
    );

  bank
    .command('assign')
    .argument('<id>', 'the suspense line (#id from ansinh bank suspense)')
    .argument('<taxCode>', 'the employer it pays')
    .option('--officer <who>', 'the assigning officer', defaultOfficer)
    .description("book a suspense line as the employer's payment; it leaves suspense")
    .action(async (id: string, taxCode: string, opts: { officer: string }) => {
      const lineId = Number(id.replace(/^#/, ''));
      if (!Number.isSafeInteger(lineId) || lineId < 1) throw new DomainError('INVALID_ID', 'a bank line id is a whole number ≥ 1', 'id');
      const body = parseOrThrow(assignmentBodySchema, { taxCode });
      await ctx.withDb(async (h) => {
        const r = await assignSuspenseLine(h.db, { id: lineId, taxCode: body.taxCode, author: opts.officer, today: todayInVietnam() });
        print(
          [
            `line #${r.line.id} ${r.line.bankReference} booked to ${body.taxCode} as payment #${r.payment.paymentId}${r.alreadyAssigned ? ' (already assigned)' : ''}`,
            ...r.payment.allocations.map((a) => `  ${a.period}: principal ${formatVnd(a.principal)}, charge ${formatVnd(a.interest)}${a.fromCredit ? ` (from credit, ${a.settledOn})` : ''}`),
            `  credit ${formatVnd(r.payment.credit)}`,
          ].join('\n'),
          r,
        );
      });
    });

  program
    .command('reconcile')
    .requiredOption('--period <YYYY-MM>', 'the month to reconcile')
    .option('--as-of <YYYY-MM-DD>', 'count late days up to this date (default: today)')
    .option('--wait', 'wait for the result and print it')
    .description('run the monthly reconciliation of one period by hand (workflow reconciliation:<period>)')
    .action(async (opts: { period: string; asOf?: string; wait?: boolean }) => {
      const period = parseOrThrow(monthSchema, opts.period);
      const asOf = opts.asOf === undefined ? undefined : parseOrThrow(isoDateSchema, opts.asOf);
      await ctx.withTemporal(async (t) => {
        const started = await startReconciliation(t.client, ctx.cfg.TEMPORAL_TASK_QUEUE, { period, ...(asOf ? { asOf } : {}), offsetDays: ctx.cfg.clock.offsetDays });
        if (!opts.wait) {
          print(`${started.workflowId} ${started.alreadyRunning ? 'is already running' : 'started'}`, started);
          return;
        }
        const result = await t.client.workflow.getHandle<typeof monthlyReconciliation>(started.workflowId).result();
        print(
          `${period} as of ${result.asOf}: ${result.employersDone} employers, ${result.lines} lines, due ${formatVnd(result.due)}, paid ${formatVnd(result.paid)}, outstanding ${formatVnd(result.outstanding)}, late charges ${formatVnd(result.lateCharge)}, ${result.unpaidEmployers} employers in arrears (${result.evasionEmployers} evasion), ${result.ebooksWritten} e-books rewritten`,
          result,
        );
      });
    });

  program
    .command('schedule')
    .description('Temporal Schedules')
    .command('apply')
    .description('create or update the monthly reconciliation schedule (1st of the month, 02:00 Asia/Ho_Chi_Minh)')
    .action(() =>
      ctx.withTemporal(async (t) => {
        const outcome = await applyReconciliationSchedule(t.client, ctx.cfg.TEMPORAL_TASK_QUEUE);
        print(`schedule ${RECONCILIATION_SCHEDULE_ID} ${outcome}`, { scheduleId: RECONCILIATION_SCHEDULE_ID, outcome });
      }),
    );

  program
    .command('seed')
    .description('load a synthetic population with COPY (needs DATABASE_URL: PostgreSQL), deterministic from --seed')
    .addOption(new Option('--employers <n>', 'active employers').argParser(Number).default(100))
    .addOption(new Option('--participants <n>', 'participants (spread over the employers)').argParser(Number).default(10_000))
    .addOption(new Option('--months <k>', 'months of contributions and payments').argParser(Number).default(1))
    .option('--period <YYYY-MM>', 'the last month (default: last month)')
    .addOption(new Option('--seed <n>', 'random seed').argParser(Number).default(1))
    .action(async (o: { employers: number; participants: number; months: number; period?: string; seed: number }) => {
      for (const [k, v] of [['employers', o.employers], ['participants', o.participants], ['months', o.months], ['seed', o.seed]] as const) {
        if (!Number.isSafeInteger(v) || v < 1 || (k === 'months' && v > 120)) throw new DomainError('INVALID_INPUT', `--${k} must be a whole number ≥ 1${k === 'months' ? ' and ≤ 120' : ''}`, k);
      }
      const lastPeriod = o.period ? parseOrThrow(monthSchema, o.period) : addMonths(monthOf(ctx.cfg.clock.today()), -1);
      await ctx.withDb(async (h) => {
        if (!h.sql) throw new DomainError('POSTGRES_ONLY', 'seeding uses COPY: set DATABASE_URL to a PostgreSQL database');
        const started = performance.now();
        const progress = seedProgress(ctx);
        const summary = await seed(h.sql, {
          employers: o.employers,
          participants: o.participants,
          months: o.months,
          lastPeriod,
          today: ctx.cfg.clock.today(),
          seed: o.seed,
          onProgress: progress.update,
        });
        progress.stop();
        print(`seeded ${summary.employers} employers, ${summary.participants} participants, ${summary.payments} payments for ${summary.firstPeriod}…${summary.lastPeriod} in ${((performance.now() - started) / 1000).toFixed(1)} s`, summary);
      });
    });

  program
    .command('ledger')
    .description('the contribution ledger')
    .command('verify')
    .description('prove the ledger balances (exit 1 if it does not)')
    .action(() =>
      ctx.withDb(async (h) => {
        const r = await verifyLedger(h.db);
        print(
          r.problems.length === 0
            ? `ok: ${r.periods} paid periods of ${r.employers} employers balance`
            : [`${r.problems.length} problems:`, ...r.problems.map((p) => `  ${p.taxCode} ${p.period ?? ''}: ${p.problem}`)].join('\n'),
          r,
        );
        if (r.problems.length) throw new ExitCode(1);
      }),
    );

  const ebook = program.command('ebook').description('electronic social-insurance books');

  ebook
    .command('show')
    .argument('<personalId>')
    .description("a participant's e-book")
    .action((raw: string) => {
      const personalId = parseOrThrow(personalIdSchema, raw);
      return ctx.withDb(async (h) => {
        const [book] = await h.db.select().from(ebooks).where(eq(ebooks.personalId, personalId));
        if (!book) throw new DomainError('NOT_FOUND', `no e-book for ${personalId}`);
        const content = JSON.parse(book.content);
        print(formatEbook(content, book.version, book.sha256), { version: book.version, sha256: book.sha256, content });
      });
    });

  ebook
    .command('verify')
    .description('recompute every e-book from the database and report each mismatch (exit 1 if any)')
    .action(() =>
      ctx.withDb(async (h) => {
        const report = await verifyEbooks(h.db);
        print(
          report.mismatches.length === 0
            ? `ok: ${report.checked} e-books match the database`
            : [
                `${report.mismatches.length} of ${report.checked} e-books do not match the database:`,
                ...report.mismatches.map((m) => `  ${m.personalId}: ${m.kind} (stored version ${m.storedVersion ?? '-'})`),
              ].join('\n'),
          report,
        );
        if (report.mismatches.length > 0) throw new ExitCode(1);
      }),
    );

  const readJson = (file: string): unknown => {
    try {
      return JSON.parse(readFileSync(path.resolve(ctx.cwd, file), 'utf8'));
    } catch (err) {
      throw new DomainError('INVALID_FILE', `cannot read ${file} as JSON: ${(err as Error).message}`);
    }
  };
  const withClaims = <T>(fn: (c: ClaimsContext) => Promise<T>) =>
    ctx.withDb((h) => ctx.withTemporal((t) => fn({ db: h.db, client: t.client, taskQueue: ctx.cfg.TEMPORAL_TASK_QUEUE, subjectKey: ctx.cfg.CLAIM_SUBJECT_KEY, clock: ctx.cfg.clock })));
  const showClaim = async (c: ClaimsContext, id: string) => {
    const { personalId: _p, ...st } = await claimState(c, id);
    print(formatClaim(st), st);
  };

  const claim = program.command('claim').description('unemployment-benefit claims (Law 74/2025): file, decide, report, terminate, show');
  claim
    .command('file')
    .argument('<file.json>', '{ personalId, terminationDate, filingDate, region, contractMonths, terminationReason, pensionEligible?, newCoveredJob? }')
    .option('--by <who>', 'who files', defaultOfficer)
    .description('file a claim: validated, stored, its workflow started; eligibility comes from the credited months')
    .action(async (file: string, opts: { by: string }) => {
      const raw = readJson(file);
      parseOrThrow(claimFilingSchema, raw); // bad input is refused before anything is connected or written
      await withClaims(async (c) => {
        const filed = await fileAndStartClaim(c, raw, opts.by);
        ctx.err(`${filed.created ? 'filed' : 'already filed'}: claim ${filed.claimId}\n`);
        for (let i = 0; i < 100; i++) {
          const st = await claimState(c, filed.claimId);
          if (st.status !== 'intake') return showClaim(c, filed.claimId);
          await new Promise((r) => setTimeout(r, 100));
        }
        await showClaim(c, filed.claimId);
      });
    });
  claim
    .command('decide')
    .argument('<claimId>')
    .addOption(new Option('--approve', 'approve the claim').conflicts('reject'))
    .addOption(new Option('--reject', 'reject the claim (with --reason)').conflicts('approve'))
    .option('--reason <text>', 'reason (required to reject)')
    .option('--officer <who>', 'deciding officer', defaultOfficer)
    .description("the officer's decision: approve, or reject with a reason")
    .action(async (id: string, opts: { approve?: boolean; reject?: boolean; reason?: string; officer: string }) => {
      if (!opts.approve && !opts.reject) throw new DomainError('INVALID_DECISION', 'give --approve or --reject');
      await withClaims(async (c) => {
        await decideClaim(c, id, { decision: opts.approve ? 'approve' : 'reject', ...(opts.reason ? { reason: opts.reason } : {}) }, opts.officer);
        await showClaim(c, id); // the Update answered once the decision was written
      });
    });
  claim
    .command('report')
    .argument('<claimId>')
    .addOption(new Option('--month <n>', 'benefit month (default: the open window)').argParser(Number))
    .option('--by <who>', 'who reports', 'participant:cli')
    .description('the monthly job-search report, within its window')
    .action(async (id: string, opts: { month?: number; by: string }) => {
      await withClaims(async (c) => {
        const r = await reportClaim(c, id, opts.month ? { month: opts.month } : {}, opts.by);
        print(`report for benefit month ${r.month} accepted: the month is ${r.monthStatus ?? 'reported'}, the claim ${r.status ?? 'active'}`, r);
      });
    });
  claim
    .command('terminate')
    .argument('<claimId>')
    .requiredOption('--ground <ground>', 'new_job, service, pension, refused_jobs, missed_reports, emigration, study, sanction, death, rehabilitation, missing, detention, own_request')
    .option('--effective <YYYY-MM-DD>', 'the day the ground arose (default: today)')
    .option('--by <who>', 'who terminates', defaultOfficer)
    .description('terminate the benefit on a legal ground; unused months are reserved where the law says so')
    .action(async (id: string, opts: { ground: string; effective?: string; by: string }) => {
      await withClaims(async (c) => {
        await terminateClaim(c, id, { ground: opts.ground, ...(opts.effective ? { effectiveDate: opts.effective } : {}) }, opts.by);
        await showClaim(c, id); // the Update answered once the claim was terminated
      });
    });
  claim
    .command('show')
    .argument('<claimId>')
    .description('the full state of a claim')
    .action(async (id: string) => withClaims((c) => showClaim(c, id)));

  const calc = program.command('calc').description('calculators that write nothing');
  calc
    .command('unemployment')
    .argument('<file.json>', '{ terminationDate, filingDate, region, contractMonths, terminationReason, contributions: [{ month, salary }] }')
    .description('evaluate an unemployment-benefit case (Law 74/2025 or Law 38/2013 by termination date): eligibility, amount, duration, dates')
    .action(async (file: string) => {
      let raw: unknown;
      try {
        raw = JSON.parse(readFileSync(path.resolve(ctx.cwd, file), 'utf8'));
      } catch (err) {
        throw new DomainError('INVALID_FILE', `cannot read ${file} as JSON: ${(err as Error).message}`);
      }
      const r = calcUnemployment(raw);
      const n = (s: string) => Number(s); // integer VND, exactly representable (far below 2^53)
      print(formatUnemployment(r), { ...r, averageSalary: n(r.averageSalary), cap: n(r.cap), monthlyBenefit: n(r.monthlyBenefit), hiMonthlyContribution: n(r.hiMonthlyContribution) });
    });
  calc
    .command('contribution')
    .requiredOption('--salary <VND>', 'monthly contribution salary')
    .requiredOption('--period <YYYY-MM>', 'contribution month')
    .requiredOption('--region <I|II|III|IV>', 'wage region of the employer')
    .description('SI/HI/UI contributions of one employee for one month')
    .action(async (opts: { salary: string; period: string; region: string }) => {
      const args = parseOrThrow(calcContributionArgsSchema, { salary: opts.salary, period: opts.period, region: opts.region });
      const r = computeContribution({ month: args.period, salary: args.salary, region: args.region });
      const n = (s: string) => Number(s); // integer VND, exactly representable (far below 2^53)
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

  return program;
}

/**
 * Seeding progress: one bar per stage on a terminal (cli-progress), else a line per update (a
 * forwarded command, a pipe, CI logs).
 */
function seedProgress(ctx: CliContext): { update: (stage: string, done: number, total: number) => void; stop: () => void } {
  if (!ctx.progressStream) {
    return { update: (stage, done, total) => ctx.err(`  ${stage}: ${done.toLocaleString('en')} / ${total.toLocaleString('en')}\n`), stop: () => {} };
  }
  const bars = new MultiBar(
    { stream: ctx.progressStream, format: '  {stage} [{bar}] {percentage}% {value}/{total} {eta_formatted}', hideCursor: true, clearOnComplete: false, formatValue: (v, _o, type) => (type === 'value' || type === 'total' ? v.toLocaleString('en') : String(v)) },
    Presets.shades_classic,
  );
  const byStage = new Map<string, SingleBar>();
  return {
    update(stage, done, total) {
      let bar = byStage.get(stage);
      if (!bar) byStage.set(stage, (bar = bars.create(total, 0, { stage: stage.padEnd(32) })));
      bar.setTotal(total);
      bar.update(done, { stage: stage.padEnd(32) });
    },
    stop: () => bars.stop(),
  };
}

/** Runs argv (user arguments only) and returns the exit code; never throws. */
export async function runProgram(ctx: CliContext, local: LocalCommands, args: string[]): Promise<number> {
  const program = buildProgram(ctx, local);
  const json = args.includes('--json');
  try {
    await program.parseAsync(args, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof ExitCode) return err.code;
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : EXIT_INVALID_INPUT;
    if (err instanceof AuthError) {
      ctx.err(json ? `${JSON.stringify({ error: { code: err.code, message: err.message } }, null, 2)}\n` : `error: ${err.code}: ${err.message}\n`);
      return 2;
    }
    if (err instanceof DomainError) {
      const body = { error: { code: err.code, message: err.message, field: err.field ?? null, details: err.details ?? null } };
      ctx.err(json ? `${JSON.stringify(body, null, 2)}\n` : `error: ${err.code}: ${err.message}${err.field ? ` (${err.field})` : ''}\n${formatDetails(err.details)}`);
      return exitCodeOf(err.code);
    }
    const db = classifyDatabaseError(err);
    if (db) {
      // A constraint refused the input (exit 2), or the database cannot be reached (exit 1); never its SQL.
      ctx.err(json ? `${JSON.stringify({ error: { code: db.code, message: db.message, field: (db.kind === 'refusal' && db.field) || null } }, null, 2)}\n` : `error: ${db.code}: ${db.message}\n`);
      return db.kind === 'refusal' ? (db.status === 404 ? EXIT_NOT_FOUND : EXIT_INVALID_INPUT) : EXIT_OTHER;
    }
    const facts = databaseErrorFacts(err);
    if (facts || isQueryError(err)) {
      // Class 42 (an undefined table or column) names schema objects, never values: say it, since it
      // means a database without Ansinh's schema. Other messages may quote values: only the SQLSTATE.
      const cause = (err as { cause?: { message?: unknown } }).cause?.message;
      if (facts?.sqlstate?.startsWith('42') && typeof cause === 'string') {
        ctx.err(`error: DATABASE: ${cause} (SQLSTATE ${facts.sqlstate}) — is this database migrated? \`ansinh db migrate\` applies the schema\n`);
        return EXIT_OTHER;
      }
      ctx.err(`error: the database refused the command${facts?.sqlstate ? ` (SQLSTATE ${facts.sqlstate})` : ''}\n`);
      return EXIT_OTHER;
    }
    ctx.err(`error: ${(err as Error)?.message ?? String(err)}\n`);
    return EXIT_OTHER;
  }
}

function formatDetails(details: unknown): string {
  const errors = (details as { errors?: { code: string; field: string; message?: string }[] } | undefined)?.errors;
  if (!errors || errors.length <= 1) return '';
  return errors.map((e) => `  ${e.code} ${e.field}${e.message ? `: ${e.message}` : ''}`).join('\n') + '\n';
}
