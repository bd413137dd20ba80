/**
 * The officer's claim page (GET /v1/claims/{id}, GET /v1/claims/{id}/timeline): the facts, each
 * eligibility condition with its article, passed or failed, the amount and how it was computed, the
 * decision form (a refusal of the workflow's validator is shown on the form), the benefit months
 * and the timeline with who did each step.
 */
import type { z } from 'zod';
import type { T } from '../../messages';
import { formatDate, formatMoney, formatMonth } from '../../messages/format';
import type { claimStateSchema } from '../../domain/schemas';
import type { TimelineEvent } from '../../domain/schemas-officer';
import type { Problem } from '../api';
import { CsrfField, Layout, ProblemBox, type PageContext } from './layout';
import { conditionDetail, waitingText } from './claim-words';
import { kindLabel, labelOf } from './officer-queue';

export type ClaimView = z.infer<typeof claimStateSchema>;

export interface DecisionForm {
  decision?: string;
  reason?: string;
}

export const claimStatusLabel = (t: T, status: string) => labelOf(t, 'officer.claimStatus.', status);

function statusBadge(status: string): string {
  if (status === 'active' || status === 'completed') return 'badge ok';
  if (status === 'rejected' || status === 'terminated') return 'badge bad';
  return 'badge warn';
}

function actorText(t: T, actor: TimelineEvent['actor']): string {
  return labelOf(t, 'officer.actor.', actor.kind, { subject: actor.subject ?? '' });
}

function eventText(t: T, e: TimelineEvent): string {
  const month = typeof e.details['month'] === 'number' ? e.details['month'] : '';
  const base = labelOf(t, 'officer.event.', e.action, { month });
  if (e.action === 'claim.evaluated') {
    const reasons = Array.isArray(e.details['reasons']) ? (e.details['reasons'] as unknown[]).map(String) : [];
    return `${base}: ${e.details['eligible'] === true ? t('officer.event.eligible') : t('officer.event.notEligible', { reasons: reasons.join(', ') })}`;
  }
  return base;
}

/** "2026-12-01T02:03:04.000Z" → the day and the time in Vietnam (UTC+7, no daylight saving). */
function when(lang: PageContext['lang'], iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const vn = new Date(ms + 7 * 3600 * 1000).toISOString();
  return `${formatDate(lang, vn.slice(0, 10))} ${vn.slice(11, 16)}`;
}

function conditionText(ctx: PageContext, c: { condition: string }, e: NonNullable<ClaimView['evaluation']>): string {
  return labelOf(ctx.t, 'officer.cond.', c.condition, {
    window: e.windowMonths,
    from: formatMonth(ctx.lang, e.windowFrom),
    to: formatMonth(ctx.lang, e.windowTo),
    n: e.monthsInWindow,
    deadline: formatDate(ctx.lang, e.filingDeadline),
  });
}

function Facts({ ctx, claim }: { ctx: PageContext; claim: ClaimView }) {
  const { t, lang } = ctx;
  const f = claim.facts;
  return (
    <section aria-labelledby="facts">
      <h2 id="facts">{t('officer.claim.facts')}</h2>
      <dl class="facts">
        <dt>{t('officer.claim.claimant')}</dt>
        <dd>
          {f.claimant.siNumber ? (
            <a href={`/console/officer/participants?q=${encodeURIComponent(f.claimant.siNumber)}`} id="claimant">
              {f.claimant.fullName ?? f.claimant.siNumber}
            </a>
          ) : (
            (f.claimant.fullName ?? '—')
          )}{' '}
          {f.claimant.siNumber && <span class="code">{t('officer.claim.siNumber', { si: f.claimant.siNumber })}</span>}
        </dd>
        <dt>{t('officer.claim.terminationDate')}</dt>
        <dd>{formatDate(lang, f.terminationDate)}</dd>
        <dt>{t('officer.claim.terminationReason')}</dt>
        <dd>{labelOf(t, 'officer.reason.', f.terminationReason)}</dd>
        <dt>{t('officer.claim.filingDate')}</dt>
        <dd>{formatDate(lang, f.filingDate)}</dd>
        <dt>{t('officer.claim.contractMonths')}</dt>
        <dd>{f.contractMonths}</dd>
        <dt>{t('officer.claim.region')}</dt>
        <dd>{f.region}</dd>
        <dt>{t('officer.claim.pensionEligible')}</dt>
        <dd>{f.pensionEligible ? t('common.yes') : t('common.no')}</dd>
        <dt>{t('officer.claim.newCoveredJob')}</dt>
        <dd>{f.newCoveredJob ? t('common.yes') : t('common.no')}</dd>
        {f.decidedOn && (
          <>
            <dt>{t('officer.claim.decidedOn')}</dt>
            <dd>{formatDate(lang, f.decidedOn)}</dd>
          </>
        )}
        {f.decisionReason && (
          <>
            <dt>{t('officer.claim.decisionReason')}</dt>
            <dd>{f.decisionReason}</dd>
          </>
        )}
      </dl>
    </section>
  );
}

function Eligibility({ ctx, claim }: { ctx: PageContext; claim: ClaimView }) {
  const { t } = ctx;
  const e = claim.evaluation;
  return (
    <section aria-labelledby="eligibility">
      <h2 id="eligibility">{t('officer.claim.eligibility')}</h2>
      {!e ? (
        <p class="hint">{t('officer.claim.notEvaluated')}</p>
      ) : (
        <>
          <p class={`big-answer ${claim.eligible ? 'ok' : 'bad'}`} id="eligible-answer">
            {claim.eligible ? t('officer.claim.eligible') : t('officer.claim.notEligible')}
          </p>
          <div class="table-wrap">
            <table id="conditions" class="officer-cards">
              <caption class="visually-hidden">{t('officer.claim.eligibility')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('officer.claim.col.condition')}</th>
                  <th scope="col">{t('officer.claim.col.article')}</th>
                  <th scope="col">{t('officer.claim.col.result')}</th>
                </tr>
              </thead>
              <tbody>
                {e.conditions.map((c) => (
                  <tr data-condition={c.condition}>
                    <td data-label={t('officer.claim.col.condition')}>
                      {conditionText(ctx, c, e)}
                      <br />
                      <span class="hint">{conditionDetail(ctx, c, claim)}</span>
                    </td>
                    <td data-label={t('officer.claim.col.article')}>{c.citations.join('; ')}</td>
                    <td data-label={t('officer.claim.col.result')}>
                      <span class={c.ok ? 'badge ok' : 'badge bad'}>
                        {c.ok ? t('officer.claim.passed') : t('officer.claim.failed')}
                      </span>
                      {c.code && <span class="code"> {c.code}</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function Amount({ ctx, claim }: { ctx: PageContext; claim: ClaimView }) {
  const { t, lang } = ctx;
  const e = claim.evaluation;
  if (!e) return null;
  return (
    <section aria-labelledby="amount">
      <h2 id="amount">{t('officer.claim.amount')}</h2>
      <dl class="facts">
        <dt>{t('officer.claim.averagedMonths', { n: e.averagedMonths.length })}</dt>
        <dd>
          {e.averagedMonths.map((m) => formatMonth(lang, m)).join(', ') || '—'}
          <br />
          <span class="hint">{e.citations.average.join('; ')}</span>
        </dd>
        <dt>{t('officer.claim.average')}</dt>
        <dd class="num-text">{formatMoney(lang, e.averageSalary)}</dd>
        <dt>{t('officer.claim.cap', { month: formatMonth(lang, e.capMonth) })}</dt>
        <dd>
          {formatMoney(lang, e.cap)} ({e.capped ? t('officer.claim.capApplied') : t('officer.claim.capNotApplied')})
          <br />
          <span class="hint">{e.citations.cap.join('; ')}</span>
        </dd>
        <dt>{t('officer.claim.monthlyBenefit')}</dt>
        <dd>
          <strong id="monthly-benefit">{formatMoney(lang, e.monthlyBenefit)}</strong> ={' '}
          {e.capped ? t('officer.claim.cap', { month: formatMonth(lang, e.capMonth) }) : t('officer.claim.sixty')}
          <br />
          <span class="hint">{e.citations.benefit.join('; ')}</span>
        </dd>
        <dt>{t('officer.claim.duration')}</dt>
        <dd>
          {t('officer.claim.durationMonths', { n: e.durationMonths, total: e.totalContributionMonths })}
          <br />
          <span class="hint">{e.citations.duration.join('; ')}</span>
        </dd>
        <dt>{t('officer.claim.hi')}</dt>
        <dd>{formatMoney(lang, e.hiMonthlyContribution)}</dd>
      </dl>
    </section>
  );
}

function Decision({
  ctx,
  claim,
  problem,
  form,
}: {
  ctx: PageContext;
  claim: ClaimView;
  problem?: Problem | undefined;
  form: DecisionForm;
}) {
  const { t } = ctx;
  if (claim.status !== 'awaiting_decision')
    return (
      <section aria-labelledby="decision">
        <h2 id="decision">{t('officer.claim.decision')}</h2>
        {problem && <ProblemBox t={t} problem={problem} />}
        <p>{t('officer.claim.noDecisionNow', { status: claimStatusLabel(t, claim.status) })}</p>
      </section>
    );
  const reject = form.decision === 'reject';
  return (
    <section aria-labelledby="decision">
      <h2 id="decision">{t('officer.claim.decide')}</h2>
      <form
        method="post"
        action={`/console/officer/claims/${encodeURIComponent(claim.claimId)}/decision`}
        class="stack"
        id="decision-form"
      >
        <CsrfField csrf={ctx.csrf} />
        {problem && <ProblemBox t={t} problem={problem} />}
        <fieldset>
          <legend>{t('officer.claim.choice')}</legend>
          <div class="choice">
            <input
              type="radio"
              id="decision-approve"
              name="decision"
              value="approve"
              checked={form.decision === 'approve'}
              required
            />
            <label for="decision-approve">{t('officer.claim.approve')}</label>
          </div>
          <div class="choice">
            <input type="radio" id="decision-reject" name="decision" value="reject" checked={reject} />
            <label for="decision-reject">{t('officer.claim.reject')}</label>
          </div>
        </fieldset>
        <label for="reason">{t('officer.claim.reason')}</label>
        <textarea id="reason" name="reason" rows={3} maxLength={1000}>
          {form.reason ?? ''}
        </textarea>
        <button type="submit" class="primary">
          {t('officer.claim.submitDecision')}
        </button>
      </form>
    </section>
  );
}

function Months({ ctx, claim }: { ctx: PageContext; claim: ClaimView }) {
  const { t, lang } = ctx;
  if (claim.months.length === 0) return null;
  return (
    <section aria-labelledby="months">
      <h2 id="months">{t('officer.claim.months')}</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col" class="num">
                {t('officer.claim.col.month')}
              </th>
              <th scope="col">{t('officer.claim.col.period')}</th>
              <th scope="col">{t('officer.claim.col.monthStatus')}</th>
            </tr>
          </thead>
          <tbody>
            {claim.months.map((m) => (
              <tr>
                <td class="num">{m.index}</td>
                <td>
                  {formatDate(lang, m.from)} – {formatDate(lang, m.to)}
                </td>
                <td>{labelOf(t, 'officer.monthStatus.', m.status)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Timeline({
  ctx,
  events,
  more,
  problem,
}: {
  ctx: PageContext;
  events: TimelineEvent[];
  more: string | null;
  problem?: Problem | undefined;
}) {
  const { t, lang } = ctx;
  return (
    <section aria-labelledby="timeline">
      <h2 id="timeline">{t('officer.claim.timeline')}</h2>
      {problem && <ProblemBox t={t} problem={problem} />}
      {events.length === 0 ? (
        <p class="hint">{t('officer.claim.timelineEmpty')}</p>
      ) : (
        <div class="table-wrap">
          <table id="timeline-table" class="officer-cards">
            <thead>
              <tr>
                <th scope="col">{t('officer.claim.col.when')}</th>
                <th scope="col">{t('officer.claim.col.what')}</th>
                <th scope="col">{t('officer.claim.col.who')}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr data-action={e.action}>
                  <td data-label={t('officer.claim.col.when')}>
                    <time dateTime={e.at}>{when(lang, e.at)}</time>
                  </td>
                  <td data-label={t('officer.claim.col.what')}>{eventText(t, e)}</td>
                  <td data-label={t('officer.claim.col.who')}>{actorText(t, e.actor)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {more && (
        <p>
          <a href={more}>{t('officer.claim.timelineMore')}</a>
        </p>
      )}
    </section>
  );
}

export function ClaimPage({
  ctx,
  claim,
  events,
  moreEvents,
  timelineProblem,
  problem,
  form = {},
  notice,
}: {
  ctx: PageContext;
  claim: ClaimView;
  events: TimelineEvent[];
  moreEvents: string | null;
  timelineProblem?: Problem | undefined;
  problem?: Problem | undefined;
  form?: DecisionForm;
  notice?: string | undefined;
}) {
  const { t, lang } = ctx;
  return (
    <Layout ctx={ctx} title={t('officer.claim.title')} current="/console/officer">
      <div class="officer-page">
        <p>
          <a href="/console/officer">← {t('officer.nav.queue')}</a>
        </p>
        {notice && (
          <p class="notice" role="status" id="decision-notice">
            {notice}
          </p>
        )}
        <dl class="facts">
          <dt>{t('officer.claim.status')}</dt>
          <dd>
            <span class={statusBadge(claim.status)} id="claim-status">
              {claimStatusLabel(t, claim.status)}
            </span>
          </dd>
          <dt>{t('officer.claim.id')}</dt>
          <dd class="code">{claim.claimId}</dd>
          <dt>{t('officer.claim.law')}</dt>
          <dd>{claim.law ? labelOf(t, 'officer.law.', claim.law) : '—'}</dd>
          {claim.decisionDeadline && (
            <>
              <dt>{t('officer.claim.deadline')}</dt>
              <dd>{formatDate(lang, claim.decisionDeadline)}</dd>
            </>
          )}
          <dt>{t('officer.claim.waitingFor')}</dt>
          <dd>{waitingText(ctx, claim)}</dd>
        </dl>
        <Facts ctx={ctx} claim={claim} />
        <Eligibility ctx={ctx} claim={claim} />
        <Amount ctx={ctx} claim={claim} />
        <Decision ctx={ctx} claim={claim} problem={problem} form={form} />
        <Months ctx={ctx} claim={claim} />
        {claim.tasks.length > 0 && (
          <section aria-labelledby="tasks">
            <h2 id="tasks">{t('officer.claim.tasks')}</h2>
            <ul>
              {claim.tasks.map((task) => (
                <li>
                  {kindLabel(t, task.kind)} — {t(`officer.status.${task.status}`)} · {formatDate(lang, task.dueDate)}
                </li>
              ))}
            </ul>
          </section>
        )}
        <Timeline ctx={ctx} events={events} more={moreEvents} problem={timelineProblem} />
      </div>
    </Layout>
  );
}
