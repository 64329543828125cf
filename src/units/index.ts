/** The units registry: identity, validity years, parents by year, predecessors (methodology.md §8). */
export * from './types.js';
export { parseRegistryCsv, parseRegistryRows, periodAt, REGISTRY_COLUMNS, type RegistryResult, type RegistryRow } from './registry.js';
export { communesUnder, coverage, descent, parentChain, unitAt, unitsUnder } from './queries.js';
export { unitProblem, type UnitMessageId } from './messages.js';
export { parseCsv } from './csv.js';
