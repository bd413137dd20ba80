/**
 * `ansinh case …`: a participant's case against an employer that has not declared or paid their
 * months (issue #14 part 2) — open, show, confirm arrears. The same path as the API: stored first,
 * then the workflow `declaration-case:<id>` started with the id.
 */
import type { Command } from 'commander';
import { parseOrThrow } from '../../domain/issues';
import { declarationCaseOpeningSchema } from '../../domain/declaration-cases';
import {
  confirmDeclarationCaseArrears,
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
    .description('cases against an employer that has not declared or paid: open, show, arrears');
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
}
