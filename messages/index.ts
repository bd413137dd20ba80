/**
 * The one message catalog (issue #12; issue #13 extends it to problem titles, CLI messages,
 * notices and PDFs): every user-facing text in Vietnamese, the default, and English. A text is
 * looked up by key; `{name}` placeholders are filled from the parameters (the console escapes the
 * result when it renders it).
 */
import { catalog } from './catalog';

export const LANGS = ['vi', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'vi';
export type MessageKey = keyof typeof catalog;

export const isLang = (v: unknown): v is Lang => v === 'vi' || v === 'en';

export function t(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  const text: string = catalog[key][lang];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] !== undefined ? String(params[name]) : whole,
  );
}

/** A translator bound to one language (what a view receives). */
export type T = (key: MessageKey, params?: Record<string, string | number>) => string;
export const translator =
  (lang: Lang): T =>
  (key, params) =>
    t(lang, key, params);

export { catalog };
