/**
 * Reading the audit chains back for `ansinh audit verify`, and the signed checkpoints of their heads.
 */
import { desc, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../client';
import { auditCheckpoints } from '../schema';
import { AT_TEXT, type ChainedEvent } from './audit';

export interface ChainHead {
  chain: string;
  seq: number;
  hash: string;
}

/** Every chain's head, and the database's time, in one statement (one snapshot). */
export async function chainHeads(exec: Executor): Promise<{ at: string; heads: ChainHead[] }> {
  const rows = await queryRows<{ chain: string | null; seq: string | number | null; hash: string | null; at: string }>(
    exec,
    sql`select h.chain, h.seq, h.hash, to_char(now() at time zone 'UTC', ${sql.raw(AT_TEXT)}) as at
          from (select 1) one left join audit_chain_heads h on true order by h.chain`,
  );
  return {
    at: rows[0]!.at,
    heads: rows.filter((r) => r.chain !== null).map((r) => ({ chain: r.chain!, seq: Number(r.seq), hash: r.hash! })),
  };
}

/** The chains that have events (a chain may have lost its head row). */
export async function chainsWithEvents(exec: Executor): Promise<string[]> {
  const rows = await queryRows<{ chain: string }>(exec, sql`select distinct chain from audit_events order by chain`);
  return rows.map((r) => r.chain);
}

export type StoredChainEvent = ChainedEvent & { id: number; seq: number; hash: string };

/** One page of a chain's events in chain order (seq, then id), after `afterSeq`/`afterId`. */
export async function chainEventsPage(
  exec: Executor,
  chain: string,
  after: { seq: number; id: number },
  limit: number,
): Promise<StoredChainEvent[]> {
  const rows = await queryRows<{
    id: string | number;
    seq: string | number;
    chain: string;
    prev_hash: string;
    hash: string;
    at: string;
    actor: string;
    action: string;
    subject_type: string;
    subject_id: string;
    workflow_id: string | null;
    run_id: string | null;
    details: string;
  }>(
    exec,
    sql`select id, seq, chain, prev_hash, hash, to_char(at at time zone 'UTC', ${sql.raw(AT_TEXT)}) as at, actor, action,
               subject_type, subject_id, workflow_id, run_id, details::text as details
          from audit_events
         where chain = ${chain} and (seq, id) > (${after.seq}, ${after.id})
         order by seq, id
         limit ${limit}`,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    seq: Number(r.seq),
    chain: r.chain,
    prevHash: r.prev_hash,
    hash: r.hash,
    at: r.at,
    actor: r.actor,
    action: r.action,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    workflowId: r.workflow_id,
    runId: r.run_id,
    details: r.details,
  }));
}

export type StoredCheckpoint = typeof auditCheckpoints.$inferSelect;

export async function insertCheckpoint(
  exec: Executor,
  c: { kid: string; payload: string; jws: string },
): Promise<StoredCheckpoint> {
  const [row] = await exec.insert(auditCheckpoints).values(c).returning();
  return row!;
}

export async function latestCheckpoint(exec: Executor): Promise<StoredCheckpoint | undefined> {
  const [row] = await exec.select().from(auditCheckpoints).orderBy(desc(auditCheckpoints.id)).limit(1);
  return row;
}
