/**
 * Search by name with accents and case ignored (issue #12): one folding, here, which the database
 * applies too — migration 0012's generated columns `participants.search_name` and
 * `employers.search_name` are `fold` written in SQL with the same two strings (a test reads the
 * migration and checks both agree on every Vietnamese letter). Pure: no I/O.
 */

/**
 * Every accented letter the folding knows, each over its base letter at the same position in
 * FOLD_TO: the 67 lowercase Vietnamese letters (a ă â e ê i o ô ơ u ư y with their five tones, and
 * đ), their 67 capitals, the other accented letters of Latin-1 in both cases, and A–Z. Capitals
 * fold to lowercase here rather than by lower(): what lower() does beyond ASCII depends on the
 * database's locale, this does not.
 */
export const FOLD_FROM =
  'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ' +
  'ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ' +
  'äåçëîïñöûüÿÄÅÇËÎÏÑÖÛÜŸ' +
  'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const FOLD_TO =
  'aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd' +
  'aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd' +
  'aaceiinouuyaaceiinouuy' +
  'abcdefghijklmnopqrstuvwxyz';

const TABLE = new Map<string, string>([...FOLD_FROM].map((c, i) => [c, FOLD_TO[i]!]));

/**
 * A name as search compares it: NFC, each accented letter to its base letter in lowercase ("đ" and
 * "Đ" to "d"), runs of spaces to one, no space at either end. "Nguyễn  Văn An" → "nguyen van an".
 * The SQL of migration 0012 is the same function:
 * `btrim(regexp_replace(translate(normalize(x, NFC), FOLD_FROM, FOLD_TO), ' {2,}', ' ', 'g'), ' ')`.
 */
export function foldName(s: string): string {
  let out = '';
  for (const c of s.normalize('NFC')) out += TABLE.get(c) ?? c;
  return out.replace(/ {2,}/g, ' ').replace(/^ +| +$/g, '');
}

/** What a participant search asks for: one person by an identifier, or names starting with a folded prefix. */
export type ParticipantQuery =
  | { kind: 'personalId'; personalId: string }
  | { kind: 'siNumber'; siNumber: string }
  | { kind: 'name'; prefix: string };

/** What an employer search asks for: tax codes starting with digits, or names starting with a folded prefix (none: all). */
export type EmployerQuery = { kind: 'taxCode'; prefix: string } | { kind: 'name'; prefix: string } | { kind: 'all' };

/** Why a search was refused: a stable code and a sentence. */
export interface SearchRefusal {
  code: 'INVALID_SEARCH' | 'SEARCH_TOO_SHORT';
  message: string;
}

/** Letters (any script, with their combining marks), spaces, and the apostrophe, hyphen and dot names carry. */
const NAME_CHARS = /^[\p{L}\p{M} '’.-]+$/u;
const LETTER = /\p{L}/gu;
const MIN_LETTERS = 2;

/**
 * A participant search (officers): a 12-digit personal ID, a 10-digit SI number, or the start of a
 * name of at least two letters, accents and case ignored. Anything else is refused: digits of
 * another length (INVALID_SEARCH: neither identifier), characters no name has (INVALID_SEARCH), a
 * single letter (SEARCH_TOO_SHORT) — the search never lists the population.
 */
export function parseParticipantQuery(raw: string): ParticipantQuery | SearchRefusal {
  const q = raw.normalize('NFC').trim();
  if (/^\d{12}$/.test(q)) return { kind: 'personalId', personalId: q };
  if (/^\d{10}$/.test(q)) return { kind: 'siNumber', siNumber: q };
  if (/^[\d\s-]+$/.test(q))
    return {
      code: 'INVALID_SEARCH',
      message: 'digits search a 12-digit personal ID or a 10-digit SI number',
    };
  if (!NAME_CHARS.test(q))
    return {
      code: 'INVALID_SEARCH',
      message: 'a 12-digit personal ID, a 10-digit SI number, or the start of a name (letters and spaces)',
    };
  if ((q.match(LETTER) ?? []).length < MIN_LETTERS)
    return { code: 'SEARCH_TOO_SHORT', message: `at least ${MIN_LETTERS} letters of a name` };
  return { kind: 'name', prefix: foldName(q) };
}

/**
 * An employer search (officers): digits (and the hyphen of a branch's tax code) are the start of a
 * tax code, anything else the start of a name (accents and case ignored); at least two characters.
 * No query lists every employer.
 */
export function parseEmployerQuery(raw: string | undefined): EmployerQuery | SearchRefusal {
  const q = (raw ?? '').normalize('NFC').trim();
  if (q === '') return { kind: 'all' };
  if (/^\d{1,10}(-\d{0,3})?$/.test(q)) {
    if (q.length < 2) return { code: 'SEARCH_TOO_SHORT', message: 'at least 2 digits of a tax code' };
    return { kind: 'taxCode', prefix: q };
  }
  if (/^[\d-]+$/.test(q)) return { code: 'INVALID_SEARCH', message: 'a tax code is 10 digits, or 10-3 for a branch' };
  const prefix = foldName(q);
  if ([...prefix].length < 2) return { code: 'SEARCH_TOO_SHORT', message: 'at least 2 characters of a name' };
  return { kind: 'name', prefix };
}

export const isSearchRefusal = (q: object): q is SearchRefusal => 'code' in q;

/**
 * foldName in SQL over a column (migration 0012's generated columns, the drizzle schema): the same
 * steps with the same strings.
 */
export function foldNameSql(column: string): string {
  return `btrim(regexp_replace(translate(normalize(${column}, NFC), '${FOLD_FROM}', '${FOLD_TO}'), ' {2,}', ' ', 'g'), ' ')`;
}
