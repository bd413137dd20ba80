/**
 * Declaration cases (issue #14 part 2): the participant's cases with the form that opens one, a
 * case's timeline (each step with its day, each month declared or credited), how it ended in words,
 * and the officer's page of a case with the confirmation of arrears, the dismissal and — for a
 * referral — its closure.
 */
import { DISMISSAL_REASONS, WHERE_TO_TURN } from '../../domain/declaration-cases';
import type { DeclarationCaseView } from '../../services/declaration-cases';
import type { MessageKey } from '../../messages';
import { formatDate, formatMonth } from '../../messages/format';
import { CsrfField, Layout, ProblemBox, type PageContext } from './layout';

type Problem = { code: string; detail?: string | undefined; title?: string | undefined };

const statusText = (ctx: PageContext, status: string) => ctx.t(`cli.case.status.${status}` as MessageKey);

export function CasesPage({
  ctx,
  items,
  problem,
  form,
}: {
  ctx: PageContext;
  items: DeclarationCaseView[];
  problem?: Problem;
  form?: Record<string, string>;
}) {
  const { t, lang } = ctx;
  return (
    <Layout ctx={ctx} title={t('dc.title')} current="/console/me/cases">
      <p>{t('dc.intro')}</p>
      {items.length === 0 ? (
        <p class="notice" role="status">
          {t('dc.empty')}
        </p>
      ) : (
        <ul class="stack">
          {items.map((c) => (
            <li class="panel">
              <a href={`/console/me/cases/${c.caseId}`}>
                {t('dc.caseLine', {
                  id: c.caseId,
                  employer: c.employerTaxCode,
                  from: formatMonth(lang, c.fromMonth),
                  to: formatMonth(lang, c.toMonth),
                })}
              </a>{' '}
              <span class="badge">{statusText(ctx, c.status)}</span>
            </li>
          ))}
        </ul>
      )}
      <section aria-labelledby="open-case" class="panel">
        <h2 id="open-case">{t('dc.open.title')}</h2>
        {problem && <ProblemBox t={t} problem={problem} />}
        <form method="post" action="/console/me/cases" class="stack">
          <CsrfField csrf={ctx.csrf} />
          <label for="employerTaxCode">{t('dc.open.employer')}</label>
          <input id="employerTaxCode" name="employerTaxCode" required value={form?.['employerTaxCode'] ?? ''} />
          <label for="fromMonth">{t('dc.open.from')}</label>
          <input id="fromMonth" name="fromMonth" type="month" required value={form?.['fromMonth'] ?? ''} />
          <label for="toMonth">{t('dc.open.to')}</label>
          <input id="toMonth" name="toMonth" type="month" required value={form?.['toMonth'] ?? ''} />
          <label>
            <input type="checkbox" name="anonymous" value="1" checked={form?.['anonymous'] === '1'} />{' '}
            {t('dc.open.anonymous')}
          </label>
          <label>
            <input type="checkbox" name="defence" value="1" checked={form?.['defence'] === '1'} />{' '}
            {t('dc.open.defence')}
          </label>
          <button type="submit" class="primary">
            {t('dc.open.submit')}
          </button>
        </form>
      </section>
    </Layout>
  );
}

export function CasePage({
  ctx,
  c,
  officer,
  problem,
}: {
  ctx: PageContext;
  c: DeclarationCaseView;
  officer?: boolean;
  problem?: Problem;
}) {
  const { t, lang } = ctx;
  const canConfirm = officer && (c.status === 'awaiting_employer' || c.status === 'escalated');
  return (
    <Layout
      ctx={ctx}
      title={t('dc.case.title', { id: c.caseId })}
      current={officer ? '/console/officer' : '/console/me/cases'}
    >
      <dl>
        <dt>{t('dc.case.employer')}</dt>
        <dd>{c.employerTaxCode}</dd>
        <dt>{t('dc.case.months')}</dt>
        <dd>{`${formatMonth(lang, c.fromMonth)} – ${formatMonth(lang, c.toMonth)}`}</dd>
        <dt>{t('dc.case.status')}</dt>
        <dd>{statusText(ctx, c.status)}</dd>
        <dt>{t('dc.case.due')}</dt>
        <dd>{formatDate(lang, c.employerDue)}</dd>
        <dt>{t('dc.case.anonymous')}</dt>
        <dd>{t(c.anonymous ? 'dc.yes' : 'dc.no')}</dd>
        {c.outcome && (
          <>
            <dt>{t('dc.case.outcome')}</dt>
            <dd>
              {t(`declarationCase.outcome.${c.outcome}` as MessageKey)}
              {c.outcomeReason &&
                ` — ${t(`declarationCase.${c.outcome === 'dismissed' ? 'reason' : 'whereToTurn'}.${c.outcomeReason}` as MessageKey)}`}
            </dd>
          </>
        )}
        {c.successorCaseId !== null && (
          <>
            <dt>{t('dc.case.successor')}</dt>
            <dd>
              <a href={`/console/${officer ? 'officer' : 'me'}/cases/${c.successorCaseId}`}>
                {t('dc.case.title', { id: c.successorCaseId })}
              </a>
            </dd>
          </>
        )}
      </dl>
      <section aria-labelledby="timeline">
        <h2 id="timeline">{t('dc.case.timeline')}</h2>
        <ol class="timeline">
          {c.steps.map((s) => (
            <li>
              {formatDate(lang, s.onDate)} — {t(`declarationCase.step.${s.step}` as MessageKey)}
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="months">
        <h2 id="months">{t('dc.case.monthsTitle')}</h2>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('dc.case.month')}</th>
                <th scope="col">{t('dc.case.declared')}</th>
                <th scope="col">{t('dc.case.credited')}</th>
              </tr>
            </thead>
            <tbody>
              {c.months.map((m) => (
                <tr>
                  <td>{formatMonth(lang, m.month)}</td>
                  <td>{t(m.declared ? 'dc.yes' : 'dc.no')}</td>
                  <td>{t(m.credited ? 'dc.yes' : 'dc.no')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {officer && (
        <section aria-labelledby="arrears" class="panel">
          <h2 id="arrears">{t('dc.arrears.title')}</h2>
          {problem && <ProblemBox t={t} problem={problem} />}
          {canConfirm ? (
            <form method="post" action={`/console/officer/cases/${c.caseId}/arrears`} class="stack">
              <CsrfField csrf={ctx.csrf} />
              <p class="hint">{t('dc.arrears.intro')}</p>
              <button type="submit" class="primary">
                {t('dc.arrears.submit')}
              </button>
            </form>
          ) : (
            <p>{t('dc.arrears.notNow')}</p>
          )}
        </section>
      )}
      {officer && c.status === 'referred' && (
        <section aria-labelledby="referral" class="panel">
          <h2 id="referral">{t('dc.referral.title')}</h2>
          <p class="hint">{t('dc.referral.intro')}</p>
          <form method="post" action={`/console/officer/cases/${c.caseId}/referral-closure`} class="stack">
            <CsrfField csrf={ctx.csrf} />
            <input type="hidden" name="outcome" value="employer_identified" />
            <label for="identified">{t('dc.referral.employer')}</label>
            <input id="identified" name="employerTaxCode" required />
            <button type="submit" class="primary">
              {t('dc.referral.identify')}
            </button>
          </form>
          <form method="post" action={`/console/officer/cases/${c.caseId}/referral-closure`} class="stack">
            <CsrfField csrf={ctx.csrf} />
            <input type="hidden" name="outcome" value="outside_system" />
            <label for="whereToTurn">{t('dc.referral.whereToTurn')}</label>
            <select id="whereToTurn" name="whereToTurn">
              {WHERE_TO_TURN.map((w) => (
                <option value={w}>{t(`declarationCase.whereToTurn.${w}` as MessageKey)}</option>
              ))}
            </select>
            <button type="submit">{t('dc.referral.outside')}</button>
          </form>
        </section>
      )}
      {officer && c.status !== 'closed' && (
        <section aria-labelledby="dismissal" class="panel">
          <h2 id="dismissal">{t('dc.dismiss.title')}</h2>
          <form method="post" action={`/console/officer/cases/${c.caseId}/dismissal`} class="stack">
            <CsrfField csrf={ctx.csrf} />
            <label for="reason">{t('dc.dismiss.reason')}</label>
            <select id="reason" name="reason">
              {DISMISSAL_REASONS.map((r) => (
                <option value={r}>{t(`declarationCase.reason.${r}` as MessageKey)}</option>
              ))}
            </select>
            <button type="submit">{t('dc.dismiss.submit')}</button>
          </form>
        </section>
      )}
    </Layout>
  );
}
