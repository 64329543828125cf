/**
 * The coded answers of stored submissions, for pooling (roll-ups, pooled
 * comparisons across a merger). The store keeps scorecards and the original
 * bytes, not the respondent matrix, so a submission is re-read once and its
 * answers kept here, per unit, in a cache bounded by cells (n × items × 8
 * bytes each). A submission id is the hash of its bytes, so an entry never
 * goes stale, and several servers on one database can each keep their own.
 */
import type { Framework } from '../framework/schema.js';
import { ingestWorkbook } from '../ingest/index.js';
import { serviceLimits, type Limits } from '../limits.js';
import { selectRows } from '../scoring/responses.js';
import type { CodedResponses } from '../scoring/types.js';
import type { SubmissionStore } from '../store/types.js';

export interface StoredAnswers {
  framework: Framework;
  /** unit code → its respondents' coded answers. */
  units: Map<string, CodedResponses>;
  cells: number;
}

/** 40 million cells ≈ 320 MB of Float64: a province of 120 communes × 300 respondents × 126 items × 5 years is 23 million. */
export const DEFAULT_MAX_CELLS = 40_000_000;

export class AnswerCache {
  private readonly entries = new Map<string, Promise<StoredAnswers | undefined>>();
  private readonly sizes = new Map<string, number>();
  private cells = 0;
  /** Re-reads done (for the benchmark and the tests). */
  reads = 0;

  constructor(
    private readonly store: SubmissionStore,
    private readonly options: { maxCells?: number; limits?: Limits } = {},
  ) {}

  /** The answers of submission `id`, read at most once while they stay in the cache. */
  get(id: string): Promise<StoredAnswers | undefined> {
    const hit = this.entries.get(id);
    if (hit) {
      // Map order is recency: move it to the end.
      this.entries.delete(id);
      this.entries.set(id, hit);
      return hit;
    }
    const pending = this.read(id).then(
      (answers) => {
        if (!answers) this.entries.delete(id);
        else this.account(id, answers.cells);
        return answers;
      },
      (err: unknown) => {
        this.entries.delete(id);
        throw err;
      },
    );
    this.entries.set(id, pending);
    return pending;
  }

  private async read(id: string): Promise<StoredAnswers | undefined> {
    const [summary, bytes] = await Promise.all([this.store.get(id), this.store.getInput(id)]);
    if (!summary || !bytes) return undefined;
    this.reads++;
    const survey = await ingestWorkbook(bytes, { fileName: summary.fileName, limits: this.options.limits ?? serviceLimits });
    if (survey.fatal) return undefined;
    const units = new Map<string, CodedResponses>();
    if (survey.units.length <= 1) units.set((survey.units[0] ?? survey.unit).code.trim(), survey.responses);
    else {
      const rows = survey.units.map(() => [] as number[]);
      survey.unitOfRow.forEach((u, i) => rows[u].push(i));
      survey.units.forEach((unit, u) => units.set(unit.code.trim(), selectRows(survey.responses, rows[u])));
    }
    const cells = [...units.values()].reduce((s, c) => s + c.n * c.items.length, 0);
    return { framework: survey.framework, units, cells };
  }

  private account(id: string, cells: number): void {
    this.sizes.set(id, cells);
    this.cells += cells;
    const max = this.options.maxCells ?? DEFAULT_MAX_CELLS;
    for (const key of this.entries.keys()) {
      if (this.cells <= max) break;
      if (key === id || !this.sizes.has(key)) continue; // the newest and those still being read stay
      this.cells -= this.sizes.get(key) ?? 0;
      this.sizes.delete(key);
      this.entries.delete(key);
    }
  }
}
