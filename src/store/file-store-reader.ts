/**
 * A read-only reader of the data directories chiso wrote before the store
 * moved onto SQL (the "file store", format version 1):
 *
 *     DIR/chiso-store.json        {"format": "chiso-file-store", "version": 1}
 *     DIR/submissions/<id>/submission.json, input.xlsx
 *     DIR/tokens/<id>.json
 *
 * Kept only so `chiso store import-files DIR` can bring those into the
 * database; nothing writes this format any more.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Problem } from '../diagnostics/problem.js';
import { fileReason, reason, ReasonError, type Reason, unexpectedReason } from '../diagnostics/reasons.js';
import type { Scorecard } from '../scoring/types.js';
import { ID_LENGTH, sha256Hex } from './hash.js';
import type { TokenRecord } from './types.js';
import { fileStoreTokenSchema } from './token-schema.js';

export const FILE_STORE_FORMAT = { format: 'chiso-file-store', version: 1 } as const;

const persistedSchema = z.looseObject({
  id: z.string().regex(/^[0-9a-f]+$/),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  fileName: z.string(),
  size: z.number().int().nonnegative(),
  uploadedAt: z.string(),
  seq: z.number().int(),
  uploadedBy: z.string().nullable(),
  confidence: z.number(),
  files: z.array(z.string()),
  problems: z.array(z.looseObject({ file: z.string(), sheet: z.string(), cell: z.string(), severity: z.enum(['error', 'warning', 'info']), code: z.string(), message: z.string() })),
  scorecards: z.array(z.looseObject({ level: z.string(), unit: z.looseObject({ name: z.string(), code: z.string() }) })),
});

export interface FileStoreSubmission {
  id: string;
  sha256: string;
  fileName: string;
  uploadedAt: string;
  seq: number;
  uploadedBy: string | null;
  confidence: number;
  files: string[];
  problems: Problem[];
  scorecards: Scorecard[];
  input: Uint8Array;
}

export interface Rejection {
  name: string;
  /** Why, in both languages with a stable code (src/diagnostics/reasons.ts): import-rejected's parameter. */
  reason: Reason;
  /** Set when the workbook's bytes do not match the SHA-256 its submission recorded. */
  hash?: { actual: string; recorded: string };
}

class HashMismatch extends ReasonError {
  constructor(readonly actual: string, readonly recorded: string) {
    super(reason('file-store-hash', { actual, recorded }));
  }
}

export interface FileStoreContents {
  /** In the old store's commit order (seq). */
  submissions: FileStoreSubmission[];
  tokens: TokenRecord[];
  /** Entries that could not be read or whose bytes do not match their hash: name and why. */
  rejected: Rejection[];
}

async function namesIn(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

const issues = (error: z.ZodError) => error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');

/** A file of an entry, its failure said in both languages: a missing or unreadable file. */
async function readPart(dir: string, name: string): Promise<Buffer> {
  try {
    return await readFile(join(dir, name));
  } catch (err) {
    throw new ReasonError(reason('file-store-unreadable', { name, reason: fileReason(err) }));
  }
}

/** A JSON record of an entry: unreadable, not JSON, or not of its schema (zod's words as the technical detail). */
async function readRecord<T>(dir: string, name: string, schema: z.ZodType<T>): Promise<T> {
  const text = (await readPart(dir, name)).toString('utf8');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ReasonError(reason('file-store-json', { name, detail: (err as Error).message }));
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ReasonError(reason('file-store-record', { name, detail: issues(parsed.error) }));
  return parsed.data;
}

const reasonOf = (err: unknown): Reason => (err instanceof ReasonError && err.reason.code ? (err.reason as Reason) : unexpectedReason(err));

/** Reads a whole file-store directory, verifying every workbook against its SHA-256 and id. */
export async function readFileStore(dir: string): Promise<FileStoreContents> {
  // The whole directory is refused (a ReasonError, in both languages) when it is not a file store.
  let meta: { format?: string; version?: number };
  const path = join(dir, 'chiso-store.json');
  try {
    meta = JSON.parse(await readFile(path, 'utf8')) as typeof meta;
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code ? fileReason(err) : unexpectedReason(err);
    throw new ReasonError(reason('file-store-not-store', { dir, path, reason: why }));
  }
  if (meta.format !== FILE_STORE_FORMAT.format || meta.version !== FILE_STORE_FORMAT.version) {
    throw new ReasonError(reason('file-store-version', { dir, version: FILE_STORE_FORMAT.version, format: String(meta.format), found: String(meta.version) }));
  }
  const contents: FileStoreContents = { submissions: [], tokens: [], rejected: [] };
  for (const name of await namesIn(join(dir, 'submissions'))) {
    if (name.startsWith('.')) continue;
    const where = `submissions/${name}`;
    try {
      const record = await readRecord(join(dir, where), 'submission.json', persistedSchema);
      const input = new Uint8Array(await readPart(join(dir, where), 'input.xlsx'));
      const actual = sha256Hex(input);
      if (actual !== record.sha256) throw new HashMismatch(actual, record.sha256);
      if (record.id !== name || record.id !== record.sha256.slice(0, ID_LENGTH)) throw new ReasonError(reason('file-store-id', { id: record.id }));
      contents.submissions.push({
        id: record.id,
        sha256: record.sha256,
        fileName: record.fileName,
        uploadedAt: record.uploadedAt,
        seq: record.seq,
        uploadedBy: record.uploadedBy,
        confidence: record.confidence,
        files: record.files,
        problems: record.problems as Problem[],
        scorecards: record.scorecards as unknown as Scorecard[],
        input,
      });
    } catch (err) {
      contents.rejected.push({ name: where, reason: reasonOf(err), ...(err instanceof HashMismatch ? { hash: { actual: err.actual, recorded: err.recorded } } : {}) });
    }
  }
  contents.submissions.sort((a, b) => a.seq - b.seq || a.uploadedAt.localeCompare(b.uploadedAt));
  for (const name of await namesIn(join(dir, 'tokens'))) {
    if (!name.endsWith('.json')) continue;
    try {
      contents.tokens.push(await readRecord(join(dir, 'tokens'), name, fileStoreTokenSchema));
    } catch (err) {
      contents.rejected.push({ name: `tokens/${name}`, reason: reasonOf(err) });
    }
  }
  return contents;
}
