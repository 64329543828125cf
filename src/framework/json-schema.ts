import { writeFileSync } from 'node:fs';
import { join, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { frameworksDir } from './load.js';
import { frameworkFileSchema } from './schema.js';

export const FRAMEWORK_JSON_SCHEMA_FILE = 'framework.schema.json';

/**
 * JSON Schema of a framework file (full or derived), generated from the zod
 * schema so editors complete templates/frameworks/*.json. Input mode: fields
 * with a default (missing, zero, weight, options) are optional, as in the files.
 */
export function frameworkJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(frameworkFileSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  return {
    ...generated,
    title: 'chiso framework',
    description:
      'A scoring framework (methodology.md §1): dimensions, sub-dimensions and questionnaire items, ' +
      'or a version derived from another one by omitting sub-dimensions. Generated from src/framework/schema.ts; ' +
      'regenerate with `npx vitest run test/framework/json-schema.test.ts -u`.',
  };
}

/** The committed file's exact text. */
export function frameworkJsonSchemaText(): string {
  return JSON.stringify(frameworkJsonSchema(), null, 2) + '\n';
}

export function writeFrameworkJsonSchema(file = join(frameworksDir(), FRAMEWORK_JSON_SCHEMA_FILE)): string {
  writeFileSync(file, frameworkJsonSchemaText());
  return file;
}

// Run directly (node on the built file): write the file.
if (process.argv.slice(1).some((arg) => resolvePath(arg) === fileURLToPath(import.meta.url))) {
  console.log(`wrote ${writeFrameworkJsonSchema()}`);
}
