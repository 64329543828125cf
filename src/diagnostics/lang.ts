/** The languages chiso speaks. Vietnamese first: it is the default everywhere (contract.md). */
export type Lang = 'vi' | 'en';

export const DEFAULT_LANG: Lang = 'vi';
export const LANGS: readonly Lang[] = ['vi', 'en'];

export function isLang(value: unknown): value is Lang {
  return value === 'vi' || value === 'en';
}

/** `--lang`, `?lang=`: 'vi' or 'en' (any case, "vi-VN" too); undefined for anything else. */
export function parseLang(value: string | undefined | null): Lang | undefined {
  const base = (value ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return isLang(base) ? base : undefined;
}
