export { generateSample, itemMeans, type SampleOptions, type SampleUnit as GeneratedUnit } from './generate.js';
export { unitQuality, PAPI_MEANS, POINTS_PER_QUALITY_STEP, type UnitQuality } from './quality.js';
export { Random, hashSeed } from './random.js';
export { slugify, idPrefix, respondentId, ethnicityMix } from './population.js';
export {
  writeSampleSet,
  sampleWorkbook,
  sampleFileName,
  sampleSize,
  sampleSeed,
  unitTargets,
  unitPlan,
  ERRORS_DEMO_FILE,
  type SampleFile,
} from './sampleSet.js';
export { writeCommittedTemplates } from '../template/committed.js';
export * from './units.js';
