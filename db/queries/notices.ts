/**
 * The outbox's delivery (migration 0015): the relay (services/relay.ts) leases due notices with
 * FOR UPDATE SKIP LOCKED, so several relays never take the same row, and a lease that expires (a
 * relay killed mid-send) makes the row due again. Each step is one statement (its own transaction):
 * the lease is written BEFORE the SMTP send, the outcome after, and only by the lease's holder.
 */
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../client';
import { outbox, participants, type NoticeStatus } from '../schema';

export interface LeasedNotice {
  id: number;
  kind: string;
  channel: string;
  recipientType: string;
  recipientId: string;
  payload: Record<string, unknown>;
  attempts: number;
  messageId: string;
  createdAt: Date;
  /** The participant's e-mail address on file (null: none, or not a participant). */
  email: string | null;
  /** The participant's phone number on file (an `sms` notice's number unless it carries one sealed). */
  phone: string | null;
  /** The recipient's stored language (participants or employers .preferred_lang); null for anyone else (officers). */
  preferredLang: 'vi' | 'en' | null;
}

export interface LeasePass {
  /** The notices leased to this relay, to deliver. */
  leased: LeasedNotice[];
  /** The ids of the notices found too old at their first pick and made dead (EXPIRED) instead. */
  expired: number[];
}

/**
 * Leases up to `limit` due notices for `owner` until `until`: queued or failed ones whose time has
 * come, and ones whose lease expired (their relay died). The attempt counter counts leases.
 *
 * In the same statement, a due notice the relay picks for the FIRST time (queued, never attempted)
 * whose age basis — when an operator last retried it, else when it was written — is before
 * `staleBefore` is not leased: it is `dead` with last_error EXPIRED (migration 0016). Each leased
 * notice comes with its recipient's address, phone number and stored language, read by the same statement.
 */
export async function leaseDueNotices(
  exec: Executor,
  q: { owner: string; now: Date; until: Date; limit: number; staleBefore?: Date | null },
): Promise<LeasePass> {
  const stale = q.staleBefore ? q.staleBefore.toISOString() : null;
  const rows = await queryRows<{
    id: string | number;
    kind: string;
    channel: string;
    recipient_type: string;
    recipient_id: string;
    payload: Record<string, unknown>;
    attempts: number;
    message_id: string;
    created_at: Date | string;
    email: string | null;
    phone: string | null;
    preferred_lang: 'vi' | 'en' | null;
    expired: boolean;
  }>(
    exec,
    sql`with due as (
          select id, (status = 'queued' and attempts = 0
                      and coalesce(retried_at, created_at) < ${stale}::timestamptz) is true as stale
            from outbox
           where (status in ('queued','failed') and (next_attempt_at is null or next_attempt_at <= ${q.now.toISOString()}::timestamptz))
              or (status = 'sending' and lease_until < ${q.now.toISOString()}::timestamptz)
           order by id
           limit ${q.limit}
           for update skip locked),
        picked as (
          update outbox o
             set status = case when due.stale then 'dead' else 'sending' end,
                 lease_owner = case when due.stale then null else ${q.owner} end,
                 lease_until = case when due.stale then null else ${q.until.toISOString()}::timestamptz end,
                 attempts = case when due.stale then o.attempts else o.attempts + 1 end,
                 last_error = case when due.stale then 'EXPIRED' else o.last_error end,
                 next_attempt_at = case when due.stale then null else o.next_attempt_at end
            from due where o.id = due.id
          returning o.id, o.kind, o.channel, o.recipient_type, o.recipient_id, o.payload, o.attempts, o.message_id,
                    o.created_at, due.stale as expired)
        select l.*, p.email, p.phone, coalesce(p.preferred_lang, e.preferred_lang) as preferred_lang
          from picked l
          left join participants p on l.recipient_type = 'participant' and p.personal_id = l.recipient_id
          left join employers e on l.recipient_type = 'employer' and e.tax_code = l.recipient_id
         order by l.id`,
  );
  const leased: LeasedNotice[] = [];
  const expired: number[] = [];
  for (const r of rows) {
    if (r.expired) {
      expired.push(Number(r.id));
      continue;
    }
    leased.push({
      id: Number(r.id),
      kind: r.kind,
      channel: r.channel,
      recipientType: r.recipient_type,
      recipientId: r.recipient_id,
      payload: r.payload,
      attempts: Number(r.attempts),
      messageId: r.message_id,
      createdAt: new Date(r.created_at),
      email: r.email,
      phone: r.phone,
      preferredLang: r.preferred_lang,
    });
  }
  return { leased, expired };
}

const heldBy = (id: number, owner: string) =>
  and(eq(outbox.id, id), eq(outbox.status, 'sending'), eq(outbox.leaseOwner, owner));

/** Records the send (or the inbox delivery); false when the lease was lost (another relay took the row). */
export async function recordSent(
  exec: Executor,
  r: { id: number; owner: string; via: 'smtp' | 'sms' | 'inbox'; at: Date },
): Promise<boolean> {
  const rows = await exec
    .update(outbox)
    // A one-time code's sealed part (services/otp.ts), or a sealed recipient (services/seal.ts), is
    // erased once delivered: the row keeps no way to read it.
    .set({
      status: 'sent',
      sentAt: r.at,
      deliveredVia: r.via,
      leaseOwner: null,
      leaseUntil: null,
      lastError: null,
      payload: sql`${outbox.payload} - 'sealed'`,
    })
    .where(heldBy(r.id, r.owner))
    .returning({ id: outbox.id });
  return rows.length > 0;
}

/** Records a failed attempt: `failed` until `retryAt`, or `dead` (retryAt null: the limit is reached or the failure is final). */
export async function recordFailure(
  exec: Executor,
  r: { id: number; owner: string; code: string; retryAt: Date | null },
): Promise<boolean> {
  const rows = await exec
    .update(outbox)
    .set({
      status: r.retryAt ? 'failed' : 'dead',
      nextAttemptAt: r.retryAt,
      lastError: r.code,
      leaseOwner: null,
      leaseUntil: null,
      // A dead one-time code is never sent: its sealed part is erased (a new code is asked for instead).
      ...(r.retryAt ? {} : { payload: sql`${outbox.payload} - 'sealed'` }),
    })
    .where(heldBy(r.id, r.owner))
    .returning({ id: outbox.id });
  return rows.length > 0;
}

export interface NoticeRow {
  id: number;
  kind: string;
  channel: string;
  recipientType: string;
  recipientId: string;
  status: NoticeStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  lastError: string | null;
  deliveredVia: 'smtp' | 'sms' | 'inbox' | null;
  messageId: string;
  createdAt: Date;
  sentAt: Date | null;
  payload: unknown;
}

const noticeColumns = {
  id: outbox.id,
  kind: outbox.kind,
  channel: outbox.channel,
  recipientType: outbox.recipientType,
  recipientId: outbox.recipientId,
  status: outbox.status,
  attempts: outbox.attempts,
  nextAttemptAt: outbox.nextAttemptAt,
  lastError: outbox.lastError,
  deliveredVia: outbox.deliveredVia,
  messageId: outbox.messageId,
  createdAt: outbox.createdAt,
  sentAt: outbox.sentAt,
  payload: outbox.payload,
};

/** Notices newest first, by status and/or recipient; `before` = the last id of the previous page. */
export async function listNotices(
  exec: Executor,
  q: { status?: NoticeStatus; recipientType?: string; recipientId?: string; before?: number; limit: number },
): Promise<NoticeRow[]> {
  const where = and(
    q.status ? eq(outbox.status, q.status) : undefined,
    q.recipientType ? eq(outbox.recipientType, q.recipientType) : undefined,
    q.recipientId ? eq(outbox.recipientId, q.recipientId) : undefined,
    q.before !== undefined ? lt(outbox.id, q.before) : undefined,
  );
  return (await exec
    .select(noticeColumns)
    .from(outbox)
    .where(where)
    .orderBy(desc(outbox.id))
    .limit(q.limit)) as NoticeRow[];
}

/** One notice, or undefined. */
export async function findNotice(exec: Executor, id: number): Promise<NoticeRow | undefined> {
  const [row] = (await exec.select(noticeColumns).from(outbox).where(eq(outbox.id, id))) as NoticeRow[];
  return row;
}

/**
 * A dead notice queued again with a fresh attempt budget (same row, same Message-ID); undefined if
 * it is not dead. `at` becomes its age basis (retried_at): the operator chose to send it, so it is
 * not found stale again however old it is.
 */
export async function requeueDead(exec: Executor, id: number, at: Date): Promise<NoticeRow | undefined> {
  const [row] = (await exec
    .update(outbox)
    .set({ status: 'queued', attempts: 0, nextAttemptAt: null, retriedAt: at })
    .where(and(eq(outbox.id, id), eq(outbox.status, 'dead')))
    .returning(noticeColumns)) as NoticeRow[];
  return row;
}

/** Whether the participant exists (the inbox of an unknown person is NOT_FOUND). */
export async function participantExists(exec: Executor, personalId: string): Promise<boolean> {
  const [row] = await exec
    .select({ id: participants.personalId })
    .from(participants)
    .where(eq(participants.personalId, personalId));
  return Boolean(row);
}
