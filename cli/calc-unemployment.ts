/**
 * `ansinh calc unemployment <file.json>`: evaluates an unemployment-benefit case with the pure
 * rules of domain/unemployment/ and writes nothing. The command wiring lives in commands/calc.ts.
 */
import type { IsoDate } from '../domain/calendar';
import { parseOrThrow } from '../domain/issues';
import {
  evaluateUnemployment,
  FILING_WINDOW_MONTHS,
  MIN_CONTRIBUTION_MONTHS,
  NEW_JOB_WINDOW,
  type BenefitMonth,
  type UiCase,
  type UiCondition,
  type UiEvaluation,
  type UiLaw,
  type UiReasonCode,
} from '../domain/unemployment';
import { uiCaseSchema } from '../domain/unemployment/case';
import type { Line, Words } from './say';

/** The JSON printed by the command (amounts are whole-dong integer strings). */
export interface CalcUnemploymentOutput {
  eligible: boolean;
  reasons: UiReasonCode[];
  averageSalary: string;
  cap: string;
  monthlyBenefit: string;
  durationMonths: number;
  reservedMonths: number;
  /** null when not eligible. */
  startDate: IsoDate | null;
  law: UiLaw;
  conditions: UiCondition[];
  decisionDeadline: IsoDate;
  benefitMonths: BenefitMonth[];
  hiMonthlyContribution: string;
}

/** Parses the case (DomainError with the first issue's code on invalid input) and evaluates it. */
export function calcUnemployment(input: unknown): CalcUnemploymentOutput {
  return evaluateCase(input).out;
}

/** The evaluation with the case it was made on: what the human output words each condition from. */
export interface EvaluatedCase {
  out: CalcUnemploymentOutput;
  uiCase: UiCase;
  evaluation: UiEvaluation;
}

export function evaluateCase(input: unknown): EvaluatedCase {
  const uiCase = parseOrThrow(uiCaseSchema, input);
  const e = evaluateUnemployment(uiCase);
  return {
    uiCase,
    evaluation: e,
    out: {
      eligible: e.eligible,
      reasons: e.reasons,
      averageSalary: e.averageSalary,
      cap: e.cap,
      monthlyBenefit: e.monthlyBenefit,
      durationMonths: e.durationMonths,
      reservedMonths: e.reservedMonths,
      startDate: e.startDate,
      law: e.law,
      conditions: e.conditions,
      decisionDeadline: e.decisionDeadline,
      benefitMonths: e.benefitMonths,
      hiMonthlyContribution: e.hiMonthlyContribution,
    },
  };
}

/** One condition's finding in words, from the case's figures (messages/claim.ts claim.cond.*). */
function conditionDetail(w: Words, c: UiCondition, uiCase: UiCase, e: UiEvaluation): string {
  const outcome = c.ok ? 'ok' : 'fail';
  switch (c.condition) {
    case 'lawful_termination':
      return w.say(`claim.cond.lawful_termination.${outcome}`, {
        reason: w.label('officer.reason.', uiCase.terminationReason),
      });
    case 'not_eligible_for_pension':
    case 'not_receiving_pension':
    case 'no_active_claim':
      return w.say(`claim.cond.${c.condition}.${outcome}`);
    case 'contribution_months':
      return w.say('claim.cond.contribution_months', {
        n: e.monthsInWindow,
        window: e.windowMonths,
        from: w.month(e.windowFrom),
        to: w.month(e.windowTo),
        min: MIN_CONTRIBUTION_MONTHS,
      });
    case 'filed_in_time':
      return w.say(`claim.cond.filed_in_time.${outcome}`, {
        filed: w.date(uiCase.filingDate),
        deadline: w.date(e.filingDeadline),
        months: FILING_WINDOW_MONTHS,
      });
    case 'no_new_covered_job': {
      const win = NEW_JOB_WINDOW[e.law];
      const days = w.say(win.working ? 'claim.cond.days.working' : 'claim.cond.days.calendar', { n: win.days });
      return w.say(`claim.cond.no_new_covered_job.${outcome}`, { days });
    }
    default:
      return c.detail;
  }
}

export function formatUnemployment(w: Words, { out, uiCase, evaluation: e }: EvaluatedCase): Line {
  const lines: Line[] = [
    w.say('cli.calc.title', { law: w.label('officer.law.', out.law) }),
    w.say('cli.claim.eligible', {
      value: out.eligible ? w.say('cli.yes') : w.say('cli.claim.notEligible', { reasons: out.reasons.join(', ') }),
    }),
    w.say('cli.calc.conditions'),
    ...out.conditions.map((c) =>
      c.ok
        ? w.say('cli.calc.ok', {
            condition: w.label('cli.cond.', c.condition),
            detail: conditionDetail(w, c, uiCase, e),
          })
        : w.say('cli.calc.fail', { code: c.code ?? '', detail: conditionDetail(w, c, uiCase, e) }),
    ),
    w.say('cli.calc.average', { n: e.averagedMonths.length, amount: w.money(out.averageSalary) }),
    w.say('cli.calc.cap', { month: w.month(e.capMonth), amount: w.money(out.cap) }),
    w.say('cli.calc.benefit', { amount: w.money(out.monthlyBenefit) }),
    w.say('cli.calc.hi', { amount: w.money(out.hiMonthlyContribution) }),
    out.durationMonths === 1
      ? w.say('cli.calc.durationOne', { reserved: out.reservedMonths })
      : w.say('cli.calc.duration', { months: out.durationMonths, reserved: out.reservedMonths }),
    w.say('cli.claim.decisionDue', { date: w.date(out.decisionDeadline), alerts: '' }),
    w.say('cli.calc.start', { date: out.startDate ? w.date(out.startDate) : '-' }),
  ];
  if (out.benefitMonths.length > 0) {
    lines.push(w.say('cli.calc.months'));
    for (const m of out.benefitMonths)
      lines.push(
        w.say('cli.calc.month', { index: String(m.index).padStart(2), from: w.date(m.from), to: w.date(m.to) }),
      );
  }
  return w.lines(lines);
}
