import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, unlink, open } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import type { Scorecard } from '../scoring/types.js';
import { normalizeName, unitKeyOf, yearKey } from './keys.js';
import { syncDir, tempName, writeFileAtomic, writeFileSynced } from './fs-atomic.js';
import type {
  HistoryEntry,
  NewSubmission,
  PutResult,
  StoredSubmission,
  SubmissionStore,
  SubmissionSummary,
  SubmissionUnit,
  TokenRecord,
  UnitEntry,
} from './types.js';

/** The names in a directory; none when it does not exist yet (a new store). */
async function namesIn(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

const FORMAT = { format: 'chiso-file-store', version: 1 } as const;
const META_FILE = 'submission.json';
const INPUT_FILE = 'input.xlsx';
/** Length of the id: a prefix of the SHA-256 of the bytes (96 bits). */
const ID_LENGTH = 24;

export class StoreLockedError extends Error {
  constructor(dir: string, pid: number) {
    super(`the store ${dir} is in use by process ${pid}`);
    this.name = 'StoreLockedError';
  }
}

export interface FileStoreOptions {
  /** Open without the writer lock; puts are refused (for a CLI reading a served store). */
  readOnly?: boolean;
  /** Clock, for tests. */
  now?: () => Date;
}

/** A submission directory that could not be read at open (left in place, reported here). */
export interface UnreadableEntry {
  name: string;
  reason: string;
}

/** What is persisted in submission.json; `superseded` is derived from the index, never written. */
type PersistedSubmission = Omit<StoredSubmission, 'superseded' | 'supersededBy'>;

const persistedSchema = z.looseObject({
  id: z.string().regex(/^[0-9a-f]+$/),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  fileName: z.string(),
  size: z.number().int().nonnegative(),
  uploadedAt: z.string(),
  seq: z.number().int(),
  uploadedBy: z.string().nullable(),
  confidence: z.number(),
  units: z.array(z.looseObject({ key: z.string(), year: z.number().nullable() })),
  problemCounts: z.object({ error: z.number(), warning: z.number(), info: z.number() }),
  files: z.array(z.string()),
  problems: z.array(z.unknown()),
  scorecards: z.array(z.unknown()),
});

const tokenSchema = z.object({
  id: z.string().regex(/^[0-9a-f]+$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  scope: z.enum(['admin', 'province', 'district', 'unit']),
  target: z.object({ province: z.string().optional(), district: z.string().optional(), unit: z.string().optional() }),
  label: z.string().nullable(),
  createdAt: z.string(),
});

const heldLocks = new Set<string>();

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function unitsOf(scorecards: Scorecard[]): SubmissionUnit[] {
  return scorecards
    .filter((s) => s.level === 'unit')
    .map((s) => ({
      key: unitKeyOf(s.unit),
      code: s.unit.code,
      name: s.unit.name,
      province: s.unit.province,
      district: s.unit.district,
      year: s.unit.year,
      framework: s.framework,
      respondents: s.respondents,
      total: s.total,
    }));
}

function compareCommitOrder(a: SubmissionSummary, b: SubmissionSummary): number {
  return a.seq - b.seq || a.uploadedAt.localeCompare(b.uploadedAt) || a.id.localeCompare(b.id);
}

/**
 * The embedded store (see README.md): one directory per submission under
 * `submissions/`, built in `tmp/`, fsync'd and renamed into place, so a
 * submission is either wholly there or not at all. The index lives in memory
 * and is rebuilt from the directories at open.
 */
export class FileStore implements SubmissionStore {
  readonly dir: string;
  readonly unreadable: UnreadableEntry[] = [];
  private readonly readOnly: boolean;
  private readonly now: () => Date;
  private readonly summaries = new Map<string, SubmissionSummary>();
  private readonly byHash = new Map<string, string>();
  private readonly tokens = new Map<string, TokenRecord>();
  /** unit key → year key → submission ids in commit order. */
  private unitIndex = new Map<string, Map<string, string[]>>();
  private nextSeq = 1;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private lockPath: string | null = null;

  private constructor(dir: string, options: FileStoreOptions) {
    this.dir = resolve(dir);
    this.readOnly = options.readOnly ?? false;
    this.now = options.now ?? (() => new Date());
  }

  static async open(dir: string, options: FileStoreOptions = {}): Promise<FileStore> {
    const store = new FileStore(dir, options);
    await store.init();
    return store;
  }

  private get submissionsDir(): string {
    return join(this.dir, 'submissions');
  }
  private get tokensDir(): string {
    return join(this.dir, 'tokens');
  }
  private get tmpDir(): string {
    return join(this.dir, 'tmp');
  }

  private async init(): Promise<void> {
    if (!this.readOnly) {
      await mkdir(this.dir, { recursive: true });
      await this.acquireLock();
      try {
        await this.checkFormat();
        await mkdir(this.submissionsDir, { recursive: true });
        await mkdir(this.tokensDir, { recursive: true });
        // Anything in tmp/ is a write that never got renamed into place: a crash mid-put.
        await rm(this.tmpDir, { recursive: true, force: true });
        await mkdir(this.tmpDir, { recursive: true });
      } catch (err) {
        await this.releaseLock();
        throw err;
      }
    }
    await this.loadSubmissions();
    await this.loadTokens();
    this.reindex();
  }

  private async checkFormat(): Promise<void> {
    const path = join(this.dir, 'chiso-store.json');
    let text: string | undefined;
    try {
      text = await readFile(path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    if (text === undefined) {
      await writeFileAtomic(this.dir, this.dir, 'chiso-store.json', JSON.stringify({ ...FORMAT, createdAt: this.now().toISOString() }, null, 2));
      return;
    }
    const meta = JSON.parse(text) as { format?: string; version?: number };
    if (meta.format !== FORMAT.format || meta.version !== FORMAT.version) {
      throw new Error(`${path}: not a chiso store of version ${FORMAT.version} (format ${meta.format}, version ${meta.version})`);
    }
  }

  private async acquireLock(): Promise<void> {
    const path = join(this.dir, 'LOCK');
    if (heldLocks.has(path)) throw new StoreLockedError(this.dir, process.pid);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const handle = await open(path, 'wx');
        await handle.writeFile(String(process.pid));
        await handle.close();
        this.lockPath = path;
        heldLocks.add(path);
        return;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const pid = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new StoreLockedError(this.dir, pid);
      }
      // A stale lock: its process died (a crash or SIGKILL) without releasing it.
      await unlink(path).catch(() => undefined);
    }
    throw new StoreLockedError(this.dir, -1);
  }

  private async releaseLock(): Promise<void> {
    if (this.lockPath === null) return;
    heldLocks.delete(this.lockPath);
    await unlink(this.lockPath).catch(() => undefined);
    this.lockPath = null;
  }

  private async loadSubmissions(): Promise<void> {
    const names = await namesIn(this.submissionsDir);
    for (const name of names.sort()) {
      if (name.startsWith('.')) continue;
      try {
        const parsed = persistedSchema.safeParse(JSON.parse(await readFile(join(this.submissionsDir, name, META_FILE), 'utf8')));
        if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
        if (parsed.data.id !== name) throw new Error(`id ${parsed.data.id} does not match the directory name`);
        const record = parsed.data as unknown as PersistedSubmission;
        this.addSummary(record);
      } catch (err) {
        this.unreadable.push({ name, reason: (err as Error).message });
      }
    }
  }

  private async loadTokens(): Promise<void> {
    const names = await namesIn(this.tokensDir);
    for (const name of names) {
      if (!name.endsWith('.json')) continue;
      try {
        const token = tokenSchema.parse(JSON.parse(await readFile(join(this.tokensDir, name), 'utf8')));
        this.tokens.set(token.id, token);
      } catch (err) {
        this.unreadable.push({ name: `tokens/${name}`, reason: (err as Error).message });
      }
    }
  }

  private addSummary(record: PersistedSubmission): void {
    const summary: SubmissionSummary = {
      id: record.id,
      sha256: record.sha256,
      fileName: record.fileName,
      size: record.size,
      uploadedAt: record.uploadedAt,
      seq: record.seq,
      uploadedBy: record.uploadedBy,
      confidence: record.confidence,
      units: record.units,
      problemCounts: record.problemCounts,
      superseded: false,
      supersededBy: null,
    };
    this.summaries.set(summary.id, summary);
    this.byHash.set(summary.sha256, summary.id);
    this.nextSeq = Math.max(this.nextSeq, summary.seq + 1);
  }

  /** Derives which submission is current per unit-year: the last committed one. */
  private reindex(): void {
    const index = new Map<string, Map<string, string[]>>();
    for (const summary of [...this.summaries.values()].sort(compareCommitOrder)) {
      for (const unit of summary.units) {
        let years = index.get(unit.key);
        if (!years) index.set(unit.key, (years = new Map()));
        const ids = years.get(yearKey(unit.year)) ?? [];
        if (!ids.includes(summary.id)) ids.push(summary.id);
        years.set(yearKey(unit.year), ids);
      }
    }
    this.unitIndex = index;
    for (const summary of this.summaries.values()) {
      let supersededBy: string | null = null;
      let allSuperseded = summary.units.length > 0;
      for (const unit of summary.units) {
        const next = this.nextAfter(unit.key, unit.year, summary.id);
        if (next === null) allSuperseded = false;
        else supersededBy ??= next;
      }
      summary.superseded = allSuperseded;
      summary.supersededBy = allSuperseded ? supersededBy : null;
    }
  }

  private nextAfter(key: string, year: number | null, id: string): string | null {
    const ids = this.unitIndex.get(key)?.get(yearKey(year)) ?? [];
    const at = ids.indexOf(id);
    return at >= 0 && at < ids.length - 1 ? ids[at + 1] : null;
  }

  private assertWritable(): void {
    if (this.closed) throw new Error('the store is closed');
    if (this.readOnly) throw new Error('the store was opened read-only');
  }

  /** Runs writes one at a time so commit order (seq) is the order of the renames. */
  private serialize<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work, work);
    this.queue = result.catch(() => undefined);
    return result;
  }

  put(submission: NewSubmission, input: Uint8Array): Promise<PutResult> {
    return this.serialize(async () => {
      this.assertWritable();
      const sha256 = sha256Hex(input);
      const existing = this.byHash.get(sha256);
      if (existing !== undefined) {
        const stored = await this.get(existing);
        if (stored) return { submission: stored, created: false };
      }
      const id = sha256.slice(0, ID_LENGTH);
      const record: PersistedSubmission = {
        id,
        sha256,
        fileName: submission.fileName,
        size: input.byteLength,
        uploadedAt: this.now().toISOString(),
        seq: this.nextSeq,
        uploadedBy: submission.uploadedBy ?? null,
        confidence: submission.confidence,
        units: unitsOf(submission.scorecards),
        problemCounts: {
          error: submission.problems.filter((p) => p.severity === 'error').length,
          warning: submission.problems.filter((p) => p.severity === 'warning').length,
          info: submission.problems.filter((p) => p.severity === 'info').length,
        },
        files: submission.files,
        problems: submission.problems,
        scorecards: submission.scorecards,
      };
      const staging = join(this.tmpDir, tempName(id));
      await mkdir(staging);
      try {
        await writeFileSynced(join(staging, INPUT_FILE), input);
        await writeFileSynced(join(staging, META_FILE), JSON.stringify(record));
        await syncDir(staging);
        // The commit point: one rename publishes the whole submission.
        await rename(staging, join(this.submissionsDir, id));
      } catch (err) {
        await rm(staging, { recursive: true, force: true });
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EEXIST' || code === 'ENOTEMPTY') {
          // Another writer committed the same bytes first.
          const stored = await this.readRecord(id);
          if (stored) {
            this.addSummary(stored);
            this.reindex();
            return { submission: this.withIndex(stored), created: false };
          }
        }
        throw err;
      }
      await syncDir(this.submissionsDir);
      this.addSummary(record);
      this.reindex();
      return { submission: this.withIndex(record), created: true };
    });
  }

  private async readRecord(id: string): Promise<PersistedSubmission | undefined> {
    if (!/^[0-9a-f]+$/.test(id)) return undefined;
    try {
      return JSON.parse(await readFile(join(this.submissionsDir, id, META_FILE), 'utf8')) as PersistedSubmission;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  private withIndex(record: PersistedSubmission): StoredSubmission {
    const summary = this.summaries.get(record.id);
    return { ...record, superseded: summary?.superseded ?? false, supersededBy: summary?.supersededBy ?? null };
  }

  async get(id: string): Promise<StoredSubmission | undefined> {
    if (!this.summaries.has(id)) return undefined;
    const record = await this.readRecord(id);
    return record && this.withIndex(record);
  }

  async getInput(id: string): Promise<Uint8Array | undefined> {
    const summary = this.summaries.get(id);
    if (!summary) return undefined;
    const bytes = new Uint8Array(await readFile(join(this.submissionsDir, id, INPUT_FILE)));
    if (sha256Hex(bytes) !== summary.sha256) throw new Error(`submission ${id}: the stored workbook does not match its SHA-256`);
    return bytes;
  }

  async findByHash(sha256: string): Promise<SubmissionSummary | undefined> {
    const id = this.byHash.get(sha256.toLowerCase());
    return id === undefined ? undefined : { ...this.summaries.get(id)! };
  }

  async list(): Promise<SubmissionSummary[]> {
    return [...this.summaries.values()].sort((a, b) => compareCommitOrder(b, a)).map((s) => ({ ...s }));
  }

  async listUnits(): Promise<UnitEntry[]> {
    const units: UnitEntry[] = [];
    for (const [key, years] of this.unitIndex) {
      const entry: UnitEntry = { key, code: '', name: '', province: '', district: '', years: [] };
      for (const ids of years.values()) {
        const currentId = ids[ids.length - 1];
        const current = this.summaries.get(currentId)!;
        const unit = current.units.find((u) => u.key === key && ids === years.get(yearKey(u.year)))!;
        entry.years.push({
          year: unit.year,
          submissionId: currentId,
          respondents: unit.respondents,
          total: unit.total,
          supersededIds: ids.slice(0, -1).reverse(),
        });
      }
      entry.years.sort((a, b) => (a.year ?? -Infinity) - (b.year ?? -Infinity));
      // The newest year's upload names the unit (names get corrected over time).
      const newest = entry.years[entry.years.length - 1];
      const named = this.summaries.get(newest.submissionId)!.units.find((u) => u.key === key && u.year === newest.year)!;
      Object.assign(entry, { code: named.code, name: named.name, province: named.province, district: named.district });
      units.push(entry);
    }
    return units.sort(
      (a, b) =>
        normalizeName(a.province).localeCompare(normalizeName(b.province), 'vi') ||
        normalizeName(a.district).localeCompare(normalizeName(b.district), 'vi') ||
        normalizeName(a.name).localeCompare(normalizeName(b.name), 'vi'),
    );
  }

  async history(unitKey: string): Promise<HistoryEntry[]> {
    const years = this.unitIndex.get(unitKey);
    if (!years) return [];
    const entries: HistoryEntry[] = [];
    for (const ids of years.values()) {
      for (const [i, id] of ids.entries()) {
        const record = await this.get(id);
        if (!record) continue;
        const scorecard = record.scorecards.find(
          (s) => s.level === 'unit' && unitKeyOf(s.unit) === unitKey && ids === years.get(yearKey(s.unit.year)),
        );
        if (!scorecard) continue;
        entries.push({
          submissionId: id,
          year: scorecard.unit.year,
          uploadedAt: record.uploadedAt,
          fileName: record.fileName,
          superseded: i < ids.length - 1,
          supersededBy: i < ids.length - 1 ? ids[i + 1] : null,
          scorecard,
        });
      }
    }
    return entries.sort((a, b) => (a.year ?? -Infinity) - (b.year ?? -Infinity) || a.uploadedAt.localeCompare(b.uploadedAt));
  }

  async latest(unitKey: string, year: number | null): Promise<StoredSubmission | undefined> {
    const ids = this.unitIndex.get(unitKey)?.get(yearKey(year));
    return ids && ids.length > 0 ? this.get(ids[ids.length - 1]) : undefined;
  }

  putToken(token: TokenRecord): Promise<void> {
    return this.serialize(async () => {
      this.assertWritable();
      const valid = tokenSchema.parse(token);
      await writeFileAtomic(this.tmpDir, this.tokensDir, `${valid.id}.json`, JSON.stringify(valid, null, 2));
      this.tokens.set(valid.id, valid);
    });
  }

  async getToken(id: string): Promise<TokenRecord | undefined> {
    const token = this.tokens.get(id);
    return token && { ...token, target: { ...token.target } };
  }

  async listTokens(): Promise<TokenRecord[]> {
    return [...this.tokens.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt)).map((t) => ({ ...t }));
  }

  deleteToken(id: string): Promise<boolean> {
    return this.serialize(async () => {
      this.assertWritable();
      if (!this.tokens.has(id)) return false;
      await rm(join(this.tokensDir, `${id}.json`), { force: true });
      await syncDir(this.tokensDir);
      this.tokens.delete(id);
      return true;
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.serialize(async () => undefined);
    this.closed = true;
    await this.releaseLock();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Used by tests and tools that want to inspect the raw layout. */
export const fileStoreLayout = { META_FILE, INPUT_FILE, ID_LENGTH } as const;
