/**
 * `ansinh calc unemployment|contribution`: calculators that write nothing (the unemployment case
 * is evaluated and formatted by cli/calc-unemployment.ts).
 */
import type { Command } from 'commander';
import { computeContribution } from '../../domain/contributions';
import { parseOrThrow } from '../../domain/issues';
import { calcContributionArgsSchema } from '../../domain/schemas';
import { formatContribution } from '../format';
import { evaluateCase, formatUnemployment } from '../calc-unemployment';
import type { CommandKit } from '../context';

export function registerCalcCommands(program: Command, { print, readJson, words }: CommandKit): void {
  const calc = program.command('calc').description('calculators that write nothing');
  calc
    .command('unemployment')
    .argument(
      '<file.json>',
      '{ terminationDate, filingDate, region, contractMonths, terminationReason, contributions: [{ month, salary }] }',
    )
    .description(
      'evaluate an unemployment-benefit case (Law 74/2025 or Law 38/2013 by termination date): eligibility, amount, duration, dates',
    )
    .action(async (file: string) => {
      const raw = readJson(file);
      const evaluated = evaluateCase(raw);
      const r = evaluated.out;
      const n = (s: string) => Number(s); // integer VND, exactly representable (far below 2^53)
      print(formatUnemployment(words, evaluated), {
        ...r,
        averageSalary: n(r.averageSalary),
        cap: n(r.cap),
        monthlyBenefit: n(r.monthlyBenefit),
        hiMonthlyContribution: n(r.hiMonthlyContribution),
      });
    });
  calc
    .command('contribution')
    .requiredOption('--salary <VND>', 'monthly contribution salary')
    .requiredOption('--period <YYYY-MM>', 'contribution month')
    .requiredOption('--region <I|II|III|IV>', 'wage region of the employer')
    .description('SI/HI/UI contributions of one employee for one month')
    .action(async (opts: { salary: string; period: string; region: string }) => {
      const args = parseOrThrow(calcContributionArgsSchema, {
        salary: opts.salary,
        period: opts.period,
        region: opts.region,
      });
      const r = computeContribution({ month: args.period, salary: args.salary, region: args.region });
      const n = (s: string) => Number(s); // integer VND, exactly representable (far below 2^53)
      const byFund = (f: Partial<Record<string, string>>) =>
        Object.fromEntries(Object.entries(f).map(([k, v]) => [k, n(v ?? '0')]));
      print(formatContribution(words, r), {
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
}
