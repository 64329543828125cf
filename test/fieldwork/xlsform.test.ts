import { describe, expect, it } from 'vitest';
import { loadFramework } from '../../src/framework/load.js';
import type { Item } from '../../src/framework/schema.js';
import { buildXlsForm } from '../../src/xlsform/form.js';
import { xlsFormWorkbook } from '../../src/xlsform/write.js';
import { readXlsForm, xlsFormErrors } from './xlsformRules.js';

const VI = 'label::Tiếng Việt (vi)';
const EN = 'label::English (en)';

describe.each(['papi-28', 'papi-29'])('chiso xlsform for %s', async (id) => {
  const framework = loadFramework(id);
  const form = await readXlsForm(await xlsFormWorkbook(buildXlsForm(framework, { unitCode: '06268', year: 2025 })));
  const questions = form.survey.filter((q) => !/group|^start$|^end$/.test(q.type));

  it('keeps the XLSForm rules', () => {
    expect(xlsFormErrors(form)).toEqual([]);
  });

  it('one question per item, in the framework order, with Vietnamese and English labels and a hint', () => {
    const itemQuestions = questions.filter((q) => q.name !== 'unit_code' && q.name !== 'year');
    expect(itemQuestions.map((q) => q.name)).toEqual(framework.items.map((i) => i.code));
    for (const [j, q] of itemQuestions.entries()) {
      const item = framework.items[j];
      expect(q[VI]).toBe(item.textVi);
      expect(q[EN]).toBe(item.textEn);
      expect(q['hint::Tiếng Việt (vi)']?.length, item.code).toBeGreaterThan(10);
      expect(q['hint::English (en)']?.length, item.code).toBeGreaterThan(10);
      expect(q.required).toBe('yes');
    }
  });

  it('select_one with the item’s codes (its missing codes too) as choice names; number items as integer with a constraint', () => {
    for (const item of framework.items) {
      const q = questions.find((x) => x.name === item.code)!;
      if (item.type === 'number') {
        expect(q.type).toBe('integer');
        expect(q.constraint).toBe(`. >= ${item.min}`);
        continue;
      }
      expect(q.type).toBe(`select_one ${item.code}`);
      const names = form.choices.filter((c) => c.list_name === item.code).map((c) => Number(c.name));
      const range = item.type === 'binary' ? [0, 1] : Array.from({ length: item.max - item.min + 1 }, (_, k) => item.min + k);
      expect(new Set(names), item.code).toEqual(new Set([...range, ...item.missing, ...item.zero]));
      for (const c of form.choices.filter((x) => x.list_name === item.code)) {
        expect(c[VI]?.length).toBeGreaterThan(0);
        expect(c[EN]?.length).toBeGreaterThan(0);
      }
    }
    // d1a_01's missing code 8 carries the framework's own label.
    const dk = form.choices.find((c) => c.list_name === 'd1a_01' && c.name === '8');
    expect(dk?.[VI]).toBe('Không biết');
  });

  it('a group per dimension, the unit and year as fields (pre-filled), no names or other identifiers', () => {
    const groups = form.survey.filter((q) => q.type === 'begin_group').map((q) => q.name);
    expect(groups).toEqual(['unit_info', ...framework.dimensions.map((d) => `dim_${d.code}`)]);
    const unit = form.survey.find((q) => q.name === 'unit_code')!;
    expect(unit.default).toBe('06268');
    expect(form.survey.find((q) => q.name === 'year')!.default).toBe('2025');
    const names = form.survey.map((q) => q.name).join(' ');
    expect(names).not.toMatch(/name|ho_ten|phone|dien_thoai|address|dia_chi|gps|cccd|cmnd|email/i);
    expect(form.survey.map((q) => q.type).join(' ')).not.toMatch(/geopoint|geotrace|image|audio|video|barcode|deviceid|phonenumber|simserial|subscriberid|username|email/);
  });

  it('form id and version carry the framework version', () => {
    const settings = form.settings[0];
    expect(settings.form_id).toBe(`chiso_${id.replace('-', '_')}`);
    expect(settings.version.startsWith(`${id}-`)).toBe(true);
    expect(settings.default_language).toBe('Tiếng Việt (vi)');
  });
});

describe('relevant and filter questions', () => {
  const framework = loadFramework('papi-28');

  it('carries every condition of the framework, and asks a filter question in the group of the items it filters', async () => {
    const form = await readXlsForm(await xlsFormWorkbook(buildXlsForm(framework)));
    expect(xlsFormErrors(form)).toEqual([]);
    const gatedItems = framework.items.filter((i) => i.relevant);
    expect(gatedItems.length).toBeGreaterThan(10); // the questionnaire branch's conditions are there
    const rows = form.survey;
    for (const item of gatedItems) expect(rows.find((q) => q.name === item.code)?.relevant, item.code).toBe(item.relevant);
    expect(rows.filter((q) => q.relevant).length).toBe(gatedItems.length);
    const filters = framework.items.filter((i) => i.subdimension === '');
    expect(filters.length).toBeGreaterThan(3);
    for (const f of filters) {
      const at = rows.findIndex((q) => q.name === f.code);
      const group = rows.slice(0, at).reverse().find((q) => q.type === 'begin_group');
      // dNx_00 filters section Nx of dimension N.
      expect(group?.name, f.code).toBe(`dim_${f.code[1]}`);
    }
  });

  it('the rule check itself catches a reference to a later question and a missing list', () => {
    const form: Record<string, Record<string, string>[]> = {
      survey: [
        { type: 'select_one yn', name: 'a', relevant: '${b} = 1' },
        { type: 'select_one nolist', name: 'b' },
        { type: 'integer', name: '1bad' },
        { type: 'integer', name: 'a' },
      ],
      choices: [
        { list_name: 'yn', name: '1' },
        { list_name: 'yn', name: '1' },
      ],
      settings: [{ form_id: 'x', version: '1' }],
    };
    expect(xlsFormErrors(form)).toEqual([
      'choices row 3: 1 twice in list yn',
      'survey row 2: relevant refers to ${b}, which is not an earlier question',
      'survey row 3: list nolist is not in choices',
      'survey row 4: "1bad" is not a valid XML name',
      'survey row 5: name a is used twice',
    ]);
  });
});
