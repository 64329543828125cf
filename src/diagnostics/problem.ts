/** One problem found in a workbook (contract.md "Diagnostics"). */
import { CATALOGUE, codeOf, templatesOf, type MessageId, type ParamsOf, type ParamValue } from './catalogue.js';
import { DEFAULT_LANG, type Lang } from './lang.js';

export type Severity = 'error' | 'warning' | 'info';

export interface Problem {
  file: string;
  sheet: string;
  /** A1 reference, or '' for a whole sheet or the whole file. */
  cell: string;
  severity: Severity;
  /** Stable code from the catalogue (src/diagnostics/catalogue.ts), the same in every language. */
  code: string;
  /** The message in one language (Vietnamese unless `localize`d). */
  message: string;
  /** The catalogue message and its parameters, so it can be shown in either language. */
  id?: string;
  params?: Readonly<Record<string, ParamValue>>;
}

export interface Location {
  file: string;
  sheet?: string;
  cell?: string;
}

/** A number as its language writes it: a decimal comma in Vietnamese; whole numbers as they are. */
function formatNumber(n: number, lang: Lang): string {
  if (Number.isInteger(n)) return String(n);
  const text = String(n);
  return lang === 'vi' ? text.replace('.', ',') : text;
}

function formatParam(value: ParamValue | undefined, lang: Lang): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return formatNumber(value, lang);
  if (typeof value === 'string') return value;
  return value[lang];
}

/** Fills a template's `{name}` placeholders. */
export function fill(template: string, params: Readonly<Record<string, ParamValue>>, lang: Lang): string {
  return template.replace(/\{([A-Za-z]+)\}/g, (_, name: string) => formatParam(params[name], lang));
}

/** A catalogue message in one language. */
export function render<Id extends MessageId>(id: Id, params: ParamsOf<Id>, lang: Lang = DEFAULT_LANG): string {
  return fill(templatesOf(id)![lang], params as Record<string, ParamValue>, lang);
}

/** The one way a Problem is made: its severity and code come from the catalogue. */
export function problem<Id extends MessageId>(id: Id, params: ParamsOf<Id>, at: Location): Problem {
  const code = codeOf(id);
  return {
    file: at.file,
    sheet: at.sheet ?? '',
    cell: at.cell ?? '',
    severity: CATALOGUE[code].severity,
    code,
    message: render(id, params),
    id,
    params: params as Record<string, ParamValue>,
  };
}

/** The problem's message in `lang` (a problem stored before the catalogue keeps its message). */
export function messageIn(p: Problem, lang: Lang): string {
  const templates = p.id ? templatesOf(p.id) : undefined;
  return templates ? fill(templates[lang], p.params ?? {}, lang) : p.message;
}

/** The problem with its message in `lang`: what every output (CLI, JSON, report, API) shows. */
export function localize(p: Problem, lang: Lang): Problem {
  return { ...p, message: messageIn(p, lang) };
}

export function localizeAll(problems: readonly Problem[], lang: Lang): Problem[] {
  return problems.map((p) => localize(p, lang));
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

/** A1 column letters for a 1-based column number. */
export function columnLetters(column: number): string {
  let s = '';
  for (let c = column; c > 0; c = Math.floor((c - 1) / 26)) {
    s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  }
  return s;
}

export function cellRef(row: number, column: number): string {
  return `${columnLetters(column)}${row}`;
}
