/**
 * Stalled cases (issue #12): every open wait of every actor past its deadline (GET /v1/tasks/stalled,
 * helper "queues"), the longest overdue first. Cases are named by their ids, never by a person.
 */
import { formatDate } from '../../messages/format';
import type { MessageKey, T } from '../../messages';
import { catalog } from '../../messages';
import type { Problem } from '../api';
import { Layout, ProblemBox, type PageContext } from './layout';

/** A task as the shared contract gives it (brief, Part A). */
export interface StalledTask {
  id: string | number;
  kind: string;
  status: string;
  actor: string;
  queue: string | null;
  assignee: string | null;
  provinceCode: string | null;
  dueDate: string | null;
  overdue: boolean;
  workingDaysLeft: number | null;
  escalated: boolean;
  subject: {
    claimId?: string;
    taxCode?: string;
    onboardingId?: string;
    bankLineId?: string | number;
    employmentId?: string | number;
  };
  createdAt: string;
  closedAt: string | null;
}

export interface StalledList {
  items: StalledTask[];
  nextCursor: string | null;
  overdue?: number;
}

/** A label from the catalog when it has one, else the code itself (a kind added later still shows). */
function label(t: T, key: string, fallback: string): string {
  return key in catalog ? t(key as MessageKey) : fallback;
}

/** The case a task waits on, by its id (the operator's pages link nowhere an operator may not go). */
function subjectOf(t: T, task: StalledTask): string {
  const s = task.subject ?? {};
  if (s.claimId) return t('op.subject.claim', { id: s.claimId });
  if (s.onboardingId) return t('op.subject.onboarding', { id: s.onboardingId.replace(/^onboarding:/, '') });
  if (s.taxCode) return t('op.subject.employer', { id: s.taxCode });
  if (s.bankLineId !== undefined) return t('op.subject.bankLine', { id: String(s.bankLineId) });
  if (s.employmentId !== undefined) return t('op.subject.employment', { id: String(s.employmentId) });
  return t('op.subject.task', { id: String(task.id) });
}

export function StalledPage({
  ctx,
  list,
  problem,
}: {
  ctx: PageContext;
  list: StalledList | null;
  problem?: Problem | undefined;
}) {
  const { t, lang } = ctx;
  return (
    <Layout ctx={ctx} title={t('op.stalled.title')} current="/console/operator/stalled">
      <p>{t('op.stalled.intro')}</p>
      {problem && <ProblemBox t={t} problem={problem} />}
      {list && list.items.length === 0 && <p class="notice">{t('op.stalled.none')}</p>}
      {list && list.items.length > 0 && (
        <>
          <p>
            <strong>{t('op.stalled.count', { count: list.overdue ?? list.items.length })}</strong>
          </p>
          <ul id="stalled" class="stalled">
            {list.items.map((task) => (
              <li class="panel" data-task={String(task.id)}>
                <h2>
                  {label(t, `op.kind.${task.kind}`, task.kind)}
                  {task.escalated && (
                    <>
                      {' '}
                      <span class="badge bad">{t('op.stalled.escalated')}</span>
                    </>
                  )}
                </h2>
                <dl class="facts">
                  <dt>{t('op.stalled.subject')}</dt>
                  <dd class="code">{subjectOf(t, task)}</dd>
                  <dt>{t('op.stalled.actor')}</dt>
                  <dd>{label(t, `op.actor.${task.actor}`, task.actor)}</dd>
                  <dt>{t('op.stalled.queue')}</dt>
                  <dd class="code">{task.queue ?? '—'}</dd>
                  <dt>{t('op.stalled.province')}</dt>
                  <dd>{task.provinceCode ?? '—'}</dd>
                  <dt>{t('op.stalled.due')}</dt>
                  <dd>{formatDate(lang, task.dueDate)}</dd>
                  <dt>{t('op.stalled.late')}</dt>
                  <dd class="overdue">
                    {task.workingDaysLeft === null
                      ? '—'
                      : t('op.stalled.lateDays', { days: Math.abs(task.workingDaysLeft) })}
                  </dd>
                </dl>
              </li>
            ))}
          </ul>
          {list.nextCursor && (
            <p>
              <a href={`/console/operator/stalled?cursor=${encodeURIComponent(list.nextCursor)}`}>{t('common.next')}</a>
            </p>
          )}
        </>
      )}
    </Layout>
  );
}
