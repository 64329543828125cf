import type { Text } from '../diagnostics/catalogue.js';
import { cliMessage } from '../diagnostics/cli-messages.js';
import { watch as watchDirectory, type FSWatcher } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { DEFAULT_LANG, type Lang } from '../diagnostics/lang.js';
import { formatScore } from '../format/score.js';
import { summaryLine } from '../diagnostics/reporters/summary.js';
import { scoreWorkbook } from '../pipeline.js';
import { type Io, printProblems, UsageError, usageError } from './io.js';
import { langFrom, limitOptions, limitsFrom, parse, registryFrom, unitsOption } from './options.js';
import type { Registry } from '../units/types.js';

/** Excel's lock files (~$Book.xlsx), LibreOffice's (.~lock.Book.xlsx#) and editors' temporary files. */
export function isWatchedWorkbook(name: string): boolean {
  if (!/\.xlsx$/i.test(name)) return false;
  return !name.startsWith('~$') && !name.startsWith('.~lock') && !name.startsWith('.') && !/\.(tmp|temp)\.xlsx$/i.test(name);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the file's size and mtime stop changing: Excel writes in several steps. */
async function settled(path: string, interval = 150, attempts = 20): Promise<boolean> {
  let last = '';
  for (let i = 0; i < attempts; i++) {
    try {
      const s = await stat(path);
      const now = `${s.size}:${s.mtimeMs}`;
      if (now === last && s.size > 0) return true;
      last = now;
    } catch {
      return false; // deleted or renamed away (Excel saves through a temporary file)
    }
    await sleep(interval);
  }
  return true;
}

export interface Watcher {
  close(): void;
  /** Checks one workbook of the directory now. */
  check(name: string): Promise<void>;
  /** Resolves when every pending check has finished (for tests). */
  idle(): Promise<void>;
}

/** Watches a directory and re-checks each workbook a moment after it is saved. */
export function watchWorkbooks(dir: string, io: Io, options: { debounceMs?: number; onScored?: (file: string) => void; limits?: ReturnType<typeof limitsFrom>; lang?: Lang; registry?: Registry } = {}): Watcher {
  const lang = options.lang ?? DEFAULT_LANG;
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  const debounceMs = options.debounceMs ?? 400;

  const checkFile = async (name: string) => {
    const path = join(dir, name);
    if (!(await settled(path))) return;
    // A half-written file reads as a damaged zip: try again a little later before reporting it.
    for (let attempt = 0; attempt < 3; attempt++) {
      const started = Date.now();
      const result = await scoreWorkbook(path, { fileName: path, limits: options.limits, registry: options.registry });
      const halfWritten = result.fatal && result.problems.some((p) => p.code === 'corrupt-workbook' || p.code === 'not-a-workbook');
      if (halfWritten && attempt < 2) {
        await sleep(500);
        continue;
      }
      io.err(`\n[${new Date().toLocaleTimeString('en-GB')}] ${name}`);
      printProblems(io, result.problems, 'text', lang);
      const card = result.scorecards[0];
      const total = card?.total.score;
      io.err(`${summaryLine(result.problems, lang)}${card ? ` · ${cliMessage(lang, 'watchScored', { respondents: card.respondents, total: formatScore(total, lang) })}` : ''} · ${Date.now() - started} ms`);
      options.onScored?.(path);
      return;
    }
  };

  const schedule = (name: string | null) => {
    if (!name || !isWatchedWorkbook(basename(name))) return;
    clearTimeout(timers.get(name));
    timers.set(
      name,
      setTimeout(() => {
        timers.delete(name);
        const job = checkFile(name).finally(() => running.delete(job));
        running.add(job);
      }, debounceMs),
    );
  };

  const watcher: FSWatcher = watchDirectory(dir, (_event, name) => schedule(name ? String(name) : null));
  return {
    check: checkFile,
    close() {
      watcher.close();
      for (const t of timers.values()) clearTimeout(t);
    },
    async idle() {
      while (timers.size || running.size) await sleep(50);
    },
  };
}

/** `chiso watch --help`, in both languages (--lang). */
export const help: Text = {
  vi: `chiso watch THƯ_MỤC [--once] [--units DANH_MỤC]
  Kiểm tra và tính điểm lại một tệp Excel mỗi khi tệp được lưu (--once: kiểm tra các tệp đang có rồi dừng).`,
  en: `chiso watch DIR [--once] [--units REGISTRY]
  Re-checks and re-scores a workbook each time it is saved (--once: check what is there, then stop).`,
};

export async function run(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { once: { type: 'boolean' }, ...limitOptions, ...unitsOption });
  if (positionals.length !== 1) throw usageError('usageWatchDir');
  const dir = positionals[0];
  const names = (await readdir(dir).catch(() => {
    throw usageError('usageReadDir', { dir });
  })).filter(isWatchedWorkbook);
  const limits = limitsFrom(values);
  const lang = langFrom(values);
  io.err(cliMessage(lang, 'watching', { dir, workbooks: names.length }));
  const { registry, failed } = await registryFrom(values.units, io, limits, lang);
  if (failed) return 2;
  const watcher = watchWorkbooks(dir, io, { limits, lang, registry });
  // Check what is there now, then keep watching.
  for (const name of names) await watcher.check(name);
  if (values.once) {
    watcher.close();
    return 0;
  }
  await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
  watcher.close();
  return 0;
}
