/**
 * The audit trail proves its own integrity: each tampering act a superuser can do behind the
 * trigger's back (ALTER TABLE … DISABLE TRIGGER, SET session_replication_role = replica) is found
 * by `audit verify`, each with its own finding; and the application's role ansinh_app cannot do
 * them at all (privileges, not only the trigger).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import canonicalize from 'canonicalize';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, queryRows, type DatabaseHandle } from '../../db/client';
import { audit, auditEventCanonical, auditEventHash, chainOf, GENESIS_HASH } from '../../db/queries/audit';
import { auditEvents, ebookVersions } from '../../db/schema';
import { loadAuditSigningKey, type AuditSigningKey } from '../../runtime/audit-keys';
import { setAppRolePassword } from '../../db/queries/roles';
import { createCheckpoint, verifyAudit, type CheckpointFile } from '../../services/audit';
import { createTestDatabase, type TestDatabase } from '../setup/harness';

let tdb: TestDatabase;
let key: AuditSigningKey;
const SUBJECT = { subjectType: 'employer', subjectId: '0101234567' };
const CHAIN = chainOf(SUBJECT.subjectType, SUBJECT.subjectId);

beforeAll(async () => {
  key = await loadAuditSigningKey({ home: mkdtempSync(path.join(tmpdir(), 'ansinh-audit-')) });
});

beforeEach(async () => {
  tdb = await createTestDatabase('audit');
  for (let i = 1; i <= 5; i++)
    await audit(tdb.db, { actor: 't', action: `step.${i}`, ...SUBJECT, details: { n: i, note: 'é "q" \n' } });
  await audit(tdb.db, { actor: 't', action: 'other', subjectType: 'participant', subjectId: '001090000001' });
});
afterEach(async () => {
  await tdb?.drop();
});

/** Runs `statements` as the postgres superuser with triggers off for the session (replica role). */
async function asReplica(statements: (s: postgres.TransactionSql) => Promise<unknown>): Promise<void> {
  await tdb.sql!.begin(async (s) => {
    await s.unsafe('set local session_replication_role = replica');
    await statements(s);
  });
}

const kinds = async (checkpoint?: CheckpointFile) =>
  (await verifyAudit(tdb.db, key, checkpoint ? { checkpoint } : {})).findings.map((f) => f.kind);

describe('audit hash chains', () => {
  it('a clean trail verifies; the hash is sha256 over the RFC 8785 form, the same bytes the SQL backfill builds', async () => {
    const r = await verifyAudit(tdb.db, key, { pageSize: 2 });
    expect(r).toMatchObject({ chains: 2, events: 6, findings: [] });
    const rows = await queryRows<{ chain: string; seq: string; prev_hash: string; hash: string; canon: string }>(
      tdb.db,
      sql`select chain, seq, prev_hash, hash,
                 audit_event_canonical(chain, prev_hash, at, actor, action, subject_type, subject_id, workflow_id, run_id, details) as canon
            from audit_events where chain = ${CHAIN} order by seq`,
    );
    expect(rows.map((r) => Number(r.seq))).toEqual([1, 2, 3, 4, 5]);
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    const parsed = JSON.parse(rows[0]!.canon) as Record<string, unknown>;
    expect(rows[0]!.canon).toBe(canonicalize(parsed));
    expect(rows[0]!.canon).toBe(
      await auditEventCanonical({
        chain: parsed.chain as string,
        prevHash: parsed.prev_hash as string,
        at: parsed.at as string,
        actor: parsed.actor as string,
        action: parsed.action as string,
        subjectType: parsed.subject_type as string,
        subjectId: parsed.subject_id as string,
        workflowId: null,
        runId: null,
        details: parsed.details as string,
      }),
    );
    // And the SQL form hashes to the stored hash (the migration's backfill is verifiable).
    const [h] = await queryRows<{ h: string }>(
      tdb.db,
      sql`select encode(sha256(convert_to(${rows[0]!.canon}, 'UTF8')), 'hex') as h`,
    );
    expect(h!.h).toBe(rows[0]!.hash);
  });

  it('an event edited with the trigger disabled: edited', async () => {
    await tdb.sql!.unsafe('alter table audit_events disable trigger audit_events_append_only');
    await tdb.sql!`update audit_events set details = '{"n": 99}' where chain = ${CHAIN} and seq = 3`;
    await tdb.sql!.unsafe('alter table audit_events enable trigger audit_events_append_only');
    const r = await verifyAudit(tdb.db, key);
    expect(r.findings).toEqual([expect.objectContaining({ kind: 'edited', chain: CHAIN, seq: 3 })]);
  });

  it('an event deleted under session_replication_role = replica: deleted', async () => {
    await asReplica((s) => s`delete from audit_events where chain = ${CHAIN} and seq = 3`);
    const r = await verifyAudit(tdb.db, key);
    expect(r.findings).toEqual([expect.objectContaining({ kind: 'deleted', chain: CHAIN, seq: 4 })]);
  });

  it('a forged event inserted in the middle (later ones renumbered, head moved, its hash valid): inserted', async () => {
    const [second] = await tdb.sql!<{ hash: string; at: string }[]>`
      select hash, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at from audit_events where chain = ${CHAIN} and seq = 2`;
    const forged = {
      chain: CHAIN,
      prevHash: second!.hash,
      at: second!.at,
      actor: 'officer:mallory',
      action: 'employer.approved',
      ...SUBJECT,
      workflowId: null,
      runId: null,
      details: '{}',
    };
    await asReplica(async (s) => {
      await s`update audit_events set seq = seq + 100 where chain = ${CHAIN} and seq > 2`;
      await s`update audit_events set seq = seq - 99 where chain = ${CHAIN} and seq > 100`;
      await s`insert into audit_events (at, actor, action, subject_type, subject_id, details, chain, seq, prev_hash, hash)
              values (${forged.at}::timestamptz, ${forged.actor}, ${forged.action}, ${forged.subjectType}, ${forged.subjectId},
                      '{}'::jsonb, ${CHAIN}, 3, ${forged.prevHash}, ${await auditEventHash(forged)})`;
      await s`update audit_chain_heads set seq = seq + 1 where chain = ${CHAIN}`;
    });
    const r = await verifyAudit(tdb.db, key);
    expect(r.findings).toEqual([expect.objectContaining({ kind: 'inserted', chain: CHAIN, seq: 3 })]);
  });

  it('a chain cut back to an earlier head (events and head rolled back, stored checkpoints deleted): cut_back against the exported checkpoint', async () => {
    const exported = await createCheckpoint(tdb.db, key);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'ansinh-cp-')), 'cp.json');
    writeFileSync(file, JSON.stringify(exported));
    expect(await kinds()).toEqual([]);
    await asReplica(async (s) => {
      await s`delete from audit_events where chain = ${CHAIN} and seq > 3`;
      await s`update audit_chain_heads set seq = 3, hash = (select hash from audit_events where chain = ${CHAIN} and seq = 3) where chain = ${CHAIN}`;
    });
    // Internally consistent: only the checkpoint shows it.
    expect(await kinds()).toEqual(['cut_back']);
    await asReplica((s) => s`delete from audit_checkpoints`);
    expect(await kinds()).toEqual([]);
    const fromFile = JSON.parse(readFileSync(file, 'utf8')) as CheckpointFile;
    const r = await verifyAudit(tdb.db, key, { checkpoint: fromFile });
    expect(r.findings).toEqual([expect.objectContaining({ kind: 'cut_back', chain: CHAIN })]);
    // A checkpoint whose payload was altered does not verify.
    const [h, , sig] = fromFile.jws.split('.');
    const altered = Buffer.from(fromFile.payload.replace('"seq":5', '"seq":3')).toString('base64url');
    expect(await kinds({ ...fromFile, jws: `${h}.${altered}.${sig}` })).toContain('checkpoint_invalid');
  });
});

describe('the application role ansinh_app', () => {
  let app: DatabaseHandle;
  beforeEach(async () => {
    const url = new URL(tdb.url);
    url.username = 'ansinh_app';
    url.password = '';
    app = await openDatabase({ url: url.toString(), max: 1 });
  });
  afterEach(async () => {
    await app?.close();
  });

  it('appends events (its normal writes work) but UPDATE/DELETE/TRUNCATE on the audit tables (and the access log) are refused by privileges, trigger or not', async () => {
    await audit(app.db, { actor: 't', action: 'step.6', ...SUBJECT });
    const [{ who }] = (await app.sql!`select current_user as who`) as unknown as [{ who: string }];
    expect(who).toBe('ansinh_app');
    // The trigger off, so that only privileges stand in the way.
    await tdb.sql!.unsafe('alter table audit_events disable trigger audit_events_append_only');
    const refused = async (p: PromiseLike<unknown>) =>
      Promise.resolve(p).then(
        () => 'done',
        (e: { cause?: { message?: string }; message: string }) => e.cause?.message ?? e.message,
      );
    expect(await refused(app.db.update(auditEvents).set({ actor: 'x' }))).toMatch(
      /permission denied for table audit_events/,
    );
    expect(await refused(app.db.delete(auditEvents))).toMatch(/permission denied for table audit_events/);
    expect(await refused(app.sql!`truncate audit_events`)).toMatch(/permission denied for table audit_events/);
    expect(await refused(app.db.delete(ebookVersions))).toMatch(/permission denied for table ebook_versions/);
    expect(await refused(app.sql!`delete from audit_checkpoints`)).toMatch(
      /permission denied for table audit_checkpoints/,
    );
    expect(await refused(app.sql!`delete from access_log`)).toMatch(/permission denied for table access_log/);
    expect(await refused(app.sql!`delete from audit_chain_heads`)).toMatch(
      /permission denied for table audit_chain_heads/,
    );
    await tdb.sql!.unsafe('alter table audit_events enable trigger audit_events_append_only');
    expect((await verifyAudit(app.db, key)).findings).toEqual([]);
  });

  it('ansinh db migrate can give it a password (quoted inside the database)', async () => {
    await setAppRolePassword(tdb.db, "it's a secret");
    const [row] = await tdb.sql!`select rolpassword is not null as set from pg_authid where rolname = 'ansinh_app'`;
    expect(row!.set).toBe(true);
    await tdb.sql!.unsafe('alter role ansinh_app password null');
  });
});
