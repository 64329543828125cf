import { describe, expect, it } from 'vitest';
import { itemSchema } from '../../src/framework/schema.js';
import { acceptedCodes } from '../../src/ingest/itemText.js';

const scale = (missing: number[]) =>
  itemSchema.parse({ code: 'd2a_03', subdimension: '2a', type: 'scale', min: 1, max: 4, direction: '+', missing, textVi: 'Ông/bà tin tưởng…?', textEn: 'How much…?' });

describe('acceptedCodes', () => {
  // The template's codes: 7 = không áp dụng, 8 = không biết, 9 = không trả lời (src/template/answerOptions.ts).
  // Before this fix "7, 8, 9" all read "không biết / không trả lời", so 7 was told to a clerk as "don't know".
  it('names "không áp dụng" where a not-applicable code is accepted', () => {
    expect(acceptedCodes(scale([7, 8, 9]))).toEqual({
      vi: 'số nguyên 1–4; 7, 8, 9 = không áp dụng / không biết / không trả lời',
      en: "whole numbers 1–4; 7, 8, 9 = not applicable / don't know / no answer",
    });
    expect(acceptedCodes(scale([997, 998, 999])).vi).toBe('số nguyên 1–4; 997, 998, 999 = không áp dụng / không biết / không trả lời');
  });

  it('leaves it out where there is no such code', () => {
    expect(acceptedCodes(scale([8, 9])).vi).toBe('số nguyên 1–4; 8, 9 = không biết / không trả lời');
  });
});
