import { cliText, type CliArgs, type CliMessageId } from '../diagnostics/cli-messages.js';
import { formatProblemLine } from '../diagnostics/reporters/line.js';
import { formatGithubAnnotation } from '../diagnostics/reporters/github.js';
import type { Lang } from '../diagnostics/lang.js';
import type { Problem } from '../diagnostics/problem.js';

/** Where a command writes: injected so tests run commands in-process. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Progress lines go to stderr only when a person is watching. */
  progress(text: string): void;
}

export const processIo: Io = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  progress: (text) => {
    if (process.stderr.isTTY) process.stderr.write(`chiso: ${text}\n`);
  },
};

/** Exit codes of contract.md. */
export const EXIT = { ok: 0, errors: 1, unscorable: 2, usage: 64 } as const;

/**
 * A command line chiso cannot run (exit 64). Its text in both languages when it
 * is one of cli-messages' (usageError), else as given (a help text, a library's message).
 */
export class UsageError extends Error {
  readonly text: { vi: string; en: string };
  constructor(message: string | { vi: string; en: string }) {
    super(typeof message === 'string' ? message : message.en);
    this.text = typeof message === 'string' ? { vi: message, en: message } : message;
  }

  messageIn(lang: Lang): string {
    return this.text[lang];
  }
}

/** A usage error from cli-messages, in both languages. */
export function usageError<Id extends CliMessageId>(id: Id, ...params: CliArgs<Id>): UsageError {
  return new UsageError(cliText(id, ...params));
}

export type ProblemFormat = 'text' | 'github';

export function printProblems(io: Io, problems: readonly Problem[], format: ProblemFormat = 'text', lang: Lang = 'vi'): void {
  for (const p of problems) io.err(format === 'github' ? formatGithubAnnotation(p, lang) : formatProblemLine(p, lang));
}

/** 2 if any input could not be scored, 1 if errors were found, else 0: the highest wins. */
export function exitCodeFor(results: readonly { fatal: boolean; problems: readonly Problem[] }[]): number {
  if (results.some((r) => r.fatal)) return EXIT.unscorable;
  if (results.some((r) => r.problems.some((p) => p.severity === 'error'))) return EXIT.errors;
  return EXIT.ok;
}
