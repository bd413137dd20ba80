/**
 * A case's timeline (issue 12): the audit events written about it, oldest first, a page at a time
 * (keyset on the event id; the audit is append-only, so a page once read never changes).
 */
import { and, asc, eq, gt } from 'drizzle-orm';
import type { Executor } from '../client';
import { auditEvents } from '../schema';

export interface SubjectEvent {
  id: number;
  at: Date;
  actor: string;
  action: string;
  details: unknown;
}

/** The events about one subject after the event id `after` (0 = from the first), at most `limit`. */
export async function eventsOfSubject(
  exec: Executor,
  subject: { type: string; id: string },
  opts: { after: number; limit: number },
): Promise<SubjectEvent[]> {
  const about = and(eq(auditEvents.subjectType, subject.type), eq(auditEvents.subjectId, subject.id));
  return exec
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      actor: auditEvents.actor,
      action: auditEvents.action,
      details: auditEvents.details,
    })
    .from(auditEvents)
    .where(opts.after > 0 ? and(about, gt(auditEvents.id, opts.after)) : about)
    .orderBy(asc(auditEvents.id))
    .limit(opts.limit);
}
