/**
 * Which language an answer is written in (issue #13): `Accept-Language` with its q-values for the
 * API, `--lang` / `ANSINH_LANG` for the CLI; Vietnamese when nothing we speak is asked for. And the
 * texts of a problem by its stable code: the title by status, the detail by code, with its field.
 */
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

/** Whether the catalog has a text for this error code. */
export const hasProblemText = (code: string): boolean => key(`problem.${code}`) !== null;

/** A problem's title: by its status. */
export function problemTitle(lang: Lang, status: number): string {
  return t(lang, key(`problem.status.${status}`) ?? 'problem.status.other');
}

/**
 * A problem's message in `lang` from its code: the catalog's text, its `{placeholders}` filled from
 * params; a code the catalog does not know keeps the message it was raised with in English (and a
 * general refusal in Vietnamese), so a new code is never answered with nothing.
 */
export function problemMessage(
  lang: Lang,
  code: string,
  original?: string,
  params: Record<string, string | number> = {},
): string {
  // zod's own issue for a strict object names the keys it refused: keep them (they are field names).
  const unknownKeys = code === 'INVALID_INPUT' && original ? /^Unrecognized keys?: (.+)$/.exec(original) : null;
  if (unknownKeys) return t(lang, 'problem.INVALID_INPUT.unknownKeys', { keys: unknownKeys[1]!.replace(/"/g, '') });
  const k = key(`problem.${code}`);
  if (k) return t(lang, k, { message: original ?? '', ...params });
  if (lang === 'en' && original) return original;
  return t(lang, 'problem.unknown');
}

/** A problem's detail: its message and, when one field failed, that field's name. */
export function problemDetail(
  lang: Lang,
  code: string,
  original?: string,
  field?: string,
  params: Record<string, string | number> = {},
): string {
  const message = problemMessage(lang, code, original, params);
  return field ? `${message} ${t(lang, 'problem.field', { field })}` : message;
}
