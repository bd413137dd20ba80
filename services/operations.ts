/**
 * The operator's reads and checks (issue #12): a reconciliation run's progress measured against
 * the database (how many active employers and employments remain after its cursor), the arrears
 * of every month, and the ledger and audit-chain verifications summarised for a screen (the
 * complete counts, the first findings).
 */
import type { Db } from '../db/client';
import {
  activeEmployersAfter,
  arrearsByMonth,
  participantsInForce,
  participantsReconciled,
} from '../db/queries/operations';
import { addMonths, monthsBetween, type Month } from '../domain/calendar';
import {
  VERIFICATION_FINDINGS_LISTED,
  type Arrears,
  type AuditVerification,
  type LedgerVerification,
  type ReconciliationRun,
} from '../domain/schemas-operations';
import type { AuditSigningKey } from '../runtime/audit-keys';
import type { ReconciliationProgress } from '../workflows/definitions';
import { verifyAudit } from './audit';
import { verifyLedger } from './ledger';

/** A run as Temporal describes it (client/reconciliation-runs.ts). */
export interface RunInfo {
  workflowId: string;
  runId: string;
  status: ReconciliationRun['status'];
  startedAt: string;
  closedAt: string | null;
  scheduled: boolean;
  progress: ReconciliationProgress | null;
}

/**
 * The people a run has to reconcile are counted once per run (a scan of the period's employments:
 * seconds for a national month), in the background: a page that polls every 2 s is answered at
 * once, with `participantsPlanned` null until the count is known.
 */
const planned = new Map<string, { value: number | null; promise: Promise<number> }>();
const PLANNED_MAX = 64;
/** How long a request waits for a count under way before answering without it. */
const PLANNED_WAIT_MS = 1_000;

async function plannedOf(db: Db, runId: string, period: Month): Promise<number | null> {
  const key = `${runId}|${period}`;
  let entry = planned.get(key);
  if (!entry) {
    if (planned.size >= PLANNED_MAX) planned.delete(planned.keys().next().value!);
    const promise = participantsInForce(db, period);
    const e: { value: number | null; promise: Promise<number> } = { value: null, promise };
    promise.then(
      (n) => (e.value = n),
      () => planned.delete(key),
    );
    planned.set(key, e);
    entry = e;
  }
  if (entry.value !== null) return entry.value;
  let timer: NodeJS.Timeout | undefined;
  const waited = await Promise.race([
    entry.promise.catch(() => null),
    new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), PLANNED_WAIT_MS))),
  ]);
  clearTimeout(timer);
  return waited;
}

const PERIOD_IN_ID = /^reconciliation:(\d{4}-\d{2})$/;

/** A run with its progress: done from the run's own account, planned from what the database still holds after its cursor. */
export async function withProgress(db: Db, run: RunInfo): Promise<ReconciliationRun> {
  const p = run.progress;
  const base = {
    workflowId: run.workflowId,
    runId: run.runId,
    status: run.status,
    startedAt: run.startedAt,
    closedAt: run.closedAt,
    scheduled: run.scheduled,
  };
  if (!p)
    return {
      ...base,
      period: PERIOD_IN_ID.exec(run.workflowId)?.[1] ?? null,
      asOf: null,
      progress: null,
      totals: null,
    };
  const finished = p.state === 'completed';
  const remaining = finished ? 0 : await activeEmployersAfter(db, p.cursor);
  // Every batch of a round that is not the last holds exactly the batch size of employers (fixed keyset ranges).
  const batchSize = p.batchesDone > 0 ? Math.max(1, Math.round(p.employersDone / p.batchesDone)) : null;
  const employersPlanned = p.employersDone + remaining;
  const [participantsPlanned, participantsDone] = await Promise.all([
    plannedOf(db, run.runId, p.period),
    participantsReconciled(db, p.period, finished ? '\u{10FFFF}' : p.cursor),
  ]);
  return {
    ...base,
    period: p.period,
    asOf: p.asOf,
    progress: {
      batchesDone: p.batchesDone,
      batchesPlanned: finished ? p.batchesDone : batchSize ? p.batchesDone + Math.ceil(remaining / batchSize) : null,
      employersDone: p.employersDone,
      employersPlanned,
      participantsPlanned,
      participantsDone,
      percent: finished
        ? 100
        : employersPlanned === 0
          ? 0
          : Math.min(99, Math.floor((100 * p.employersDone) / employersPlanned)),
    },
    totals: {
      lines: p.lines,
      due: p.due,
      paid: p.paid,
      outstanding: p.outstanding,
      lateCharge: p.lateCharge,
      unpaidEmployers: p.unpaidEmployers,
      evasionEmployers: p.evasionEmployers,
      ebooksWritten: p.ebooksWritten,
    },
  };
}

/** Every month of [from, to], with zeros where no period was reconciled. */
export async function arrearsOfMonths(db: Db, from: Month, to: Month): Promise<Arrears> {
  const rows = new Map((await arrearsByMonth(db, from, to)).map((r) => [r.period, r]));
  const items: Arrears['items'] = [];
  for (let i = 0; i <= monthsBetween(from, to); i++) {
    const period = addMonths(from, i);
    const r = rows.get(period);
    items.push({
      period,
      outstanding: r?.outstanding ?? '0',
      lateCharge: r?.late_charge ?? '0',
      employersInArrears: r?.in_arrears ?? 0,
      employersReconciled: r?.reconciled ?? 0,
    });
  }
  return { from, to, items };
}

/** `ledger verify`, as a screen shows it: the counts, and the first problems (tax codes, periods, claim ids; no people). */
export async function ledgerVerification(db: Db): Promise<LedgerVerification> {
  const r = await verifyLedger(db);
  return {
    ok: r.problems.length === 0,
    employers: r.employers,
    periods: r.periods,
    problemCount: r.problems.length,
    problems: r.problems.slice(0, VERIFICATION_FINDINGS_LISTED),
  };
}

/** `audit verify` against the last stored checkpoint: counts per kind and the first findings (chains are hash buckets, no people). */
export async function auditVerification(db: Db, key: AuditSigningKey): Promise<AuditVerification> {
  const r = await verifyAudit(db, key);
  const byKind: Record<string, number> = {};
  for (const f of r.findings) byKind[f.kind] = (byKind[f.kind] ?? 0) + 1;
  return {
    ok: r.findings.length === 0,
    chains: r.chains,
    events: r.events,
    checkpoint: r.checkpoint,
    findingCount: r.findings.length,
    byKind,
    findings: r.findings.slice(0, VERIFICATION_FINDINGS_LISTED),
  };
}
