export * from './types.js';
export { codeAnswer, parseDecimal, type CodedAnswer, type RawAnswer } from './coding.js';
export { normalQuantile, zForConfidence } from './normal.js';
export { indicatorMoments, linearEstimate, linearEstimates, effectiveSampleSize, type LinearScore } from './estimate.js';
export { scoreUnit, type UnitScoreInput } from './unitScore.js';
export { roundForDisplay, targetStatus, targetFields, targetsByLevel } from './targets.js';
export { compareScorecards, change } from './compare.js';
export { quantileR7, performanceGroups, withPerformanceGroups } from './groups.js';
export { selectRows, poolResponses } from './responses.js';
