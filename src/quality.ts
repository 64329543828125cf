/**
 * Interview quality (methodology.md §10) as diagnostics: straight-lining and
 * near-duplicate warnings at the respondent's row, and their counts per unit for
 * the scorecard JSON, the report and the workbench. Never changes a score.
 */
import { cellRef, type Problem } from './diagnostics/problem.js';
import type { Survey } from './ingest/types.js';
import { ProblemList } from './ingest/table.js';
import { nearDuplicates, PAIRWISE_MAX_RESPONDENTS, straightLiners } from './scoring/quality.js';
import type { InterviewQuality } from './scoring/types.js';

export interface QualityResult {
  problems: Problem[];
  /** One per survey.units entry. */
  units: InterviewQuality[];
}

/** Rounded down to 0.1, so 94.99% never shows as 95.0%. */
const percent = (agree: number, shared: number) => Math.floor((1000 * agree) / shared) / 10;

export function interviewQuality(survey: Survey, rowsOfUnit: readonly number[][]): QualityResult {
  const list = new ProblemList(survey.file);
  const sheet = survey.responsesSheet ?? 'Responses';
  const idColumn = survey.idColumn ?? 1;
  const at = (i: number) => cellRef(survey.sheetRow[i], idColumn);
  // The respondent in both languages (a catalogue parameter of the Text kind); the id is user text, quoted.
  const who = (i: number) => {
    const id = survey.respondentIds[i];
    const row = survey.sheetRow[i];
    return id
      ? { vi: `người trả lời "${id}" (dòng ${row})`, en: `respondent "${id}" (row ${row})` }
      : { vi: `người trả lời ở dòng ${row}`, en: `the respondent in row ${row}` };
  };
  const units = rowsOfUnit.map((rows): InterviewQuality => {
    const liners = survey.scaleTally ? straightLiners(survey.scaleTally, rows) : [];
    for (const s of liners)
      list.add('straight-lining', { who: who(s.row), code: s.code, answered: s.answered }, sheet, at(s.row));
    const search = nearDuplicates(survey.responses, rows);
    for (const p of search.pairs)
      if (search.method === 'exact') list.add('near-duplicate.exact', { who: who(p.later), other: who(p.earlier), shared: p.shared, max: PAIRWISE_MAX_RESPONDENTS }, sheet, at(p.later));
      else list.add('near-duplicate', { who: who(p.later), other: who(p.earlier), agree: p.agree, shared: p.shared, percent: percent(p.agree, p.shared) }, sheet, at(p.later));
    return { straightLining: liners.length, nearDuplicates: search.flaggedRows, nearDuplicatePairs: search.pairCount, nearDuplicatePairsCapped: search.pairCountCapped, duplicateCheck: search.method };
  });
  return { problems: list.finish(), units };
}
