/**
 * My unemployment-benefit claims, one claim's months and deadlines, and the monthly job-search
 * report (Form 24) when its window is open. A report the workflow refuses shows its reason on the form.
 */
import type { z } from 'zod';
import type { EbookUnemploymentClaim } from '../../domain/ebook';
import type { claimStateSchema } from '../../domain/schemas';
import { formatDate, formatMoney } from '../../messages/format';
import type { Problem } from '../api';
import { CsrfField, Layout, ProblemBox, type PageContext } from './layout';
import { waitingText } from './claim-words';
import { ClaimList, claimStatusKey } from './participant-book';
import { BankAccounts, type BankAccountView } from './bank-account';

type ClaimState = z.infer<typeof claimStateSchema>;

export function ClaimsPage({ ctx, claims }: { ctx: PageContext; claims: EbookUnemploymentClaim[] }) {
  return (
    <Layout ctx={ctx} title={ctx.t('me.claims.title')} current="/console/me/claims">
      <ClaimList ctx={ctx} claims={claims} />
    </Layout>
  );
}

export function ClaimPage({
  ctx,
  claim,
  reported,
  problem,
  summary,
  accounts = null,
}: {
  ctx: PageContext;
  claim: ClaimState;
  reported?: boolean | undefined;
  problem?: Problem | undefined;
  summary?: string | undefined;
  /** The participant's bank accounts (issue 14 part 4), masked; null when they could not be read. */
  accounts?: BankAccountView[] | null;
}) {
  const { t, lang } = ctx;
  const window = claim.reportWindowFor;
  return (
    <Layout ctx={ctx} title={t('me.claim.title')} current="/console/me/claims">
      {reported && (
        <p class="notice" role="status">
          {t('me.report.accepted')}
        </p>
      )}
      <dl class="facts">
        <dt>{t('me.claim.monthStatus')}</dt>
        <dd>
          <span class="badge">{t(claimStatusKey(claim.status))}</span>
        </dd>
        {claim.monthlyBenefit && (
          <>
            <dt>{t('me.claim.amount')}</dt>
            <dd>{formatMoney(lang, claim.monthlyBenefit)}</dd>
            <dt>{t('me.claim.duration')}</dt>
            <dd>{claim.durationMonths}</dd>
          </>
        )}
        <dt>{t('me.claim.waiting')}</dt>
        <dd>{waitingText(ctx, claim)}</dd>
        <dt>{t('me.claim.nextDeadline')}</dt>
        <dd>{formatDate(lang, claim.nextDeadline)}</dd>
      </dl>
      <BankAccounts ctx={ctx} accounts={accounts} />

      <section aria-labelledby="report" class="panel">
        <h2 id="report">{t('me.report.title')}</h2>
        <p class="hint">{t('me.report.intro')}</p>
        {problem && <ProblemBox t={t} problem={problem} />}
        {window === null ? (
          <p>{t('me.report.closed')}</p>
        ) : (
          <form method="post" action={`/console/me/claims/${claim.claimId}/reports`} class="stack">
            <CsrfField csrf={ctx.csrf} />
            <input type="hidden" name="month" value={String(window)} />
            <p>
              <strong>{t('me.report.forMonth', { month: window })}</strong>
            </p>
            <label for="summary">{t('me.report.summary')}</label>
            <textarea id="summary" name="summary" rows={4} maxLength={2000}>
              {summary ?? ''}
            </textarea>
            <button type="submit" class="primary">
              {t('me.report.submit')}
            </button>
          </form>
        )}
      </section>

      {claim.months.length > 0 && (
        <section aria-labelledby="claim-months">
          <h2 id="claim-months">{t('me.claim.months')}</h2>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">{t('me.claim.monthPeriod')}</th>
                  <th scope="col">{t('me.claim.reportBy')}</th>
                  <th scope="col">{t('me.claim.monthStatus')}</th>
                </tr>
              </thead>
              <tbody>
                {claim.months.map((m) => (
                  <tr>
                    <td>{m.index}</td>
                    <td>{`${formatDate(lang, m.from)} – ${formatDate(lang, m.to)}`}</td>
                    <td>{formatDate(lang, m.reportDeadline)}</td>
                    <td>
                      {['scheduled', 'reported', 'instructed', 'paid', 'returned', 'suspended', 'cancelled'].includes(
                        m.status,
                      )
                        ? t(`me.claimMonth.${m.status as 'paid'}`)
                        : m.status}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </Layout>
  );
}
