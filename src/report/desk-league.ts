/**
 * The desk's league workbook (GET /api/league.xlsx): the league report of
 * src/report/league.ts (ranking, groups coloured, chart, below target) with the
 * desk's own sheets: the roll-up against its plan's targets, the change of every
 * row since the year before (pooled across mergers), and the missing communes.
 * A4 landscape like the rest; user text written as text.
 */
import { shownChange } from '../format/score.js';
import type { DeskLeague } from '../desk/league.js';
import type { Comparison } from '../scoring/types.js';
import { workbookBuffer } from '../writer/stableXlsx.js';
import { buildLeagueReport } from './league.js';
import { repeatHeaderRow, SCORE_FORMAT, setupPage, writeTable, type Column } from './layout.js';

const both = (vi: string, en: string) => `${vi} / ${en}`;

export const deskSheetNames = { rollUp: 'RollUp', changes: 'Changes', missing: 'Missing' } as const;

const changeLabels: Record<Comparison['total']['status'], string> = {
  improved: both('Tăng có ý nghĩa', 'Improved'),
  declined: both('Giảm có ý nghĩa', 'Declined'),
  'no significant change': both('Không thay đổi có ý nghĩa', 'No significant change'),
  'not comparable': both('Không so sánh được', 'Not comparable'),
};

const statusLabels = { met: both('Đạt', 'Met'), close: both('Gần đạt', 'Close'), below: both('Chưa đạt', 'Below') } as const;

export async function buildDeskLeagueWorkbook(league: DeskLeague) {
  const workbook = await buildLeagueReport({ scorecards: league.scorecards, problems: league.problems });
  const parent = league.scorecards.find((c) => c.level !== 'unit' && c.unit.code === league.unit.code);

  // The roll-up against its plan's targets (methodology.md §5 applies unchanged, §7).
  const rollUp = workbook.addWorksheet(deskSheetNames.rollUp, { views: [{ state: 'frozen', ySplit: 3 }] });
  setupPage(rollUp, 'landscape', both(`Tổng hợp ${league.unit.name} ${league.year}`, `Roll-up of ${league.unit.name} ${league.year}`));
  rollUp.getCell('A1').value = `${league.unit.name} (${league.unit.code}), ${league.year}`;
  rollUp.getCell('A1').font = { bold: true, size: 13 };
  rollUp.getCell('A2').value = league.plan
    ? both(`Chỉ tiêu theo kế hoạch "${league.plan.fileName ?? ''}"`, 'Targets of the plan')
    : both('Chưa có kế hoạch (chỉ tiêu) của đơn vị này cho năm này', 'No plan (targets) of this unit for this year');
  type Row = { label: string; score: number | null; ciLow: number | null; ciHigh: number | null; target: number | null; status: 'met' | 'close' | 'below' | null };
  const rows: Row[] = parent
    ? [
        { label: both('Tổng điểm', 'Total'), score: parent.total.score, ciLow: parent.total.ciLow, ciHigh: parent.total.ciHigh, target: parent.total.target, status: parent.total.status },
        ...parent.dimensions.map((d) => ({ label: `${d.code}. ${d.name}`, score: d.score, ciLow: d.ciLow, ciHigh: d.ciHigh, target: d.target, status: d.status })),
      ]
    : [];
  const columns: Column<Row>[] = [
    { header: both('Nội dung', 'Level'), width: 44, value: (r) => r.label },
    { header: both('Điểm', 'Score'), width: 10, value: (r) => r.score, format: SCORE_FORMAT },
    { header: both('Cận dưới', 'CI low'), width: 10, value: (r) => r.ciLow, format: SCORE_FORMAT },
    { header: both('Cận trên', 'CI high'), width: 10, value: (r) => r.ciHigh, format: SCORE_FORMAT },
    { header: both('Chỉ tiêu', 'Target'), width: 10, value: (r) => r.target, format: SCORE_FORMAT },
    { header: both('Đánh giá', 'Status'), width: 18, value: (r) => (r.status ? statusLabels[r.status] : null), status: (r) => r.status },
  ];
  const table = writeTable(rollUp, 3, columns, rows);
  repeatHeaderRow(rollUp, table.headerRow);
  if (league.plan?.tasks.length) {
    let at = table.lastRow + 2;
    rollUp.getCell(`A${at}`).value = both('Nhiệm vụ trong kế hoạch', 'Tasks of the plan');
    rollUp.getCell(`A${at}`).font = { bold: true };
    at++;
    writeTable(rollUp, at, [
      { header: both('Nội dung', 'Level'), width: 44, value: (t: (typeof league.plan.tasks)[number]) => t.levels.join(', ') },
      { header: both('Nhiệm vụ', 'Task'), width: 60, value: (t) => t.task },
      { header: both('Chủ trì', 'Responsible'), width: 18, value: (t) => t.responsible || null },
      { header: both('Thời gian', 'Timing'), width: 14, value: (t) => t.timing || null },
    ], league.plan.tasks, { setWidths: false });
  }

  const changes = workbook.addWorksheet(deskSheetNames.changes, { views: [{ state: 'frozen', ySplit: 1 }] });
  setupPage(changes, 'landscape', both('Thay đổi so với năm trước', 'Change since the year before'));
  const nameOf = new Map(league.scorecards.map((c) => [`${c.level}|${c.unit.code}`, c.unit.name]));
  type ChangeRow = (typeof league.changes)[number];
  const changeColumns: Column<ChangeRow>[] = [
    { header: both('Mã', 'Code'), width: 10, value: (r) => r.code },
    { header: both('Đơn vị', 'Unit'), width: 30, value: (r) => nameOf.get(`${r.level}|${r.code}`) ?? r.code },
    { header: both('Năm trước', 'Before'), width: 10, value: (r) => r.comparison.total.from, format: SCORE_FORMAT },
    { header: both('Năm nay', 'Now'), width: 10, value: (r) => r.comparison.total.to, format: SCORE_FORMAT },
    { header: both('Thay đổi', 'Change'), width: 10, value: (r) => shown(r.comparison), format: SCORE_FORMAT },
    { header: both('Ý nghĩa', 'Significance'), width: 24, value: (r) => changeLabels[r.comparison.total.status], status: (r) => r.comparison.total.status },
    { header: both('Ghi chú', 'Note'), width: 40, value: (r) => note(r.comparison) },
  ];
  repeatHeaderRow(changes, writeTable(changes, 1, changeColumns, league.changes).headerRow);

  const missing = workbook.addWorksheet(deskSheetNames.missing, { views: [{ state: 'frozen', ySplit: 1 }] });
  setupPage(missing, 'portrait', both('Đơn vị chưa nộp', 'Units with no submission'));
  type MissingRow = DeskLeague['missing'][number];
  const missingColumns: Column<MissingRow>[] = [
    { header: both('Mã', 'Code'), width: 10, value: (r) => r.code },
    { header: both('Xã, phường chưa nộp', 'Commune with no submission'), width: 40, value: (r) => r.name },
    { header: both('Thuộc', 'Under'), width: 12, value: (r) => r.parent },
  ];
  repeatHeaderRow(missing, writeTable(missing, 1, missingColumns, league.missing).headerRow);
  return workbook;
}

/** The change as the difference of the shown (rounded) values, methodology §6. */
function shown(c: Comparison): number | null {
  return shownChange(c.total.from, c.total.to);
}

function note(c: Comparison): string | null {
  const parts: string[] = [];
  if (c.from.units?.length) parts.push(both(`gộp ${c.from.units.join(' + ')}`, `pooled ${c.from.units.join(' + ')}`));
  if (c.approximate) parts.push(both('gần đúng (một phần địa bàn)', 'approximate (part of an area)'));
  if (c.incomplete?.length) parts.push(both(`thiếu số liệu: ${c.incomplete.join(', ')}`, `no data: ${c.incomplete.join(', ')}`));
  return parts.length ? parts.join('; ') : null;
}

export async function leagueWorkbookBytes(league: DeskLeague): Promise<Uint8Array> {
  const buffer = await workbookBuffer(await buildDeskLeagueWorkbook(league));
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
