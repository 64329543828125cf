import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { joinTexts, reason, ReasonError, type Reason } from '../diagnostics/reasons.js';
import { relevantProblem } from './relevant.js';
import { sectionOfItems } from './sections.js';
import {
  derivedFrameworkSchema,
  frameworkSchema,
  type DerivedFramework,
  type Framework,
} from './schema.js';

let root: string | undefined;

/**
 * The directory holding package.json (and templates/). Walking up from this
 * module works the same from src/ (vitest) and from dist/ after `tsc`; a
 * package.json without templates/ beside it (a build copying package.json into
 * dist/) is passed over.
 */
export function packageRoot(): string {
  if (root) return root;
  const start = dirname(fileURLToPath(import.meta.url));
  let fallback: string | undefined;
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) {
      if (existsSync(join(dir, 'templates'))) return (root = dir);
      fallback ??= dir;
    }
    if (dirname(dir) === dir) break;
  }
  if (fallback) return (root = fallback);
  throw new Error(`package.json not found above ${start}`);
}

export function frameworksDir(): string {
  return join(packageRoot(), 'templates', 'frameworks');
}

const SCHEMA_FILE = 'framework.schema.json';
const ID_PATTERN = /^[a-z0-9-]+$/;

/** Ids of the framework files in templates/frameworks, sorted. */
export function listFrameworks(): string[] {
  return readdirSync(frameworksDir())
    .filter((name) => name.endsWith('.json') && name !== SCHEMA_FILE)
    .map((name) => name.slice(0, -'.json'.length))
    .sort();
}

/** A readable one-paragraph summary of zod issues (at most `max` of them). */
export function summarizeIssues(error: z.ZodError, max = 8): string {
  const lines = error.issues.slice(0, max).map((issue) => {
    const path = issue.path.length ? issue.path.map(String).join('.') : '(root)';
    return `${path}: ${issue.message}`;
  });
  const more = error.issues.length > max ? `; and ${error.issues.length - max} more` : '';
  return lines.join('; ') + more;
}

/**
 * Why a framework cannot be loaded, in both languages (src/diagnostics/reasons.ts): the CLI shows it
 * as a usage error, an export's diagnostic carries it as its reason. Its message is the English text.
 */
export class FrameworkError extends ReasonError {
  constructor(reason: Reason) {
    super(reason);
    this.name = 'FrameworkError';
  }
}

function readFrameworkFile(id: string): Framework | DerivedFramework {
  if (!ID_PATTERN.test(id)) throw new FrameworkError(reason('framework-bad-id', { id }));
  const file = join(frameworksDir(), `${id}.json`);
  if (!existsSync(file)) {
    const known = listFrameworks().join(', ');
    throw new FrameworkError(reason('framework-unknown', { id, known: known || { vi: 'không có', en: 'none' } }));
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new FrameworkError(reason('framework-json', { path: file, detail: (err as Error).message }));
  }
  const isDerived = typeof raw === 'object' && raw !== null && 'extends' in raw;
  const parsed = isDerived ? derivedFrameworkSchema.safeParse(raw) : frameworkSchema.safeParse(raw);
  // zod's own words stay as they are, marked as the technical detail.
  if (!parsed.success) throw new FrameworkError(reason('framework-invalid', { path: file, detail: summarizeIssues(parsed.error) }));
  if (parsed.data.id !== id) throw new FrameworkError(reason('framework-id-mismatch', { path: file, declared: parsed.data.id, id }));
  return parsed.data;
}

/** Cross-references the schema cannot express: unique codes, parents that exist; each in both languages. */
export function frameworkIssues(framework: Framework): Reason[] {
  const problems: Reason[] = [];
  const dims = new Set<string>();
  for (const d of framework.dimensions) {
    if (dims.has(d.code)) problems.push(reason('framework-dimension-twice', { code: d.code }));
    dims.add(d.code);
  }
  const subs = new Set<string>();
  for (const s of framework.subdimensions) {
    if (subs.has(s.code)) problems.push(reason('framework-subdimension-twice', { code: s.code }));
    subs.add(s.code);
    if (!dims.has(s.dimension)) problems.push(reason('framework-subdimension-parent', { code: s.code, dimension: s.dimension }));
  }
  for (const d of dims) {
    if (!framework.subdimensions.some((s) => s.dimension === d)) problems.push(reason('framework-dimension-empty', { code: d }));
  }
  const items = new Set<string>();
  for (const item of framework.items) {
    if (items.has(item.code)) problems.push(reason('framework-item-twice', { code: item.code }));
    // An empty sub-dimension is a filter question (asked, never scored).
    if (item.subdimension !== '' && !subs.has(item.subdimension)) problems.push(reason('framework-item-parent', { code: item.code, subdimension: item.subdimension }));
    if (item.relevant !== undefined) {
      const problem = relevantProblem(item.relevant, items, item.code);
      if (problem) problems.push(reason('framework-item-relevant', { code: item.code, relevant: item.relevant, problem }));
    }
    items.add(item.code);
  }
  return problems;
}

/** frameworkIssues in English, one line each (for tests and tools that read the framework files). */
export function frameworkProblems(framework: Framework): string[] {
  return frameworkIssues(framework).map((r) => r.en);
}

function resolve(id: string, seen: string[]): Framework {
  if (seen.includes(id)) throw new FrameworkError(reason('framework-cycle', { id, chain: [...seen, id].join(' → ') }));
  const file = readFrameworkFile(id);
  if (!('extends' in file)) return file;
  const base = resolve(file.extends, [...seen, id]);
  const omit = new Set(file.omitSubdimensions);
  for (const code of omit) {
    if (!base.subdimensions.some((s) => s.code === code)) {
      throw new FrameworkError(reason('framework-omit-missing', { id, code, base: file.extends }));
    }
  }
  const subdimensions = base.subdimensions.filter((s) => !omit.has(s.code));
  const sectionsOfBase = sectionOfItems(base.items);
  const kept = new Set(subdimensions.map((s) => s.dimension));
  const derived: Framework = {
    id: file.id,
    nameVi: file.nameVi,
    nameEn: file.nameEn,
    ...(file.description !== undefined ? { description: file.description } : {}),
    dimensions: base.dimensions.filter((d) => kept.has(d.code)),
    subdimensions,
    // Filter questions go with the section they open (sectionOfItems).
    items: base.items.filter((_, j) => !omit.has(sectionsOfBase[j])),
  };
  return derived;
}

const cache = new Map<string, Framework>();

/**
 * The framework `id` from templates/frameworks/<id>.json, with `extends`
 * resolved (omitted sub-dimensions and their items dropped). Throws a
 * FrameworkError (both languages) naming the file for an unknown id or an invalid file. The result is a fresh
 * copy; callers may change it.
 */
export function loadFramework(id: string): Framework {
  let framework = cache.get(id);
  if (!framework) {
    framework = resolve(id, []);
    const problems = frameworkIssues(framework);
    if (problems.length) throw new FrameworkError(reason('framework-inconsistent', { id, problems: joinTexts(problems.slice(0, 8)) }));
    delete (framework as { $schema?: string }).$schema;
    cache.set(id, framework);
  }
  return structuredClone(framework);
}
