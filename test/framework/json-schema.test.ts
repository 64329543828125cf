import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { frameworkJsonSchema, frameworkJsonSchemaText } from '../../src/framework/json-schema.js';
import { frameworksDir } from '../../src/framework/load.js';

describe('framework.schema.json', () => {
  it('is the committed copy of the schema generated from zod', () => {
    // Compared with the file as committed, not a snapshot: `vitest -u` cannot bless a drift. After a schema
    // change, regenerate it with writeFrameworkJsonSchema() (src/framework/json-schema.ts) and commit the file.
    const committed = readFileSync(join(frameworksDir(), 'framework.schema.json'), 'utf8');
    expect(frameworkJsonSchemaText()).toBe(committed);
    expect(JSON.parse(committed).title).toBe('chiso framework');
  });

  it('describes both full and derived framework files', () => {
    const schema = frameworkJsonSchema();
    expect(schema.title).toBe('chiso framework');
    const text = JSON.stringify(schema);
    for (const key of ['subdimensions', 'items', 'extends', 'omitSubdimensions', 'labelVi']) expect(text).toContain(key);
  });

  it('is what papi-29.json points its editor at', () => {
    const papi29 = JSON.parse(readFileSync(join(frameworksDir(), 'papi-29.json'), 'utf8'));
    expect(papi29.$schema).toBe('./framework.schema.json');
  });
});
