/**
 * A claim's timeline (issue 12): everything that happened to it, with who did it, read from its
 * audit events. The actor is shown as the audit names it — a role and an opaque subject, never a
 * name; the claimant acting on their own claim is "the claimant" (a development subject would
 * carry their personal ID).
 */
import type { Db } from '../db/client';
import { eventsOfSubject } from '../db/queries/timeline';
import { TIMELINE_ACTOR_KINDS, type TimelineActorKind, type TimelineEvent } from '../domain/schemas-officer';

/** "officer:lan" → officer, "system:intake" → system; a subject without a known role prefix is unknown. */
export function timelineActor(actor: string): TimelineEvent['actor'] {
  const prefix = actor.includes(':') ? actor.slice(0, actor.indexOf(':')) : '';
  const kind: TimelineActorKind =
    prefix !== 'unknown' && (TIMELINE_ACTOR_KINDS as readonly string[]).includes(prefix)
      ? (prefix as TimelineActorKind)
      : 'unknown';
  return { kind, subject: kind === 'participant' ? null : actor };
}

/** The audit's action, as the timeline names it: decisions before the fix were written "claim.rejectd". */
const ACTION_READS: Readonly<Record<string, string>> = { 'claim.rejectd': 'claim.rejected' };

/** A page of the claim's events, oldest first; `nextAfter` is the event id to continue after. */
export async function claimTimeline(
  db: Db,
  claimId: string,
  opts: { after: number; limit: number },
): Promise<{ items: TimelineEvent[]; nextAfter: number | null }> {
  const rows = await eventsOfSubject(db, { type: 'claim', id: claimId }, { after: opts.after, limit: opts.limit + 1 });
  const page = rows.slice(0, opts.limit);
  return {
    items: page.map((e) => ({
      at: e.at.toISOString(),
      action: ACTION_READS[e.action] ?? e.action,
      actor: timelineActor(e.actor),
      details: e.details && typeof e.details === 'object' ? (e.details as Record<string, unknown>) : {},
    })),
    nextAfter: rows.length > opts.limit ? page[page.length - 1]!.id : null,
  };
}
