import { z } from 'zod';
import { DIRECTIONS, ITEM_TYPES } from './codes.js';

/**
 * The index as data (methodology.md §1). A framework file in templates/frameworks
 * holds dimensions, sub-dimensions and the questionnaire items; a workbook's
 * Framework and Codebook sheets hold the same things and are what gets scored.
 */

export const itemTypeSchema = z.enum(ITEM_TYPES);
export const directionSchema = z.enum(DIRECTIONS);

export const dimensionSchema = z.object({
  code: z.string().regex(/^[0-9]+$/, 'a dimension code is a number, e.g. "4"'),
  nameVi: z.string().min(1),
  nameEn: z.string().min(1),
});

export const subdimensionSchema = z.object({
  code: z.string().regex(/^[0-9]+[a-z]$/, 'a sub-dimension code is its dimension and a letter, e.g. "4a"'),
  dimension: z.string(),
  nameVi: z.string().min(1),
  nameEn: z.string().min(1),
});

/** One answer option, for dropdowns, the Guide and the paper questionnaire. */
export const answerOptionSchema = z.object({
  value: z.number(),
  labelVi: z.string(),
  labelEn: z.string(),
});

export const itemSchema = z
  .object({
    code: z.string().regex(/^[a-z0-9_]+$/, 'an item code is lower-case letters, digits and _'),
    /** Empty for a filter question: asked, checked and shown, never scored (methodology.md §2). */
    subdimension: z.string(),
    type: itemTypeSchema,
    min: z.number(),
    max: z.number(),
    direction: directionSchema,
    missing: z.array(z.number().int()).default([]),
    zero: z.array(z.number().int()).default([]),
    weight: z.number().positive().default(1),
    textVi: z.string().min(1),
    textEn: z.string().min(1),
    /** Labels of the answer values (and of the missing/zero codes), shown to interviewers. */
    options: z.array(answerOptionSchema).default([]),
    /** Unit of a number item, e.g. "ngày / days". */
    unit: z.string().optional(),
    /**
     * Skip condition on earlier items, in contract.md's restricted XLSForm syntax
     * (src/framework/relevant.ts), e.g. "${d5a_00} = 1": the question is asked only
     * where it is true.
     */
    relevant: z.string().optional(),
    /** For the interviewer only, printed in italics and never read out: answer keys, how to code. */
    noteVi: z.string().optional(),
    noteEn: z.string().optional(),
  })
  .refine((item) => item.type === 'binary' || item.min < item.max, {
    message: 'min must be below max',
    path: ['max'],
  });

export const frameworkSchema = z.object({
  $schema: z.string().optional(),
  id: z.string().regex(/^[a-z0-9-]+$/),
  nameVi: z.string(),
  nameEn: z.string(),
  description: z.string().optional(),
  dimensions: z.array(dimensionSchema).min(1),
  subdimensions: z.array(subdimensionSchema).min(1),
  items: z.array(itemSchema),
});

/**
 * A version derived from another one (honojs/middleware-style versions side by
 * side): papi-28 is papi-29 without sub-dimension 5b and its items.
 */
export const derivedFrameworkSchema = z.object({
  $schema: z.string().optional(),
  id: z.string().regex(/^[a-z0-9-]+$/),
  extends: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  description: z.string().optional(),
  omitSubdimensions: z.array(z.string()).default([]),
});

export const frameworkFileSchema = z.union([frameworkSchema, derivedFrameworkSchema]);

export const targetSchema = z.object({
  /** The codes the target applies to: "total", a dimension ("4") or sub-dimension ("4a"). */
  levels: z.array(z.string()).min(1),
  target: z.number(),
  /** Where it came from, for diagnostics ("Targets!B3"). */
  cell: z.string().optional(),
});

export const planTaskSchema = z.object({
  levels: z.array(z.string()).min(1),
  task: z.string(),
  responsible: z.string().default(''),
  coordinating: z.string().default(''),
  timing: z.string().default(''),
});

export type { ItemType, Direction } from './codes.js';
export type Dimension = z.infer<typeof dimensionSchema>;
export type Subdimension = z.infer<typeof subdimensionSchema>;
export type AnswerOption = z.infer<typeof answerOptionSchema>;
export type Item = z.infer<typeof itemSchema>;
export type Framework = z.infer<typeof frameworkSchema>;
export type DerivedFramework = z.infer<typeof derivedFrameworkSchema>;
export type Target = z.infer<typeof targetSchema>;
export type PlanTask = z.infer<typeof planTaskSchema>;
