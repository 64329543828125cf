export { createApp, submissionTitle, XLSX_TYPE, CONTENT_SECURITY_POLICY } from './app.js';
export {
  authenticate,
  covers,
  coversAll,
  createToken,
  hashToken,
  isLoopback,
  LOCAL_ADMIN,
  validateTarget,
  type AuthSettings,
  type Principal,
} from './auth.js';
export { contentDisposition } from './content-disposition.js';
export {
  defaultServerLimits,
  type AppDeps,
  type CompareFn,
  type RenderComparisonFn,
  type RenderReportFn,
  type ScoreFn,
  type ServerLimits,
  type TemplateFn,
} from './deps.js';
export { ApiError } from './errors.js';
export { ingestWorkbook, type IngestOutcome } from './ingest.js';
export { buildOpenApi, renderDocsHtml } from './openapi.js';
export { startServer, type RunningServer, type SampleSummary, type ServeOptions } from './serve.js';
export { pipelineDeps, type PipelineDeps } from './wire.js';
