/**
 * `ansinh seed`: a synthetic population loaded with COPY (dev/seed.ts), with its progress.
 */
import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import { Option, type Command } from 'commander';
import { DomainError } from '../../domain/errors';
import { parseOrThrow } from '../../domain/issues';
import { monthSchema } from '../../domain/schemas';
import { addMonths, monthOf } from '../../domain/calendar';
import { seed } from '../../dev/seed';
import type { CliContext, CommandKit } from '../context';
import type { Words } from '../say';

export function registerSeedCommand(program: Command, { ctx, print, words: w }: CommandKit): void {
  program
    .command('seed')
    .description('load a synthetic population with COPY (needs DATABASE_URL: PostgreSQL), deterministic from --seed')
    .addOption(new Option('--employers <n>', 'active employers').argParser(Number).default(100))
    .addOption(
      new Option('--participants <n>', 'participants (spread over the employers)').argParser(Number).default(10_000),
    )
    .addOption(new Option('--months <k>', 'months of contributions and payments').argParser(Number).default(1))
    .option('--period <YYYY-MM>', 'the last month (default: last month)')
    .addOption(
      new Option(
        '--history-months <k>',
        'months of career before the first month, as reconciled: employments, raises, unpaid months, e-books',
      )
        .argParser(Number)
        .default(0),
    )
    .addOption(new Option('--seed <n>', 'random seed').argParser(Number).default(1))
    .action(
      async (o: {
        employers: number;
        participants: number;
        months: number;
        period?: string;
        seed: number;
        historyMonths: number;
      }) => {
        for (const [k, v] of [
          ['employers', o.employers],
          ['participants', o.participants],
          ['months', o.months],
          ['seed', o.seed],
        ] as const) {
          if (!Number.isSafeInteger(v) || v < 1 || (k === 'months' && v > 120))
            throw new DomainError(
              'INVALID_INPUT',
              `--${k} must be a whole number ≥ 1${k === 'months' ? ' and ≤ 120' : ''}`,
              k,
            );
        }
        // The bound on the history (no month before the partitions and the rate tables) is dev/seed.ts's.
        if (!Number.isSafeInteger(o.historyMonths) || o.historyMonths < 0)
          throw new DomainError(
            'INVALID_INPUT',
            '--history-months must be a whole number ≥ 0',
            'history-months',
            undefined,
            {
              min: 0,
            },
          );
        const lastPeriod = o.period
          ? parseOrThrow(monthSchema, o.period)
          : addMonths(monthOf(ctx.cfg.clock.today()), -1);
        await ctx.withDb(async (h) => {
          if (!h.sql)
            throw new DomainError('POSTGRES_ONLY', 'seeding uses COPY: set DATABASE_URL to a PostgreSQL database');
          const started = performance.now();
          const progress = seedProgress(ctx, w);
          const summary = await seed(h.sql, {
            employers: o.employers,
            participants: o.participants,
            months: o.months,
            lastPeriod,
            today: ctx.cfg.clock.today(),
            seed: o.seed,
            historyMonths: o.historyMonths,
            onProgress: progress.update,
          });
          progress.stop();
          const done = w.say('cli.seed.done', {
            employers: w.count(summary.employers),
            participants: w.count(summary.participants),
            payments: w.count(summary.payments),
            first: w.month(summary.firstPeriod),
            last: w.month(summary.lastPeriod),
            seconds: ((performance.now() - started) / 1000).toFixed(1).replace('.', w.lang === 'vi' ? ',' : '.'),
          });
          print(
            summary.firstHistoryMonth
              ? w.lines([
                  done,
                  w.say('cli.seed.history', {
                    months: w.count(summary.historyMonths),
                    first: w.month(summary.firstHistoryMonth),
                    last: w.month(addMonths(summary.firstPeriod, -1)),
                    rows: w.count(summary.contributionMonths),
                    employments: w.count(summary.employments),
                  }),
                ])
              : done,
            summary,
          );
        });
      },
    );
}

/** dev/seed.ts names its stages in English: their names in the chosen language. */
function stageName(w: Words, stage: string): string {
  const payments = /^payments (\d{4}-\d{2})$/.exec(stage);
  if (payments) return w.say('cli.seed.stage.payments', { month: w.month(payments[1]) });
  const key = (
    {
      employers: 'cli.seed.stage.employers',
      participants: 'cli.seed.stage.participants',
      'employments, salaries, HI cards': 'cli.seed.stage.employments',
      'e-books': 'cli.seed.stage.ebooks',
      careers: 'cli.seed.stage.careers',
      'contribution months': 'cli.seed.stage.months',
    } as const
  )[stage];
  return key ? w.say(key) : stage;
}

/**
 * Seeding progress: one bar per stage on a terminal (cli-progress), else a line per update (a
 * forwarded command, a pipe, CI logs).
 */
function seedProgress(
  ctx: CliContext,
  w: Words,
): {
  update: (stage: string, done: number, total: number) => void;
  stop: () => void;
} {
  if (!ctx.progressStream) {
    return {
      update: (stage, done, total) =>
        ctx.err(
          `${w.say('cli.seed.progress', { stage: stageName(w, stage), done: w.count(done), total: w.count(total) })}\n`,
        ),
      stop: () => {},
    };
  }
  const bars = new MultiBar(
    {
      stream: ctx.progressStream,
      format: '  {stage} [{bar}] {percentage}% {value}/{total} {eta_formatted}',
      hideCursor: true,
      clearOnComplete: false,
      formatValue: (v, _o, type) => (type === 'value' || type === 'total' ? w.count(v) : String(v)),
    },
    Presets.shades_classic,
  );
  const byStage = new Map<string, SingleBar>();
  return {
    update(rawStage, done, total) {
      const stage = stageName(w, rawStage);
      let bar = byStage.get(stage);
      if (!bar) byStage.set(stage, (bar = bars.create(total, 0, { stage: stage.padEnd(32) })));
      bar.setTotal(total);
      bar.update(done, { stage: stage.padEnd(32) });
    },
    stop: () => bars.stop(),
  };
}
