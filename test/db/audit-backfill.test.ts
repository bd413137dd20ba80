/**
 * Migration 0008 chains the audit events that existed before it, in id order, with hashes built in
 * SQL: `audit verify` (which recomputes them with canonicalize, RFC 8785) finds them intact, and
 * new events continue the backfilled chains.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, MIGRATIONS_FOLDER, type DatabaseHandle } from '../../db/client';
import { audit, chainOf } from '../../db/queries/audit';
import { loadAuditSigningKey } from '../../runtime/audit-keys';
import { verifyAudit } from '../../services/audit';
import { ADMIN_URL, databaseUrl } from '../setup/pg';

const name = `ansinh_t_backfill_${inject('templateDatabase').replace('ansinh_tpl_', '')}`.slice(0, 63);
const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
let raw: postgres.Sql;
let h: DatabaseHandle;

const statements = (tag: string) =>
  readFileSync(path.join(MIGRATIONS_FOLDER, `${tag}.sql`), 'utf8')
    .split('--> statement-breakpoint')
    .map((s) => s.trim())
    .filter(Boolean);

beforeAll(async () => {
  await admin.unsafe(`create database "${name}"`);
  raw = postgres(databaseUrl(name), { max: 1, onnotice: () => {} });
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as {
    entries: { idx: number; tag: string }[];
  };
  for (const e of journal.entries.filter((e) => e.idx < 8)) for (const s of statements(e.tag)) await raw.unsafe(s);
  // Events as the application wrote them before 0008 (no chain columns), one with awkward text.
  for (let i = 1; i <= 4; i++)
    await raw`insert into audit_events (actor, action, subject_type, subject_id, details)
              values ('t', ${`old.${i}`}, 'employer', ${i % 2 ? '0101234567' : '0301234567'}, ${JSON.stringify({ i, note: 'Nguyễn "A"\n\t\\ \u2028' })}::jsonb)`;
  await raw`insert into audit_events (actor, action, subject_type, subject_id, workflow_id, run_id)
            values ('officer:x', 'claim.filed', 'claim', 'c-1', 'wf', 'run')`;
  for (const s of statements('0008_audit_chains')) await raw.unsafe(s);
  h = await openDatabase({ url: databaseUrl(name), max: 2 });
});
afterAll(async () => {
  await h?.close();
  await raw?.end();
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.end();
});

describe('migration 0008 backfills the chains', () => {
  it('existing events are chained in id order and verify; new ones continue the chains', async () => {
    const rows = await raw<
      { id: number; chain: string; seq: number }[]
    >`select id, chain, seq::int from audit_events order by id`;
    expect(rows.map((r) => [r.chain, r.seq])).toEqual([
      [chainOf('employer', '0101234567'), 1],
      [
        chainOf('employer', '0301234567'),
        chainOf('employer', '0301234567') === chainOf('employer', '0101234567') ? 2 : 1,
      ],
      expect.anything(),
      expect.anything(),
      [chainOf('claim', 'c-1'), 1],
    ]);
    const key = await loadAuditSigningKey({ home: mkdtempSync(path.join(tmpdir(), 'ansinh-backfill-')) });
    expect(await verifyAudit(h.db, key)).toMatchObject({ events: 5, findings: [] });
    await audit(h.db, { actor: 't', action: 'new', subjectType: 'employer', subjectId: '0101234567' });
    expect(await verifyAudit(h.db, key)).toMatchObject({ events: 6, findings: [] });
  });
});
