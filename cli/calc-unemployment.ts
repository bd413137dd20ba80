/**
 * `ansinh calc unemployment <file.json>`: evaluates an unemployment-benefit case with the pure
 * rules of domain/unemployment/ and writes nothing. The command wiring lives in commands/calc.ts.
 */
import type { IsoDate } from '../domain/calendar';
import { parseOrThrow } from '../domain/issues';
import { formatVnd } from '../domain/money';
import {
  evaluateUnemployment,
  uiCaseSchema,
  type BenefitMonth,
  type UiCondition,
  type UiLaw,
  type UiReasonCode,
} from '../domain/unemployment';

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
  const e = evaluateUnemployment(parseOrThrow(uiCaseSchema, input));
  return {
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
  };
}

const LAW_NAMES: Record<UiLaw, string> = {
  LAW_74_2025: 'Law 74/2025/QH15 (Employment Law 2025)',
  LAW_38_2013: 'Law 38/2013/QH13 (Employment Law 2013)',
};

export function formatUnemployment(out: CalcUnemploymentOutput): string {
  const lines = [
    `Unemployment benefit under ${LAW_NAMES[out.law]}`,
    `  eligible: ${out.eligible ? 'yes' : `no (${out.reasons.join(', ')})`}`,
    '  conditions:',
    ...out.conditions.map((c) =>
      c.ok ? `    [ok]   ${c.condition.replace(/_/g, ' ')}: ${c.detail}` : `    [FAIL] ${c.code}: ${c.detail}`,
    ),
    `  average UI salary (last 6 paid months): ${formatVnd(out.averageSalary)}`,
    `  cap (5 × regional minimum wage):        ${formatVnd(out.cap)}`,
    `  monthly benefit (60%, capped):          ${formatVnd(out.monthlyBenefit)}`,
    `  HI paid by the UI fund (4.5%):          ${formatVnd(out.hiMonthlyContribution)} a month`,
    `  duration: ${out.durationMonths} month${out.durationMonths === 1 ? '' : 's'}; contribution months reserved afterwards: ${out.reservedMonths}`,
    `  decision due by: ${out.decisionDeadline}`,
    `  benefit starts: ${out.startDate ?? '-'}`,
  ];
  if (out.benefitMonths.length > 0) {
    lines.push('  benefit months:');
    for (const m of out.benefitMonths) lines.push(`    ${String(m.index).padStart(2)}  ${m.from} – ${m.to}`);
  }
  return lines.join('\n');
}
