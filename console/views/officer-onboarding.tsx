/**
 * Onboardings for the officer: the dossiers awaiting approval (GET /v1/onboardings?status=pending)
 * and one employer's onboarding (GET /v1/onboardings/{id}: its progress), with the approve and
 * reject forms (POST /v1/onboardings/{id}/decision); a refusal is shown on the form it refused.
 */
import type { T } from '../../messages';
import { formatDate } from '../../messages/format';
import type { Problem } from '../api';
import { CsrfField, Layout, ProblemBox, type PageContext } from './layout';
import { labelOf } from './officer-queue';

export interface OnboardingListItem {
  id: string;
  taxCode: string;
  employerName: string;
  status: string;
  submittedAt: string;
  employees: number;
  deadline: string | null;
}

export interface OnboardingProgressView {
  requestId: string;
  taxCode: string;
  state: string;
  employeesTotal: number;
  employeesDone: number;
  batchesDone: number;
  batchesTotal: number;
  escalated: boolean;
  decisionDeadline: string | null;
  autoRejectAt: string | null;
  unitCode: string | null;
  decidedBy: string | null;
  rejectionReason: string | null;
}

const stateLabel = (t: T, state: string) => labelOf(t, 'officer.onboardingState.', state);

export function OnboardingListPage({
  ctx,
  items,
  next,
  problem,
}: {
  ctx: PageContext;
  items: OnboardingListItem[];
  next: string | null;
  problem?: Problem | undefined;
}) {
  const { t, lang } = ctx;
  return (
    <Layout ctx={ctx} title={t('officer.onboardings.title')} current="/console/officer/onboardings">
      <div class="officer-page">
        {problem && <ProblemBox t={t} problem={problem} />}
        {!problem && items.length === 0 && <p class="notice">{t('officer.onboardings.empty')}</p>}
        {items.length > 0 && (
          <div class="table-wrap">
            <table id="onboardings" class="officer-cards">
              <thead>
                <tr>
                  <th scope="col">{t('officer.onboardings.col.employer')}</th>
                  <th scope="col">{t('officer.onboardings.col.taxCode')}</th>
                  <th scope="col">{t('officer.onboardings.col.submitted')}</th>
                  <th scope="col" class="num">
                    {t('officer.onboardings.col.employees')}
                  </th>
                  <th scope="col">{t('officer.onboardings.col.deadline')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((o) => (
                  <tr>
                    <td data-label={t('officer.onboardings.col.employer')}>
                      <a href={`/console/officer/onboardings/${encodeURIComponent(o.taxCode)}`}>{o.employerName}</a>
                    </td>
                    <td data-label={t('officer.onboardings.col.taxCode')} class="code">
                      {o.taxCode}
                    </td>
                    <td data-label={t('officer.onboardings.col.submitted')}>{formatDate(lang, o.submittedAt)}</td>
                    <td data-label={t('officer.onboardings.col.employees')} class="num">
                      {o.employees}
                    </td>
                    <td data-label={t('officer.onboardings.col.deadline')}>{formatDate(lang, o.deadline)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {next && (
          <p>
            <a class="button" href={next}>
              {t('officer.queue.more')}
            </a>
          </p>
        )}
      </div>
    </Layout>
  );
}

export interface OnboardingForm {
  decision?: string;
  reason?: string;
}

export function OnboardingPage({
  ctx,
  taxCode,
  progress,
  problem,
  loadProblem,
  form = {},
  notice,
}: {
  ctx: PageContext;
  taxCode: string;
  progress: OnboardingProgressView | null;
  problem?: Problem | undefined;
  loadProblem?: Problem | undefined;
  form?: OnboardingForm;
  notice?: string | undefined;
}) {
  const { t, lang } = ctx;
  const action = `/console/officer/onboardings/${encodeURIComponent(taxCode)}/decision`;
  const pct =
    progress && progress.employeesTotal > 0
      ? Math.round((100 * progress.employeesDone) / progress.employeesTotal)
      : progress?.state === 'completed'
        ? 100
        : 0;
  return (
    <Layout ctx={ctx} title={t('officer.onboarding.title', { taxCode })} current="/console/officer/onboardings">
      <div class="officer-page">
        <p>
          <a href="/console/officer/onboardings">← {t('officer.nav.onboardings')}</a>
        </p>
        {notice && (
          <p class="notice" role="status" id="decision-notice">
            {notice}
          </p>
        )}
        {loadProblem && <ProblemBox t={t} problem={loadProblem} />}
        {progress && (
          <>
            <dl class="facts">
              <dt>{t('officer.onboarding.state')}</dt>
              <dd>
                <span class="badge warn" id="onboarding-state">
                  {stateLabel(t, progress.state)}
                </span>
                {progress.escalated && (
                  <>
                    {' '}
                    <span class="badge bad">{t('officer.onboarding.escalated')}</span>
                  </>
                )}
              </dd>
              <dt>{t('officer.onboarding.progress')}</dt>
              <dd>
                <div
                  class="bar"
                  role="progressbar"
                  aria-label={t('officer.onboarding.progress')}
                  aria-valuemin={0}
                  aria-valuemax={100}
                  aria-valuenow={pct}
                >
                  <span style={`width: ${pct}%`}></span>
                </div>
                {t('officer.onboarding.progressOf', { done: progress.employeesDone, total: progress.employeesTotal })}
              </dd>
              {progress.decisionDeadline && (
                <>
                  <dt>{t('officer.onboarding.decisionDeadline')}</dt>
                  <dd>{formatDate(lang, progress.decisionDeadline)}</dd>
                </>
              )}
              {progress.autoRejectAt && (
                <>
                  <dt>{t('officer.onboarding.autoRejectAt')}</dt>
                  <dd>{formatDate(lang, progress.autoRejectAt)}</dd>
                </>
              )}
              {progress.unitCode && (
                <>
                  <dt>{t('officer.onboarding.unitCode')}</dt>
                  <dd class="code">{progress.unitCode}</dd>
                </>
              )}
              {progress.decidedBy && (
                <>
                  <dt>{t('officer.onboarding.decidedBy')}</dt>
                  <dd>{progress.decidedBy}</dd>
                </>
              )}
              {progress.rejectionReason && (
                <>
                  <dt>{t('officer.onboarding.rejectionReason')}</dt>
                  <dd>{progress.rejectionReason}</dd>
                </>
              )}
            </dl>
            {(progress.state === 'awaiting_decision' || problem) && (
              <section aria-labelledby="decision">
                <h2 id="decision">{t('officer.claim.decide')}</h2>
                {problem && <ProblemBox t={t} problem={problem} />}
                <form method="post" action={action} class="stack" id="approve-form">
                  <CsrfField csrf={ctx.csrf} />
                  <input type="hidden" name="decision" value="approve" />
                  <button type="submit" class="primary">
                    {t('officer.onboarding.approve')}
                  </button>
                </form>
                <form method="post" action={action} class="stack" id="reject-form">
                  <CsrfField csrf={ctx.csrf} />
                  <input type="hidden" name="decision" value="reject" />
                  <label for="reason">{t('officer.onboarding.reason')}</label>
                  <textarea id="reason" name="reason" rows={3} maxLength={1000} required minLength={3}>
                    {form.decision === 'reject' ? (form.reason ?? '') : ''}
                  </textarea>
                  <button type="submit" class="danger">
                    {t('officer.onboarding.reject')}
                  </button>
                </form>
              </section>
            )}
          </>
        )}
      </div>
    </Layout>
  );
}
