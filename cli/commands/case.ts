/**
 * `ansinh case …`: a participant's case against an employer that has not declared or paid their
 * months (issue #14 part 2) — open, show, confirm arrears, dismiss, close a referral. The same path
 * as the API: stored first, then the workflow `declaration-case:<id>` started with the id.
 */
import type { Command } from 'commander';
import { parseOrThrow } from '../../domain/issues';
import {
  declarationCaseDismissalSchema,
  declarationCaseOpeningSchema,
  referralClosureSchema,
} from '../../domain/schemas-declaration-cases';
import { DomainError } from '../../domain/errors';
import {
  closeDeclarationCaseReferral,
  confirmDeclarationCaseArrears,
  dismissDeclarationCase,
  openAndStartDeclarationCase,
  type DeclarationCasesContext,
} from '../../client/declaration-cases';
import {
  declarationCaseView,
  findDeclarationCaseOrThrow,
  type DeclarationCaseView,
} from '../../services/declaration-cases';
import type { CommandKit } from '../context';
import type { Line, Words } from '../say';

function formatCase(w: Words, v: DeclarationCaseView): Line {
  return w.lines([
    w.say('cli.case.summary', {
      id: v.caseId,
      employer: v.employerTaxCode,
      from: w.month(v.fromMonth),
      to: w.month(v.toMonth),
      status: w.label('cli.case.status.', v.status),
    }),
    ...(v.employerDue ? [w.say('cli.case.due', { due: w.date(v.employerDue) })] : []),
    ...(v.referral ? [w.say('cli.case.referral', { code: v.referral })] : []),
    ...(v.outcome
      ? [
          w.say('cli.case.outcome', {
            outcome: w.label('declarationCase.outcome.', v.outcome),
            reason: v.outcomeReason
              ? w.say('cli.case.reason', {
                  reason: w.label(
                    `declarationCase.${v.outcome === 'dismissed' ? 'reason' : 'whereToTurn'}.`,
                    v.outcomeReason,
                  ),
                })
              : '',
          }),
        ]
      : []),
    ...(v.successorCaseId ? [w.say('cli.case.successor', { id: v.successorCaseId })] : []),
    ...v.steps.map((s) =>
      w.say('cli.case.step', { on: w.date(s.onDate), step: w.label('declarationCase.step.', s.step) }),
    ),
  ]);
}

export function registerCaseCommands(
  program: Command,
  { ctx, print, readJson, defaultOfficer, words: w }: CommandKit,
): void {
  const withCases = <T>(fn: (c: DeclarationCasesContext) => Promise<T>) =>
    ctx.withDb((h) =>
      ctx.withTemporal((t) =>
        fn({ db: h.db, client: t.client, taskQueue: ctx.cfg.TEMPORAL_TASK_QUEUE, clock: ctx.cfg.clock }),
      ),
    );
  const show = async (c: DeclarationCasesContext, id: number) => {
    const v = await declarationCaseView(c.db, await findDeclarationCaseOrThrow(c.db, id));
    print(formatCase(w, v), v);
  };

  const cmd = program
    .command('case')
    .description(
      'cases against an employer that has not declared or paid: open, show, arrears, dismiss, close a referral',
    );
  cmd
    .command('open')
    .argument('<file.json>', '{ personalId, employerTaxCode, fromMonth, toMonth, anonymous?, employerCategory? }')
    .option('--by <who>', 'who opens the case', defaultOfficer)
    .description('open a case: stored, the employer notified with a deadline of 10 working days')
    .action(async (file: string, opts: { by: string }) => {
      const raw = readJson(file);
      parseOrThrow(declarationCaseOpeningSchema, raw); // bad input is refused before anything is connected or written
      await withCases(async (c) => {
        const opened = await openAndStartDeclarationCase(c, raw, opts.by);
        await show(c, opened.case.id);
      });
    });
  cmd
    .command('show')
    .argument('<caseId>')
    .description('a case: its months, its deadline and every step')
    .action(async (id: string) => withCases((c) => show(c, Number(id))));
  cmd
    .command('arrears')
    .argument('<caseId>')
    .option('--officer <who>', 'the confirming officer', defaultOfficer)
    .description('confirm arrears: the case stays open until the months are paid and credited')
    .action(async (id: string, opts: { officer: string }) =>
      withCases(async (c) => {
        await confirmDeclarationCaseArrears(c, Number(id), { confirm: true }, opts.officer);
        await show(c, Number(id));
      }),
    );
  cmd
    .command('dismiss')
    .argument('<caseId>')
    .requiredOption('--reason <reason>', 'withdrawn | duplicate | unfounded')
    .option('--officer <who>', 'the dismissing officer', defaultOfficer)
    .description('dismiss a case with its reason: it closes, its waits are cancelled, the participant is told')
    .action(async (id: string, opts: { reason: string; officer: string }) => {
      const caseId = caseIdOf(id);
      const body = parseOrThrow(declarationCaseDismissalSchema, { reason: opts.reason }); // before anything is connected
      await withCases(async (c) => {
        await dismissDeclarationCase(c, caseId, body, opts.officer);
        await show(c, caseId);
      });
    });
  cmd
    .command('close-referral')
    .argument('<caseId>')
    .option('--employer <taxCode>', 'the employer identified: a case opens against it')
    .option(
      '--outside <whereToTurn>',
      'defence_social_insurance | public_security_social_insurance | labour_inspectorate',
    )
    .option('--officer <who>', 'the closing officer', defaultOfficer)
    .description('close a referral: the employer identified (a case opens against it), or outside the system')
    .action(async (id: string, opts: { employer?: string; outside?: string; officer: string }) => {
      const caseId = caseIdOf(id);
      const body = parseOrThrow(
        referralClosureSchema,
        opts.employer !== undefined
          ? {
              outcome: 'employer_identified',
              employerTaxCode: opts.employer,
              ...(opts.outside ? { whereToTurn: opts.outside } : {}),
            }
          : { outcome: opts.outside !== undefined ? 'outside_system' : undefined, whereToTurn: opts.outside },
      );
      await withCases(async (c) => {
        const closed = await closeDeclarationCaseReferral(c, caseId, body, opts.officer);
        await show(c, caseId);
        if (closed.successorCaseId) await show(c, closed.successorCaseId);
      });
    });
}

/** A case id on the command line: a whole number ≥ 1 (INVALID_CASE_ID before anything is connected). */
function caseIdOf(raw: string): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id < 1)
    throw new DomainError('INVALID_CASE_ID', 'a case id is a whole number', 'caseId');
  return id;
}
