/** Light and dark themes (CSS variables keyed on data-theme), remembered in localStorage. */
import { applyChartTheme } from './charts.js';
import type { Locale } from './i18n.js';

export type Theme = 'light' | 'dark';

function stored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function store(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    /* private mode: not remembered */
  }
}

export function initialTheme(): Theme {
  const saved = stored('chiso.theme');
  if (saved === 'light' || saved === 'dark') return saved;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  applyChartTheme();
  store('chiso.theme', theme);
}

/**
 * Vietnamese unless the user chose English here before: commune offices often
 * run an English Windows or browser, and the browser's language says nothing
 * about the reader's (issue 16).
 */
export function initialLocale(): Locale {
  return stored('chiso.locale') === 'en' ? 'en' : 'vi';
}

export function rememberLocale(locale: Locale): void {
  store('chiso.locale', locale);
}
