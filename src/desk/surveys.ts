/**
 * The coded answers of stored submissions, for pooling (roll-ups, pooled
 * comparisons across a merger). Since schema v3 each submission keeps them
 * (submission_answers, store/answers-codec.ts: ~1 byte a cell), so they are read
 * from the store and decoded, never re-ingested. A submission stored before v3
 * is re-read from its workbook once, and its answers back-filled, so the next
 * read (here or in another server on the same database) is the cheap one.
 *
 * What is cached is the encoded rows, bounded by bytes (a commune of 300
 * respondents × 126 items is ~44 KB encoded, 300 KB as Float64; the whole
 * country's year ~146 MB against ~1 GB): decoding one is ~0.1 ms. The decoded answers are the
 * caller's, for the one pool that needs them. A submission id is the hash of its
 * bytes, so an entry never goes stale, and several servers on one database can
 * each keep their own. Each distinct framework (the answers' item codes name its
 * items) is parsed once, not once a submission.
 */
import type { Framework, Item } from '../framework/schema.js';
import { ingestWorkbook } from '../ingest/index.js';
import { serviceLimits, type Limits } from '../limits.js';
import type { CodedResponses } from '../scoring/types.js';
import { AnswersCodecError, decodeAnswers, encodeAnswers, scanAnswers, surveyAnswers, toCoded, unitAnswersOf, type EncodedUnit } from '../store/answers-codec.js';
import { engineVersion } from '../store/engine-version.js';
import type { StoredAnswersRow, SubmissionStore } from '../store/types.js';

/** A submission's answers as stored (see AnswerCache.encoded). */
export interface EncodedAnswers {
  framework: Framework;
  items: ReadonlyMap<string, Item>;
  bytes: Uint8Array;
  units: EncodedUnit[];
}

export interface StoredAnswers {
  framework: Framework;
  /** unit code → its respondents' coded answers. */
  units: Map<string, CodedResponses>;
  /** Cells (respondents × items) over the units. */
  cells: number;
}

/**
 * Encoded answers kept: 64 MB is a province of 120 communes × 5 years (~26 MB) twice over. The
 * national league needs no more: its roll-ups are memoised, and an upload re-pools one province.
 */
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
/** Distinct frameworks kept parsed (one per questionnaire version in the store, in practice a few). */
const MAX_FRAMEWORKS = 32;

interface ParsedFramework {
  framework: Framework;
  items: Map<string, Item>;
}

export class AnswerCache {
  private readonly rows = new Map<string, StoredAnswersRow>();
  private readonly pending = new Map<string, Promise<StoredAnswersRow | StoredAnswers | undefined>>();
  private readonly frameworks = new Map<string, Promise<ParsedFramework | undefined>>();
  private bytes = 0;
  /** Workbooks re-ingested (submissions stored before v3), for the benchmark and the tests. */
  reads = 0;
  /** Answers rows read from the store. */
  rowReads = 0;

  constructor(
    private readonly store: SubmissionStore,
    private readonly options: { maxBytes?: number; limits?: Limits } = {},
  ) {}

  /** Bytes of encoded answers held now. */
  get heldBytes(): number {
    return this.bytes;
  }

  /** The answers of submission `id` (undefined when it is gone or cannot be read). */
  async get(id: string): Promise<StoredAnswers | undefined> {
    const row = await this.row(id);
    if (!row) return undefined;
    if (!('bytes' in row)) return row; // re-ingested just now: the survey's own answers
    const parsed = await this.framework(row.frameworkSha, id);
    if (!parsed) return this.reingest(id);
    const units = new Map<string, CodedResponses>();
    let cells = 0;
    try {
      for (const unit of decodeAnswers(row.bytes)) {
        const coded = toCoded(unit, parsed.items);
        units.set(unit.code, coded);
        cells += coded.n * coded.items.length;
      }
    } catch (error) {
      // A damaged row (or one naming items its framework lacks): the workbook still says what the answers are.
      if (!(error instanceof AnswersCodecError)) throw error;
      this.drop(id);
      return this.reingest(id, { replace: true });
    }
    return { framework: parsed.framework, units, cells };
  }

  /**
   * The answers of submission `id` still encoded, with their units located and the
   * framework their item codes name: what a pool decodes straight into its own
   * matrix (league.ts). A re-ingested submission's answers are encoded here (the
   * codec is exact), so a pool reads every part one way.
   */
  async encoded(id: string): Promise<EncodedAnswers | undefined> {
    const row = await this.row(id);
    if (!row) return undefined;
    if ('bytes' in row) {
      const parsed = await this.framework(row.frameworkSha, id);
      if (parsed) {
        try {
          const units = scanAnswers(row.bytes);
          for (const unit of units) for (const code of unit.items) if (!parsed.items.has(code)) throw new AnswersCodecError(`unit ${unit.code}: item ${code} is not in the submission's framework`);
          return { framework: parsed.framework, items: parsed.items, bytes: row.bytes, units };
        } catch (error) {
          if (!(error instanceof AnswersCodecError)) throw error;
          this.drop(id);
        }
      }
    }
    const answers = 'bytes' in row ? await this.reingest(id, { replace: true }) : row;
    if (!answers) return undefined;
    const bytes = encodeAnswers([...answers.units].map(([code, coded]) => unitAnswersOf(code, coded)));
    return { framework: answers.framework, items: new Map(answers.framework.items.map((i) => [i.code, i])), bytes, units: scanAnswers(bytes) };
  }

  /** The stored row (cached, most recent last), or the re-ingested answers of a submission that has none. */
  private row(id: string): Promise<StoredAnswersRow | StoredAnswers | undefined> {
    const hit = this.rows.get(id);
    if (hit) {
      this.rows.delete(id);
      this.rows.set(id, hit);
      return Promise.resolve(hit);
    }
    let pending = this.pending.get(id);
    if (!pending) {
      pending = (async () => {
        const row = await this.store.getAnswers(id);
        this.rowReads++;
        if (!row) return this.reingest(id);
        this.keep(id, row);
        return row;
      })().finally(() => this.pending.delete(id));
      this.pending.set(id, pending);
    }
    return pending;
  }

  private drop(id: string): void {
    const row = this.rows.get(id);
    if (!row) return;
    this.rows.delete(id);
    this.bytes -= row.bytes.byteLength;
  }

  private keep(id: string, row: StoredAnswersRow): void {
    this.rows.set(id, row);
    this.bytes += row.bytes.byteLength;
    const max = this.options.maxBytes ?? DEFAULT_MAX_BYTES;
    for (const [key, old] of this.rows) {
      if (this.bytes <= max || key === id) break;
      this.rows.delete(key);
      this.bytes -= old.bytes.byteLength;
    }
  }

  private framework(sha: string, id: string): Promise<ParsedFramework | undefined> {
    let hit = this.frameworks.get(sha);
    if (!hit) {
      hit = this.store.getReportInputs(id).then((inputs) => (inputs ? { framework: inputs.framework, items: new Map(inputs.framework.items.map((i) => [i.code, i])) } : undefined));
      hit.then(
        (parsed) => parsed ?? this.frameworks.delete(sha),
        () => this.frameworks.delete(sha),
      );
      if (this.frameworks.size >= MAX_FRAMEWORKS) this.frameworks.delete(this.frameworks.keys().next().value!);
      this.frameworks.set(sha, hit);
    }
    return hit;
  }

  /**
   * A submission stored before v3: its workbook is read again (as every read did
   * before v3) and its answers are back-filled, with its report inputs when it
   * has none (an import from the old file store), so this happens once per store.
   */
  private async reingest(id: string, options: { replace?: boolean } = {}): Promise<StoredAnswers | undefined> {
    const [summary, bytes] = await Promise.all([this.store.get(id), this.store.getInput(id)]);
    if (!summary || !bytes) return undefined;
    this.reads++;
    const survey = await ingestWorkbook(bytes, { fileName: summary.fileName, limits: this.options.limits ?? serviceLimits });
    if (survey.fatal) return undefined;
    const units = surveyAnswers(survey);
    await this.store.putAnswers(id, encodeAnswers(units), {
      framework: survey.framework,
      targets: survey.targets,
      plan: survey.plan,
      engineVersion: engineVersion(),
      confidence: summary.confidence,
    }, options);
    const items = new Map(survey.framework.items.map((i) => [i.code, i]));
    const coded = new Map(units.map((u) => [u.code, toCoded(u, items)]));
    return { framework: survey.framework, units: coded, cells: units.reduce((s, u) => s + u.n * u.items.length, 0) };
  }
}

/**
 * Back-fills the answers of every submission stored before v3 (`chiso store
 * migrate`), one at a time so memory stays that of one workbook. Returns how
 * many were filled and which could not be read (their workbook no longer scores).
 */
export async function backfillAnswers(store: SubmissionStore, options: { limits?: Limits; onProgress?: (done: number, total: number) => void } = {}): Promise<{ filled: number; unreadable: string[] }> {
  const ids = await store.submissionsWithoutAnswers();
  const cache = new AnswerCache(store, { maxBytes: 0, limits: options.limits });
  const unreadable: string[] = [];
  let filled = 0;
  for (const [k, id] of ids.entries()) {
    const answers = await cache.get(id).catch(() => undefined);
    if (answers) filled++;
    else unreadable.push(id);
    options.onProgress?.(k + 1, ids.length);
  }
  return { filled, unreadable };
}
