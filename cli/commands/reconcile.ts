/**
 * `ansinh reconcile` (one period by hand) and `ansinh schedule apply` (every schedule of the
 * agency: the monthly reconciliation, the daily audit checkpoint, the daily benefit payment run).
 */
import type { Command } from 'commander';
import { parseOrThrow } from '../../domain/issues';
import { isoDateSchema, monthSchema } from '../../domain/schemas';
import type { monthlyReconciliation } from '../../workflows/reconciliation';
import { startReconciliation } from '../../client/temporal';
import { applyAgencySchedules, RECONCILIATION_SCHEDULE_ID } from '../../client/schedules';
import { taskQueuesOf } from '../../runtime/config';
import type { CommandKit } from '../context';

export function registerReconcileCommands(program: Command, { ctx, print, words: w }: CommandKit): void {
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
        const started = await startReconciliation(t.client, taskQueuesOf(ctx.cfg).batch, {
          period,
          ...(asOf ? { asOf } : {}),
          offsetDays: ctx.cfg.clock.offsetDays,
        });
        if (!opts.wait) {
          print(
            w.say(started.alreadyRunning ? 'op.start.already' : 'op.start.started', { period: w.month(period) }),
            started,
          );
          return;
        }
        const result = await t.client.workflow.getHandle<typeof monthlyReconciliation>(started.workflowId).result();
        print(
          w.say('cli.reconcile.result', {
            period: w.month(period),
            asOf: w.date(result.asOf),
            employers: w.count(result.employersDone),
            lines: w.count(result.lines),
            due: w.money(result.due),
            paid: w.money(result.paid),
            outstanding: w.money(result.outstanding),
            charge: w.money(result.lateCharge),
            unpaid: w.count(result.unpaidEmployers),
            evasion: w.count(result.evasionEmployers),
            ebooks: w.count(result.ebooksWritten),
          }),
          result,
        );
      });
    });

  program
    .command('schedule')
    .description('Temporal Schedules')
    .command('apply')
    .description(
      'create or update every schedule of the agency: the monthly reconciliation (1st of the month, 02:00 Asia/Ho_Chi_Minh), the daily audit checkpoint (03:00) and the daily benefit payment run (08:00)',
    )
    .action(() =>
      ctx.withTemporal(async (t) => {
        const applied = await applyAgencySchedules(t.client, taskQueuesOf(ctx.cfg));
        print(
          w.lines(
            applied.map((a) =>
              w.say(`cli.schedule.applied.${a.outcome}`, {
                id: a.scheduleId,
                what: w.label('cli.schedule.what.', a.scheduleId),
              }),
            ),
          ),
          {
            scheduleId: RECONCILIATION_SCHEDULE_ID,
            outcome: applied.find((a) => a.scheduleId === RECONCILIATION_SCHEDULE_ID)!.outcome,
            schedules: Object.fromEntries(applied.map((a) => [a.scheduleId, a.outcome])),
          },
        );
      }),
    );
}
