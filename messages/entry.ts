/** One text of the catalog, in both languages. */
export interface Entry {
  vi: string;
  en: string;
}
/** A section of the catalog: its keys are checked to carry both languages. */
export const section = <S extends Record<string, Entry>>(s: S): S => s;
