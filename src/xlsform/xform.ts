/**
 * The questionnaire as an ODK XForm (https://getodk.github.io/xforms-spec/), the
 * XML that ODK Collect, Enketo and ODK Web Forms load and that pyxform makes from
 * an XLSForm. It is made from the same XLSForm rows (src/xlsform/form.ts), so
 * both files ask the same questions with the same names, choices, groups,
 * conditions and labels, and an ODK Central export of either reads back the same
 * (src/ingest/exports). The layout follows pyxform's current output: itext
 * translations, one secondary instance per choice list with an itemset, binds
 * with absolute paths, meta/instanceID from jr:preload="uid".
 */
import { LANGUAGES, type ChoiceRow, type SurveyRow, type XlsForm } from './form.js';

const ROOT = 'data';

type Lang = (typeof LANGUAGES)[number]['key'];
type Texts = Record<Lang, string>;

/** Text content and (double-quoted) attribute values alike; apostrophes stay, XPath quotes strings with them. */
const esc = (text: string): string => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** An XForm field: its survey row and its absolute instance path. */
interface Field {
  row: SurveyRow;
  path: string;
}

/** Group tree of the primary instance, in survey order. */
interface Group {
  name: string;
  path: string;
  label?: Texts;
  children: (Group | Field)[];
}

const isGroup = (node: Group | Field): node is Group => 'children' in node;

/**
 * XLSForm's `${name}` references as XPath absolute paths, the way pyxform turns them
 * (with a space either side, so `${a}=1` cannot glue into one token). Every name must be
 * an earlier field: the XLSForm rows are built from a loaded framework, whose conditions
 * were already checked (src/framework/relevant.ts), so a miss is a bug here, not bad input.
 */
export function xpathOf(expression: string, pathOf: ReadonlyMap<string, string>): string {
  return expression.replace(/\$\{([A-Za-z_][A-Za-z0-9_.-]*)\}/g, (_, name: string) => {
    const path = pathOf.get(name);
    if (!path) throw new Error(`XForm: \${${name}} names no field of the form`);
    return ` ${path} `;
  });
}

/** The XLSForm survey rows as a tree of groups and fields with their instance paths. */
function tree(survey: readonly SurveyRow[]): Group {
  const root: Group = { name: ROOT, path: `/${ROOT}`, children: [] };
  const stack = [root];
  for (const row of survey) {
    const parent = stack[stack.length - 1];
    if (row.type === 'begin_group') {
      const group: Group = { name: row.name, path: `${parent.path}/${row.name}`, label: row.label, children: [] };
      parent.children.push(group);
      stack.push(group);
    } else if (row.type === 'end_group') {
      if (stack.length === 1) throw new Error(`XForm: end_group ${row.name} without begin_group`);
      stack.pop();
    } else parent.children.push({ row, path: `${parent.path}/${row.name}` });
  }
  if (stack.length !== 1) throw new Error(`XForm: group ${stack[stack.length - 1].name} never closed`);
  return root;
}

function* fields(group: Group): Generator<Field> {
  for (const node of group.children) if (isGroup(node)) yield* fields(node);
    else yield node;
}

function* groups(group: Group): Generator<Group> {
  for (const node of group.children)
    if (isGroup(node)) {
      yield node;
      yield* groups(node);
    }
}

const listOf = (row: SurveyRow): string | undefined => /^select_one\s+(\S+)$/.exec(row.type)?.[1];

/** The bind type of an XLSForm question type (ODK XForms spec, "Bindings"). */
function bindType(row: SurveyRow): string {
  if (listOf(row)) return 'string';
  switch (row.type) {
    case 'integer':
      return 'int';
    case 'decimal':
      return 'decimal';
    case 'text':
      return 'string';
    case 'start':
    case 'end':
      return 'dateTime';
    default:
      throw new Error(`XForm: no bind type for XLSForm type "${row.type}"`);
  }
}

/** Options of generateXForm. */
export interface XFormOptions {
  /** Indent the XML (default true: a file people open to read). */
  pretty?: boolean;
}

/** The XForm XML text of an XLSForm built by buildXlsForm. */
export function generateXForm(form: XlsForm, options: XFormOptions = {}): string {
  const root = tree(form.survey);
  const all = [...fields(root)];
  const pathOf = new Map<string, string>([...all.map((f) => [f.row.name, f.path] as const), ...[...groups(root)].map((g) => [g.name, g.path] as const)]);
  const choicesOf = new Map<string, ChoiceRow[]>();
  for (const c of form.choices) {
    const list = choicesOf.get(c.listName) ?? [];
    list.push(c);
    choicesOf.set(c.listName, list);
  }
  for (const f of all) {
    const list = listOf(f.row);
    if (list && !choicesOf.has(list)) throw new Error(`XForm: list ${list} of ${f.row.name} is not in choices`);
  }

  // itext ids as pyxform writes them: `/data/group/field:label`, `…:hint`, `…:jr:constraintMsg`, `list-index`.
  const itext: { id: string; texts: Texts }[] = [];
  const ref = (id: string) => `jr:itext('${id}')`;
  for (const g of groups(root)) if (g.label) itext.push({ id: `${g.path}:label`, texts: g.label });
  for (const f of all) {
    if (f.row.label) itext.push({ id: `${f.path}:label`, texts: f.row.label });
    if (f.row.hint) itext.push({ id: `${f.path}:hint`, texts: f.row.hint });
    if (f.row.constraintMessage) itext.push({ id: `${f.path}:jr:constraintMsg`, texts: f.row.constraintMessage });
  }
  for (const [list, choices] of choicesOf) choices.forEach((c, k) => itext.push({ id: `${list}-${k}`, texts: c.label }));

  const out: string[] = [];
  const pretty = options.pretty ?? true;
  const line = (depth: number, text: string) => out.push(pretty ? `${'  '.repeat(depth)}${text}` : text);

  line(0, '<?xml version="1.0" encoding="UTF-8"?>');
  line(
    0,
    '<h:html xmlns="http://www.w3.org/2002/xforms" xmlns:h="http://www.w3.org/1999/xhtml" xmlns:ev="http://www.w3.org/2001/xml-events" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:jr="http://openrosa.org/javarosa" xmlns:orx="http://openrosa.org/xforms" xmlns:odk="http://www.opendatakit.org/xforms">',
  );
  line(1, '<h:head>');
  line(2, `<h:title>${esc(form.settings.formTitle)}</h:title>`);
  line(2, '<model odk:xforms-version="1.0.0">');
  line(3, '<itext>');
  for (const lang of LANGUAGES) {
    const isDefault = lang.suffix === form.settings.defaultLanguage;
    line(4, `<translation lang="${esc(lang.suffix)}"${isDefault ? ' default="true()"' : ''}>`);
    for (const t of itext) line(5, `<text id="${esc(t.id)}"><value>${esc(t.texts[lang.key])}</value></text>`);
    line(4, '</translation>');
  }
  line(3, '</itext>');

  // The primary instance: one element per field (its default as text), then meta/instanceID.
  line(3, '<instance>');
  line(4, `<${ROOT} id="${esc(form.settings.formId)}" version="${esc(form.settings.version)}">`);
  const instance = (group: Group, depth: number) => {
    for (const node of group.children) {
      if (isGroup(node)) {
        line(depth, `<${node.name}>`);
        instance(node, depth + 1);
        line(depth, `</${node.name}>`);
      } else line(depth, node.row.default ? `<${node.row.name}>${esc(node.row.default)}</${node.row.name}>` : `<${node.row.name}/>`);
    }
  };
  instance(root, 5);
  line(5, '<meta>');
  line(6, '<instanceID/>');
  line(5, '</meta>');
  line(4, `</${ROOT}>`);
  line(3, '</instance>');

  // One secondary instance per choice list, as pyxform writes a translated list.
  for (const [list, choices] of choicesOf) {
    line(3, `<instance id="${esc(list)}">`);
    line(4, '<root>');
    choices.forEach((c, k) => line(5, `<item><itextId>${esc(`${list}-${k}`)}</itextId><name>${esc(c.name)}</name></item>`));
    line(4, '</root>');
    line(3, '</instance>');
  }

  for (const { row, path } of all) {
    const attrs: string[] = [`nodeset="${path}"`, `type="${bindType(row)}"`];
    if (row.type === 'start' || row.type === 'end') attrs.push('jr:preload="timestamp"', `jr:preloadParams="${row.type}"`);
    if (row.required === 'yes') attrs.push('required="true()"');
    if (row.relevant) attrs.push(`relevant="${esc(xpathOf(row.relevant, pathOf))}"`);
    if (row.constraint) attrs.push(`constraint="${esc(xpathOf(row.constraint, pathOf))}"`);
    if (row.constraintMessage) attrs.push(`jr:constraintMsg="${esc(ref(`${path}:jr:constraintMsg`))}"`);
    line(3, `<bind ${attrs.join(' ')}/>`);
  }
  line(3, `<bind nodeset="/${ROOT}/meta/instanceID" type="string" readonly="true()" jr:preload="uid"/>`);
  line(2, '</model>');
  line(1, '</h:head>');

  // The body: a group per XLSForm group, an input or a select1 per question (start/end have none).
  line(1, '<h:body>');
  const body = (group: Group, depth: number) => {
    for (const node of group.children) {
      if (isGroup(node)) {
        line(depth, `<group ref="${node.path}">`);
        if (node.label) line(depth + 1, `<label ref="${esc(ref(`${node.path}:label`))}"/>`);
        body(node, depth + 1);
        line(depth, '</group>');
        continue;
      }
      const { row, path } = node;
      if (row.type === 'start' || row.type === 'end') continue;
      const list = listOf(row);
      line(depth, `<${list ? 'select1' : 'input'} ref="${path}">`);
      if (row.label) line(depth + 1, `<label ref="${esc(ref(`${path}:label`))}"/>`);
      if (row.hint) line(depth + 1, `<hint ref="${esc(ref(`${path}:hint`))}"/>`);
      if (list) {
        line(depth + 1, `<itemset nodeset="instance('${esc(list)}')/root/item">`);
        line(depth + 2, '<value ref="name"/>');
        line(depth + 2, '<label ref="jr:itext(itextId)"/>');
        line(depth + 1, '</itemset>');
      }
      line(depth, `</${list ? 'select1' : 'input'}>`);
    }
  };
  body(root, 2);
  line(1, '</h:body>');
  line(0, '</h:html>');
  return out.join(pretty ? '\n' : '') + (pretty ? '\n' : '');
}
