/**
 * The business gauges' reads (issue 15, services/business-metrics.ts): counts and sums only, each
 * answered from an index or a few summary rows, never by a scan of every notice, task or period.
 */
import { sql } from 'drizzle-orm';
import type { IsoDate } from '../../domain/calendar';
import { TASK_KINDS } from '../../domain/tasks';
import { OPEN_CLAIM_STATUSES } from '../schema/claims';
import { queryRows, type Executor } from '../client';

export interface BusinessFigures {
  /** Open unemployment claims per open status (0 included). */
  claimsOpen: { status: string; n: number }[];
  /** Open tasks per kind, every known kind (0 included; task_counts: the buckets of every province). */
  tasksOpen: { kind: string; n: number }[];
  /** Open tasks of the given kinds whose due date is before `today`, per kind. */
  overdue: { kind: string; n: number }[];
  /** Notices not yet delivered, per status (queued, failed = waiting for a retry, sending = leased). */
  outboxBacklog: { status: string; n: number }[];
  outboxDead: number;
  /** Whole VND as decimal strings: principal outstanding and late charges unpaid, as the last reconciliations left them. */
  arrearsPrincipal: string;
  arrearsLateCharge: string;
  /** The latest period any reconciliation wrote, its active employers reconciled, and the active employers. */
  reconciliation: { period: string | null; reconciled: number; active: number };
  /** Seconds since the newest audit checkpoint was written (the database's clock), or null when there is none. */
  checkpointAgeSeconds: number | null;
}

const OPEN = sql.join(
  OPEN_CLAIM_STATUSES.map((s) => sql`${s}`),
  sql`, `,
);

export async function businessFigures(
  exec: Executor,
  q: { today: IsoDate; decisionKinds: readonly string[] },
): Promise<BusinessFigures> {
  const claimRows = await queryRows<{ status: string; n: number }>(
    exec,
    sql`select status, count(*)::int as n from ui_claims where status in (${OPEN}) group by status`,
  );
  const taskRows = await queryRows<{ kind: string; n: number }>(
    exec,
    sql`select kind, sum(n)::int as n from task_counts where province_code = '' group by kind order by kind`,
  );
  const kinds = sql.join(
    q.decisionKinds.map((k) => sql`${k}`),
    sql`, `,
  );
  const overdue = await queryRows<{ kind: string; n: number }>(
    exec,
    sql`select kind, sum(n)::int as n from task_counts
         where province_code = '' and kind in (${kinds}) and due_date < ${q.today}::date
         group by kind order by kind`,
  );
  // Each count on its own partial index (outbox_due_idx, outbox_lease_idx, outbox_dead_idx): never
  // a scan of the notices already sent.
  const outboxBacklog = await queryRows<{ status: string; n: number }>(
    exec,
    sql`select status, count(*)::int as n from outbox where status in ('queued', 'failed') group by status
        union all
        select 'sending', count(*)::int from outbox where status = 'sending'`,
  );
  const [dead] = await queryRows<{ n: number }>(exec, sql`select count(*)::int as n from outbox where status = 'dead'`);
  // employer_periods_arrears_idx (migration 0029): only the periods still owing something.
  const [arrears] = await queryRows<{ principal: string; charge: string }>(
    exec,
    sql`select coalesce(sum(outstanding), 0)::text as principal,
               coalesce(sum(greatest(late_charge - charge_paid, 0)), 0)::text as charge
          from employer_periods
         where outstanding > 0 or late_charge > charge_paid`,
  );
  const [latest] = await queryRows<{ period: string }>(
    exec,
    sql`select period from employer_periods order by period desc limit 1`,
  );
  const [active] = await queryRows<{ n: number }>(
    exec,
    sql`select count(*)::int as n from employers where status = 'active'`,
  );
  const [reconciled] = latest
    ? await queryRows<{ n: number }>(
        exec,
        sql`select count(*)::int as n from employer_periods p join employers r on r.tax_code = p.employer_tax_code
             where p.period = ${latest.period} and r.status = 'active'`,
      )
    : [{ n: 0 }];
  const [checkpoint] = await queryRows<{ age: number | string }>(
    exec,
    sql`select extract(epoch from (now() - at))::float8 as age from audit_checkpoints order by id desc limit 1`,
  );
  // Every open status and every task kind, 0 included: a series does not vanish when its count is 0.
  const claimsOpen = OPEN_CLAIM_STATUSES.map((status) => ({
    status,
    n: claimRows.find((r) => r.status === status)?.n ?? 0,
  }));
  const known = new Set<string>(TASK_KINDS);
  const tasksOpen = [
    ...TASK_KINDS.map((kind) => ({ kind, n: taskRows.find((r) => r.kind === kind)?.n ?? 0 })),
    ...taskRows.filter((r) => !known.has(r.kind)),
  ];
  return {
    claimsOpen,
    tasksOpen,
    overdue,
    outboxBacklog,
    outboxDead: dead?.n ?? 0,
    arrearsPrincipal: arrears?.principal ?? '0',
    arrearsLateCharge: arrears?.charge ?? '0',
    reconciliation: { period: latest?.period ?? null, reconciled: reconciled?.n ?? 0, active: active?.n ?? 0 },
    checkpointAgeSeconds: checkpoint ? Number(checkpoint.age) : null,
  };
}
