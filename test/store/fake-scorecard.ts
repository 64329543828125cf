import type { Problem } from '../../src/diagnostics/problem.js';
import type { Scorecard, UnitInfo } from '../../src/scoring/types.js';

/** A small but well-formed unit scorecard for store and server tests. */
export function fakeScorecard(unit: Partial<UnitInfo> & { name: string }, score = 40, file = 'test.xlsx'): Scorecard {
  const est = { score, se: 1, ciLow: score - 2, ciHigh: score + 2 };
  return {
    level: 'unit',
    file,
    framework: 'papi-29',
    unit: { code: '', province: 'Đồng Nai', district: 'Long Thành', year: 2023, ...unit },
    respondents: 30,
    effectiveN: 28.5,
    confidence: 0.95,
    total: { ...est, target: null, gap: null, status: null },
    dimensions: [
      { code: '1', name: 'Tham gia của người dân ở cấp cơ sở', nameEn: 'Participation at local levels', score: score / 8, se: 0.1, ciLow: score / 8 - 0.2, ciHigh: score / 8 + 0.2, target: null, gap: null, status: null, definedSubdimensions: 1, subdimensionCount: 1 },
    ],
    subdimensions: [],
    indicators: [],
  };
}

export function fakeProblem(severity: Problem['severity'], code = 'invalid-answer', file = 'test.xlsx'): Problem {
  return { file, sheet: 'Responses', cell: 'F12', severity, code, message: `${code} in a test` };
}
