/**
 * Which language an answer is written in (issue #13): `Accept-Language` with its q-values for the
 * API, `--lang` / `ANSINH_LANG` for the CLI; Vietnamese when nothing we speak is asked for. And the
 * texts of a problem by its stable code: the title by code (by status for a code without one), the
 * detail by code with the occurrence's specifics and its field.
 */
import { formatDate, formatMoney, formatMonth } from './format';
import { catalog, DEFAULT_LANG, isLang, t, type Lang, type MessageKey } from './index';

/**
 * The language an `Accept-Language` header prefers among ours: the highest q wins, ties keep the
 * header's order; `vi-VN` and `en-GB` count as `vi` and `en`, `*` as the default, `q=0` as
 * "not this". Nothing we speak (or no header) → Vietnamese.
 */
export function langFromAcceptLanguage(header: string | string[] | undefined): Lang {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) return DEFAULT_LANG;
  let best: { lang: Lang; q: number } | null = null;
  for (const part of value.split(',').slice(0, 32)) {
    const [tag = '', ...attrs] = part.trim().split(';');
    const qAttr = attrs.map((a) => a.trim()).find((a) => /^q=/i.test(a));
    const q = qAttr ? Number(qAttr.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0 || q > 1) continue;
    const primary = tag.trim().toLowerCase().split('-')[0] ?? '';
    const lang: Lang | null = primary === '*' ? DEFAULT_LANG : isLang(primary) ? primary : null;
    if (lang && (!best || q > best.q)) best = { lang, q };
  }
  return best?.lang ?? DEFAULT_LANG;
}

/** `--lang` or ANSINH_LANG for the CLI: `vi` or `en` (a region such as `en-US` counts), default Vietnamese. */
export function langFromSetting(value: string | undefined): Lang {
  const primary = (value ?? '').trim().toLowerCase().split(/[-_.]/)[0];
  return isLang(primary) ? primary : DEFAULT_LANG;
}

const key = (k: string): MessageKey | null => (k in catalog ? (k as MessageKey) : null);

/** A problem's occurrence specifics (domain/errors.ts ProblemParams). */
export type Params = Readonly<Record<string, string | number>>;

/** `{name}` or `{name:kind}` in a problem template. */
const PLACEHOLDER = /\{(\w+)(?::(money|date|month|number|state|type))?\}/g;

/** The placeholders of a template, as `name` or `name:kind`, sorted (vi and en of a key must agree). */
export function templatePlaceholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => (m[2] ? `${m[1]}:${m[2]}` : m[1]!)).sort();
}
const names = (text: string) => [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))].sort();

/** Every detail template of a code: `problem.<CODE>.detail` and `problem.<CODE>.detail.<variant>`. */
export function detailTemplates(code: string): MessageKey[] {
  const base = `problem.${code}.detail`;
  return (Object.keys(catalog) as MessageKey[]).filter((k) => k === base || k.startsWith(`${base}.`));
}

function formatNumber(lang: Lang, v: string | number): string {
  const s = String(v);
  if (!/^-?\d+(\.\d+)?$/.test(s)) return s;
  const [whole = '', frac] = s.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'vi' ? '.' : ',');
  return frac ? `${grouped}${lang === 'vi' ? ',' : '.'}${frac}` : grouped;
}

/** One value as `lang` writes it: amounts `1.234.567 ₫`, dates `01/12/2026`, months `12/2026` in Vietnamese; a state or a type in words. */
function formatValue(lang: Lang, kind: string | undefined, v: string | number): string {
  switch (kind) {
    case 'money':
      return formatMoney(lang, String(v));
    case 'date':
      return /^\d{4}-\d{2}-\d{2}/.test(String(v)) ? formatDate(lang, String(v)) : String(v);
    case 'month':
      return /^\d{4}-\d{2}$/.test(String(v)) ? formatMonth(lang, String(v)) : String(v);
    case 'number':
      return formatNumber(lang, v);
    case 'state':
    case 'type': {
      const k = key(`problem.${kind}.${String(v)}`);
      return k ? t(lang, k) : String(v);
    }
    default:
      return String(v);
  }
}

/** Fills a template's placeholders from params, each written as its kind says. */
export function fillTemplate(lang: Lang, text: string, params: Params): string {
  return text.replace(PLACEHOLDER, (whole, name: string, kind: string | undefined) =>
    params[name] !== undefined ? formatValue(lang, kind, params[name]) : whole,
  );
}

/** Whether the catalog has a text for this error code (its detail when nothing specific is known). */
export const hasProblemText = (code: string): boolean => key(`problem.${code}`) !== null;
/** Whether the catalog has this code's own title. */
export const hasProblemTitle = (code: string): boolean => key(`problem.${code}.title`) !== null;

/**
 * A problem's title: the short summary of its type (RFC 9457, section 3.1.3), the same for every
 * occurrence of the code — the code's own title, else its status's.
 */
export function problemTitle(lang: Lang, code: string, status: number): string {
  return t(lang, key(`problem.${code}.title`) ?? key(`problem.status.${status}`) ?? 'problem.status.other');
}

/**
 * A problem's message in `lang` from its code and this occurrence's params: the code's detail
 * template whose placeholders are exactly the params given (`problem.<CODE>.detail…`), else the
 * code's general text (`{message}` is the message it was raised with: diagnostics of the command
 * line's own codes); a code the catalog does not know keeps the message it was raised with in
 * English (and a general refusal in Vietnamese), so a new code is never answered with nothing.
 */
export function problemMessage(lang: Lang, code: string, original?: string, params: Params = {}): string {
  const given = Object.keys(params).sort().join();
  if (given) {
    const template = detailTemplates(code).find((k) => names(catalog[k].en).join() === given);
    if (template) return fillTemplate(lang, catalog[template][lang], params);
  }
  // zod's own issue for a strict object names the keys it refused: keep them (they are field names).
  const unknownKeys = code === 'INVALID_INPUT' && original ? /^Unrecognized keys?: (.+)$/.exec(original) : null;
  if (unknownKeys) return t(lang, 'problem.INVALID_INPUT.detail.keys', { keys: unknownKeys[1]!.replace(/"/g, '') });
  const k = key(`problem.${code}`);
  if (k) return fillTemplate(lang, catalog[k][lang], { message: original ?? '' });
  if (lang === 'en' && original) return original;
  return t(lang, 'problem.unknown');
}

/** A problem's detail: its message and, when one field failed, that field's name. */
export function problemDetail(
  lang: Lang,
  code: string,
  original?: string,
  field?: string,
  params: Params = {},
): string {
  const message = problemMessage(lang, code, original, params);
  return field ? `${message} ${t(lang, 'problem.field', { field })}` : message;
}
