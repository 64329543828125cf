export * from './problem.js';
export * from './catalogue.js';
export * from './lang.js';
export { formatProblemLine } from './reporters/line.js';
export { formatGithubAnnotation } from './reporters/github.js';
export { countBySeverity, summaryLine } from './reporters/summary.js';
