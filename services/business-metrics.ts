/**
 * The business gauges (issue 15): what an operator watches beside the request rates — open claims,
 * decisions overdue, the work queue, the outbox, arrears, the reconciliation, the audit checkpoint.
 * They are computed at scrape time from db/queries/metrics.ts, and one computation is served to
 * every scrape for `cacheMs` (a scrape storm, or several Prometheus servers, ask the database once
 * per period; concurrent scrapes share the query under way). Figures only: no personal data, and
 * labels are codes from fixed lists (a status, a task kind), never an id.
 */
import { Gauge, type Registry } from 'prom-client';
import type { Db } from '../db/client';
import { businessFigures, type BusinessFigures } from '../db/queries/metrics';
import type { IsoDate } from '../domain/calendar';
import { toGaugeValue } from '../domain/money';
import type { TaskKind } from '../domain/tasks';

/** The tasks that wait for an officer's decision: overdue once their due date has passed. */
export const DECISION_TASK_KINDS: readonly TaskKind[] = [
  'claim.decision',
  'onboarding.approval',
  'data_update.review',
  'recovery.verification',
];

/** Every business gauge's name (the dashboard's panels and the scrape test name them). */
export const BUSINESS_GAUGES = [
  'ansinh_claims_open',
  'ansinh_decisions_overdue',
  'ansinh_tasks_open',
  'ansinh_outbox_backlog',
  'ansinh_outbox_dead_letters',
  'ansinh_arrears_vnd',
  'ansinh_reconciliation_employers',
  'ansinh_reconciliation_progress_ratio',
  'ansinh_audit_checkpoint_age_seconds',
] as const;

export interface BusinessGaugeOptions {
  db: Db;
  /** The business date (the injected clock's today): what "overdue" is measured against. */
  today: () => IsoDate;
  /** How long one computation is served (METRICS_CACHE_SECONDS × 1000); 0 = every scrape asks. */
  cacheMs: number;
}

/** Registers the gauges on `registry`; returns the cached reader (tests call it). */
export function registerBusinessGauges(registry: Registry, o: BusinessGaugeOptions): () => Promise<BusinessFigures> {
  let cached: Promise<BusinessFigures> | undefined;
  // Expiry by a timer, not by reading a clock: the figures are dropped `cacheMs` after they were asked.
  const read = () => {
    if (!cached) {
      const p = businessFigures(o.db, { today: o.today(), decisionKinds: DECISION_TASK_KINDS });
      cached = p;
      const forget = () => {
        if (cached === p) cached = undefined;
      };
      p.then(
        () => {
          if (o.cacheMs > 0) setTimeout(forget, o.cacheMs).unref();
          else forget();
        },
        forget, // a failed read is not served again
      );
    }
    return cached;
  };

  // Each gauge's collect() awaits the same figures (prom-client calls them in turn during one scrape).
  const gauge = <L extends string>(
    name: (typeof BUSINESS_GAUGES)[number],
    help: string,
    labelNames: readonly L[],
    fill: (g: Gauge<L>, f: BusinessFigures) => void,
  ) =>
    new Gauge<L>({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        const f = await read();
        this.reset();
        fill(this, f);
      },
    });

  gauge('ansinh_claims_open', 'Open unemployment claims by status', ['status'], (g, f) => {
    for (const { status, n } of f.claimsOpen) g.set({ status }, n);
  });
  gauge(
    'ansinh_decisions_overdue',
    "Officers' decisions past their due date (the claim's legal deadline, an onboarding's escalation day, …) by task kind",
    ['kind'],
    (g, f) => {
      for (const kind of DECISION_TASK_KINDS) g.set({ kind }, f.overdue.find((r) => r.kind === kind)?.n ?? 0);
    },
  );
  gauge('ansinh_tasks_open', 'Open tasks of the work queue by kind', ['kind'], (g, f) => {
    for (const { kind, n } of f.tasksOpen) g.set({ kind }, n);
  });
  gauge(
    'ansinh_outbox_backlog',
    'Notices not yet delivered by status (queued, failed awaiting retry, sending)',
    ['status'],
    (g, f) => {
      for (const status of ['queued', 'failed', 'sending'])
        g.set({ status }, f.outboxBacklog.find((r) => r.status === status)?.n ?? 0);
    },
  );
  gauge('ansinh_outbox_dead_letters', 'Notices given up on (dead): an operator lists and retries them', [], (g, f) =>
    g.set(f.outboxDead),
  );
  gauge(
    'ansinh_arrears_vnd',
    'Contributions owed by employers, whole VND (principal outstanding, late charges unpaid) as the last reconciliations left them',
    ['kind'],
    (g, f) => {
      g.set({ kind: 'principal' }, toGaugeValue(f.arrearsPrincipal));
      g.set({ kind: 'late_charge' }, toGaugeValue(f.arrearsLateCharge));
    },
  );
  gauge(
    'ansinh_reconciliation_employers',
    'Active employers, and those reconciled for the latest period a reconciliation wrote',
    ['period', 'state'],
    (g, f) => {
      const period = f.reconciliation.period ?? 'none';
      g.set({ period, state: 'reconciled' }, f.reconciliation.reconciled);
      g.set({ period, state: 'active' }, f.reconciliation.active);
    },
  );
  gauge(
    'ansinh_reconciliation_progress_ratio',
    'Share of the active employers reconciled for the latest period (1 = done)',
    ['period'],
    (g, f) => {
      const { period, reconciled, active } = f.reconciliation;
      g.set({ period: period ?? 'none' }, active === 0 ? 1 : Math.min(1, reconciled / active));
    },
  );
  gauge(
    'ansinh_audit_checkpoint_age_seconds',
    'Seconds since the newest signed audit checkpoint (NaN while there is none)',
    [],
    (g, f) => g.set(f.checkpointAgeSeconds ?? Number.NaN),
  );
  return read;
}
