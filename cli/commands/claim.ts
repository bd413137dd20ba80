/**
 * `ansinh claim …`: unemployment-benefit claims (Law 74/2025) — file, decide, report, terminate, show.
 */
import { Option, type Command } from 'commander';
import { DomainError } from '../../domain/errors';
import { parseOrThrow } from '../../domain/issues';
import { claimFilingSchema } from '../../domain/schemas';
import {
  claimState,
  decideClaim,
  fileAndStartClaim,
  reportClaim,
  terminateClaim,
  type ClaimsContext,
} from '../../client/claims';
import { formatClaim } from '../format';
import type { CommandKit } from '../context';

export function registerClaimCommands(
  program: Command,
  { ctx, print, note, readJson, defaultOfficer, words: w }: CommandKit,
): void {
  const withClaims = <T>(fn: (c: ClaimsContext) => Promise<T>) =>
    ctx.withDb((h) =>
      ctx.withTemporal((t) =>
        fn({
          db: h.db,
          client: t.client,
          taskQueue: ctx.cfg.TEMPORAL_TASK_QUEUE,
          subjectKey: ctx.cfg.CLAIM_SUBJECT_KEY,
          clock: ctx.cfg.clock,
        }),
      ),
    );
  const showClaim = async (c: ClaimsContext, id: string) => {
    const { personalId: _p, ...st } = await claimState(c, id);
    print(formatClaim(w, st), st);
  };

  const claim = program
    .command('claim')
    .description('unemployment-benefit claims (Law 74/2025): file, decide, report, terminate, show');
  claim
    .command('file')
    .argument(
      '<file.json>',
      '{ personalId, terminationDate, filingDate, region, contractMonths, terminationReason, pensionEligible?, newCoveredJob? }',
    )
    .option('--by <who>', 'who files', defaultOfficer)
    .description('file a claim: validated, stored, its workflow started; eligibility comes from the credited months')
    .action(async (file: string, opts: { by: string }) => {
      const raw = readJson(file);
      parseOrThrow(claimFilingSchema, raw); // bad input is refused before anything is connected or written
      await withClaims(async (c) => {
        const filed = await fileAndStartClaim(c, raw, opts.by);
        note(w.say(filed.created ? 'cli.claim.filed' : 'cli.claim.alreadyFiled', { id: filed.claimId }));
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
        await decideClaim(
          c,
          id,
          { decision: opts.approve ? 'approve' : 'reject', ...(opts.reason ? { reason: opts.reason } : {}) },
          opts.officer,
        );
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
        print(
          w.say('cli.claim.reported', {
            month: r.month,
            monthStatus: w.label('officer.monthStatus.', r.monthStatus ?? 'reported'),
            status: w.label('officer.claimStatus.', r.status ?? 'active'),
          }),
          r,
        );
      });
    });
  claim
    .command('terminate')
    .argument('<claimId>')
    .requiredOption(
      '--ground <ground>',
      'new_job, service, pension, refused_jobs, missed_reports, emigration, study, sanction, death, rehabilitation, missing, detention, own_request',
    )
    .option('--effective <YYYY-MM-DD>', 'the day the ground arose (default: today)')
    .option('--by <who>', 'who terminates', defaultOfficer)
    .description('terminate the benefit on a legal ground; unused months are reserved where the law says so')
    .action(async (id: string, opts: { ground: string; effective?: string; by: string }) => {
      await withClaims(async (c) => {
        await terminateClaim(
          c,
          id,
          { ground: opts.ground, ...(opts.effective ? { effectiveDate: opts.effective } : {}) },
          opts.by,
        );
        await showClaim(c, id); // the Update answered once the claim was terminated
      });
    });
  claim
    .command('show')
    .argument('<claimId>')
    .description('the full state of a claim')
    .action(async (id: string) => withClaims((c) => showClaim(c, id)));
}
