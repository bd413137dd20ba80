/**
 * The officer's work queue (GET /v1/tasks): what is overdue first, deadlines in working days, the
 * counts per kind, a filter that is a plain GET form (htmx swaps only the results and pushes the
 * URL), and a cursor to the next page. Each row leads to its case.
 */
import { catalog, type MessageKey, type T } from '../../messages';
import { formatDate } from '../../messages/format';
import type { Problem } from '../api';
import { CsrfField, Layout, ProblemBox, type PageContext } from './layout';

export interface QueueTask {
  id: number;
  kind: string;
  status: 'open' | 'done' | 'cancelled';
  actor: string;
  queue: string;
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
    bankLineId?: number;
    employmentId?: number;
    dataUpdateId?: number;
  };
  createdAt: string;
  closedAt: string | null;
}

export interface QueuePageData {
  items: QueueTask[];
  counts: { kind: string; open: number; overdue: number }[];
  overdue: number;
  nextCursor: string | null;
}

export interface QueueFilter {
  kind: string;
  province: string;
  status: string;
  /** The page's size when the address gives one (the API's default otherwise). */
  limit: string;
}

/** The kinds an officer works on, in the order the filter offers them. */
export const OFFICER_TASK_KINDS = [
  'claim.decision',
  'onboarding.approval',
  'claim.new_job_declared',
  'bank.suspense',
  'claim.payment_no_account',
  'claim.payment_returned',
  'data_update.review',
];
export const QUEUE_STATUSES = ['open', 'overdue', 'escalated', 'done', 'cancelled'] as const;

export const RESULTS_ID = 'queue-results';

/** The catalog's text for `prefix + value`, or the value itself when the catalog has none (a code the API added later). */
export function labelOf(t: T, prefix: string, value: string, params?: Record<string, string | number>): string {
  const key = `${prefix}${value}`;
  return key in catalog ? t(key as MessageKey, params) : value;
}

export const kindLabel = (t: T, kind: string): string => labelOf(t, 'officer.kind.', kind);

/** "quá hạn 3 ngày làm việc" / "5 working days left" / "due today". */
export function timeLeft(t: T, task: Pick<QueueTask, 'workingDaysLeft' | 'dueDate' | 'status'>): string {
  const n = task.workingDaysLeft;
  if (task.dueDate === null || n === null) return task.status === 'open' ? t('officer.due.none') : '—';
  if (n < -1) return t('officer.due.overdue', { n: -n });
  if (n === -1) return t('officer.due.overdueOne');
  if (n === 0) return t('officer.due.today');
  if (n === 1) return t('officer.due.leftOne');
  return t('officer.due.left', { n });
}

const taxCodeOfOnboarding = (task: QueueTask): string | undefined =>
  task.subject.taxCode ?? task.subject.onboardingId?.replace(/^onboarding:/, '');

/** Where a task's case is: the claim page, the onboarding page; a bank line has its form here. */
export function caseHref(task: QueueTask): string | null {
  if (task.subject.claimId) return `/console/officer/claims/${encodeURIComponent(task.subject.claimId)}`;
  if (task.subject.dataUpdateId !== undefined) return `/console/officer/data-updates/${task.subject.dataUpdateId}`;
  if (task.kind === 'onboarding.approval' || task.subject.onboardingId) {
    const tax = taxCodeOfOnboarding(task);
    if (tax) return `/console/officer/onboardings/${encodeURIComponent(tax)}`;
  }
  return null;
}

function caseLabel(t: T, task: QueueTask): string {
  if (task.subject.claimId) return t('officer.queue.claimCase', { id: task.subject.claimId.slice(0, 8) });
  const tax = taxCodeOfOnboarding(task);
  if (tax && (task.kind === 'onboarding.approval' || task.subject.onboardingId))
    return t('officer.queue.onboardingCase', { taxCode: tax });
  if (task.subject.bankLineId !== undefined) return t('officer.queue.bankCase', { id: task.subject.bankLineId });
  if (task.subject.dataUpdateId !== undefined) return t('dataUpdate.request', { id: task.subject.dataUpdateId });
  return t('officer.queue.otherCase', { id: task.id });
}

export function queueUrl(filter: QueueFilter, cursor?: string | null): string {
  const q = new URLSearchParams();
  if (filter.kind) q.set('kind', filter.kind);
  if (filter.province) q.set('province', filter.province);
  if (filter.status && filter.status !== 'open') q.set('status', filter.status);
  if (filter.limit) q.set('limit', filter.limit);
  if (cursor) q.set('cursor', cursor);
  const s = q.toString();
  return `/console/officer${s ? `?${s}` : ''}`;
}

function TaskRow({ ctx, task }: { ctx: PageContext; task: QueueTask }) {
  const { t, lang } = ctx;
  const href = caseHref(task);
  const label = caseLabel(t, task);
  return (
    <tr class={task.overdue ? 'row-overdue' : undefined} data-task={String(task.id)}>
      <td data-label={t('officer.queue.col.kind')}>
        {kindLabel(t, task.kind)}
        {task.escalated && (
          <>
            {' '}
            <span class="badge warn">{t('officer.queue.escalated')}</span>
          </>
        )}
      </td>
      <td data-label={t('officer.queue.col.case')}>
        {href ? (
          <a href={href}>{label}</a>
        ) : task.kind === 'bank.suspense' && task.subject.bankLineId !== undefined && task.status === 'open' ? (
          <form
            method="post"
            action={`/console/officer/bank/${task.subject.bankLineId}/assignment`}
            class="inline-form"
          >
            <CsrfField csrf={ctx.csrf} />
            <span>{label}</span>
            <label for={`bank-${task.subject.bankLineId}`} class="visually-hidden">
              {t('officer.bank.taxCode', { id: task.subject.bankLineId })}
            </label>
            <input
              id={`bank-${task.subject.bankLineId}`}
              name="taxCode"
              inputMode="numeric"
              autocomplete="off"
              required
              maxLength={14}
              class="short"
            />
            <button type="submit">{t('officer.bank.assign')}</button>
          </form>
        ) : (
          label
        )}
      </td>
      <td data-label={t('officer.queue.col.province')}>{task.provinceCode ?? '—'}</td>
      <td data-label={t('officer.queue.col.due')}>{formatDate(lang, task.dueDate)}</td>
      <td data-label={t('officer.queue.col.left')} class={task.overdue ? 'overdue' : undefined}>
        {timeLeft(t, task)}
      </td>
    </tr>
  );
}

/** The part htmx swaps: the counts, the table and the link to the next page. */
export function QueueResults({
  ctx,
  filter,
  page,
  problem,
}: {
  ctx: PageContext;
  filter: QueueFilter;
  page: QueuePageData | null;
  problem?: Problem | undefined;
}) {
  const { t } = ctx;
  return (
    <div id={RESULTS_ID} aria-live="polite">
      {problem && <ProblemBox t={t} problem={problem} />}
      {page && (
        <>
          <section aria-labelledby="queue-counts">
            <h2 id="queue-counts">{t('officer.queue.counts')}</h2>
            <ul class="counts">
              {page.counts.map((c) => (
                <li data-kind={c.kind}>
                  <span class="count-kind">{kindLabel(t, c.kind)}</span>{' '}
                  <span class="badge ok">
                    {t('officer.queue.countOpen')}: {c.open}
                  </span>{' '}
                  {c.overdue > 0 && (
                    <span class="badge bad">
                      {t('officer.queue.countOverdue')}: {c.overdue}
                    </span>
                  )}
                </li>
              ))}
            </ul>
            <p class={page.overdue > 0 ? 'overdue' : 'hint'} id="queue-overdue">
              {t('officer.queue.overdueTotal', { n: page.overdue })}
            </p>
          </section>
          {page.items.length === 0 ? (
            <p class="notice">{t('officer.queue.empty')}</p>
          ) : (
            <div class="table-wrap">
              <table id="queue-table" class="officer-cards">
                <caption>{t('officer.queue.table')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('officer.queue.col.kind')}</th>
                    <th scope="col">{t('officer.queue.col.case')}</th>
                    <th scope="col">{t('officer.queue.col.province')}</th>
                    <th scope="col">{t('officer.queue.col.due')}</th>
                    <th scope="col">{t('officer.queue.col.left')}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((task) => (
                    <TaskRow ctx={ctx} task={task} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {page.nextCursor && (
            <p>
              <a
                class="button"
                href={queueUrl(filter, page.nextCursor)}
                hx-get={queueUrl(filter, page.nextCursor)}
                hx-target={`#${RESULTS_ID}`}
                hx-swap="outerHTML"
                hx-push-url="true"
              >
                {t('officer.queue.more')}
              </a>
            </p>
          )}
        </>
      )}
    </div>
  );
}

export function QueuePage({
  ctx,
  filter,
  page,
  problem,
  notice,
}: {
  ctx: PageContext;
  filter: QueueFilter;
  page: QueuePageData | null;
  problem?: Problem | undefined;
  notice?: string | undefined;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('officer.queue.title')} current="/console/officer">
      <div class="officer-page">
        <p class="hint">{t('officer.queue.intro')}</p>
        {notice && (
          <p class="notice" role="status">
            {notice}
          </p>
        )}
        <form
          method="get"
          action="/console/officer"
          class="filters"
          role="search"
          aria-label={t('officer.queue.filter')}
          hx-get="/console/officer"
          hx-target={`#${RESULTS_ID}`}
          hx-swap="outerHTML"
          hx-push-url="true"
        >
          <div>
            <label for="kind">{t('officer.queue.kind')}</label>
            <select id="kind" name="kind">
              <option value="">{t('officer.queue.kindAll')}</option>
              {OFFICER_TASK_KINDS.map((k) => (
                <option value={k} selected={filter.kind === k}>
                  {kindLabel(t, k)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="status">{t('officer.queue.status')}</label>
            <select id="status" name="status">
              {QUEUE_STATUSES.map((s) => (
                <option value={s} selected={(filter.status || 'open') === s}>
                  {t(`officer.status.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="province">{t('officer.queue.province')}</label>
            <input
              id="province"
              name="province"
              inputMode="numeric"
              pattern="[0-9]{2}"
              maxLength={2}
              autocomplete="off"
              value={filter.province}
            />
          </div>
          <div>
            <button type="submit" class="primary">
              {t('officer.queue.apply')}
            </button>
          </div>
        </form>
        <QueueResults ctx={ctx} filter={filter} page={page} problem={problem} />
      </div>
    </Layout>
  );
}
