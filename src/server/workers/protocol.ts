/**
 * Messages between the service (the pool, pool.ts) and a scoring worker
 * (score-worker.ts). Everything crosses as structured-clone data: the input
 * bytes are transferred in, the result (scorecards, problems, the survey the
 * report and batch roll-ups need) comes back as a clone, except its large
 * buffers (the encoded answers the store keeps, `result.answers`, and the
 * survey's typed arrays), which are transferred.
 */
import type { Limits } from '../../limits.js';
import type { ExportOptions, WorkbookResult } from '../../pipeline.js';
import type { UnitInfo } from '../../scoring/types.js';
import type { Registry } from '../../units/types.js';

/** Service → worker. */
export type ToWorker =
  | {
      type: 'job';
      id: number;
      bytes: Uint8Array;
      fileName: string;
      confidence?: number;
      limits?: Limits;
      /**
       * The units registry, when the service scores against one: sent (cloned: plain data and Maps) only
       * the first time this worker sees it; after that `registryId` alone names the one the worker kept.
       * A national registry is some 14,000 periods, too much to clone per upload.
       */
      registry?: Registry;
      registryId?: number;
      /** An ODK/Kobo export's unit and year from the upload form (a template names its own). */
      exports?: ExportOptions;
      /** The service asks its own `authorize` (it knows the principal and the store); the worker waits for `authorized`. */
      authorize: boolean;
    }
  | { type: 'authorized'; id: number; ok: boolean };

/** Worker → service. */
export type FromWorker =
  | { type: 'authorize'; id: number; units: UnitInfo[] }
  | { type: 'result'; id: number; result: WorkbookResult }
  | { type: 'failed'; id: number; name: string; message: string };
