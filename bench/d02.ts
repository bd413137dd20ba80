/**
 * `npm run bench:d02`: an employer's D02-LT file of BENCH_ROWS (10,000) rows — a salary change for
 * each of its employees, seeded on PostgreSQL — previewed and submitted as CSV and as XLSX, beside a
 * floor: the JSON declaration of the same 10,000 rows through the same `declare` (its input already
 * parsed). The preview writes nothing; each submission declares every row (new salaries each time,
 * so nothing is "already recorded").
 */
import { performance } from 'node:perf_hooks';
import { seed } from '../dev/seed';
import { addMonths, monthOf } from '../domain/calendar';
import { employeeRoster } from '../db/queries/roster';
import { declare } from '../services/declarations';
import { previewD02, submitD02 } from '../services/d02';
import { csvOf, xlsxOf, type Row } from '../test/services/d02-helpers';
import { appClock, scratchDatabase, timesFloor } from './harness';

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);

async function main(): Promise<void> {
  const scratch = await scratchDatabase('ansinh_bench_d02', { max: 4 });
  const db = scratch.handle;
  try {
    const today = appClock.today();
    const month = monthOf(today);
    await seed(db.sql!, {
      employers: 1,
      participants: ROWS,
      months: 1,
      lastPeriod: addMonths(month, -1),
      today,
      seed: 15,
    });
    const [{ tax_code: taxCode }] = (await db.sql!`select tax_code from employers limit 1`) as unknown as [
      { tax_code: string },
    ];
    const people = (await employeeRoster(db.db, taxCode, month)).map((r) => r.personalId).slice(0, ROWS);
    const rows = (base: number): Row[] =>
      people.map((personalId, i) => ({
        no: i + 1,
        personalId,
        salary: (base + i * 1000).toLocaleString('de-DE'), // 25.001.000: text with thousands separators
        fromMonth: `${month.slice(5)}/${month.slice(0, 4)}`,
        action: 'DC',
      }));
    const now = appClock();
    const time = async <T>(f: () => Promise<T>): Promise<[T, number]> => {
      const t = performance.now();
      const r = await f();
      return [r, performance.now() - t];
    };

    const csv = csvOf(rows(30_000_000));
    const xlsx = await xlsxOf(rows(40_000_000));
    const [pc, previewCsvMs] = await time(() => previewD02(db.db, { taxCode, bytes: csv, now }));
    const [px, previewXlsxMs] = await time(() => previewD02(db.db, { taxCode, bytes: xlsx, now }));
    if (pc.errors.length || px.errors.length)
      throw new Error(`findings: ${JSON.stringify([pc.errors[0], px.errors[0]])}`);

    const batch = {
      declarations: people.map((personalId, i) => ({
        kind: 'salary_change' as const,
        personalId,
        effectiveMonth: month,
        salary: String(20_000_000 + i * 1000),
      })),
    };
    const [, floorMs] = await time(() => declare(db.db, { taxCode, author: 'bench', batch, now }));
    const [sc, submitCsvMs] = await time(() =>
      submitD02(db.db, { taxCode, author: 'bench', bytes: csv, now, declareWith: declare }),
    );
    const [sx, submitXlsxMs] = await time(() =>
      submitD02(db.db, { taxCode, author: 'bench', bytes: xlsx, now, declareWith: declare }),
    );
    const fresh = (r: typeof sc) => r.results.filter((x) => !x.alreadyRecorded).length;

    const kib = (b: Buffer) => `${Math.round(b.length / 1024)} KiB`;
    console.log(`D02-LT file of ${people.length} salary changes, one employer, ${month} (today ${today})`);
    console.log(`  CSV ${kib(csv)}, XLSX ${kib(xlsx)}`);
    console.log(
      `  preview CSV:                     ${previewCsvMs.toFixed(0)} ms  (${pc.declarations} declarations, nothing written)`,
    );
    console.log(`  preview XLSX:                    ${previewXlsxMs.toFixed(0)} ms  (${px.declarations} declarations)`);
    console.log(`  submit CSV:                      ${submitCsvMs.toFixed(0)} ms  (${fresh(sc)} declared)`);
    console.log(`  submit XLSX:                     ${submitXlsxMs.toFixed(0)} ms  (${fresh(sx)} declared)`);
    console.log(`  floor (JSON batch, declare):     ${floorMs.toFixed(0)} ms  (${batch.declarations.length} declared)`);
    console.log(`  ratio submit CSV / floor:        ${timesFloor(submitCsvMs, floorMs, 2)}`);
    console.log(`  ratio submit XLSX / floor:       ${timesFloor(submitXlsxMs, floorMs, 2)}`);
  } finally {
    await scratch.drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
