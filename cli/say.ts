/**
 * The CLI's words (issue #13): every human line is a `Line`, and the only way to make one is
 * `say(key, params)` — a text of the catalog (messages/cli.ts and the labels of other sections) in
 * the chosen language. `print` and `note` (cli/context.ts) take Lines only, so a line typed in
 * English in a command does not compile. Dates, months and amounts go through messages/format.ts.
 */
import { t, type Lang, type MessageKey } from '../messages/index';
import { catalog } from '../messages/catalog';
import { formatDate, formatMonth, formatMoney } from '../messages/format';

declare const fromCatalog: unique symbol;
/** One or more lines of human output, each made from a catalog text. */
export type Line = string & { readonly [fromCatalog]: true };

export type Params = Record<string, string | number>;

/** What a command formats its human output with, in one language. */
export interface Words {
  lang: Lang;
  /** A catalog text with its parameters filled: a Line. */
  say(key: MessageKey, params?: Params): Line;
  /** A catalog text by a key built from a code (a label), or the code itself when the catalog has none. */
  label(prefix: string, code: string, params?: Params): string;
  /** Several lines as one. */
  lines(ls: readonly Line[]): Line;
  money(amount: string | null | undefined): string;
  date(iso: string | null | undefined): string;
  month(month: string | null | undefined): string;
  /** A moment (ISO timestamp, UTC): in Vietnamese its date dd/mm/yyyy and its time of day in UTC; in English the ISO text. */
  instant(iso: string): string;
  /** A whole number grouped the language's way (1.000 in Vietnamese, 1,000 in English). */
  count(n: number): string;
}

export function words(lang: Lang): Words {
  return {
    lang,
    say: (key, params = {}) => t(lang, key, params) as Line,
    label(prefix, code, params = {}) {
      const key = `${prefix}${code}`;
      return key in catalog ? t(lang, key as MessageKey, params) : code;
    },
    lines: (ls) => ls.join('\n') as Line,
    money: (amount) => formatMoney(lang, amount),
    date: (iso) => formatDate(lang, iso),
    month: (m) => formatMonth(lang, m),
    instant: (iso) => (lang === 'en' ? iso : `${formatDate(lang, iso)} ${iso.slice(11, 19)} UTC`),
    count: (n) => formatMoney(lang, String(n)).replace(/ ₫$/, ''),
  };
}
