/**
 * `ansinh employer …`: onboarding and its decisions, the employer as the database holds it,
 * declarations, the period statement, announced transfers and payments.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { DomainError } from '../../domain/errors';
import { parseOrThrow } from '../../domain/issues';
import { taxCodeSchema } from '../../domain/schemas-fields';
import {
  announcementBodySchema,
  declarationBatchSchema,
  monthSchema,
  type DeclarationResult,
} from '../../domain/schemas';
import { recordRead } from '../../services/access-log';
import { employeesFile, previewD02, statementFile, submitD02 } from '../../services/d02';
import type { D02Format } from '../../services/d02-read';
import { declareAndSignal } from '../../client/case-signals';
import type { Client } from '@temporalio/client';
import { employerAccount, employerRecord, isKnownEmployer } from '../../services/employers';
import { announcePayment, employerPayments } from '../../services/bank';
import {
  decideOnboarding,
  onboardingProgress,
  onboardingResult,
  submitOnboarding,
  validateSubmission,
} from '../../client/temporal';
import { taskQueuesOf } from '../../runtime/config';
import { ExitCode, type CommandKit } from '../context';
import { padEnd, padStart } from '../format';

/** A file's bytes (at most a D02-LT file's limit); INVALID_FILE when it cannot be read. */
function readBytes(cwd: string, file: string): Buffer {
  try {
    return readFileSync(path.resolve(cwd, file));
  } catch (err) {
    throw new DomainError('INVALID_FILE', `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

/** The export's format, from the name it is written to. */
function formatOf(out: string): D02Format {
  const ext = /\.(csv|xlsx)$/i.exec(out)?.[1]?.toLowerCase();
  if (ext !== 'csv' && ext !== 'xlsx') throw new DomainError('INVALID_FILE', `${out}: the name ends in .csv or .xlsx`);
  return ext;
}

export function registerEmployerCommands(
  program: Command,
  { ctx, print, note, readJson, defaultOfficer, words: w }: CommandKit,
): void {
  const employer = program.command('employer').description('employers: onboarding and decisions');

  employer
    .command('onboard')
    .argument('<file>', 'JSON dossier: { employer: {...}, employees: [...] }')
    .option('--wait', 'wait for the workflow to finish and print its summary')
    .option('--submitted-by <who>', 'who submits the dossier', 'cli')
    .addOption(new Option('--batch-size <n>', 'employees per database transaction').argParser(Number))
    .description('submit an onboarding dossier and start its workflow')
    .action(async (file: string, opts: { wait?: boolean; submittedBy: string; batchSize?: number }) => {
      const raw = readJson(file);
      validateSubmission(raw, ctx.cfg.clock()); // bad input is refused before anything is connected or written
      await ctx.withDb((db) =>
        ctx.withTemporal(async (t) => {
          const submitted = await submitOnboarding(
            {
              db: db.db,
              client: t.client,
              taskQueue: ctx.cfg.TEMPORAL_TASK_QUEUE,
              batchTaskQueue: taskQueuesOf(ctx.cfg).batch,
              clock: ctx.cfg.clock,
            },
            raw,
            opts.submittedBy,
            {
              ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
            },
          );
          const taxCode = (raw as { employer: { taxCode: string } }).employer.taxCode;
          if (!opts.wait) {
            print(
              w.lines([
                w.say('cli.onboard.submitted', {
                  request: submitted.requestId,
                  workflow: submitted.workflowId,
                  employees: submitted.employees,
                }),
                ...submitted.warnings.map((x) => w.say('cli.onboard.warning', { code: x.code, field: x.field })),
              ]),
              submitted,
            );
            return;
          }
          note(w.say('cli.onboard.waiting', { workflow: submitted.workflowId }));
          const summary = await onboardingResult(t.client, taxCode, db.db);
          print(
            summary.outcome === 'completed'
              ? w.say('cli.onboard.completed', {
                  taxCode: summary.taxCode,
                  unit: summary.unitCode ?? '-',
                  employees: summary.employeesOnboarded,
                  created: summary.participantsCreated,
                  existing: summary.participantsExisting,
                  cards: summary.hiCardsIssued,
                  ebooks: summary.ebooksWritten,
                  mismatches: summary.identityMismatchLines.length
                    ? w.say('cli.onboard.mismatches', { lines: summary.identityMismatchLines.join(', ') })
                    : '',
                })
              : summary.outcome === 'rejected'
                ? w.say('cli.onboard.rejected', { taxCode: summary.taxCode, reason: summary.rejectionReason ?? '-' })
                : w.say('cli.onboard.duplicate', { taxCode: summary.taxCode }),
            { ...submitted, summary },
          );
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
      return ctx.withDb((db) =>
        ctx.withTemporal(async (t) => {
          const decision =
            verb === 'approve'
              ? ({ decision: 'approve', officer: opts.officer } as const)
              : ({ decision: 'reject', officer: opts.officer, reason: opts.reason ?? '' } as const);
          const res = await decideOnboarding(t.client, taxCode, decision, { db: db.db });
          // The Update answers once the decision is written: print the case as it now is.
          const state = res.state === undefined ? '' : w.label('officer.onboardingState.', res.state);
          print(
            res.state === undefined
              ? w.say('cli.decision.accepted', { taxCode })
              : verb === 'approve'
                ? w.say('cli.decision.approved', { taxCode, unit: res.unitCode ?? '-', state })
                : w.say('cli.decision.rejected', { taxCode, state }),
            { taxCode, ...res },
          );
        }),
      );
    });
  }

  employer
    .command('show')
    .argument('<taxCode>')
    .description('the employer as the database holds it, and its onboarding progress')
    .action((raw: string) => {
      const taxCode = parseOrThrow(taxCodeSchema, raw);
      return ctx.withDb(async (h) => {
        const record = await employerRecord(h.db, taxCode);
        if (!record) throw new DomainError('NOT_FOUND', `no employer with tax code ${taxCode}`);
        const { row, employees } = record;
        // Temporal unreachable or no workflow: the database is still the answer.
        const progress = await ctx.withTemporal((t) => onboardingProgress(t.client, taxCode, h.db)).catch(() => null);
        const data = { employer: row, employees, onboarding: progress };
        print(
          w.lines([
            w.say('cli.employer.title', { name: row.name, taxCode: row.taxCode }),
            w.say('cli.employer.status', {
              status: w.label('employer.status.', row.status).toLowerCase(),
              unit: row.unitCode ? w.say('cli.employer.unit', { unit: row.unitCode }) : '',
              rejected: row.rejectionReason ? w.say('cli.employer.rejectedFor', { reason: row.rejectionReason }) : '',
            }),
            w.say('cli.employer.where', {
              region: row.wageRegion,
              province: row.provinceCode,
              category: w.label('cli.category.', row.category),
            }),
            w.say('cli.employer.employees', { n: data.employees }),
            progress
              ? w.say('cli.employer.onboarding', {
                  state: w.label('officer.onboardingState.', progress.state),
                  done: progress.employeesDone,
                  total: progress.employeesTotal,
                  escalated: progress.escalated ? w.say('cli.employer.escalated') : '',
                })
              : w.say('cli.employer.noWorkflow'),
          ]),
          data,
        );
      });
    });

  employer
    .command('declare')
    .argument('<taxCode>')
    .argument('[file]', 'JSON: { declarations: [ { kind: hire|leave|salary_change|unpaid_leave, … } ] }')
    .option('--file <csv|xlsx>', 'a D02-LT list of employees (CSV UTF-8 or XLSX) instead of the JSON')
    .option('--preview', 'with --file: show every row finding and every change, and write nothing')
    .option('--author <who>', 'who declares', `employer:cli`)
    .description('record declarations (one transaction; each recorded once); e-books are rewritten')
    .action(
      async (
        rawTaxCode: string,
        file: string | undefined,
        opts: { author: string; file?: string; preview?: boolean },
      ) => {
        const taxCode = parseOrThrow(taxCodeSchema, rawTaxCode);
        if ((file === undefined) === (opts.file === undefined))
          throw new DomainError('INVALID_ARGUMENT', 'give either a JSON file or --file <csv|xlsx>, not both');
        if (opts.preview && !opts.file) throw new DomainError('INVALID_ARGUMENT', '--preview goes with --file');
        // Temporal is reached only when the declaration answers an open declaration case (its signal).
        const reach = (signal: (client: Client) => Promise<void>) => ctx.withTemporal((t) => signal(t.client));
        const printResults = (r: DeclarationResult) =>
          print(
            w.lines(
              r.results.map((x) =>
                w.say('cli.declare.line', {
                  kind: w.label('declare.kind.', x.kind),
                  personalId: x.personalId,
                  month: w.month(x.effectiveMonth),
                  result: w.say(x.alreadyRecorded ? 'declare.already' : 'declare.recorded'),
                  id: x.id,
                }),
              ),
            ),
            r,
          );
        if (opts.file) {
          const bytes = readBytes(ctx.cwd, opts.file);
          await ctx.withDb(async (h) => {
            if (opts.preview) {
              const p = await previewD02(h.db, { taxCode, bytes, now: ctx.cfg.clock() });
              print(
                w.lines([
                  w.say('cli.d02.preview', {
                    rows: p.rows,
                    declarations: p.declarations,
                    unchanged: p.unchanged,
                    errors: p.errors.length,
                    sha256: p.sha256,
                  }),
                  ...p.errors.map((e) =>
                    w.say('cli.d02.error', {
                      line: e.line,
                      column: e.column,
                      code: e.code,
                      message: e.message[w.lang],
                    }),
                  ),
                  ...p.changes.map((c) =>
                    w.say('cli.d02.change', {
                      line: c.line,
                      kind: w.label('declare.kind.', c.kind),
                      personalId: c.personalId,
                      month: w.month(c.effectiveMonth),
                      result: w.say(c.alreadyRecorded ? 'declare.already' : 'cli.d02.new'),
                    }),
                  ),
                ]),
                p,
              );
              if (p.errors.length) throw new ExitCode(2); // invalid input, as a refused submission
              return;
            }
            printResults(
              await submitD02(h.db, {
                taxCode,
                author: opts.author,
                bytes,
                now: ctx.cfg.clock(),
                declareWith: (db, input) => declareAndSignal(db, reach, input),
              }),
            );
          });
          return;
        }
        const batch = parseOrThrow(declarationBatchSchema, readJson(file!));
        await ctx.withDb(async (h) => {
          printResults(
            await declareAndSignal(h.db, reach, { taxCode, author: opts.author, batch, now: ctx.cfg.clock() }),
          );
        });
      },
    );

  employer
    .command('employees')
    .argument('<taxCode>')
    .requiredOption('--out <file>', 'where to write the list (.csv or .xlsx: the format follows the name)')
    .option('--month <YYYY-MM>', 'the employees in force that month (default this month)')
    .description('export the employees in the D02-LT layout (edit, set Phương án, declare --file); the read is logged')
    .action(async (raw: string, opts: { out: string; month?: string }) => {
      const taxCode = parseOrThrow(taxCodeSchema, raw);
      const format = formatOf(opts.out);
      const month = opts.month ? parseOrThrow(monthSchema, opts.month) : ctx.cfg.clock.today().slice(0, 7);
      await ctx.withDb(async (h) => {
        if (!(await isKnownEmployer(h.db, taxCode)))
          throw new DomainError('NOT_FOUND', `no employer with tax code ${taxCode}`);
        const file = await employeesFile(h.db, { taxCode, month, format });
        await recordRead(h.db, {
          reader: { subject: defaultOfficer, role: 'officer' },
          purpose: 'ansinh employer employees',
          personalIds: file.personalIds,
          at: ctx.cfg.clock(),
        });
        writeFileSync(path.resolve(ctx.cwd, opts.out), file.bytes);
        print(w.say('cli.d02.written', { file: opts.out, rows: file.personalIds.length }), {
          file: opts.out,
          rows: file.personalIds.length,
        });
      });
    });

  employer
    .command('statement')
    .argument('<taxCode>')
    .requiredOption('--period <YYYY-MM>', 'the contribution month')
    .option('--as-of <YYYY-MM-DD>', 'count late days up to this date (default today, Vietnam time)')
    .option('--out <file>', 'write the statement to a file instead (.csv or .xlsx: the format follows the name)')
    .description('what the employer owes for a month: due per side and fund, paid, outstanding, late charge')
    .action(async (raw: string, opts: { period: string; asOf?: string; out?: string }) => {
      const taxCode = parseOrThrow(taxCodeSchema, raw);
      const period = { data: parseOrThrow(monthSchema, opts.period) };
      const format = opts.out ? formatOf(opts.out) : null;
      await ctx.withDb(async (h) => {
        if (!(await isKnownEmployer(h.db, taxCode)))
          throw new DomainError('NOT_FOUND', `no employer with tax code ${taxCode}`);
        if (opts.out && format) {
          const bytes = await statementFile(h.db, {
            taxCode,
            period: period.data,
            asOf: opts.asOf ?? ctx.cfg.clock.today(),
            format,
          });
          writeFileSync(path.resolve(ctx.cwd, opts.out), bytes);
          print(w.say('cli.d02.statementWritten', { file: opts.out }), { file: opts.out });
          return;
        }
        const st = await employerAccount(h.db, taxCode, period.data, opts.asOf ?? ctx.cfg.clock.today());
        const fund = (f: string) => w.label('cli.fund.', f);
        const width = Math.max(
          0,
          ...[...Object.keys(st.employee), ...Object.keys(st.employer)].map((f) => [...fund(f)].length),
        );
        const fmt = (o: Record<string, string>) =>
          Object.entries(o).map(([k, v]) =>
            w.say('cli.statement.fund', { fund: padEnd(fund(k), width), amount: padStart(w.money(v), 18) }),
          );
        print(
          w.lines([
            w.say('cli.statement.head', {
              taxCode,
              period: w.month(period.data),
              employees: st.employees,
              deadline: w.date(st.deadline),
              asOf: w.date(st.asOf),
            }),
            w.say('cli.statement.employee'),
            ...fmt(st.employee),
            w.say('cli.statement.employer'),
            ...fmt(st.employer),
            w.say('cli.statement.totals', {
              due: w.money(st.total),
              paid: w.money(st.paid),
              outstanding: w.money(st.outstanding),
              status: w.label('period.status.', st.status).toLowerCase(),
            }),
            w.say('cli.statement.late', {
              charge: w.money(st.lateCharge),
              chargePaid: w.money(st.chargePaid),
              days: st.maxDaysLate,
              evasion: st.evasion ? w.say('cli.statement.evasion') : '',
            }),
            ...st.settlements.map((x) =>
              w.say('cli.statement.settlement', {
                date: w.date(x.on),
                reference: x.bankReference,
                fromCredit: x.fromCredit ? w.say('cli.statement.fromCredit') : '',
                principal: w.money(x.principal),
                charge: w.money(x.charge),
              }),
            ),
            w.say('cli.statement.credit', { fromCredit: w.money(st.paidFromCredit), held: w.money(st.creditHeld) }),
          ]),
          st,
        );
      });
    });

  employer
    .command('pay')
    .argument('<taxCode>')
    .requiredOption('--amount <VND>', 'amount the transfer will carry')
    .requiredOption('--value-date <YYYY-MM-DD>', 'expected value date of the bank transfer')
    .requiredOption(
      '--reference <ref>',
      "the reference the transfer's remittance text will carry (4–64 letters, digits or ._:/-)",
    )
    .option('--author <who>', 'who announces it', 'employer:cli')
    .description("announce a transfer: pending until the bank's statement carries it; never credited on its own")
    .action(async (raw: string, opts: { amount: string; valueDate: string; reference: string; author: string }) => {
      const taxCode = parseOrThrow(taxCodeSchema, raw);
      const body = parseOrThrow(announcementBodySchema, {
        amount: opts.amount,
        expectedValueDate: opts.valueDate,
        reference: opts.reference,
      });
      await ctx.withDb(async (h) => {
        const r = await announcePayment(h.db, { taxCode, author: opts.author, ...body });
        print(
          w.say('cli.pay.announced', {
            id: r.announcementId,
            amount: w.money(r.amount),
            date: w.date(r.expectedValueDate),
            reference: r.reference,
            status: w.label('transfers.status.', r.status).toLowerCase(),
            already: r.alreadyAnnounced ? w.say('cli.pay.already') : '',
          }),
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
        if (!(await isKnownEmployer(h.db, taxCode)))
          throw new DomainError('NOT_FOUND', `no employer with tax code ${taxCode}`);
        const r = await employerPayments(h.db, taxCode);
        print(
          w.lines([
            w.say('cli.payments.announcements', { n: r.announcements.length }),
            ...r.announcements.map((a) =>
              w.say('cli.payments.announcement', {
                id: a.announcementId,
                reference: a.reference,
                amount: w.money(a.amount),
                date: w.date(a.expectedValueDate),
                status: w.label('transfers.status.', a.status).toLowerCase(),
                matched: a.bankReference
                  ? w.say('cli.payments.matched', { bankReference: a.bankReference, paymentId: a.paymentId ?? '-' })
                  : '',
              }),
            ),
            w.say('cli.payments.payments', { n: r.payments.length }),
            ...r.payments.map((p) =>
              w.say('cli.payments.payment', {
                id: p.paymentId,
                bankReference: p.bankReference,
                amount: w.money(p.amount),
                date: w.date(p.valueDate),
                allocated: w.money(p.allocated),
                credit: w.money(p.credit),
              }),
            ),
          ]),
          r,
        );
      }),
    );
}
