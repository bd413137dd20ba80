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
function subjectOf(task: StalledTask): string {
  const s = task.subject ?? {};
  if (s.claimId) return `claim ${s.claimId}`;
  if (s.onboardingId) return s.onboardingId;
  if (s.taxCode) return `employer ${s.taxCode}`;
  if (s.bankLineId !== undefined) return `bank line ${s.bankLineId}`;
  if (s.employmentId !== undefined) return `employment ${s.employmentId}`;
  return `task ${task.id}`;
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
          <div class="table-wrap" role="region" aria-label={t('op.stalled.title')} tabIndex={0}>
            <table id="stalled">
              <caption class="visually-hidden">{t('op.stalled.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('op.stalled.kind')}</th>
                  <th scope="col">{t('op.stalled.subject')}</th>
                  <th scope="col">{t('op.stalled.actor')}</th>
                  <th scope="col">{t('op.stalled.queue')}</th>
                  <th scope="col">{t('op.stalled.province')}</th>
                  <th scope="col">{t('op.stalled.due')}</th>
                  <th scope="col" class="num">
                    {t('op.stalled.late')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((task) => {
                  return (
                    <tr data-task={String(task.id)}>
                      <td>
                        {label(t, `op.kind.${task.kind}`, task.kind)}
                        {task.escalated && (
                          <>
                            {' '}
                            <span class="badge bad">{t('op.stalled.escalated')}</span>
                          </>
                        )}
                      </td>
                      <td class="code">{subjectOf(task)}</td>
                      <td>{label(t, `op.actor.${task.actor}`, task.actor)}</td>
                      <td>{task.queue ?? '—'}</td>
                      <td>{task.provinceCode ?? '—'}</td>
                      <td>{formatDate(lang, task.dueDate)}</td>
                      <td class="num overdue">
                        {task.workingDaysLeft === null
                          ? '—'
                          : t('op.stalled.lateDays', { days: Math.abs(task.workingDaysLeft) })}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
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
