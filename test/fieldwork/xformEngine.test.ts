/**
 * The generated XForm loaded and filled in ODK's own engine (@getodk/xforms-engine,
 * ODK Web Forms), and its submission scored: the engine decides what is asked,
 * what a constraint refuses and what the instance holds, independently of chiso.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnyNode, FormLanguage, RootNode } from '@getodk/xforms-engine';
import { loadFramework } from '../../src/framework/load.js';
import type { Framework } from '../../src/framework/schema.js';
import { scoreInput, scoreWorkbook } from '../../src/pipeline.js';
import type { Scorecard } from '../../src/scoring/types.js';
import { buildXlsForm } from '../../src/xlsform/form.js';
import { generateXForm, xpathOf } from '../../src/xlsform/xform.js';
import { generateSample } from '../../src/sample/index.js';
import { workbookBuffer } from '../../src/writer/index.js';
import { readTemplateResponses, SAMPLES, toCsv, type Value } from './exports.js';
import { loadEngine } from './xformEngine.js';

interface Form {
  root: RootNode;
  /** Every node by its instance path (`/data/dim_5/d5a_00`). */
  at: Map<string, AnyNode>;
}

async function openForm(framework: Framework, options: { unitCode?: string; year?: number } = {}): Promise<Form> {
  const { createInstance } = await loadEngine();
  const xml = generateXForm(buildXlsForm(framework, options));
  const { root } = await createInstance(xml);
  const at = new Map<string, AnyNode>();
  const walk = (node: AnyNode) => {
    at.set(node.currentState.reference, node);
    for (const child of (node.currentState.children ?? []) as AnyNode[]) walk(child);
  };
  walk(root as AnyNode);
  return { root, at };
}

/** The path of an item: in its dimension's group (a filter question dNx_00 in dimension N's). */
const pathOf = (framework: Framework, code: string) => {
  const item = framework.items.find((i) => i.code === code)!;
  const dim = framework.subdimensions.find((s) => s.code === item.subdimension)?.dimension ?? code[1];
  return `/data/dim_${dim}/${code}`;
};

function node(form: Form, path: string): AnyNode {
  const n = form.at.get(path);
  if (!n) throw new Error(`no node ${path} in the engine's form`);
  return n;
}

/** Answers a question as an interviewer taps it: a choice by its name, a number typed. */
function answer(form: Form, path: string, value: string | number) {
  const n = node(form, path);
  if (n.nodeType === 'select') n.selectValue(String(value));
  else if (n.nodeType === 'input') (n as { setValue(v: string | number): unknown }).setValue(value);
  else throw new Error(`${path} is a ${n.nodeType}, not a question`);
}

const relevant = (form: Form, path: string) => node(form, path).currentState.relevant;

describe('the XForm in ODK’s engine (@getodk/xforms-engine)', async () => {
  const framework = loadFramework('papi-28');
  const form = await openForm(framework, { unitCode: '06268', year: 2025 });

  it('has every question with its Vietnamese label (the default language), its choices, the unit and year pre-filled', () => {
    expect(form.root.currentState.activeLanguage.language).toBe('Tiếng Việt (vi)');
    expect(form.root.languages.map((l) => l.language)).toEqual(['Tiếng Việt (vi)', 'English (en)']);
    for (const item of framework.items) {
      const n = node(form, pathOf(framework, item.code));
      expect(n.currentState.label?.asString, item.code).toBe(item.textVi);
      expect(n.nodeType, item.code).toBe(item.type === 'number' ? 'input' : 'select');
      if (n.nodeType === 'select') {
        const options = (n.currentState.valueOptions as readonly { value: string; label: { asString: string } }[]).map((o) => [o.value, o.label.asString]);
        // The framework's own options, each under its code (the choice name chiso reads back).
        for (const o of item.options) expect(options, item.code).toContainEqual([String(o.value), o.labelVi]);
      }
    }
    // Group labels "N. name", the dimension order of the framework.
    const groups = form.root.currentState.children.filter((c) => c.nodeType === 'group' && c.currentState.reference !== '/data/meta').map((g) => g.currentState.label?.asString);
    expect(groups).toEqual(['Đơn vị khảo sát', ...framework.dimensions.map((d) => `${d.code}. ${d.nameVi}`)]);
    expect(node(form, '/data/unit_info/unit_code').currentState.value).toBe('06268');
    expect(node(form, '/data/unit_info/year').currentState.value).toBe(2025n);
  });

  it('switches to English', async () => {
    const other = await openForm(framework);
    other.root.setLanguage(other.root.languages.find((l): l is FormLanguage => l.isSyntheticDefault !== true && l.language === 'English (en)')!);
    const d5a = framework.items.find((i) => i.code === 'd5a_00')!;
    expect(node(other, pathOf(framework, 'd5a_00')).currentState.label?.asString).toBe(d5a.textEn);
  });

  it('a filter question answered "no" (0) makes the questions it filters not asked; "yes" (1) asks them', () => {
    const filter = pathOf(framework, 'd5a_00');
    // d5a_01 … d5a_06 carry relevant "${d5a_00} = 1" (templates/frameworks/papi-28.json).
    const dependents = ['d5a_01', 'd5a_02', 'd5a_03', 'd5a_04', 'd5a_05', 'd5a_06'].map((c) => pathOf(framework, c));
    const unrelated = pathOf(framework, 'd4d_04'); // no condition
    // Unanswered: XPath's '' = 1 is false, so nothing filtered is asked yet.
    for (const p of dependents) expect(relevant(form, p), p).toBe(false);
    answer(form, filter, 0);
    for (const p of dependents) expect(relevant(form, p), p).toBe(false);
    expect(relevant(form, unrelated)).toBe(true);
    answer(form, filter, 1);
    for (const p of dependents) expect(relevant(form, p), p).toBe(true);
    answer(form, dependents[0], 1);
    answer(form, dependents[1], 4);
    expect(node(form, dependents[1]).currentState.value).toEqual(['4']);
  });

  it('an "and" condition needs both answers: d3b_03 asks only when d3b_00 = 1 and d3b_01 = 1', () => {
    const [a, b, c] = ['d3b_00', 'd3b_01', 'd3b_03'].map((x) => pathOf(framework, x));
    answer(form, a, 1);
    answer(form, b, 0);
    expect(relevant(form, c)).toBe(false);
    answer(form, b, 1);
    expect(relevant(form, c)).toBe(true);
  });

  it('a number below the item’s min is refused with the Vietnamese message; min and a missing code are accepted', () => {
    const p = pathOf(framework, 'd5a_05'); // number, min 1, missing codes 97 98 99
    const validity = () => node(form, p).validationState as { constraint: { valid: boolean; message: { asString: string } | null } };
    answer(form, p, 0);
    expect(validity().constraint.valid).toBe(false);
    expect(validity().constraint.message?.asString).toBe('Số phải từ 1 trở lên (hoặc một mã 97, 98, 99).');
    answer(form, p, 1);
    expect(validity().constraint.valid).toBe(true);
    answer(form, p, 98);
    expect(validity().constraint.valid).toBe(true);
    answer(form, p, 3);
    // The unit code's own pattern: digits only.
    answer(form, '/data/unit_info/unit_code', '06A68');
    expect((node(form, '/data/unit_info/unit_code').validationState as { constraint: { valid: boolean } }).constraint.valid).toBe(false);
    answer(form, '/data/unit_info/unit_code', '06268');
  });

  it('serializes the instance: the answers given, the questions not asked left out, an instanceID', () => {
    const xml = form.root.instanceState.instanceXML;
    const doc = new DOMParser().parseFromString(xml, 'text/xml');
    const text = (path: string) => {
      const names = path.split('/').slice(2);
      let el: Element | null = doc.documentElement;
      for (const n of names) el = el ? ([...el.children].find((c) => c.localName === n) ?? null) : null;
      return el?.textContent ?? null;
    };
    expect(doc.documentElement.localName).toBe('data');
    expect(doc.documentElement.getAttribute('id')).toBe('chiso_papi_28');
    expect(text(pathOf(framework, 'd5a_00'))).toBe('1');
    expect(text(pathOf(framework, 'd5a_02'))).toBe('4');
    expect(text(pathOf(framework, 'd5a_05'))).toBe('3');
    expect(text('/data/unit_info/unit_code')).toBe('06268');
    // d1d_02 asks only when d1d_01 = 1, and d1d_01 was not answered: not in the submission at all.
    expect(text(pathOf(framework, 'd1d_01'))).toBe('');
    expect(text(pathOf(framework, 'd1d_02'))).toBeNull();
    expect(text('/data/meta/instanceID')).toMatch(/^uuid:[0-9a-f-]{36}$/);
  });
});

describe('papi-29 (to 2020) loads in the engine too', () => {
  it('every item is a question with its Vietnamese label, in its dimension’s group', async () => {
    const framework = loadFramework('papi-29');
    const form = await openForm(framework);
    for (const item of framework.items) expect(node(form, pathOf(framework, item.code)).currentState.label?.asString, item.code).toBe(item.textVi);
  });
});

describe('xpathOf: XLSForm references as the paths pyxform writes', () => {
  const paths = new Map([
    ['a', '/data/g/a'],
    ['b', '/data/h/b'],
  ]);
  it('turns each ${name} into its absolute path with a space either side, the rest untouched', () => {
    // By hand: "${a}=1 and not(${b} != 2)" → " /data/g/a =1 and not( /data/h/b  != 2)".
    expect(xpathOf('${a}=1 and not(${b} != 2)', paths)).toBe(' /data/g/a =1 and not( /data/h/b  != 2)');
    expect(xpathOf(". >= 0 and regex(., '^[0-9]{1,10}$')", paths)).toBe(". >= 0 and regex(., '^[0-9]{1,10}$')");
  });
  it('a name that is no field is a bug, said at once', () => {
    expect(() => xpathOf('${c} = 1', paths)).toThrow('${c} names no field');
  });
});

/** The scorecard fields the form does not carry (the unit's names, targets, file): the rest must match. */
const untargeted = <T extends object>(s: T) => ({ ...s, target: null, gap: null, status: null });
const comparable = (cards: Scorecard[]) =>
  cards.map((c) => ({ ...c, file: '', unit: { ...c.unit, name: '', province: '', district: '' }, total: untargeted(c.total), dimensions: c.dimensions.map(untargeted), subdimensions: c.subdimensions.map(untargeted) }));

describe('interviews filled in the engine, exported as ODK Central would, score as the template', async () => {
  // A sample like lien-hoi (2024, papi-28) of 12 interviews, each typed into the engine.
  const framework = loadFramework('papi-28');
  const N = 12;
  const { unit, year: sampleYear, seed } = SAMPLES['lien-hoi-2024'];
  const sampleFile = join(mkdtempSync(join(tmpdir(), 'chiso-xform-')), 'lien-hoi-12.xlsx');
  writeFileSync(sampleFile, await workbookBuffer(generateSample({ framework, unit, year: sampleYear, respondents: N, seed, errors: false })));
  const template = await readTemplateResponses(sampleFile);
  const code = unit.code;
  const year = template.year;

  const submissions: Document[] = [];
  for (const row of template.rows) {
    const form = await openForm(framework, { unitCode: code, year });
    for (const item of framework.items) {
      const value = row[template.header.indexOf(item.code)];
      const path = pathOf(framework, item.code);
      // An interviewer sees only the questions the engine asks; a blank stays unanswered.
      if (value === null || value === '' || !relevant(form, path)) continue;
      answer(form, path, value);
    }
    submissions.push(new DOMParser().parseFromString(form.root.instanceState.instanceXML, 'text/xml'));
  }

  /**
   * ODK Central's CSV: one column per field of the form, in the form's order (Central takes its
   * columns from the form, not from a submission, which leaves out what was not asked), group
   * path joined by '-'; a field a submission lacks is blank.
   */
  function centralCsv(docs: Document[]): Uint8Array {
    const definition = new DOMParser().parseFromString(generateXForm(buildXlsForm(framework, { unitCode: code, year })), 'text/xml');
    const primary = [...definition.getElementsByTagNameNS('http://www.w3.org/2002/xforms', 'instance')][0].firstElementChild!;
    const leaves: string[] = [];
    const collect = (el: Element, prefix: string) => {
      for (const c of el.children) {
        const name = prefix ? `${prefix}-${c.localName}` : c.localName;
        if (c.children.length) collect(c, name);
        else leaves.push(name);
      }
    };
    collect(primary, '');
    const valueAt = (d: Document, column: string): Value => {
      let el: Element | undefined = d.documentElement;
      for (const n of column.split('-')) el = el && [...el.children].find((c) => c.localName === n);
      return el?.textContent ?? null;
    };
    // The form does not ask for the sampling weight (it is the survey design's, not the household's
    // answer): the supervisor adds the template's weights as a column before scoring, as for a template.
    const weights = template.rows.map((row) => row[template.header.indexOf('weight')]);
    return toCsv({
      header: ['SubmissionDate', ...leaves, 'KEY', 'weight'],
      rows: docs.map((d, i) => ['2025-03-01T09:00:00.000Z', ...leaves.map((l) => valueAt(d, l)), `k${i}`, weights[i]]),
      columnOf: [],
    });
  }

  it('every answer of the template is in its submission: the sample skips as the form does, so the engine asked them all', () => {
    let compared = 0;
    submissions.forEach((d, r) => {
      for (const item of framework.items) {
        const value = template.rows[r][template.header.indexOf(item.code)];
        const [, , group, name] = pathOf(framework, item.code).split('/');
        const el = [...([...d.documentElement.children].find((c) => c.localName === group)?.children ?? [])].find((c) => c.localName === name);
        if (value === null) expect(el?.textContent ?? '', `${r} ${item.code}`).toBe('');
        else {
          expect(el?.textContent, `${r} ${item.code}`).toBe(String(value));
          compared++;
        }
      }
    });
    expect(compared).toBeGreaterThan(N * 100); // most of the 130 questions of each interview
  });

  it('the CSV scores exactly as the same rows do in the template workbook', async () => {
    const fromExport = await scoreInput(centralCsv(submissions), { fileName: 'central.csv' });
    expect(fromExport.fatal).toBe(false);
    expect(fromExport.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(fromExport.scorecards[0].respondents).toBe(N);
    const fromTemplate = await scoreWorkbook(sampleFile, { fileName: sampleFile });
    expect(fromTemplate.scorecards[0].respondents).toBe(N);
    expect(comparable(fromExport.scorecards)).toEqual(comparable(fromTemplate.scorecards));
  });
});
