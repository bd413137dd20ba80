/**
 * The work queue (issue 12, Part A): every wait of the agency's processes, read from the `tasks`
 * rows the activities and commands write in the transaction of the state that causes each wait
 * (ARCHITECTURE.md, "The work queue is a projection"). One read, no write: a page in due-date
 * order with the counts per kind over the whole filter and how many of it are overdue.
 */
import { isIsoDate, workingDaysLeft, type IsoDate } from '../domain/calendar';
import type { TaskItem, TaskPage } from '../domain/schemas-tasks';
import { isOverdue } from '../domain/tasks';
import type { Executor } from '../db/client';
import {
  taskCounts,
  taskPage,
  type TaskFilter,
  type TaskPosition,
  type TaskRow,
  type TaskState,
} from '../db/queries/tasks';

export type { TaskPosition } from '../db/queries/tasks';

export interface TaskListQuery {
  state: TaskState;
  kinds?: readonly string[];
  province?: string;
  dueBefore?: IsoDate;
  dueAfter?: IsoDate;
  /** Whose waits: undefined = every actor's. */
  actor?: 'officer' | 'participant' | 'employer';
  limit: number;
  after: TaskPosition | null;
  today: IsoDate;
}

/** The opaque cursor of a page: the last row's due date (empty: none) and id, base64url. */
export function encodeTaskCursor(p: TaskPosition): string {
  return Buffer.from(`${p.dueDate ?? ''}|${p.id}`).toString('base64url');
}

/** The position a cursor of encodeTaskCursor names; null for any other text. */
export function decodeTaskCursor(c: string): TaskPosition | null {
  const m = /^(\d{4}-\d{2}-\d{2})?\|(\d{1,15})$/.exec(Buffer.from(c, 'base64url').toString());
  if (!m) return null;
  const id = Number(m[2]);
  if (!Number.isSafeInteger(id) || (m[1] !== undefined && !isIsoDate(m[1]))) return null;
  return { dueDate: m[1] ?? null, id };
}

function itemOf(r: TaskRow, today: IsoDate): TaskItem {
  const open = r.status === 'open';
  return {
    id: r.id,
    kind: r.kind,
    status: r.status as TaskItem['status'],
    actor: r.actor,
    queue: r.queue,
    assignee: r.assignee,
    provinceCode: r.provinceCode,
    dueDate: r.dueDate,
    overdue: open && isOverdue(today, r.dueDate),
    workingDaysLeft: open && r.dueDate !== null ? workingDaysLeft(today, r.dueDate) : null,
    escalated: r.escalatedAt !== null,
    subject: {
      ...(r.claimId !== null ? { claimId: r.claimId } : {}),
      ...(r.employerTaxCode !== null ? { taxCode: r.employerTaxCode } : {}),
      ...(r.onboardingRequestId !== null && r.employerTaxCode !== null
        ? { onboardingId: `onboarding:${r.employerTaxCode}` }
        : {}),
      ...(r.bankLineId !== null ? { bankLineId: r.bankLineId } : {}),
      ...(r.employmentId !== null ? { employmentId: r.employmentId } : {}),
      ...(r.dataUpdateId !== null ? { dataUpdateId: r.dataUpdateId } : {}),
    },
    createdAt: r.createdAt.toISOString(),
    closedAt: r.closedAt ? r.closedAt.toISOString() : null,
  };
}

/** A page of the queue in due-date order (none last, then id), with the counts per kind over the whole filter. */
export async function listTasks(db: Executor, q: TaskListQuery): Promise<TaskPage> {
  const filter: TaskFilter = {
    state: q.state,
    today: q.today,
    ...(q.kinds?.length ? { kinds: q.kinds } : {}),
    ...(q.province !== undefined ? { province: q.province } : {}),
    ...(q.dueBefore !== undefined ? { dueBefore: q.dueBefore } : {}),
    ...(q.dueAfter !== undefined ? { dueAfter: q.dueAfter } : {}),
    ...(q.actor !== undefined ? { actor: q.actor } : {}),
  };
  const [rows, counts] = await Promise.all([
    taskPage(db, filter, { after: q.after, limit: q.limit + 1 }),
    taskCounts(db, filter),
  ]);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => itemOf(r, q.today)),
    counts,
    overdue: counts.reduce((n, c) => n + c.overdue, 0),
    nextCursor: rows.length > q.limit && last ? encodeTaskCursor({ dueDate: last.dueDate, id: last.id }) : null,
  };
}

/** Every open wait of every actor past its due date (GET /v1/tasks/stalled): the overdue queue of all. */
export async function stalledTasks(
  db: Executor,
  q: Pick<TaskListQuery, 'kinds' | 'province' | 'limit' | 'after' | 'today'>,
): Promise<TaskPage> {
  return listTasks(db, { ...q, state: 'overdue' });
}
