/**
 * The coverage check's validity index (issue 16): the API process holds what the coverage answer
 * reads in memory (services/coverage-store.ts) and answers from it, within a stated staleness.
 *
 * - **Invalidated by the writers, at commit.** Migration 0031's statement-level triggers write the
 *   persons each statement changed into coverage_changes and NOTIFY `c <from> <to>` (a bulk
 *   statement of more than 10,000 persons, or a TRUNCATE: `all`). NOTIFY is delivered at commit, in
 *   commit order. The index applies the notifications one after another: it reads the named persons
 *   again (the queued ranges at once) and replaces them, or reloads everything for `all`.
 * - **A ping through the same path.** Every `pingMs` the process NOTIFYs `p <token> <sent>` (its own
 *   token, `sent` its monotonic clock). When a ping is applied, every change committed before it was
 *   sent has been applied (it was delivered before the ping). The index answers only while its last
 *   applied ping was sent at most `stalenessMs` ago; otherwise — loading, notifications stalled, the
 *   listening connection lost — `source()` is null and the check reads the database. So an answer
 *   never misses a change committed more than `stalenessMs` before the request.
 * - **A lost connection reloads everything.** postgres.js re-LISTENs after a lost connection and
 *   says so: what was notified meanwhile is gone, so the index forgets everything (answers come
 *   from the database) and loads again, page by page, then applies what arrived since.
 * - **Listening again.** postgres.js re-LISTENs once after a lost connection; when no own ping has
 *   arrived for max(5 s, 5 × the bound) the index listens anew itself (and so reloads).
 * - **Pruned.** Rows of coverage_changes older than `pruneAfterMs` are deleted (every minute); a
 *   notification whose rows are gone, or that waited half that long, reloads everything instead.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/client';
import {
  changedPersons,
  coverageCounts,
  coveragePage,
  listenCoverage,
  pingCoverage,
  pruneCoverageChanges,
} from '../db/queries/coverage-index';
import { CoverageStore, type StoreFigures } from './coverage-store';

export interface CoverageIndexOptions {
  db: Db;
  /** How often the process pings through the notification path (default 200 ms). */
  pingMs?: number;
  /** The oldest applied ping the index still answers with (default 1,000 ms); older: the database answers. */
  stalenessMs?: number;
  /** coverage_changes rows older than this are pruned (default 10 minutes). */
  pruneAfterMs?: number;
  /** Persons read per page of a full load (default 20,000). */
  pageSize?: number;
  /** A failed reload or ping (the index retries; the database answers meanwhile). Codes only: never SQL. */
  onError?: (err: unknown) => void;
}

export interface CoverageIndexFigures extends StoreFigures {
  /** Loaded, and its last applied ping within the bound: it answers. */
  trusted: boolean;
  /** Milliseconds since the last applied ping was sent (Infinity before the first). */
  pingAgeMs: number;
  /** Full loads and incremental reloads (one per batch of notifications applied), since start. */
  fullLoads: number;
  personReloads: number;
  /** Lookups the database answered because the index was not trusted. */
  fallbacks: number;
  /** The bound this index answers within. */
  stalenessMs: number;
}

export interface CoverageIndex {
  /** The store to answer from, or null (loading, or stale beyond the bound): then the database answers. Counts a fallback. */
  source(): CoverageStore | null;
  figures(): CoverageIndexFigures;
  /** Resolves once the first full load is applied and a ping has come back (tests and benchmarks wait for it). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

const now = () => performance.now();

export async function createCoverageIndex(o: CoverageIndexOptions): Promise<CoverageIndex> {
  const pingMs = o.pingMs ?? 200;
  const stalenessMs = o.stalenessMs ?? 1000;
  const pruneAfterMs = o.pruneAfterMs ?? 10 * 60_000;
  const pageSize = o.pageSize ?? 20_000;
  const onError = o.onError ?? (() => undefined);
  const token = randomUUID().slice(0, 8);

  let store: CoverageStore | null = null;
  let lastPing = Number.NEGATIVE_INFINITY;
  let generation = 0;
  let closed = false;
  let fullLoads = 0;
  let personReloads = 0;
  let fallbacks = 0;
  /** Notifications not yet applied, with when they arrived. */
  let queue: { msg: string; at: number }[] = [];
  let draining = false;
  let readyResolve!: () => void;
  const readyPromise = new Promise<void>((r) => (readyResolve = r));

  const trusted = () => store !== null && now() - lastPing <= stalenessMs;

  async function fullLoad(gen: number): Promise<void> {
    store = null; // forgotten first: the database answers while it loads, and memory is not held twice
    const next = new CoverageStore(await coverageCounts(o.db));
    let after = '';
    for (;;) {
      const page = await coveragePage(o.db, after, pageSize);
      if (gen !== generation || closed) return;
      if (page.persons.length === 0) break;
      next.putAll(page);
      after = page.persons[page.persons.length - 1]!.personal_id;
    }
    store = next;
    fullLoads++;
  }

  async function reload(gen: number, from: number, to: number): Promise<boolean> {
    const rows = await changedPersons(o.db, from, to);
    if (gen !== generation || closed || store === null) return true;
    if (rows.named.length === 0) return false; // pruned before they were read: reload everything
    store.putAll(rows);
    const present = new Set(rows.persons.map((p) => p.personal_id));
    for (const id of rows.named) if (!present.has(id)) store.remove(id);
    personReloads++;
    return true;
  }

  async function drain(): Promise<void> {
    if (draining) return;
    draining = true;
    try {
      while (queue.length > 0 && !closed) {
        const gen = generation;
        const head = queue.shift()!;
        try {
          if (head.msg === 'all') {
            await fullLoad(gen);
          } else if (head.msg.startsWith('c ')) {
            // Every change queued behind it, up to the next ping, in one read of their range: ids
            // between are changes too (committed ones are re-read, which is harmless).
            let [from, to] = head.msg.slice(2).split(' ').map(Number) as [number, number];
            const waited = now() - head.at;
            while (queue.length > 0 && queue[0]!.msg.startsWith('c ')) {
              const [f, t] = queue.shift()!.msg.slice(2).split(' ').map(Number) as [number, number];
              from = Math.min(from, f);
              to = Math.max(to, t);
            }
            if (store === null) continue; // a full load is under way or queued
            const ok = waited < pruneAfterMs / 2 && Number.isSafeInteger(from) && Number.isSafeInteger(to);
            if (!ok || !(await reload(gen, from, to))) queue.unshift({ msg: 'all', at: now() });
          } else if (head.msg.startsWith('p ')) {
            const [own, sent] = head.msg.slice(2).split(' ');
            if (own === token && store !== null && gen === generation) {
              lastPing = Math.max(lastPing, Number(sent));
              readyResolve();
            }
          }
        } catch (err) {
          onError(err);
          if (gen !== generation) continue;
          // A read failed (the database is away): nothing it named can be trusted; load again, later.
          store = null;
          queue.unshift({ msg: 'all', at: now() });
          await new Promise((r) => setTimeout(r, Math.min(1000, stalenessMs)).unref?.());
        }
      }
    } finally {
      draining = false;
    }
  }

  const ownPing = `p ${token} `;
  let lastPingReceived = now();
  const push = (msg: string) => {
    if (msg.startsWith(ownPing)) lastPingReceived = now();
    queue.push({ msg, at: now() });
    setImmediate(() => void drain());
  };
  const onListen = () => {
    // (Re)connected: whatever was notified while it was down is lost. Forget and load again.
    generation++;
    store = null;
    lastPing = Number.NEGATIVE_INFINITY;
    lastPingReceived = now();
    queue = [];
    push('all');
  };
  let listener = await listenCoverage(o.db, push, onListen);

  // postgres.js re-listens once when its listening connection closes; if the database was away at
  // that moment it never tries again. No own ping received for this long: listen anew.
  const silentMs = Math.max(5000, 5 * stalenessMs);
  let relistening = false;
  const watchdog = setInterval(() => {
    if (relistening || closed || now() - lastPingReceived < silentMs) return;
    relistening = true;
    void (async () => {
      await listener.unlisten().catch(() => undefined);
      listener = await listenCoverage(o.db, push, onListen);
    })()
      .catch(onError)
      .finally(() => {
        relistening = false;
        lastPingReceived = now();
      });
  }, 1000);
  watchdog.unref();

  const pinger = setInterval(() => {
    void pingCoverage(o.db, `p ${token} ${now()}`).catch(onError);
  }, pingMs);
  pinger.unref();
  const pruner = setInterval(() => {
    void pruneCoverageChanges(o.db, Math.ceil(pruneAfterMs / 1000)).catch(onError);
  }, 60_000);
  pruner.unref();

  return {
    source() {
      if (trusted()) return store;
      fallbacks++;
      return null;
    },
    figures() {
      const f = store?.figures() ?? { persons: 0, cards: 0, locks: 0, bytes: 0 };
      return {
        ...f,
        trusted: trusted(),
        pingAgeMs: now() - lastPing,
        fullLoads,
        personReloads,
        fallbacks,
        stalenessMs,
      };
    },
    ready: () => readyPromise,
    async close() {
      closed = true;
      clearInterval(pinger);
      clearInterval(pruner);
      clearInterval(watchdog);
      await listener.unlisten().catch(() => undefined);
      store = null;
    },
  };
}
