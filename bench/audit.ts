/**
 * `npm run bench:audit`: the cost of hash-chained audit appends (db/queries/audit.ts) on PostgreSQL.
 * BENCH_EVENTS (2,000) one-event transactions, each run three ways, beside a floor of the same
 * number of one-row transactions inserting the same row into a plain table (no chain, no head):
 * - chained, one at a time;
 * - chained, BENCH_PARALLEL (8) at a time over many subjects (appends spread over the chains);
 * - chained, BENCH_PARALLEL at a time on ONE subject (one chain: its head row serialises them).
 * Then `audit verify` over everything written (events per second).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { audit } from '../db/queries/audit';
import { loadAuditSigningKey } from '../runtime/audit-keys';
import { verifyAudit } from '../services/audit';
import { inParallel, scratchDatabase, thousands, timesFloor } from './harness';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 2000);
const PARALLEL = Number(process.env.BENCH_PARALLEL ?? 8);

async function main(): Promise<void> {
  const scratch = await scratchDatabase('ansinh_bench_audit', { max: PARALLEL });
  const h = scratch.handle;
  try {
    const sql = h.sql!;
    await sql`create table plain_events (like audit_events including defaults)`;
    await sql`alter table plain_events alter column chain drop not null, alter column seq drop not null,
              alter column prev_hash drop not null, alter column hash drop not null`;
    const ids = Array.from({ length: EVENTS }, (_, i) => i);
    const entry = (i: number, subjectId: string) => ({
      actor: 'bench',
      action: 'bench.event',
      subjectType: 'employer',
      subjectId,
      workflowId: `wf-${i}`,
      runId: 'r',
      details: { i, batch: 1 },
    });
    const rate = async (label: string, run: () => Promise<void>) => {
      const t0 = performance.now();
      await run();
      const perSecond = EVENTS / ((performance.now() - t0) / 1000);
      return { label, perSecond };
    };
    const floor = await rate('plain insert, one at a time', async () => {
      for (const i of ids)
        await sql.begin(
          (s) => s`insert into plain_events (actor, action, subject_type, subject_id, workflow_id, run_id, details)
                   values ('bench', 'bench.event', 'employer', ${`S${i}`}, ${`wf-${i}`}, 'r', ${JSON.stringify({ i, batch: 1 })}::jsonb)`,
        );
    });
    const floorParallel = await rate(`plain insert, ${PARALLEL} at a time`, () =>
      inParallel(ids, PARALLEL, (i) =>
        sql.begin(
          (s) => s`insert into plain_events (actor, action, subject_type, subject_id, workflow_id, run_id, details)
                   values ('bench', 'bench.event', 'employer', ${`P${i}`}, ${`wf-${i}`}, 'r', ${JSON.stringify({ i, batch: 1 })}::jsonb)`,
        ),
      ),
    );
    const serial = await rate('chained, one at a time', async () => {
      for (const i of ids) await h.db.transaction((tx) => audit(tx, entry(i, `S${i}`)));
    });
    const spread = await rate(`chained, ${PARALLEL} at a time, many subjects`, () =>
      inParallel(ids, PARALLEL, (i) => h.db.transaction((tx) => audit(tx, entry(i, `P${i}`)))),
    );
    const one = await rate(`chained, ${PARALLEL} at a time, one subject (one chain)`, () =>
      inParallel(ids, PARALLEL, (i) => h.db.transaction((tx) => audit(tx, entry(i, 'ONE')))),
    );
    for (const r of [floor, serial])
      console.log(
        `${r.label.padEnd(48)} ${thousands(r.perSecond).padStart(7)} /s  ${timesFloor(r.perSecond, floor.perSecond, 2)} of the plain floor`,
      );
    for (const r of [floorParallel, spread, one])
      console.log(
        `${r.label.padEnd(48)} ${thousands(r.perSecond).padStart(7)} /s  ${timesFloor(r.perSecond, floorParallel.perSecond, 2)} of the plain floor`,
      );
    const key = await loadAuditSigningKey({ home: mkdtempSync(path.join(tmpdir(), 'ansinh-bench-audit-')) });
    const t0 = performance.now();
    const report = await verifyAudit(h.db, key);
    const s = (performance.now() - t0) / 1000;
    console.log(
      `audit verify: ${thousands(report.events)} events in ${report.chains} chains, ${report.findings.length} findings, ${thousands(report.events / s)} events/s`,
    );
    if (report.findings.length) process.exitCode = 1;
  } finally {
    await scratch.drop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
