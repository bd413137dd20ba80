/**
 * The operator's home (issue #12): start a reconciliation, the recent runs with progress bars that
 * htmx refreshes every 2 s while one is running (the fragment stops asking once none is), the
 * monthly schedule, and the three verification buttons whose results replace their own panel.
 */
import type { ComponentChildren } from 'preact';
import type {
  AuditVerification,
  LedgerVerification,
  ReconciliationRun,
  ReconciliationSchedule,
} from '../../domain/schemas-operations';
import { formatDate, formatMoney, formatMonth } from '../../messages/format';
import type { Lang, T } from '../../messages';
import type { Problem } from '../api';
import { CsrfField, Layout, ProblemBox, type PageContext } from './layout';

/** An instant as a person in Vietnam reads it: the local date and hh:mm (UTC+7, no daylight saving). */
export function formatInstant(lang: Lang, iso: string | null | undefined): string {
  if (!iso) return '—';
  const local = new Date(Date.parse(iso) + 7 * 3600_000).toISOString();
  return `${formatDate(lang, local.slice(0, 10))} ${local.slice(11, 16)}`;
}

const num = (lang: Lang, n: number) => n.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-US');

export interface RunsView {
  runs: ReconciliationRun[];
  nextCursor: string | null;
  /** A period just started that the list does not show yet (visibility catches up in a moment). */
  started?: string | undefined;
  problem?: Problem | undefined;
}

const STATUS_BADGE: Record<ReconciliationRun['status'], string> = {
  running: 'warn',
  completed: 'ok',
  failed: 'bad',
  cancelled: 'bad',
  terminated: 'bad',
  timed_out: 'bad',
  unknown: 'warn',
};

/** Whether the fragment must ask again in 2 s: a run is in progress, or a started one has not appeared. */
export const runsAreLive = (v: RunsView) =>
  v.runs.some((r) => r.status === 'running') || (!!v.started && !v.runs.some((r) => r.period === v.started));

/** A native progress element: accessible as a progress bar, styled without inline styles (a strict CSP keeps working). */
function ProgressBar({ t, lang, run }: { t: T; lang: Lang; run: ReconciliationRun }) {
  const p = run.progress!;
  return (
    <progress
      class="run-progress"
      max={100}
      value={p.percent}
      aria-label={t('op.runs.progressLabel', { period: run.period ? formatMonth(lang, run.period) : run.workflowId })}
    >
      {`${p.percent}%`}
    </progress>
  );
}

function RunCard({ ctx, run }: { ctx: PageContext; run: ReconciliationRun }) {
  const { t, lang } = ctx;
  const p = run.progress;
  return (
    <li class="panel run" data-run={run.workflowId} data-status={run.status}>
      <h3>
        {t('op.runs.period')} {run.period ? formatMonth(lang, run.period) : '—'}{' '}
        <span class={`badge ${STATUS_BADGE[run.status]}`}>{t(`op.status.${run.status}`)}</span>{' '}
        <span class="hint">({run.scheduled ? t('op.runs.scheduled') : t('op.runs.manual')})</span>
      </h3>
      {p ? (
        <>
          <ProgressBar t={t} lang={lang} run={run} />
          <p class="run-counts">
            <strong>{t('op.runs.percent', { percent: p.percent })}</strong> ·{' '}
            {p.batchesPlanned === null
              ? t('op.runs.batchesUnknown', { done: num(lang, p.batchesDone) })
              : t('op.runs.batches', { done: num(lang, p.batchesDone), planned: num(lang, p.batchesPlanned) })}{' '}
            · {t('op.runs.employers', { done: num(lang, p.employersDone), planned: num(lang, p.employersPlanned) })} ·{' '}
            {p.participantsPlanned === null
              ? t('op.runs.participantsCounting', { done: num(lang, p.participantsDone) })
              : t('op.runs.participants', {
                  done: num(lang, p.participantsDone),
                  planned: num(lang, p.participantsPlanned),
                })}
          </p>
        </>
      ) : (
        <p class="hint">{t('op.runs.noProgress')}</p>
      )}
      <p class="run-times">
        {t('op.runs.started')}: {formatInstant(lang, run.startedAt)}
        {run.closedAt && (
          <>
            {' · '}
            {t('op.runs.finished')}: {formatInstant(lang, run.closedAt)}
          </>
        )}
        {run.asOf && (
          <>
            {' · '}
            {t('op.runs.asOf')}: {formatDate(lang, run.asOf)}
          </>
        )}
      </p>
      {run.totals && (
        <details>
          <summary>{t('op.runs.totals')}</summary>
          <dl class="facts">
            <dt>{t('op.runs.due')}</dt>
            <dd>{formatMoney(lang, run.totals.due)}</dd>
            <dt>{t('op.runs.paid')}</dt>
            <dd>{formatMoney(lang, run.totals.paid)}</dd>
            <dt>{t('op.runs.outstanding')}</dt>
            <dd>{formatMoney(lang, run.totals.outstanding)}</dd>
            <dt>{t('op.runs.lateCharge')}</dt>
            <dd>{formatMoney(lang, run.totals.lateCharge)}</dd>
            <dt>{t('op.runs.unpaidEmployers')}</dt>
            <dd>{num(lang, run.totals.unpaidEmployers)}</dd>
            <dt>{t('op.runs.ebooks')}</dt>
            <dd>{num(lang, run.totals.ebooksWritten)}</dd>
          </dl>
        </details>
      )}
    </li>
  );
}

/** The runs, as a fragment htmx swaps in place (outerHTML): it carries its own trigger while live. */
export function RunsFragment({ ctx, view }: { ctx: PageContext; view: RunsView }) {
  const { t } = ctx;
  const live = runsAreLive(view);
  const src = `/console/operator/runs${view.started ? `?started=${encodeURIComponent(view.started)}` : ''}`;
  return (
    <div
      id="runs"
      aria-busy={live ? 'true' : 'false'}
      {...(live ? { 'hx-get': src, 'hx-trigger': 'every 2s', 'hx-swap': 'outerHTML' } : {})}
    >
      {view.problem && <ProblemBox t={t} problem={view.problem} />}
      {live && <p class="hint">{t('op.runs.live')}</p>}
      {view.started && !view.runs.some((r) => r.period === view.started) && (
        <p class="notice">{t('op.runs.waiting', { period: formatMonth(ctx.lang, view.started) })}</p>
      )}
      {view.runs.length === 0 && !view.started && !view.problem && <p>{t('op.runs.none')}</p>}
      <ul class="runs">
        {view.runs.map((r) => (
          <RunCard ctx={ctx} run={r} />
        ))}
      </ul>
      {view.nextCursor && (
        <p>
          <a href={`/console/operator?cursor=${encodeURIComponent(view.nextCursor)}`}>{t('op.runs.more')}</a>
        </p>
      )}
    </div>
  );
}

const pad = (n: number) => String(n).padStart(2, '0');

export function ScheduleBox({
  ctx,
  schedule,
  problem,
  applied,
}: {
  ctx: PageContext;
  schedule: ReconciliationSchedule | null;
  problem?: Problem | undefined;
  applied?: { scheduleId: string; outcome: 'created' | 'updated' } | undefined;
}) {
  const { t, lang } = ctx;
  return (
    <section aria-labelledby="schedule-title" id="schedule">
      <h2 id="schedule-title">{t('op.schedule.title')}</h2>
      {applied && (
        <p class="notice" role="status">
          {t(`op.schedule.applied.${applied.outcome}`, { id: applied.scheduleId })}
        </p>
      )}
      {problem && <ProblemBox t={t} problem={problem} />}
      {schedule ? (
        <dl class="facts">
          <dt>{t('op.schedule.when')}</dt>
          <dd>
            {schedule.calendars.map((c) => (
              <div>
                {t('op.schedule.calendar', {
                  day: c.dayOfMonth.join(', ') || '*',
                  time: `${pad(c.hour[0] ?? 0)}:${pad(c.minute[0] ?? 0)}`,
                  zone: schedule.timezone ?? 'UTC',
                })}
              </div>
            ))}
          </dd>
          <dt>{t('op.schedule.state')}</dt>
          <dd>
            {schedule.paused ? (
              <span class="badge warn">{t('op.schedule.paused')}</span>
            ) : (
              <span class="badge ok">{t('op.schedule.active')}</span>
            )}
            {schedule.note ? <span class="hint"> {schedule.note}</span> : null}
          </dd>
          <dt>{t('op.schedule.next')}</dt>
          <dd>
            <ul class="plain">
              {schedule.nextActionTimes.slice(0, 3).map((at) => (
                <li>{formatInstant(lang, at)}</li>
              ))}
            </ul>
          </dd>
          <dt>{t('op.schedule.recent')}</dt>
          <dd>
            {schedule.recentActions.length === 0 ? (
              t('op.schedule.noRecent')
            ) : (
              <ul class="plain">
                {schedule.recentActions
                  .slice(-3)
                  .reverse()
                  .map((a) => (
                    <li>
                      {formatInstant(lang, a.takenAt)} — <span class="code">{a.workflowId}</span>
                    </li>
                  ))}
              </ul>
            )}
          </dd>
        </dl>
      ) : (
        !problem && <p class="notice warn">{t('op.schedule.missing')}</p>
      )}
      <form method="post" action="/console/operator/schedule">
        <CsrfField csrf={ctx.csrf} />
        <button type="submit">{t('op.schedule.apply')}</button>
      </form>
    </section>
  );
}

export type VerifyKind = 'ebooks' | 'ledger' | 'audit';
export const VERIFY_KINDS: readonly VerifyKind[] = ['ebooks', 'ledger', 'audit'];

export interface EbookVerification {
  checked: number;
  mismatches: { personalId: string; kind: string; storedVersion: number | null }[];
}

export type VerifyOutcome =
  | { kind: 'ebooks'; body: EbookVerification }
  | { kind: 'ledger'; body: LedgerVerification }
  | { kind: 'audit'; body: AuditVerification }
  | { kind: VerifyKind; problem: Problem };

/** Findings shown on the screen (the count is always the whole). */
const SHOWN = 5;

function Verdict({ t, count }: { t: T; count: number }) {
  return count === 0 ? (
    <p class="big-answer ok">{t('op.verify.ok')}</p>
  ) : (
    <p class="big-answer bad">{t('op.verify.bad', { count })}</p>
  );
}

function FindingsTable({
  t,
  count,
  rows,
}: {
  t: T;
  count: number;
  rows: { kind: string; where: string; detail: string }[];
}) {
  if (rows.length === 0) return null;
  return (
    <div class="table-wrap" role="region" aria-label={t('op.verify.detail')} tabIndex={0}>
      <table class="figures">
        <caption>{t('op.verify.first', { shown: Math.min(rows.length, SHOWN), count })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('op.verify.kind')}</th>
            <th scope="col">{t('op.verify.where')}</th>
            <th scope="col">{t('op.verify.detail')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, SHOWN).map((r) => (
            <tr>
              <td>{r.kind}</td>
              <td class="code">{r.where}</td>
              <td>{r.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A verification's result, in place of the panel's previous one. Personal IDs are shown by their last 4 digits only. */
export function VerifyResult({ ctx, outcome }: { ctx: PageContext; outcome: VerifyOutcome }) {
  const { t, lang } = ctx;
  if ('problem' in outcome) return <ProblemBox t={t} problem={outcome.problem} />;
  let body: ComponentChildren;
  if (outcome.kind === 'ebooks') {
    const r = outcome.body;
    body = (
      <>
        <Verdict t={t} count={r.mismatches.length} />
        <p>{t('op.verify.ebooksChecked', { checked: num(lang, r.checked) })}</p>
        <FindingsTable
          t={t}
          count={r.mismatches.length}
          rows={r.mismatches.map((m) => ({
            kind: m.kind,
            where: t('op.verify.book', { tail: m.personalId.slice(-4) }),
            detail: m.storedVersion === null ? '—' : `v${m.storedVersion}`,
          }))}
        />
      </>
    );
  } else if (outcome.kind === 'ledger') {
    const r = outcome.body;
    body = (
      <>
        <Verdict t={t} count={r.problemCount} />
        <p>{t('op.verify.ledgerChecked', { employers: num(lang, r.employers), periods: num(lang, r.periods) })}</p>
        <FindingsTable
          t={t}
          count={r.problemCount}
          rows={r.problems.map((p) => ({
            kind: 'ledger',
            where: [p.taxCode, p.period].filter(Boolean).join(' · ') || '—',
            detail: p.problem,
          }))}
        />
      </>
    );
  } else {
    const r = outcome.body;
    body = (
      <>
        <Verdict t={t} count={r.findingCount} />
        <p>
          {t('op.verify.auditChecked', {
            events: num(lang, r.events),
            chains: num(lang, r.chains),
            checkpoint: r.checkpoint
              ? t('op.verify.checkpoint', { id: r.checkpoint.id, at: formatInstant(lang, r.checkpoint.at) })
              : t('op.verify.noCheckpoint'),
          })}
        </p>
        <FindingsTable
          t={t}
          count={r.findingCount}
          rows={r.findings.map((f) => ({
            kind: f.kind,
            where: `${f.chain ?? '—'}${f.seq !== null ? ` #${f.seq}` : ''}`,
            detail: f.detail,
          }))}
        />
      </>
    );
  }
  return <div class="verify-result">{body}</div>;
}

export function VerifyPanel({
  ctx,
  kind,
  outcome,
}: {
  ctx: PageContext;
  kind: VerifyKind;
  outcome?: VerifyOutcome | undefined;
}) {
  const { t } = ctx;
  return (
    <div class="panel verify" id={`verify-${kind}`}>
      <form
        method="post"
        action={`/console/operator/verify/${kind}`}
        hx-post={`/console/operator/verify/${kind}`}
        hx-target={`#verify-${kind}-result`}
        hx-swap="innerHTML"
        hx-disabled-elt="find button"
      >
        <CsrfField csrf={ctx.csrf} />
        <button type="submit" class="primary">
          {t(`op.verify.${kind}`)}
        </button>
      </form>
      <div id={`verify-${kind}-result`} aria-live="polite">
        {outcome && <VerifyResult ctx={ctx} outcome={outcome} />}
      </div>
    </div>
  );
}

export function OperatorPage({
  ctx,
  runs,
  schedule,
  scheduleProblem,
  applied,
  startProblem,
  startNotice,
  form = {},
  verify,
}: {
  ctx: PageContext;
  runs: RunsView;
  schedule: ReconciliationSchedule | null;
  scheduleProblem?: Problem | undefined;
  applied?: { scheduleId: string; outcome: 'created' | 'updated' } | undefined;
  startProblem?: Problem | undefined;
  startNotice?: string | undefined;
  form?: { period?: string | undefined; asOf?: string | undefined };
  verify?: VerifyOutcome | undefined;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('op.title')} current="/console/operator">
      <section aria-labelledby="start-title" class="panel start">
        <h2 id="start-title">{t('op.start.title')}</h2>
        {startNotice && (
          <p class="notice" role="status">
            {startNotice}
          </p>
        )}
        {startProblem && <ProblemBox t={t} problem={startProblem} />}
        <form method="post" action="/console/operator/reconciliations" class="stack">
          <CsrfField csrf={ctx.csrf} />
          <label for="period">{t('op.start.period')}</label>
          <input
            id="period"
            name="period"
            type="text"
            inputMode="numeric"
            pattern="\d{4}-\d{2}"
            required
            aria-describedby="period-hint"
            value={form.period ?? ''}
            aria-invalid={startProblem?.field?.includes('period') ? 'true' : undefined}
          />
          <p id="period-hint" class="hint">
            {t('op.start.periodHint')}
          </p>
          <label for="asOf">{t('op.start.asOf')}</label>
          <input id="asOf" name="asOf" type="date" value={form.asOf ?? ''} />
          <div>
            <button type="submit" class="primary">
              {t('op.start.submit')}
            </button>
          </div>
        </form>
      </section>
      <section aria-labelledby="runs-title">
        <h2 id="runs-title">{t('op.runs.title')}</h2>
        <RunsFragment ctx={ctx} view={runs} />
      </section>
      <ScheduleBox ctx={ctx} schedule={schedule} problem={scheduleProblem} applied={applied} />
      <section aria-labelledby="verify-title">
        <h2 id="verify-title">{t('op.verify.title')}</h2>
        <p class="hint">{t('op.verify.hint')}</p>
        <div class="verify-grid">
          {VERIFY_KINDS.map((k) => (
            <VerifyPanel ctx={ctx} kind={k} outcome={verify?.kind === k ? verify : undefined} />
          ))}
        </div>
      </section>
    </Layout>
  );
}
