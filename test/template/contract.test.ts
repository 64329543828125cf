import { describe, expect, it } from 'vitest';
import { CODEBOOK_COLUMNS, CODEBOOK_REQUIRED, PLAN_COLUMNS, PLAN_REQUIRED, RESPONDENT_COLUMNS, SHEET, SHEET_NAMES } from '../../src/contract.js';
import { RESPONSE_FIXED_COLUMNS } from '../../src/template/index.js';

describe('the workbook contract (src/contract.ts) is the one list the template follows', () => {
  it('the Responses sheet starts with the respondent columns, in the contract order', () => {
    expect(RESPONSE_FIXED_COLUMNS.map((c) => c.code)).toEqual([...RESPONDENT_COLUMNS]);
  });

  it('required columns are among the columns of their sheet', () => {
    for (const c of CODEBOOK_REQUIRED) expect(CODEBOOK_COLUMNS).toContain(c);
    for (const c of PLAN_REQUIRED) expect(PLAN_COLUMNS).toContain(c);
  });

  it('every named sheet is a template sheet', () => {
    expect(new Set(Object.values(SHEET))).toEqual(new Set(SHEET_NAMES));
  });
});
