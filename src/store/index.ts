export type {
  StoredAnswersRow,
  HistoryEntry,
  NewPlan,
  NewSubmission,
  PutResult,
  RegistryLevel,
  RegistryUnit,
  ReportInputs,
  SessionRecord,
  StoredPlan,
  StoredSubmission,
  SubmissionStore,
  SubmissionSummary,
  SubmissionUnit,
  TokenRecord,
  TokenScope,
  TokenTarget,
  UnitEntry,
  UnitYear,
} from './types.js';
export { SqlStore, isValidToken, type SqlStoreOptions } from './sql-store.js';
export { openStore, openDb, describeLocation, type OpenStoreOptions, type StoreLocation } from './open.js';
export { migrate, schemaVersion, StoreVersionError, type MigrationReport } from './migrate.js';
export { SCHEMA_VERSION } from './schema.js';
export { sha256Hex, ID_LENGTH } from './hash.js';
export { engineVersion } from './engine-version.js';
export { normalizeName, unitKeyOf } from './keys.js';
