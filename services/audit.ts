/**
 * The audit trail proves its own integrity: `ansinh audit verify` recomputes every hash chain
 * (db/queries/audit.ts) and compares each chain's head with the last signed checkpoint;
 * `ansinh audit checkpoint` signs all chain heads (runtime/audit-keys.ts) and stores the checkpoint,
 * which can be exported off the machine as JSON and given back to verify.
 *
 * What each finding means (the chain order is seq, then id):
 * - edited: the event's hash is not the hash of its stored fields (changed after it was written);
 * - deleted: the event does not link to the one before it and seq numbers are missing between them
 *   (or the head counts more events than the chain has: deleted at the end);
 * - inserted: a second event links to the same predecessor as its successor does (a forged event
 *   placed in the middle), or the chain has events beyond its head;
 * - broken_link: the event does not link to the one before it, no seq missing (an event before it
 *   rewritten together with its hash, or deleted and the rest renumbered);
 * - renumbered: links intact but seq numbers skip;
 * - head_mismatch / head_missing: the head row does not name the chain's last event;
 * - cut_back: the chain is shorter than the checkpoint says (events removed from the end, head moved back);
 * - diverged: the event at the checkpoint's seq is not the one the checkpoint signed (history rewritten);
 * - checkpoint_invalid: the checkpoint's signature does not verify.
 */
import type { Executor } from '../db/client';
import { auditEventHash, canonicalJson, GENESIS_HASH } from '../db/queries/audit';
import {
  chainEventsPage,
  chainHeads,
  chainsWithEvents,
  insertCheckpoint,
  latestCheckpoint,
  type StoredChainEvent,
} from '../db/queries/audit-chain';
import type { AuditSigningKey, PublicAuditJwk } from '../runtime/audit-keys';

export const CHECKPOINT_FORMAT = 'ansinh-audit-checkpoint/1';

/** What a checkpoint signs. */
export interface CheckpointPayload {
  v: 1;
  at: string;
  chains: Record<string, { seq: number; hash: string }>;
}

/** A checkpoint as exported (`ansinh audit checkpoint --out`) and read back (`audit verify --checkpoint`). */
export interface CheckpointFile {
  format: typeof CHECKPOINT_FORMAT;
  id: number;
  kid: string;
  /** The RFC 8785 text of the CheckpointPayload, as signed. */
  payload: string;
  /** Compact JWS (Ed25519) with `payload` attached. */
  jws: string;
  /** The signer's public key, for convenience: verify against the published key, not this one. */
  publicJwk: PublicAuditJwk;
}

export type AuditFindingKind =
  | 'edited'
  | 'deleted'
  | 'inserted'
  | 'broken_link'
  | 'renumbered'
  | 'head_mismatch'
  | 'head_missing'
  | 'cut_back'
  | 'diverged'
  | 'checkpoint_invalid';

export interface AuditFinding {
  kind: AuditFindingKind;
  chain: string | null;
  seq: number | null;
  eventId: number | null;
  detail: string;
}

export interface AuditVerifyReport {
  chains: number;
  events: number;
  /** The checkpoint the heads were compared with (null: none). */
  checkpoint: { id: number; at: string } | null;
  findings: AuditFinding[];
}

/** Signs every chain head now and stores the checkpoint; returns it as exported. */
export async function createCheckpoint(exec: Executor, key: AuditSigningKey): Promise<CheckpointFile> {
  const { at, heads } = await chainHeads(exec);
  const body: CheckpointPayload = { v: 1, at, chains: {} };
  for (const h of heads) body.chains[h.chain] = { seq: h.seq, hash: h.hash };
  const payload = await canonicalJson(body);
  const jws = await key.sign(payload);
  const row = await insertCheckpoint(exec, { kid: key.kid, payload, jws });
  return { format: CHECKPOINT_FORMAT, id: row.id, kid: key.kid, payload, jws, publicJwk: key.publicJwk };
}

/** The last stored checkpoint, as exported (undefined: none yet). */
export async function lastCheckpoint(exec: Executor, key: AuditSigningKey): Promise<CheckpointFile | undefined> {
  const row = await latestCheckpoint(exec);
  if (!row) return undefined;
  return {
    format: CHECKPOINT_FORMAT,
    id: row.id,
    kid: row.kid,
    payload: row.payload,
    jws: row.jws,
    publicJwk: key.publicJwk,
  };
}

const PAGE = 1000;

/**
 * Recomputes every chain, page by page, and compares each head with `checkpoint` (default: the last
 * stored one; pass the exported file to compare with a copy kept off the machine).
 */
export async function verifyAudit(
  exec: Executor,
  key: AuditSigningKey,
  opts: { checkpoint?: CheckpointFile; pageSize?: number } = {},
): Promise<AuditVerifyReport> {
  // One snapshot: an event appended while verify runs must not look like one beyond its head.
  if (!('rollback' in exec))
    return exec.transaction((tx) => verifyAudit(tx, key, opts), {
      isolationLevel: 'repeatable read',
      accessMode: 'read only',
    });
  const findings: AuditFinding[] = [];
  const cpFile = opts.checkpoint ?? (await lastCheckpoint(exec, key));
  let signed: CheckpointPayload | null = null;
  if (cpFile) {
    try {
      const payload = await key.verify(cpFile.jws);
      signed = JSON.parse(payload) as CheckpointPayload;
    } catch (err) {
      findings.push({
        kind: 'checkpoint_invalid',
        chain: null,
        seq: null,
        eventId: null,
        detail: (err as Error).message,
      });
    }
  }
  const { heads } = await chainHeads(exec);
  const headOf = new Map(heads.map((h) => [h.chain, h]));
  const chains = [...new Set([...heads.map((h) => h.chain), ...(await chainsWithEvents(exec))])].sort();
  let events = 0;
  for (const chain of chains) {
    const cp = signed?.chains[chain];
    let prev: StoredChainEvent | null = null;
    let atCheckpoint: StoredChainEvent | null = null;
    const find = (kind: AuditFindingKind, e: StoredChainEvent | null, detail: string) =>
      findings.push({ kind, chain, seq: e?.seq ?? null, eventId: e?.id ?? null, detail });
    let after = { seq: -1, id: 0 };
    for (;;) {
      const page = await chainEventsPage(exec, chain, after, opts.pageSize ?? PAGE);
      if (page.length === 0) break;
      after = { seq: page.at(-1)!.seq, id: page.at(-1)!.id };
      for (const e of page) {
        events++;
        if ((await auditEventHash(e)) !== e.hash) find('edited', e, 'the event’s hash is not the hash of its fields');
        const prevSeq = prev?.seq ?? 0;
        if (e.prevHash !== (prev?.hash ?? GENESIS_HASH)) {
          if (prev && e.prevHash === prev.prevHash)
            find('inserted', prev, `event ${prev.id} and its successor both link to the same predecessor`);
          else if (e.seq > prevSeq + 1)
            find('deleted', e, `events ${prevSeq + 1}–${e.seq - 1} missing before this one`);
          else find('broken_link', e, 'the event does not link to the one before it');
        } else if (e.seq !== prevSeq + 1) find('renumbered', e, `seq ${e.seq} follows ${prevSeq}`);
        if (cp && e.seq === cp.seq) atCheckpoint = e;
        prev = e;
      }
    }
    const head = headOf.get(chain);
    const lastSeq = (prev as StoredChainEvent | null)?.seq ?? 0;
    if (!head) find('head_missing', prev, 'the chain has no head row');
    else if (head.seq > lastSeq)
      find('deleted', null, `the head counts ${head.seq} events, the chain ends at ${lastSeq}`);
    else if (head.seq < lastSeq) find('inserted', prev, `events after the head (seq ${head.seq})`);
    else if (head.hash !== ((prev as StoredChainEvent | null)?.hash ?? GENESIS_HASH))
      find('head_mismatch', prev, 'the head’s hash is not the last event’s');
    if (cp) {
      if (lastSeq < cp.seq)
        find('cut_back', null, `the checkpoint signed ${cp.seq} events, the chain now has ${lastSeq}`);
      else if ((atCheckpoint as StoredChainEvent | null)?.hash !== cp.hash)
        find('diverged', atCheckpoint, `the event at seq ${cp.seq} is not the one the checkpoint signed`);
    }
  }
  // A chain the checkpoint signed that is gone altogether.
  for (const [chain, cp] of Object.entries(signed?.chains ?? {}))
    if (!chains.includes(chain))
      findings.push({
        kind: 'cut_back',
        chain,
        seq: null,
        eventId: null,
        detail: `the checkpoint signed ${cp.seq} events, the chain is gone`,
      });
  return {
    chains: chains.length,
    events,
    checkpoint: cpFile && signed ? { id: cpFile.id, at: signed.at } : null,
    findings,
  };
}
