/**
 * A claim's state in the reader's language (issue #13): what it waits for and each eligibility
 * condition's finding, written from codes and parameters through the catalog (messages/claim.ts),
 * never the English sentence the state also carries (kept for API clients). Dates day first in
 * Vietnamese, months MM/YYYY.
 */
import type { z } from 'zod';
import type { claimStateSchema } from '../../domain/schemas';
import { FILING_WINDOW_MONTHS, MIN_CONTRIBUTION_MONTHS, NEW_JOB_WINDOW } from '../../domain/unemployment/eligibility';
import type { MessageKey } from '../../messages';
import { catalog } from '../../messages';
import { formatDate, formatMonth } from '../../messages/format';
import type { PageContext } from './layout';

type ClaimView = z.infer<typeof claimStateSchema>;
type Ctx = Pick<PageContext, 'lang' | 't'>;
const known = (k: string): k is MessageKey => k in catalog;

/** What the claim waits for, from its code; a state written before codes existed keeps its sentence. */
export function waitingText(ctx: Ctx, claim: Pick<ClaimView, 'waiting' | 'waitingFor'>): string {
  const w = claim.waiting;
  if (!w) return claim.waitingFor;
  const status = w.status ?? '';
  const statusKey = `officer.claimStatus.${status}`;
  return ctx.t(`claim.waiting.${w.code}`, {
    date: formatDate(ctx.lang, w.date),
    month: w.month ?? '',
    status: known(statusKey) ? ctx.t(statusKey) : status,
  });
}

/** One eligibility condition's finding, from its name, whether it held, and the evaluation's figures. */
export function conditionDetail(
  ctx: Ctx,
  c: { condition: string; ok: boolean; detail: string },
  claim: Pick<ClaimView, 'facts' | 'evaluation' | 'law'>,
): string {
  const { t, lang } = ctx;
  const e = claim.evaluation;
  const f = claim.facts;
  const reasonKey = `officer.reason.${f?.terminationReason ?? ''}`;
  const law = claim.law === 'LAW_38_2013' ? 'LAW_38_2013' : 'LAW_74_2025';
  const window = NEW_JOB_WINDOW[law];
  const params = {
    reason: known(reasonKey) ? t(reasonKey) : (f?.terminationReason ?? ''),
    n: e?.monthsInWindow ?? 0,
    window: e?.windowMonths ?? 0,
    from: formatMonth(lang, e?.windowFrom),
    to: formatMonth(lang, e?.windowTo),
    min: MIN_CONTRIBUTION_MONTHS,
    filed: formatDate(lang, f?.filingDate),
    deadline: formatDate(lang, e?.filingDeadline),
    months: FILING_WINDOW_MONTHS,
    days: t(window.working ? 'claim.cond.days.working' : 'claim.cond.days.calendar', { n: window.days }),
  };
  const key =
    c.condition === 'contribution_months'
      ? 'claim.cond.contribution_months'
      : `claim.cond.${c.condition}.${c.ok ? 'ok' : 'fail'}`;
  return known(key) ? t(key, params) : c.detail;
}
