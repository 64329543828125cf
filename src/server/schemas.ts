import { z } from 'zod';
import type { Problem } from '../diagnostics/problem.js';
import type { FieldHints } from './errors.js';
import type { Comparison, Scorecard } from '../scoring/types.js';

/**
 * The API's shapes as zod schemas: they validate input at the edge and are the
 * source of /openapi.json (z.toJSONSchema), so the description cannot drift
 * from what the handlers check. Output schemas are checked against the
 * TypeScript types at the bottom of this file.
 */

const num = z.number().nullable();

export const problemSchema = z
  .object({
    file: z.string(),
    sheet: z.string(),
    cell: z.string().describe('A1 reference, or empty for a whole sheet or file'),
    severity: z.enum(['error', 'warning', 'info']),
    code: z.string().describe('stable code, e.g. invalid-answer'),
    message: z.string(),
  })
  .meta({ id: 'Problem', description: 'One problem found in a workbook (contract.md "Diagnostics")' });

const estimate = { score: num, se: num, ciLow: num, ciHigh: num };
const targetFields = { target: num, gap: num, status: z.enum(['met', 'close', 'below']).nullable() };
const group = z.enum(['best', 'high-average', 'low-average', 'lowest']).nullable();

export const unitInfoSchema = z
  .object({ name: z.string(), code: z.string(), province: z.string(), district: z.string(), year: z.number().int().nullable() })
  .meta({ id: 'UnitInfo' });

export const scorecardSchema = z
  .object({
    level: z.enum(['unit', 'district', 'province']),
    file: z.string(),
    framework: z.string(),
    unit: unitInfoSchema,
    respondents: z.number().int(),
    effectiveN: num,
    confidence: z.number(),
    total: z.object({ ...estimate, ...targetFields }).describe('8–80'),
    dimensions: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        nameEn: z.string(),
        ...estimate,
        ...targetFields,
        definedSubdimensions: z.number().int(),
        subdimensionCount: z.number().int(),
      }),
    ),
    subdimensions: z.array(
      z.object({
        code: z.string(),
        dimension: z.string(),
        name: z.string(),
        nameEn: z.string(),
        ...estimate,
        ...targetFields,
        normalized: num,
        normalizedSe: num,
        min: z.number(),
        max: z.number(),
      }),
    ),
    indicators: z.array(
      z.object({
        code: z.string(),
        subdimension: z.string(),
        ...estimate,
        answered: z.number().int(),
        missing: z.number().int(),
        invalid: z.number().int(),
      }),
    ),
    groups: z.object({ total: group, dimensions: z.record(z.string(), group) }).optional(),
  })
  .meta({ id: 'Scorecard', description: 'contract.md "Scorecard JSON"; numbers unrounded, null where undefined' });

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().describe('bad-request, unauthorized, forbidden, not-found, too-large, unscorable, unsupported-media-type, timeout, busy, wrong-host, cross-site, method-not-allowed, internal'),
      message: z.string(),
      problems: z.array(problemSchema).optional(),
    }),
  })
  .meta({ id: 'Error' });

const submissionUnitSchema = z.object({
  key: z.string().describe('unit code, or name:<normalised name> when the workbook has none'),
  code: z.string(),
  name: z.string(),
  province: z.string(),
  district: z.string(),
  year: z.number().int().nullable(),
  framework: z.string(),
  respondents: z.number().int(),
  total: scorecardSchema.shape.total,
});

const submissionMeta = {
  id: z.string().describe('first 24 hex digits of the SHA-256 of the uploaded bytes'),
  sha256: z.string(),
  fileName: z.string(),
  size: z.number().int(),
  uploadedAt: z.string().describe('ISO 8601'),
  seq: z.number().int(),
  uploadedBy: z.string().nullable(),
  confidence: z.number(),
  units: z.array(submissionUnitSchema),
  problemCounts: z.object({ error: z.number().int(), warning: z.number().int(), info: z.number().int() }),
  superseded: z.boolean().describe('a newer upload exists for every unit-year in this one'),
  supersededBy: z.string().nullable(),
};

export const submissionSummarySchema = z.object(submissionMeta).meta({ id: 'SubmissionSummary' });

export const submissionSchema = z
  .object({
    ...submissionMeta,
    files: z.array(z.string()),
    problems: z.array(problemSchema),
    scorecards: z.array(scorecardSchema),
  })
  .meta({ id: 'Submission', description: 'The scorecard JSON of contract.md plus the stored submission fields' });

export const submissionListSchema = z.object({ submissions: z.array(submissionSummarySchema) }).meta({ id: 'SubmissionList' });

export const unitsSchema = z
  .object({
    provinces: z.array(
      z.object({
        name: z.string(),
        districts: z.array(
          z.object({
            name: z.string(),
            units: z.array(
              z.object({
                key: z.string(),
                code: z.string(),
                name: z.string(),
                years: z.array(
                  z.object({
                    year: z.number().int().nullable(),
                    submissionId: z.string(),
                    respondents: z.number().int(),
                    total: scorecardSchema.shape.total,
                    supersededIds: z.array(z.string()),
                  }),
                ),
              }),
            ),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'Units', description: 'province → district → unit → years (current upload per year)' });

export const historySchema = z
  .object({
    unit: z.object({ key: z.string(), code: z.string(), name: z.string(), province: z.string(), district: z.string() }),
    entries: z.array(
      z.object({
        submissionId: z.string(),
        year: z.number().int().nullable(),
        uploadedAt: z.string(),
        fileName: z.string(),
        superseded: z.boolean(),
        supersededBy: z.string().nullable(),
        scorecard: scorecardSchema,
      }),
    ),
  })
  .meta({ id: 'History' });

const changeSchema = z.object({
  code: z.string().optional(),
  from: num,
  to: num,
  delta: num,
  se: num,
  status: z.enum(['improved', 'declined', 'no significant change', 'not comparable']),
});
const comparedSchema = z.object({
  unit: z.string(),
  code: z.string().nullable(),
  year: z.number().int().nullable(),
  framework: z.string(),
  units: z.array(z.string()).optional().describe('across a reorganisation: the pooled predecessors that had data'),
});

export const comparisonSchema = z
  .object({
    from: comparedSchema,
    to: comparedSchema,
    approximate: z.boolean().optional().describe('a pooled predecessor gave only part of its area (methodology.md §8)'),
    incomplete: z.array(z.string()).optional().describe('predecessors with no data for the earlier year'),
    confidence: z.number(),
    total: changeSchema,
    dimensions: z.array(changeSchema),
    subdimensions: z.array(changeSchema).describe('on the normalised S'),
    indicators: z.array(changeSchema),
    onlyIn: z.object({ from: z.array(z.string()), to: z.array(z.string()) }),
  })
  .meta({ id: 'Comparison', description: 'contract.md "Year over year"' });

export const whoamiSchema = z
  .object({
    mode: z.enum(['single-user', 'tokens']),
    scope: z.enum(['admin', 'province', 'district', 'unit']),
    target: z.object({ province: z.string().optional(), district: z.string().optional(), unit: z.string().optional() }),
    tokenId: z.string().nullable(),
    label: z.string().nullable(),
  })
  .meta({ id: 'Whoami' });

// ---- input -------------------------------------------------------------------

/** The confidence levels a request may ask for (the form's and the address's `confidence`). */
export const CONFIDENCE_RANGE = { min: 0.5, max: 0.999 } as const;
const confidence = z.coerce.number().min(CONFIDENCE_RANGE.min).max(CONFIDENCE_RANGE.max);

// No messages on these checks: a refusal names the field with its FieldHints text below, from
// diagnostics/api-errors.ts, in the requester's language (errors.ts parseFields).
export const uploadFormSchema = z.object({
  file: z.instanceof(File),
  confidence: confidence.optional(),
  // An ODK Central / KoboToolbox export without unit_code / year columns names them here (contract.md).
  unit: z.string().regex(/^[0-9]{1,10}$/).optional(),
  year: z.string().regex(/^\d{4}$/).transform(Number).optional(),
});

/** The upload form's text fields, as multipart.ts reads them (the file is checked apart). */
export const uploadFieldsSchema = uploadFormSchema.omit({ file: true });

const confidenceHint = { expected: 'field-confidence', params: CONFIDENCE_RANGE } as const;

export const uploadFieldsHints: FieldHints<typeof uploadFieldsSchema.shape> = {
  confidence: confidenceHint,
  unit: { expected: 'field-export-unit' },
  year: { expected: 'field-export-year' },
};

/** `from`/`to`: a year (the current upload of that year) or a submission id. */
const yearOrId = z.string().regex(/^(\d{4}|[0-9a-f]{8,64})$/);

export const compareQuerySchema = z.object({
  unit: z.string().min(1),
  from: yearOrId,
  to: yearOrId,
  confidence: confidence.optional(),
  format: z.enum(['json', 'xlsx']).optional(),
});

export const compareQueryHints: FieldHints<typeof compareQuerySchema.shape> = {
  unit: { expected: 'field-compare-unit' },
  from: { expected: 'field-year-or-id' },
  to: { expected: 'field-year-or-id' },
  confidence: confidenceHint,
  format: { expected: 'field-format' },
};

export const submissionIdSchema = z.string().regex(/^[0-9a-f]{8,64}$/);

// ---- the schemas above describe the TypeScript types, checked at compile time ----------

type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const checks: [
  Exact<z.output<typeof problemSchema>, Problem>,
  Exact<z.output<typeof scorecardSchema>, Scorecard>,
  Exact<z.output<typeof comparisonSchema>, Comparison>,
] = [true, true, true];
void checks;
