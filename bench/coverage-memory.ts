/**
 * `npm run bench:coverage-memory`: the memory of the coverage check's validity index
 * (services/coverage-store.ts) at BENCH_CARDS (1,000,000) cards, and the estimate for 20,000,000.
 * The store is filled in pages of 20,000 persons exactly as a full load fills it from the database
 * (`putAll`), with synthetic rows shaped like the national population: one card per person (one in
 * ten also holds an ended one, as after a change of employer), Vietnamese names of three to five
 * words, one lock per thousand cards. Prints the store's own bytes (typed arrays, name pool, hash
 * tables), the process's heap and array-buffer growth after a full GC, the time to fill, and
 * lookups per second by personal ID and by card code; the estimate scales the measured bytes per
 * card linearly (the hash tables grow by powers of two, so the real figure is within a few %).
 */
import type { IndexCardRow, IndexLockRow, IndexPersonRow } from '../db/queries/coverage-index';
import { CoverageStore } from '../services/coverage-store';

const CARDS = Number(process.env.BENCH_CARDS ?? 1_000_000);
const TARGET = 20_000_000;
const PAGE = 20_000;
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ'];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Đức', 'Ngọc', 'Minh', 'Thanh', 'Quốc', 'Xuân', 'Thu'];
const GIVEN = [
  'An',
  'Bình',
  'Chi',
  'Dũng',
  'Giang',
  'Hà',
  'Hải',
  'Hạnh',
  'Hường',
  'Khánh',
  'Lan',
  'Long',
  'Mai',
  'Nam',
  'Phương',
  'Quân',
  'Sơn',
  'Thảo',
  'Trung',
  'Yến',
];

const gc = (globalThis as { gc?: () => void }).gc;
const mib = (b: number) => `${(b / 2 ** 20).toFixed(1)} MiB`;
const gib = (b: number) => `${(b / 2 ** 30).toFixed(2)} GiB`;

function rows(from: number, to: number, cardsSoFar: { n: number }) {
  const persons: IndexPersonRow[] = [];
  const cards: IndexCardRow[] = [];
  const locks: IndexLockRow[] = [];
  for (let i = from; i < to && cardsSoFar.n < CARDS; i++) {
    const pid = String(100_000_000_000 + i);
    const si = String(1_000_000_000 + i);
    const words = 3 + (i % 3);
    const name = [
      FAMILY[i % FAMILY.length],
      MIDDLE[(i >> 3) % MIDDLE.length],
      ...Array.from({ length: words - 2 }, (_, k) => GIVEN[(i * 7 + k * 13) % GIVEN.length]),
    ].join(' ');
    persons.push({
      personal_id: pid,
      si_number: si,
      full_name: name,
      date_of_birth: '1985-03-14',
      gender: i % 2 ? 'male' : 'female',
    });
    const tax = String(100_000_0000 + (i % 200_000));
    if (i % 10 === 0 && cardsSoFar.n + 1 < CARDS) {
      cards.push({
        personal_id: pid,
        id: String(cardsSoFar.n),
        card_code: `DN479${si}`,
        benefit_level: 80,
        initial_facility_code: '79001',
        payer_kind: 'employer',
        payer_tax_code: tax,
        valid_from: '2019-01-01',
        valid_to: '2023-06-30',
        five_years_from: null,
        end_reason: 'left_scheme',
      });
      cardsSoFar.n++;
    }
    cards.push({
      personal_id: pid,
      id: String(cardsSoFar.n),
      card_code: `DN479${si}`,
      benefit_level: 80,
      initial_facility_code: String(1000 + (i % 90_000)).padStart(5, '0'),
      payer_kind: 'employer',
      payer_tax_code: tax,
      valid_from: '2023-07-01',
      valid_to: null,
      five_years_from: null,
      end_reason: null,
    });
    if (i % 1000 === 0)
      locks.push({
        personal_id: pid,
        card_id: String(cardsSoFar.n),
        kind: 'locked',
        effective_from: '2026-11-01',
        lifted_on: null,
      });
    cardsSoFar.n++;
  }
  return { persons, cards, locks };
}

function main(): void {
  gc?.();
  const before = process.memoryUsage();
  const t0 = performance.now();
  const store = new CoverageStore({ persons: Math.ceil(CARDS / 1.1), cards: CARDS, locks: CARDS / 1000 });
  const count = { n: 0 };
  let persons = 0;
  while (count.n < CARDS) {
    const page = rows(persons, persons + PAGE, count);
    store.putAll(page);
    persons += page.persons.length;
  }
  const fillMs = performance.now() - t0;
  gc?.();
  const after = process.memoryUsage();
  const f = store.figures();
  const grown = after.heapUsed - before.heapUsed + (after.arrayBuffers - before.arrayBuffers);

  const n = 200_000;
  const t1 = performance.now();
  let hits = 0;
  for (let k = 0; k < n; k++)
    if (store.byPersonalId(String(100_000_000_000 + ((k * 7919) % persons)), '2026-11-24')) hits++;
  const byIdRate = n / ((performance.now() - t1) / 1000);
  const t2 = performance.now();
  for (let k = 0; k < n; k++) if (store.byCard(`DN479${1_000_000_000 + ((k * 7919) % persons)}`, '2026-11-24')) hits++;
  const byCardRate = n / ((performance.now() - t2) / 1000);
  if (hits !== 2 * n) throw new Error(`lookups found ${hits} of ${2 * n}`);

  console.log(
    `coverage index: ${f.persons.toLocaleString('en')} persons, ${f.cards.toLocaleString('en')} cards, ${f.locks.toLocaleString('en')} locks (synthetic, filled as a full load fills it)`,
  );
  console.log(
    `  the store's bytes (typed arrays, names, hash tables): ${mib(f.bytes)} = ${(f.bytes / f.cards).toFixed(0)} bytes per card`,
  );
  console.log(
    `  the process grew (heap + array buffers, after GC${gc ? '' : ' — run with --expose-gc'}): ${mib(grown)}`,
  );
  console.log(
    `  filled in ${(fillMs / 1000).toFixed(1)} s; lookups ${Math.round(byIdRate).toLocaleString('en')}/s by personal ID, ${Math.round(byCardRate).toLocaleString('en')}/s by card code (one core)`,
  );
  console.log(
    `estimate at ${TARGET.toLocaleString('en')} cards: ${gib((Math.max(f.bytes, grown) / f.cards) * TARGET)} (the larger of the two figures, per card, × ${TARGET / f.cards})`,
  );
}

main();
