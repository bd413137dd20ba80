/** The employer's home: the unit as the agency holds it, and where its onboarding dossier stands. */
import type { MessageKey } from '../../messages';
import { formatDate } from '../../messages/format';
import type { Problem } from '../api';
import { Layout, ProblemBox, type PageContext } from './layout';
import { LangPreferenceForm } from './preferences-form';

export interface EmployerFacts {
  taxCode: string;
  name: string;
  status: string;
  unitCode: string | null;
  employees: number;
}
export interface OnboardingFacts {
  status: string;
  submittedAt: string;
  employees: number;
  deadline: string | null;
}

export function EmployerHomePage({
  ctx,
  taxCode,
  employer,
  onboarding,
  problem,
  prefs = {},
}: {
  ctx: PageContext;
  taxCode: string;
  employer: EmployerFacts | null;
  onboarding: OnboardingFacts | null;
  problem?: Problem | undefined;
  /** The language preference form's outcome (issue 13). */
  prefs?: { saved?: boolean | undefined; problem?: Problem | undefined };
}) {
  const { t, lang } = ctx;
  return (
    <Layout ctx={ctx} title={t('employer.title')} current="/console/employer">
      {problem && <ProblemBox t={t} problem={problem} />}
      {employer ? (
        <dl class="facts">
          <dt>{t('employer.name')}</dt>
          <dd>{employer.name}</dd>
          <dt>{t('employer.taxCode')}</dt>
          <dd class="mono">{employer.taxCode}</dd>
          <dt>{t('employer.unitCode')}</dt>
          <dd class="mono">{employer.unitCode ?? '—'}</dd>
          <dt>{t('employer.status')}</dt>
          <dd>{t(`employer.status.${employer.status}` as MessageKey)}</dd>
          <dt>{t('employer.employeeCount')}</dt>
          <dd>{employer.employees}</dd>
        </dl>
      ) : (
        <p class="notice">
          {t('employer.unknown')} <span class="mono">{taxCode}</span>
        </p>
      )}
      <section aria-labelledby="onboarding">
        <h2 id="onboarding">{t('employer.onboarding')}</h2>
        {onboarding ? (
          <dl class="facts" id="onboarding-status">
            <dt>{t('employer.status')}</dt>
            <dd>
              <span
                class={`badge ${onboarding.status === 'rejected' ? 'bad' : onboarding.status === 'pending' ? 'warn' : 'ok'}`}
              >
                {t(`employer.onboarding.status.${onboarding.status}` as MessageKey)}
              </span>
            </dd>
            <dt>{t('employer.onboarding.submitted')}</dt>
            <dd>{formatDate(lang, onboarding.submittedAt)}</dd>
            <dt>{t('employer.onboarding.employees')}</dt>
            <dd>{onboarding.employees}</dd>
            {onboarding.deadline && (
              <>
                <dt>{t('employer.onboarding.deadline')}</dt>
                <dd>{formatDate(lang, onboarding.deadline)}</dd>
              </>
            )}
          </dl>
        ) : (
          <p>{t('employer.onboarding.none')}</p>
        )}
      </section>
      <LangPreferenceForm
        ctx={ctx}
        action="/console/employer/preferences"
        saved={prefs.saved}
        problem={prefs.problem}
      />
    </Layout>
  );
}
