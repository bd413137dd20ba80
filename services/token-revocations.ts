/**
 * The token revocation list (issue #14 part 3; table token_revocations, migration 0022). A subject is
 * named by a keyed hash — HMAC-SHA-256 of `pid:<personal ID>` (every token bound to that person,
 * whatever identity provider's `sub` it carries) or `sub:<subject>` — under a key derived (HKDF) from
 * the server secret (CLAIM_SUBJECT_KEY), so the table holds no personal ID. Every token of a revoked
 * subject issued (`iat`) before the instant is refused by the API's verifier with TOKEN_REVOKED.
 *
 * The check is cheap: it is a lookup in an in-process map, on the verifier's cached path too. The
 * map holds the revocations that can still refuse a token (revoked within the longest token
 * lifetime: an older token has expired anyway), loaded at start, kept current by LISTEN/NOTIFY
 * (the revoking transaction notifies at commit, so every API process learns of it within a round
 * trip), and reloaded whole every `refreshMs` (default 30 s) and at every reconnection of the
 * listening connection, so a notification missed while it was down is caught up at the latest then.
 */
import { createHmac, hkdfSync } from 'node:crypto';
import type { Db } from '../db/client';
import { listenRevocations, liveRevocations } from '../db/queries/recoveries';

const keyOf = (secret: string) =>
  Buffer.from(hkdfSync('sha256', secret, 'ansinh-token-revocation', 'subject-hmac-v1', 32));

/** The keyed hash a subject is revoked under. */
export function subjectHash(secret: string, key: string): string {
  return createHmac('sha256', keyOf(secret)).update(key).digest('hex');
}

/** The keys a token's principal is revoked under: its person (participants), and its subject. */
export function revocationKeysOf(p: { subject: string; personalId?: string | undefined }): string[] {
  return [...(p.personalId !== undefined ? [`pid:${p.personalId}`] : []), `sub:${p.subject}`];
}

/** The one key a person's sessions are filed under (the console's sessions, a recovery's revocation). */
export function primaryRevocationKey(p: { subject: string; personalId?: string | undefined }): string {
  return revocationKeysOf(p)[0]!;
}

/**
 * The instant a revocation made at `now` refuses tokens before: the next whole second (token times
 * are whole seconds), so every token issued up to and within the second of the revocation is refused,
 * and one issued from the next second on is accepted.
 */
export function revokedBeforeOf(now: Date): Date {
  return new Date(Math.floor(now.getTime() / 1000) * 1000 + 1000);
}

/** What the verifier asks (api/auth.ts AuthConfig.revocations). */
export interface RevocationCheck {
  /** The keyed hashes of a principal (computed once per verified token; the verifier caches them). */
  hashesOf(p: { subject: string; personalId?: string | undefined }): string[];
  /** The latest revocation instant (epoch ms) of these hashes, or undefined when none is in force. */
  revokedBefore(hashes: readonly string[]): number | undefined;
}

export interface RevocationList extends RevocationCheck {
  /** Reloads the map from the table (also run at start, every refreshMs, and at every reconnection). */
  refresh(): Promise<void>;
  close(): Promise<void>;
}

export interface RevocationListOptions {
  db: Db;
  secret: string;
  clock: () => Date;
  /** The longest token lifetime, hours (revocations older than that refuse nothing). Default 24. */
  horizonHours?: number;
  /** Full reload period; default 30 s. 0: none (tests that drive refresh themselves). */
  refreshMs?: number;
}

export async function createRevocationList(o: RevocationListOptions): Promise<RevocationList> {
  let map = new Map<string, number>();
  const horizonMs = (o.horizonHours ?? 24) * 3_600_000;
  const key = keyOf(o.secret);
  const note = (hash: string, at: number) => {
    if (!(at > (map.get(hash) ?? 0))) return;
    map.set(hash, at);
  };
  const refresh = async () => {
    const rows = await liveRevocations(o.db, new Date(o.clock().getTime() - horizonMs));
    const next = new Map<string, number>();
    for (const r of rows) next.set(r.subjectHash, r.revokedBefore.getTime());
    // Notifications that arrived while the read ran are kept (the later instant wins).
    for (const [h, at] of map) if (at > (next.get(h) ?? 0)) next.set(h, at);
    map = next;
  };
  await refresh();
  const listener = await listenRevocations(
    o.db,
    (payload) => {
      const [hash, ms] = payload.split(' ');
      const at = Number(ms);
      if (hash && /^[0-9a-f]{64}$/.test(hash) && Number.isSafeInteger(at)) note(hash, at);
    },
    () => void refresh().catch(() => undefined),
  );
  const timer =
    (o.refreshMs ?? 30_000) > 0
      ? setInterval(() => void refresh().catch(() => undefined), o.refreshMs ?? 30_000)
      : undefined;
  timer?.unref();
  return {
    hashesOf: (p) => revocationKeysOf(p).map((k) => createHmac('sha256', key).update(k).digest('hex')),
    revokedBefore(hashes) {
      let latest: number | undefined;
      for (const h of hashes) {
        const at = map.get(h);
        if (at !== undefined && (latest === undefined || at > latest)) latest = at;
      }
      return latest;
    },
    refresh,
    async close() {
      if (timer) clearInterval(timer);
      await listener?.unlisten().catch(() => undefined);
    },
  };
}
