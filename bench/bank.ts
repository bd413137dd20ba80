/**
 * `npm run bench:bank`: one day's statement of the collection account, BENCH_LINES (5,000) lines,
 * imported through the real parser and importStatement on PostgreSQL against a seeded population
 * (BENCH_EMPLOYERS, 1,000 employers, one month of contributions): 80 % credits naming an
 * employer's tax code (booked, each a payment allocated to its open periods), 15 % naming nobody
 * (suspense), 5 % debits (ignored). Prints lines per second for the first import and for the same
 * statement again (nothing booked twice), beside a floor: the same number of one-row transactions
 * inserting the lines alone, and the ratio.
 */
import { performance } from 'node:perf_hooks';
import { importStatement } from '../services/bank';
import { parseStatement } from '../services/bank-parse';
import { verifyLedger } from '../services/ledger';
import { seed } from '../dev/seed';
import { addMonths, monthOf } from '../domain/calendar';
import { appClock, scratchDatabase, timesFloor } from './harness';

const LINES = Number(process.env.BENCH_LINES ?? 5000);
const EMPLOYERS = Number(process.env.BENCH_EMPLOYERS ?? 1000);

async function main(): Promise<void> {
  const scratch = await scratchDatabase('ansinh_bench_bank', { max: 5 });
  const db = scratch.handle;
  try {
    const today = appClock.today();
    // Four months back: the seed's late payments of a period fall after its deadline, and every one
    // of them (up to 40 days after the deadline, dev/seed.ts) must be in the past: a payment after today
    // is refused, and the ledger is replayed to today.
    const period = addMonths(monthOf(today), -4);
    await seed(db.sql!, {
      employers: EMPLOYERS,
      participants: EMPLOYERS * 10,
      months: 1,
      lastPeriod: period,
      today,
      seed: 3,
    });
    const taxCodes = (await db.sql!`select tax_code from employers where status = 'active' order by tax_code`).map(
      (r) => r.tax_code as string,
    );
    const rows = ['bank_reference,value_date,direction,amount,currency,remittance'];
    for (let i = 0; i < LINES; i++) {
      const kind = i % 20;
      const ref = `BENCH-${i.toString().padStart(7, '0')}`;
      if (kind === 0) rows.push(`${ref},${today},DBIT,${10_000 + i},VND,phi dich vu`);
      else if (kind <= 3) rows.push(`${ref},${today},CRDT,${100_000 + i},VND,chuyen tien khong ro noi dung`);
      else rows.push(`${ref},${today},CRDT,${1_000_000 + i},VND,BHXH ${taxCodes[i % taxCodes.length]} thang ${period}`);
    }
    const content = rows.join('\n') + '\n';

    let t = performance.now();
    const parsed = parseStatement(content, 'csv');
    const parseMs = performance.now() - t;
    t = performance.now();
    const first = await importStatement(db.db, { ...parsed, author: 'bench', today });
    const firstMs = performance.now() - t;
    t = performance.now();
    const again = await importStatement(db.db, { ...parsed, author: 'bench', today });
    const againMs = performance.now() - t;

    // Floor: the lines alone, one transaction each, the same unique key, no matching or booking.
    await db.sql!`create table floor_lines (like bank_lines including defaults including constraints including indexes)`;
    t = performance.now();
    for (const l of parsed.lines) {
      await db.sql!.begin(
        (
          tx,
        ) => tx`insert into floor_lines (bank_reference, source, line, direction, amount, currency, value_date, remittance, status, reason, imported_by)
        values (${l.bankReference}, 'csv', ${l.line}, ${l.direction}, ${l.amount}, ${l.currency}, ${l.valueDate}, ${l.remittance}, 'suspense', 'X', 'bench') on conflict (bank_reference) do nothing`,
      );
    }
    const floorMs = performance.now() - t;
    const ledger = await verifyLedger(db.db);

    const rate = (ms: number) => Math.round(LINES / (ms / 1000));
    console.log(`bank statement of ${LINES} lines, ${EMPLOYERS} employers (${period}), today ${today}`);
    console.log(`  parse (csv-parse + zod):          ${parseMs.toFixed(0)} ms`);
    console.log(
      `  first import:                     ${firstMs.toFixed(0)} ms  ${rate(firstMs)} lines/s  (booked ${first.booked}, suspense ${first.suspense}, ignored ${first.ignored})`,
    );
    console.log(
      `  same statement again:             ${againMs.toFixed(0)} ms  ${rate(againMs)} lines/s  (already imported ${again.alreadyImported}, booked ${again.booked})`,
    );
    console.log(`  floor (insert alone, 1 tx/line):  ${floorMs.toFixed(0)} ms  ${rate(floorMs)} lines/s`);
    console.log(`  ratio first import / floor:       ${timesFloor(firstMs, floorMs)}`);
    console.log(
      `  ledger: ${ledger.problems.length === 0 ? 'balances' : `${ledger.problems.length} problems, e.g. ${JSON.stringify(ledger.problems.slice(0, 3))}`}`,
    );
  } finally {
    await scratch.drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
