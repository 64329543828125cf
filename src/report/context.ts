import type { Problem } from '../diagnostics/problem.js';
import type { Survey } from '../ingest/types.js';
import type { Comparison, Scorecard } from '../scoring/types.js';
import type { ReportLocale } from './labels.js';
import type { History } from '../units/history.js';

/** What a report reads from the survey: item texts (framework) and the plan's tasks. */
export type ReportSurvey = Pick<Survey, 'framework' | 'plan'>;

export interface ReportInput {
  survey?: ReportSurvey;
  scorecard: Scorecard;
  problems: Problem[];
  comparison?: Comparison;
  /** The unit across earlier years (and its predecessors): a History sheet with a chart. */
  history?: History;
  /** Last year's scorecard of the same unit; used for the comparison when none is given. */
  previous?: Scorecard;
  /** Language of the narrative on the Summary sheet and of chart texts (headers are always bilingual). Default 'vi'. */
  locale?: ReportLocale;
  /** File name of the annotated copy of the input; Problems then link to its cells. */
  annotatedFileName?: string;
  /** Overrides the hyperlink target of a problem (null: no link). */
  problemLink?: (problem: Problem) => string | null;
  /** Embed chart images (default true). */
  charts?: boolean;
  /** Workbook created/modified date; fixed by default so the same input gives the same workbook content. */
  date?: Date;
}

/** What every sheet writer gets: the input with defaults filled in. */
export interface ReportContext {
  input: ReportInput;
  scorecard: Scorecard;
  comparison?: Comparison;
  locale: ReportLocale;
  footer: string;
}

/** The default workbook date (fixed for byte stability of the workbook's content). */
export const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));
