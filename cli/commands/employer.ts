/**
 * `ansinh employer …`: onboarding and its decisions, the employer as the database holds it,
 * declarations, the period statement, announced transfers and payments.
 */
import { Option, type Command } from 'commander';
import { DomainError } from '../../domain/errors';
import { parseOrThrow } from '../../domain/issues';
import { taxCodeSchema } from '../../domain/identifiers';
import { announcementBodySchema, declarationBatchSchema, monthSchema } from '../../domain/schemas';
import { formatVnd } from '../../domain/money';
import { declare } from '../../services/declarations';
import { employerAccount, employerRecord, isKnownEmployer } from '../../services/employers';
import { announcePayment, employerPayments } from '../../services/bank';
import {
  decideOnboarding,
  onboardingProgress,
  onboardingResult,
  submitOnboarding,
  validateSubmission,
} from '../../client/temporal';
import type { CommandKit } from '../context';

export function registerEmployerCommands(program: Command, { ctx, print, readJson, defaultOfficer }: CommandKit): void {
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
            { db: db.db, client: t.client, taskQueue: ctx.cfg.TEMPORAL_TASK_QUEUE, clock: ctx.cfg.clock },
            raw,
            opts.submittedBy,
            {
              ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
            },
          );
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
          const summary = await onboardingResult(t.client, taxCode, db.db);
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
      return ctx.withDb((db) =>
        ctx.withTemporal(async (t) => {
          const decision =
            verb === 'approve'
              ? ({ decision: 'approve', officer: opts.officer } as const)
              : ({ decision: 'reject', officer: opts.officer, reason: opts.reason ?? '' } as const);
          const res = await decideOnboarding(t.client, taxCode, decision, { db: db.db });
          // The Update answers once the decision is written: print the case as it now is.
          print(
            res.state === undefined
              ? `${taxCode}: ${verb} accepted`
              : verb === 'approve'
                ? `${taxCode}: approved — the employer is active, unit code ${res.unitCode ?? '-'}; its employees are being onboarded (${res.state})`
                : `${taxCode}: rejected — the employer is rejected (${res.state})`,
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
          [
            `${row.name} (${row.taxCode})`,
            `status: ${row.status}${row.unitCode ? `, unit code ${row.unitCode}` : ''}${row.rejectionReason ? `, rejected: ${row.rejectionReason}` : ''}`,
            `region ${row.wageRegion}, province ${row.provinceCode}, ${row.category}`,
            `employees: ${data.employees}`,
            progress
              ? `onboarding: ${progress.state}, ${progress.employeesDone}/${progress.employeesTotal} employees${progress.escalated ? ', escalated' : ''}`
              : 'onboarding: (no workflow reachable)',
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
      const raw = readJson(file);
      const batch = parseOrThrow(declarationBatchSchema, raw);
      await ctx.withDb(async (h) => {
        const r = await declare(h.db, { taxCode, author: opts.author, batch, now: ctx.cfg.clock() });
        print(
          r.results
            .map(
              (x) =>
                `${x.kind} ${x.personalId} from ${x.effectiveMonth}: ${x.alreadyRecorded ? 'already recorded' : 'recorded'} (#${x.id})`,
            )
            .join('\n'),
          r,
        );
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
        if (!(await isKnownEmployer(h.db, taxCode)))
          throw new DomainError('NOT_FOUND', `no employer with tax code ${taxCode}`);
        const st = await employerAccount(h.db, taxCode, period.data, opts.asOf ?? ctx.cfg.clock.today());
        const fmt = (o: Record<string, string>) =>
          Object.entries(o).map(([k, v]) => `    ${k.padEnd(14)} ${formatVnd(v).padStart(18)}`);
        print(
          [
            `${taxCode} ${period.data}: ${st.employees} employees, deadline ${st.deadline}, as of ${st.asOf}`,
            '  employee:',
            ...fmt(st.employee),
            '  employer:',
            ...fmt(st.employer),
            `  due ${formatVnd(st.total)}, paid ${formatVnd(st.paid)}, outstanding ${formatVnd(st.outstanding)} (${st.status})`,
            `  late charge ${formatVnd(st.lateCharge)} (paid ${formatVnd(st.chargePaid)}), ${st.maxDaysLate} days late${st.evasion ? ' — EVASION (day 61+)' : ''}`,
            ...st.settlements.map(
              (x) =>
                `  ${x.on} ${x.bankReference}${x.fromCredit ? ' (from credit)' : ''}: principal ${formatVnd(x.principal)}, charge ${formatVnd(x.charge)}`,
            ),
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
        if (!(await isKnownEmployer(h.db, taxCode)))
          throw new DomainError('NOT_FOUND', `no employer with tax code ${taxCode}`);
        const r = await employerPayments(h.db, taxCode);
        print(
          [
            `announcements: ${r.announcements.length}`,
            ...r.announcements.map(
              (a) =>
                `  #${a.announcementId} ${a.reference} ${formatVnd(a.amount)} expected ${a.expectedValueDate}: ${a.status}${a.bankReference ? ` (bank ${a.bankReference}, payment #${a.paymentId})` : ''}`,
            ),
            `payments: ${r.payments.length}`,
            ...r.payments.map(
              (p) =>
                `  #${p.paymentId} ${p.bankReference} ${formatVnd(p.amount)} on ${p.valueDate}, allocated ${formatVnd(p.allocated)}, credit ${formatVnd(p.credit)}`,
            ),
          ].join('\n'),
          r,
        );
      }),
    );
}
