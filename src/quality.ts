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

const percent = (agree: number, shared: number) => `${Math.floor((1000 * agree) / shared) / 10}%`;

export function interviewQuality(survey: Survey, rowsOfUnit: readonly number[][]): QualityResult {
  const list = new ProblemList(survey.file);
  const sheet = survey.responsesSheet ?? 'Responses';
  const idColumn = survey.idColumn ?? 1;
  const at = (i: number) => cellRef(survey.sheetRow[i], idColumn);
  const who = (i: number) => (survey.respondentIds[i] ? `respondent "${survey.respondentIds[i]}" (row ${survey.sheetRow[i]})` : `the respondent in row ${survey.sheetRow[i]}`);
  const units = rowsOfUnit.map((rows): InterviewQuality => {
    const liners = survey.scaleTally ? straightLiners(survey.scaleTally, rows) : [];
    for (const s of liners)
      list.warning('straight-lining', sheet, at(s.row), `${who(s.row)} typed ${s.code} for all ${s.answered} scale questions answered; check that the interview took place as recorded`);
    const search = nearDuplicates(survey.responses, rows);
    for (const p of search.pairs) {
      const how =
        search.method === 'exact'
          ? `has exactly the same coded answers as ${who(p.earlier)} on all ${p.shared} questions answered (the unit has more than ${PAIRWISE_MAX_RESPONDENTS} respondents, so only exact copies are looked for)`
          : `agrees with ${who(p.earlier)} on ${p.agree} of the ${p.shared} questions both answered (${percent(p.agree, p.shared)})`;
      list.warning('near-duplicate', sheet, at(p.later), `${who(p.later)} ${how}; check that both interviews took place`);
    }
    return { straightLining: liners.length, nearDuplicates: search.flaggedRows, nearDuplicatePairs: search.pairCount, nearDuplicatePairsCapped: search.pairCountCapped, duplicateCheck: search.method };
  });
  return { problems: list.finish(), units };
}
