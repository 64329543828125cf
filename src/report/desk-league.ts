/**
 * The desk's league workbook (GET /api/league.xlsx): the one league builder of
 * src/report/league.ts, fed from the desk's league over the store — its changes
 * pooled across mergers (methodology.md §8), its missing communes from the
 * registry, and the parent's and the districts' plans for the tasks.
 */
import type { DeskLeague } from '../desk/league.js';
import { workbookBuffer } from '../writer/stableXlsx.js';
import { buildLeagueReport } from './league.js';

export async function buildDeskLeagueWorkbook(league: DeskLeague) {
  return buildLeagueReport({
    scorecards: league.scorecards,
    problems: league.problems,
    changes: league.changes,
    missing: league.missing.map((m) => ({ ...m, year: league.year })),
    // The parent's plan, then each district's own (RollUp lists the tasks under the roll-up they belong to).
    plans: [
      ...(league.plan ? [{ unitCode: league.unit.code, year: league.year, fileName: league.plan.fileName, tasks: league.plan.tasks }] : []),
      ...league.districtPlans.map((p) => ({ unitCode: p.code, year: league.year, fileName: p.fileName, tasks: p.tasks })),
    ],
  });
}

export async function leagueWorkbookBytes(league: DeskLeague): Promise<Uint8Array> {
  const buffer = await workbookBuffer(await buildDeskLeagueWorkbook(league));
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
