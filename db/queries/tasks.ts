/**
 * The work queue (issue 12: a projection written by the activities), and the notices of new
 * employments: every statement on `tasks` and the outbox of db/queries/hires.ts, inside the
 * caller's transaction (or on the database for the queue's reads).
 */
import { and, eq, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { IsoDate } from '../../domain/calendar';
import { queryRows, type Executor, type Tx } from '../client';
import type { OutboxMessage } from './audit';
import { outbox, taskCountBuckets, taskSortKey, tasks, type TaskActor } from '../schema';

export type TaskInsert = typeof tasks.$inferInsert;

/** Notices enqueued once each (the dedupe key); returns those that are new. */
export async function enqueueMany(tx: Tx, messages: OutboxMessage[]) {
  return tx
    .insert(outbox)
    .values(messages)
    .onConflictDoNothing({ target: outbox.dedupeKey })
    .returning({ id: outbox.id });
}

/** Tasks created once each (their dedupe key, or one of a kind per subject); returns those that are new. */
export async function insertTasks(tx: Tx, rows: TaskInsert[]) {
  return tx.insert(tasks).values(rows).onConflictDoNothing().returning({ id: tasks.id, claimId: tasks.claimId });
}

/** One task, once: true when it is new (a retried activity finds it and adds none). */
export async function openTask(tx: Tx, row: TaskInsert): Promise<boolean> {
  return (await insertTasks(tx, [row])).length > 0;
}

/** Which open tasks a step ends: of a kind (or kinds), about a subject. */
export interface TaskMatch {
  kinds?: readonly string[];
  claimId?: string;
  onboardingRequestId?: string;
  bankLineId?: number;
  dedupeKey?: string;
}

function matching(m: TaskMatch): SQL {
  return and(
    eq(tasks.status, 'open'),
    ...(m.kinds ? [inArray(tasks.kind, [...m.kinds])] : []),
    ...(m.claimId !== undefined ? [eq(tasks.claimId, m.claimId)] : []),
    ...(m.onboardingRequestId !== undefined ? [eq(tasks.onboardingRequestId, m.onboardingRequestId)] : []),
    ...(m.bankLineId !== undefined ? [eq(tasks.bankLineId, m.bankLineId)] : []),
    ...(m.dedupeKey !== undefined ? [eq(tasks.dedupeKey, m.dedupeKey)] : []),
  )!;
}

/** The open tasks a step ends are closed: done (the wait was answered) or cancelled (it no longer applies). Returns how many. */
export async function closeTasks(
  tx: Tx,
  m: TaskMatch,
  close: { status: 'done' | 'cancelled'; by: string },
): Promise<number> {
  const rows = await tx
    .update(tasks)
    .set({ status: close.status, closedAt: sql`now()`, closedBy: close.by, updatedAt: sql`now()` })
    .where(matching(m))
    .returning({ id: tasks.id });
  return rows.length;
}

/**
 * An alert about an open task: `alert` is recorded in its details; an escalation stamps
 * escalated_at (the first one stays) and may move it to another queue.
 */
export async function alertTasks(
  tx: Tx,
  m: TaskMatch,
  a: { alert: string; escalate: boolean; queue?: string },
): Promise<number> {
  const rows = await tx
    .update(tasks)
    .set({
      details: sql`${tasks.details} || jsonb_build_object('alert', ${a.alert}::text)`,
      ...(a.escalate ? { escalatedAt: sql`coalesce(${tasks.escalatedAt}, now())` } : {}),
      ...(a.queue ? { queue: a.queue } : {}),
      updatedAt: sql`now()`,
    })
    .where(matching(m))
    .returning({ id: tasks.id });
  return rows.length;
}

/** Open and closed tasks about a claim, oldest first (the claim's state shows them). */
export async function tasksOfClaim(tx: Pick<Tx, 'select'>, claimId: string) {
  return tx
    .select({
      id: tasks.id,
      kind: tasks.kind,
      status: tasks.status,
      queue: tasks.queue,
      assignee: tasks.assignee,
      dueDate: tasks.dueDate,
      employmentId: tasks.employmentId,
      employerTaxCode: tasks.employerTaxCode,
      createdAt: tasks.createdAt,
    })
    .from(tasks)
    .where(eq(tasks.claimId, claimId))
    .orderBy(tasks.id);
}

// ---------------------------------------------------------------------------------------------
// The queue's reads

/** What a wait is, as a filter: open (its window opened), overdue, escalated, or closed as done or cancelled. */
export type TaskState = 'open' | 'overdue' | 'escalated' | 'done' | 'cancelled';

export interface TaskFilter {
  state: TaskState;
  kinds?: readonly string[];
  province?: string;
  /** Due strictly before / after this day (a task without a due date matches neither). */
  dueBefore?: IsoDate;
  dueAfter?: IsoDate;
  /** Whose wait; undefined = any actor. */
  actor?: TaskActor;
  /** The day that decides what is open (a report window opens on its day) and overdue. */
  today: IsoDate;
}

/** The keyset position after which a page starts: the last row's due date (null: none) and id. */
export interface TaskPosition {
  dueDate: IsoDate | null;
  id: number;
}

export interface TaskRow {
  id: number;
  kind: string;
  status: string;
  actor: TaskActor;
  queue: string;
  assignee: string | null;
  provinceCode: string | null;
  dueDate: IsoDate | null;
  escalatedAt: Date | null;
  claimId: string | null;
  employerTaxCode: string | null;
  onboardingRequestId: string | null;
  bankLineId: number | null;
  employmentId: number | null;
  /** A data-update request's review or evidence (issue #14 part 1). */
  dataUpdateId: number | null;
  createdAt: Date;
  closedAt: Date | null;
}

const opened = (today: IsoDate) => sql`(${tasks.opensOn} is null or ${tasks.opensOn} <= ${today}::date)`;
const isOpen = (today: IsoDate) => sql`(${tasks.status} = 'open' and ${opened(today)})`;
const isOverdue = (today: IsoDate) => sql`(${isOpen(today)} and ${tasks.dueDate} < ${today}::date)`;

function filterOf(f: TaskFilter): SQL {
  const byState: Record<TaskState, SQL> = {
    open: isOpen(f.today),
    overdue: isOverdue(f.today),
    escalated: and(isOpen(f.today), isNotNull(tasks.escalatedAt))!,
    done: eq(tasks.status, 'done'),
    cancelled: eq(tasks.status, 'cancelled'),
  };
  return and(
    byState[f.state],
    ...(f.kinds?.length ? [inArray(tasks.kind, [...f.kinds])] : []),
    ...(f.province !== undefined ? [eq(tasks.provinceCode, f.province)] : []),
    ...(f.actor !== undefined ? [eq(tasks.actor, f.actor)] : []),
    ...(f.dueBefore !== undefined ? [sql`${tasks.dueDate} < ${f.dueBefore}::date`] : []),
    ...(f.dueAfter !== undefined ? [sql`${tasks.dueDate} > ${f.dueAfter}::date`] : []),
  )!;
}

/**
 * A page of the queue: due date first (none last), then id; `limit` rows after `after`. The order
 * is an index's (tasks_status_order_idx, or the open tasks' by actor or province), so a page costs
 * the same at any depth.
 */
export async function taskPage(
  exec: Executor,
  f: TaskFilter,
  page: { after: TaskPosition | null; limit: number },
): Promise<TaskRow[]> {
  const key = taskSortKey(tasks.dueDate);
  const after = page.after
    ? [sql`(${key}, ${tasks.id}) > (coalesce(${page.after.dueDate}::date, 'infinity'::date), ${page.after.id}::bigint)`]
    : [];
  const rows = await exec
    .select({
      id: tasks.id,
      kind: tasks.kind,
      status: tasks.status,
      actor: tasks.actor,
      queue: tasks.queue,
      assignee: tasks.assignee,
      provinceCode: tasks.provinceCode,
      dueDate: tasks.dueDate,
      escalatedAt: tasks.escalatedAt,
      claimId: tasks.claimId,
      employerTaxCode: tasks.employerTaxCode,
      onboardingRequestId: tasks.onboardingRequestId,
      bankLineId: tasks.bankLineId,
      employmentId: tasks.employmentId,
      dataUpdateId: tasks.dataUpdateId,
      createdAt: tasks.createdAt,
      closedAt: tasks.closedAt,
    })
    .from(tasks)
    .where(and(filterOf(f), ...after))
    .orderBy(key, tasks.id)
    .limit(page.limit);
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    actor: r.actor as TaskActor,
    bankLineId: r.bankLineId === null ? null : Number(r.bankLineId),
    employmentId: r.employmentId === null ? null : Number(r.employmentId),
    dataUpdateId: r.dataUpdateId === null ? null : Number(r.dataUpdateId),
  }));
}

/**
 * Per kind, over the whole filter (not a page): how many of its tasks are open, and how many of
 * those overdue; none for a filter of closed tasks. Summed from `task_counts` (a few hundred rows
 * at most per filter, whatever the size of the queue), which the triggers on `tasks` keep in the
 * transaction of every change, so the counts agree with the rows.
 */
export async function taskCounts(
  exec: Executor,
  f: TaskFilter,
): Promise<{ kind: string; open: number; overdue: number }[]> {
  if (f.state === 'done' || f.state === 'cancelled') return [];
  const c = taskCountBuckets;
  const where = and(
    eq(c.provinceCode, f.province ?? ''),
    sql`${c.opensOn} <= ${f.today}::date`,
    ...(f.state === 'overdue' ? [sql`${c.dueDate} < ${f.today}::date`] : []),
    ...(f.state === 'escalated' ? [eq(c.escalated, true)] : []),
    ...(f.kinds?.length ? [inArray(c.kind, [...f.kinds])] : []),
    ...(f.actor !== undefined ? [eq(c.actor, f.actor)] : []),
    ...(f.dueBefore !== undefined ? [sql`${c.dueDate} < ${f.dueBefore}::date`] : []),
    ...(f.dueAfter !== undefined ? [sql`${c.dueDate} > ${f.dueAfter}::date and ${c.dueDate} <> 'infinity'::date`] : []),
  );
  const rows = await queryRows<{ kind: string; open: number; overdue: number }>(
    exec,
    sql`select ${c.kind} as kind, sum(${c.n})::int as open,
               coalesce(sum(${c.n}) filter (where ${c.dueDate} < ${f.today}::date), 0)::int as overdue
          from ${c} where ${where} group by ${c.kind} having sum(${c.n}) > 0 order by ${c.kind}`,
  );
  // Task counts, not money: int4 in SQL, which postgres.js and PGlite both return as numbers.
  return rows;
}
