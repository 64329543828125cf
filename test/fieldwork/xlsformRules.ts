/**
 * The XLSForm rules that can be checked without pyxform (xlsform.org), read from
 * the workbook with exceljs: the sheets and columns, names unique and valid XML
 * names, every select list defined, choice names unique per list, every ${…}
 * reference to an earlier question, groups balanced.
 */
import ExcelJS from 'exceljs';

export type Sheet = Record<string, string>[];

export async function readXlsForm(bytes: Uint8Array): Promise<Record<string, Sheet>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const out: Record<string, Sheet> = {};
  for (const ws of wb.worksheets) {
    const header: string[] = [];
    ws.getRow(1).eachCell((cell, c) => (header[c] = String(cell.value)));
    const rows: Sheet = [];
    ws.eachRow((row, n) => {
      if (n === 1) return;
      const record: Record<string, string> = {};
      row.eachCell((cell, c) => (record[header[c]] = String(cell.value)));
      rows.push(record);
    });
    out[ws.name] = rows;
  }
  return out;
}

/** XML 1.0 NCName, ASCII subset (what ODK tools accept for field names), not starting with "xml". */
const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

export function xlsFormErrors(form: Record<string, Sheet>): string[] {
  const errors: string[] = [];
  for (const sheet of ['survey', 'choices', 'settings']) if (!form[sheet]) errors.push(`no ${sheet} sheet`);
  if (errors.length) return errors;
  const lists = new Map<string, Set<string>>();
  for (const [i, c] of form.choices.entries()) {
    if (!c.list_name || !c.name) errors.push(`choices row ${i + 2}: list_name and name are required`);
    const names = lists.get(c.list_name) ?? new Set<string>();
    if (names.has(c.name)) errors.push(`choices row ${i + 2}: ${c.name} twice in list ${c.list_name}`);
    names.add(c.name);
    lists.set(c.list_name, names);
  }
  const seen = new Set<string>();
  const groups: string[] = [];
  for (const [i, q] of form.survey.entries()) {
    const at = `survey row ${i + 2}`;
    const type = q.type ?? '';
    if (type === 'end_group' || type === 'end group') {
      if (groups.pop() === undefined) errors.push(`${at}: end_group without begin_group`);
      continue;
    }
    const name = q.name ?? '';
    if (!NAME.test(name) || /^xml/i.test(name)) errors.push(`${at}: "${name}" is not a valid XML name`);
    if (seen.has(name)) errors.push(`${at}: name ${name} is used twice`);
    // ${…} may name only questions above this row.
    for (const column of ['relevant', 'constraint', 'calculation', 'required', 'default', 'choice_filter'])
      for (const m of (q[column] ?? '').matchAll(/\$\{([^}]*)\}/g))
        if (!seen.has(m[1])) errors.push(`${at}: ${column} refers to \${${m[1]}}, which is not an earlier question`);
    seen.add(name);
    if (type === 'begin_group' || type === 'begin group') groups.push(name);
    const select = /^select_(one|multiple) (\S+)$/.exec(type);
    if (select && !lists.has(select[2])) errors.push(`${at}: list ${select[2]} is not in choices`);
    if (!select && !['start', 'end', 'begin_group', 'begin group', 'text', 'integer', 'decimal', 'note', 'calculate', 'today'].includes(type)) errors.push(`${at}: unexpected type "${type}"`);
  }
  if (groups.length) errors.push(`groups never closed: ${groups.join(', ')}`);
  const settings = form.settings[0] ?? {};
  if (!settings.form_id || !NAME.test(settings.form_id)) errors.push('settings: form_id missing or not a valid name');
  if (!settings.version) errors.push('settings: no version');
  return errors;
}
