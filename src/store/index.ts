export type {
  HistoryEntry,
  NewSubmission,
  PutResult,
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
export { FileStore, StoreLockedError, sha256Hex, type FileStoreOptions, type UnreadableEntry } from './file-store.js';
export { normalizeName, unitKeyOf } from './keys.js';
