/**
 * The coverage check's validity index in memory (issue 16): what the coverage answer reads about
 * every person — the holder (personal ID, SI number, name, date of birth, gender), their cards
 * (code, validity, benefit level, initial facility, payer, whether it ended because they left the
 * scheme) and each card's locks — held in typed arrays and a UTF-8 byte pool, never as objects,
 * so that 20,000,000 cards fit in a few GiB (`npm run bench:coverage-memory` measures it).
 *
 * - Numbers for identifiers: a personal ID (12 digits), an SI number (10) and a card code
 *   (2 letters + 13 digits: `(letters) × 10^13 + digits` < 2^53) are exact doubles; dates are days
 *   since 1970-01-01 (Int32, NO_DATE for null); the initial facility (5 digits) an Int32.
 * - Three open-addressing hash tables on those numbers (personal ID → person, SI number → person,
 *   card code → card, the last a multimap: a code may be on several rows), linear probing,
 *   tombstones on removal, rebuilt above 70 % load.
 * - A person's cards are a linked list in the database's order (valid_from, then id), each card's
 *   locks another (effective_from, then id); removed slots go to free lists and are reused.
 *
 * The lookups return exactly what db/queries/coverage.ts returns for the same data (the same row,
 * the same tie-breaks), so services/coverage.ts builds one answer from either; a test compares the
 * two on every case (test/services/coverage-index.test.ts). Pure: no I/O, no clock.
 */
import type { IndexCardRow, IndexLockRow, IndexPersonRow } from '../db/queries/coverage-index';

/** A null date. */
const NO_DATE = 0x7fffffff;
const NONE = -1;
const PAYER_KINDS = ['employer', 'ui_fund', 'state_budget', 'self'] as const;
const LEFT_SCHEME = 4;
const LIVE = 128;
const GENDERS = ['male', 'female'] as const;
const FREE_PERSON = 255;
const LOCK_KINDS = ['locked', 'withdrawn'] as const;

// ── numbers for texts ─────────────────────────────────────────────────────────

/** Days since 1970-01-01 of a `YYYY-MM-DD` (the proleptic Gregorian calendar, as PostgreSQL's date). */
export function daysOf(iso: string): number {
  let y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** `YYYY-MM-DD` of days since 1970-01-01 (PostgreSQL's ISO output for years 1–9999). */
export function isoOf(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

const dateOrNone = (iso: string | null) => (iso === null ? NO_DATE : daysOf(iso));
const isoOrNull = (days: number) => (days === NO_DATE ? null : isoOf(days));

const DIGITS_12 = /^[0-9]{12}$/;
const DIGITS_10 = /^[0-9]{10}$/;
const CARD = /^[A-Z]{2}[1-5][0-9]{12}$/;

/** A personal ID as a number; NaN for anything else (finds nothing). */
export const personKeyOf = (s: string) => (DIGITS_12.test(s) ? Number(s) : Number.NaN);
/** An SI number as a number; NaN for anything else. */
export const siKeyOf = (s: string) => (DIGITS_10.test(s) ? Number(s) : Number.NaN);
/** A card code (hi_cards_code_format) as a number below 2^53; NaN for anything else. */
export function cardKeyOf(code: string): number {
  if (!CARD.test(code)) return Number.NaN;
  return ((code.charCodeAt(0) - 65) * 26 + (code.charCodeAt(1) - 65)) * 1e13 + Number(code.slice(2));
}
function cardCodeOf(key: number): string {
  const letters = Math.floor(key / 1e13);
  const rest = key - letters * 1e13;
  return `${String.fromCharCode(65 + Math.floor(letters / 26), 65 + (letters % 26))}${String(rest).padStart(13, '0')}`;
}

// ── hash tables ────────────────────────────────────────────────────────────────

function hashOf(k: number): number {
  let h = Math.imul((k >>> 0) ^ Math.imul((k / 4294967296) >>> 0, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

const EMPTY = 0;
const TOMB = -1;

/** Open addressing over values 0…n−1 whose key is `keyOf(value)`: slots hold value + 1, 0 empty, −1 removed. */
class KeyTable {
  slots: Int32Array;
  private mask: number;
  private used = 0;
  private tombs = 0;
  constructor(
    private readonly keyOf: (v: number) => number,
    expected: number,
  ) {
    const cap = KeyTable.capacityFor(expected);
    this.slots = new Int32Array(cap);
    this.mask = cap - 1;
  }
  static capacityFor(n: number): number {
    let cap = 16;
    while (cap * 0.7 < n + 1) cap *= 2;
    return cap;
  }
  get size(): number {
    return this.used;
  }
  /** The one value with this key (unique tables), or NONE. */
  find(key: number): number {
    if (Number.isNaN(key)) return NONE;
    const { slots, mask, keyOf } = this;
    for (let i = hashOf(key) & mask; ; i = (i + 1) & mask) {
      const s = slots[i]!;
      if (s === EMPTY) return NONE;
      if (s > 0 && keyOf(s - 1) === key) return s - 1;
    }
  }
  /** Every value with this key (multimap tables). */
  each(key: number, fn: (v: number) => void): void {
    if (Number.isNaN(key)) return;
    const { slots, mask, keyOf } = this;
    for (let i = hashOf(key) & mask; ; i = (i + 1) & mask) {
      const s = slots[i]!;
      if (s === EMPTY) return;
      if (s > 0 && keyOf(s - 1) === key) fn(s - 1);
    }
  }
  add(v: number): void {
    if (this.used + this.tombs + 1 > this.slots.length * 0.7) this.rebuild();
    const { slots, mask } = this;
    for (let i = hashOf(this.keyOf(v)) & mask; ; i = (i + 1) & mask) {
      const s = slots[i]!;
      if (s === EMPTY || s === TOMB) {
        if (s === TOMB) this.tombs--;
        slots[i] = v + 1;
        this.used++;
        return;
      }
    }
  }
  /** Removes the value (its key must still be the one it was added under). */
  remove(v: number): void {
    const { slots, mask } = this;
    for (let i = hashOf(this.keyOf(v)) & mask; ; i = (i + 1) & mask) {
      const s = slots[i]!;
      if (s === EMPTY) return;
      if (s === v + 1) {
        slots[i] = TOMB;
        this.used--;
        this.tombs++;
        return;
      }
    }
  }
  private rebuild(): void {
    const old = this.slots;
    const cap = KeyTable.capacityFor(this.used * 1.5);
    this.slots = new Int32Array(cap);
    this.mask = cap - 1;
    this.used = 0;
    this.tombs = 0;
    for (const s of old) if (s > 0) this.add(s - 1);
  }
}

// ── growable typed arrays ───────────────────────────────────────────────────────

type Typed = Float64Array | Int32Array | Uint32Array | Uint8Array;
function grown<T extends Typed>(a: T, n: number): T {
  if (n <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(n, Math.ceil(a.length * 1.5) + 16));
  b.set(a);
  return b;
}

// ── what the lookups return (the shape of db/queries/coverage.ts's rows) ─────────

/** The columns of a card, as db/queries/coverage.ts reads them. */
export interface StoredCard {
  cardCode: string;
  benefitLevel: number;
  initialFacilityCode: string | null;
  payerKind: string;
  payerTaxCode: string | null;
  validFrom: string;
  validTo: string | null;
  fiveYearsFrom: string | null;
}

/** A card's columns as a coverage row holds them: each null where the holder has no card in force. */
export type CardColumns = { [K in keyof StoredCard]: StoredCard[K] | null };

/** lookUpCoverage's row: the holder, the card in force (nulls when none) and its lock ("kind since"). */
export interface StoredCoverageRow extends CardColumns {
  personalId: string;
  siNumber: string;
  fullName: string;
  dateOfBirth: string;
  gender: string;
  lock: string | null;
}

export interface StoreFigures {
  persons: number;
  cards: number;
  locks: number;
  /** The bytes of every typed array and the name pool (allocated, not only used). */
  bytes: number;
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

export class CoverageStore {
  // persons
  private pId: Float64Array;
  private pSi: Float64Array;
  private pBirth: Int32Array;
  private pGender: Uint8Array;
  private pFirstCard: Int32Array;
  private pNameAt: Uint32Array;
  private pNameLen: Uint32Array;
  private pCount = 0;
  private livePersons = 0;
  private names: Uint8Array;
  private namesUsed = 0;
  private namesGarbage = 0;
  // cards
  private cKey: Float64Array;
  private cPerson: Int32Array;
  private cFrom: Int32Array;
  private cTo: Int32Array;
  private cFive: Int32Array;
  private cFacility: Int32Array;
  private cTax: Int32Array;
  private cLevel: Uint8Array;
  private cFlags: Uint8Array;
  private cNext: Int32Array;
  private cFirstLock: Int32Array;
  private cCount = 0;
  private cFree = NONE;
  private liveCards = 0;
  // locks
  private lKind: Uint8Array;
  private lFrom: Int32Array;
  private lLifted: Int32Array;
  private lNext: Int32Array;
  private lCount = 0;
  private lFree = NONE;
  private liveLocks = 0;
  // payers' tax codes (a few hundred thousand employers): a string table
  private taxCodes: string[] = [];
  private taxIndex = new Map<string, number>();
  // hash tables
  private byId: KeyTable;
  private bySi: KeyTable;
  private byCode: KeyTable;

  constructor(expected: { persons: number; cards: number; locks: number } = { persons: 0, cards: 0, locks: 0 }) {
    const p = Math.max(16, Math.ceil(expected.persons * 1.02));
    const c = Math.max(16, Math.ceil(expected.cards * 1.02));
    const l = Math.max(16, Math.ceil(expected.locks * 1.05));
    this.pId = new Float64Array(p);
    this.pSi = new Float64Array(p);
    this.pBirth = new Int32Array(p);
    this.pGender = new Uint8Array(p);
    this.pFirstCard = new Int32Array(p);
    this.pNameAt = new Uint32Array(p);
    this.pNameLen = new Uint32Array(p);
    this.names = new Uint8Array(Math.max(1024, p * 24));
    this.cKey = new Float64Array(c);
    this.cPerson = new Int32Array(c);
    this.cFrom = new Int32Array(c);
    this.cTo = new Int32Array(c);
    this.cFive = new Int32Array(c);
    this.cFacility = new Int32Array(c);
    this.cTax = new Int32Array(c);
    this.cLevel = new Uint8Array(c);
    this.cFlags = new Uint8Array(c);
    this.cNext = new Int32Array(c);
    this.cFirstLock = new Int32Array(c);
    this.lKind = new Uint8Array(l);
    this.lFrom = new Int32Array(l);
    this.lLifted = new Int32Array(l);
    this.lNext = new Int32Array(l);
    this.byId = new KeyTable((v) => this.pId[v]!, expected.persons);
    this.bySi = new KeyTable((v) => this.pSi[v]!, expected.persons);
    this.byCode = new KeyTable((v) => this.cKey[v]!, expected.cards);
  }

  figures(): StoreFigures {
    const arrays: Typed[] = [
      this.pId,
      this.pSi,
      this.pBirth,
      this.pGender,
      this.pFirstCard,
      this.pNameAt,
      this.pNameLen,
      this.names,
      this.cKey,
      this.cPerson,
      this.cFrom,
      this.cTo,
      this.cFive,
      this.cFacility,
      this.cTax,
      this.cLevel,
      this.cFlags,
      this.cNext,
      this.cFirstLock,
      this.lKind,
      this.lFrom,
      this.lLifted,
      this.lNext,
      this.byId.slots,
      this.bySi.slots,
      this.byCode.slots,
    ];
    return {
      persons: this.livePersons,
      cards: this.liveCards,
      locks: this.liveLocks,
      bytes: arrays.reduce((n, a) => n + a.byteLength, 0),
    };
  }

  // ── writing ────────────────────────────────────────────────────────────────

  /**
   * Puts one person with every card and lock they hold now, replacing what was held before:
   * `cards[cardFrom…cardTo)` are theirs in the database's order (valid_from, id), and
   * `locks[lockFrom…lockTo)` in (card, effective_from, id) order.
   */
  put(
    person: IndexPersonRow,
    cards: readonly IndexCardRow[],
    cardFrom: number,
    cardTo: number,
    locks: readonly IndexLockRow[],
    lockFrom: number,
    lockTo: number,
  ): void {
    const key = personKeyOf(person.personal_id);
    let p = this.byId.find(key);
    if (p === NONE) {
      p = this.pCount++;
      this.growPersons(this.pCount);
      this.pId[p] = key;
      this.pSi[p] = siKeyOf(person.si_number);
      this.pFirstCard[p] = NONE;
      this.pNameLen[p] = 0;
      this.byId.add(p);
      this.bySi.add(p);
      this.livePersons++;
    } else {
      this.dropCards(p);
      const si = siKeyOf(person.si_number);
      if (this.pSi[p] !== si) {
        this.bySi.remove(p);
        this.pSi[p] = si;
        this.bySi.add(p);
      }
    }
    this.pBirth[p] = daysOf(person.date_of_birth);
    this.pGender[p] = person.gender === 'female' ? 1 : 0;
    this.setName(p, person.full_name);
    // Cards, appended in order (the list keeps the database's order).
    let tail = NONE;
    for (let i = cardFrom; i < cardTo; i++) {
      const c = cards[i]!;
      const s = this.newCard();
      this.cKey[s] = cardKeyOf(c.card_code);
      this.cPerson[s] = p;
      this.cFrom[s] = daysOf(c.valid_from);
      this.cTo[s] = dateOrNone(c.valid_to);
      this.cFive[s] = dateOrNone(c.five_years_from);
      this.cFacility[s] = c.initial_facility_code === null ? NONE : Number(c.initial_facility_code);
      this.cTax[s] = c.payer_tax_code === null ? NONE : this.taxOf(c.payer_tax_code);
      this.cLevel[s] = c.benefit_level;
      this.cFlags[s] =
        LIVE |
        Math.max(0, PAYER_KINDS.indexOf(c.payer_kind as never)) |
        (c.end_reason === 'left_scheme' ? LEFT_SCHEME : 0);
      this.cNext[s] = NONE;
      this.cFirstLock[s] = NONE;
      if (tail === NONE) this.pFirstCard[p] = s;
      else this.cNext[tail] = s;
      tail = s;
      this.byCode.add(s);
    }
    // Locks (rare), appended to their card's list in order; a lock's card is the person's (a foreign key).
    for (let j = lockFrom; j < lockTo; j++) {
      const l = locks[j]!;
      let s = this.pFirstCard[p]!;
      for (let i = cardFrom; i < cardTo && cards[i]!.id !== l.card_id; i++) s = this.cNext[s]!;
      if (s === NONE) continue;
      const k = this.newLock();
      this.lKind[k] = l.kind === 'withdrawn' ? 1 : 0;
      this.lFrom[k] = daysOf(l.effective_from);
      this.lLifted[k] = dateOrNone(l.lifted_on);
      this.lNext[k] = NONE;
      let last = this.cFirstLock[s]!;
      if (last === NONE) this.cFirstLock[s] = k;
      else {
        while (this.lNext[last] !== NONE) last = this.lNext[last]!;
        this.lNext[last] = k;
      }
    }
  }

  /** Puts every person of `rows` (each person's cards and locks follow the persons' order). */
  putAll(rows: {
    persons: readonly IndexPersonRow[];
    cards: readonly IndexCardRow[];
    locks: readonly IndexLockRow[];
  }): void {
    const { persons, cards, locks } = rows;
    let c = 0;
    let l = 0;
    for (const person of persons) {
      const id = person.personal_id;
      while (c < cards.length && cards[c]!.personal_id < id) c++;
      while (l < locks.length && locks[l]!.personal_id < id) l++;
      let c2 = c;
      while (c2 < cards.length && cards[c2]!.personal_id === id) c2++;
      let l2 = l;
      while (l2 < locks.length && locks[l2]!.personal_id === id) l2++;
      this.put(person, cards, c, c2, locks, l, l2);
      c = c2;
      l = l2;
    }
  }

  /** Forgets a person (deleted from the database). */
  remove(personalId: string): void {
    const p = this.byId.find(personKeyOf(personalId));
    if (p === NONE) return;
    this.dropCards(p);
    this.byId.remove(p);
    this.bySi.remove(p);
    this.namesGarbage += this.pNameLen[p]!;
    this.pNameLen[p] = 0;
    this.pGender[p] = FREE_PERSON;
    this.livePersons--;
  }

  private growPersons(n: number): void {
    if (n <= this.pId.length) return;
    this.pId = grown(this.pId, n);
    this.pSi = grown(this.pSi, n);
    this.pBirth = grown(this.pBirth, n);
    this.pGender = grown(this.pGender, n);
    this.pFirstCard = grown(this.pFirstCard, n);
    this.pNameAt = grown(this.pNameAt, n);
    this.pNameLen = grown(this.pNameLen, n);
  }

  private setName(p: number, name: string): void {
    const bytes = utf8.encode(name);
    if (bytes.length <= this.pNameLen[p]!) {
      this.names.set(bytes, this.pNameAt[p]!);
      this.namesGarbage += this.pNameLen[p]! - bytes.length;
      this.pNameLen[p] = bytes.length;
      return;
    }
    this.namesGarbage += this.pNameLen[p]!;
    if (this.namesGarbage > 1 << 20 && this.namesGarbage > this.namesUsed / 2) this.compactNames();
    this.names = grown(this.names, this.namesUsed + bytes.length);
    this.names.set(bytes, this.namesUsed);
    this.pNameAt[p] = this.namesUsed;
    this.pNameLen[p] = bytes.length;
    this.namesUsed += bytes.length;
  }

  /** Rewrites the name pool without the bytes of replaced names. */
  private compactNames(): void {
    const next = new Uint8Array(Math.max(1024, Math.ceil((this.namesUsed - this.namesGarbage) * 1.25)));
    let at = 0;
    for (let p = 0; p < this.pCount; p++) {
      const n = this.pNameLen[p]!;
      if (n === 0) continue;
      next.set(this.names.subarray(this.pNameAt[p]!, this.pNameAt[p]! + n), at);
      this.pNameAt[p] = at;
      at += n;
    }
    this.names = next;
    this.namesUsed = at;
    this.namesGarbage = 0;
  }

  private taxOf(code: string): number {
    let i = this.taxIndex.get(code);
    if (i === undefined) {
      i = this.taxCodes.push(code) - 1;
      this.taxIndex.set(code, i);
    }
    return i;
  }

  private newCard(): number {
    let s = this.cFree;
    if (s !== NONE) {
      this.cFree = this.cNext[s]!;
    } else {
      s = this.cCount++;
      if (this.cCount > this.cKey.length) {
        const n = this.cCount;
        this.cKey = grown(this.cKey, n);
        this.cPerson = grown(this.cPerson, n);
        this.cFrom = grown(this.cFrom, n);
        this.cTo = grown(this.cTo, n);
        this.cFive = grown(this.cFive, n);
        this.cFacility = grown(this.cFacility, n);
        this.cTax = grown(this.cTax, n);
        this.cLevel = grown(this.cLevel, n);
        this.cFlags = grown(this.cFlags, n);
        this.cNext = grown(this.cNext, n);
        this.cFirstLock = grown(this.cFirstLock, n);
      }
    }
    this.liveCards++;
    return s;
  }

  private newLock(): number {
    let k = this.lFree;
    if (k !== NONE) {
      this.lFree = this.lNext[k]!;
    } else {
      k = this.lCount++;
      if (this.lCount > this.lKind.length) {
        const n = this.lCount;
        this.lKind = grown(this.lKind, n);
        this.lFrom = grown(this.lFrom, n);
        this.lLifted = grown(this.lLifted, n);
        this.lNext = grown(this.lNext, n);
      }
    }
    this.liveLocks++;
    return k;
  }

  /** Frees a person's cards and their locks (their slots are reused). */
  private dropCards(p: number): void {
    for (let s = this.pFirstCard[p]!; s !== NONE;) {
      const next = this.cNext[s]!;
      for (let k = this.cFirstLock[s]!; k !== NONE;) {
        const n = this.lNext[k]!;
        this.lNext[k] = this.lFree;
        this.lFree = k;
        this.liveLocks--;
        k = n;
      }
      this.byCode.remove(s);
      this.cFlags[s] = 0;
      this.cNext[s] = this.cFree;
      this.cFree = s;
      this.liveCards--;
      s = next;
    }
    this.pFirstCard[p] = NONE;
  }

  // ── reading ────────────────────────────────────────────────────────────────

  private card(s: number): StoredCard {
    const facility = this.cFacility[s]!;
    const tax = this.cTax[s]!;
    return {
      cardCode: cardCodeOf(this.cKey[s]!),
      benefitLevel: this.cLevel[s]!,
      initialFacilityCode: facility === NONE ? null : String(facility).padStart(5, '0'),
      payerKind: PAYER_KINDS[this.cFlags[s]! & 3]!,
      payerTaxCode: tax === NONE ? null : this.taxCodes[tax]!,
      validFrom: isoOf(this.cFrom[s]!),
      validTo: isoOrNull(this.cTo[s]!),
      fiveYearsFrom: isoOrNull(this.cFive[s]!),
    };
  }

  /**
   * The row of lookUpCoverage: the card in force on `day` (of code `key` only, when given) — the
   * higher benefit level, then the later valid_from, then the later id — and its lock that day —
   * the later effective_from, then the later id.
   */
  private rowOf(p: number, day: number, key: number | null): StoredCoverageRow {
    let best = NONE;
    for (let s = this.pFirstCard[p]!; s !== NONE; s = this.cNext[s]!) {
      if (key !== null && this.cKey[s] !== key) continue;
      const to = this.cTo[s]!;
      if (this.cFrom[s]! > day || (to !== NO_DATE && to < day)) continue;
      if (
        best === NONE ||
        this.cLevel[s]! > this.cLevel[best]! ||
        (this.cLevel[s] === this.cLevel[best] && this.cFrom[s]! >= this.cFrom[best]!)
      )
        best = s;
    }
    let lock: string | null = null;
    if (best !== NONE) {
      let held = NONE;
      for (let k = this.cFirstLock[best]!; k !== NONE; k = this.lNext[k]!) {
        const lifted = this.lLifted[k]!;
        if (this.lFrom[k]! > day || (lifted !== NO_DATE && lifted <= day)) continue;
        if (held === NONE || this.lFrom[k]! >= this.lFrom[held]!) held = k;
      }
      if (held !== NONE) lock = `${LOCK_KINDS[this.lKind[held]!]} ${isoOf(this.lFrom[held]!)}`;
    }
    const c = best === NONE ? null : this.card(best);
    const at = this.pNameAt[p]!;
    return {
      personalId: String(this.pId[p]!).padStart(12, '0'),
      siNumber: String(this.pSi[p]!).padStart(10, '0'),
      fullName: fromUtf8.decode(this.names.subarray(at, at + this.pNameLen[p]!)),
      dateOfBirth: isoOf(this.pBirth[p]!),
      gender: GENDERS[this.pGender[p]!]!,
      cardCode: c?.cardCode ?? null,
      benefitLevel: c?.benefitLevel ?? null,
      initialFacilityCode: c?.initialFacilityCode ?? null,
      payerKind: c?.payerKind ?? null,
      payerTaxCode: c?.payerTaxCode ?? null,
      validFrom: c?.validFrom ?? null,
      validTo: c?.validTo ?? null,
      fiveYearsFrom: c?.fiveYearsFrom ?? null,
      lock,
    };
  }

  byPersonalId(personalId: string, date: string): StoredCoverageRow | undefined {
    const p = this.byId.find(personKeyOf(personalId));
    return p === NONE ? undefined : this.rowOf(p, daysOf(date), null);
  }

  bySiNumber(siNumber: string, date: string): StoredCoverageRow | undefined {
    const p = this.bySi.find(siKeyOf(siNumber));
    return p === NONE ? undefined : this.rowOf(p, daysOf(date), null);
  }

  /** By card code: the holder of the card of that code that starts last (then the higher personal ID), and that code's card in force. */
  byCard(code: string, date: string): StoredCoverageRow | undefined {
    const key = cardKeyOf(code);
    let holder = NONE;
    let from = 0;
    this.byCode.each(key, (s) => {
      const p = this.cPerson[s]!;
      if (holder === NONE || this.cFrom[s]! > from || (this.cFrom[s] === from && this.pId[p]! > this.pId[holder]!)) {
        holder = p;
        from = this.cFrom[s]!;
      }
    });
    return holder === NONE ? undefined : this.rowOf(holder, daysOf(date), key);
  }

  /** cardsAround: every card of the person (of that code only, when given) in (valid_from, id) order, with why it ended. */
  cardsOf(personalId: string, code?: string): (StoredCard & { endReason: string | null })[] {
    const p = this.byId.find(personKeyOf(personalId));
    if (p === NONE) return [];
    const key = code === undefined ? null : cardKeyOf(code);
    const out: (StoredCard & { endReason: string | null })[] = [];
    for (let s = this.pFirstCard[p]!; s !== NONE; s = this.cNext[s]!) {
      if (key !== null && this.cKey[s] !== key) continue;
      out.push({ ...this.card(s), endReason: this.cFlags[s]! & LEFT_SCHEME ? 'left_scheme' : null });
    }
    return out;
  }
}
