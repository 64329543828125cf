import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import type { Io } from '../../src/commands/io.js';
import { cliMessage, cliMessages, type CliArgs, type CliMessageId, type CliParams } from '../../src/diagnostics/cli-messages.js';
import { ENGLISH, VIETNAMESE, withoutNames } from './english.js';

/**
 * The CLI's own lines (progress, confirmations) follow --lang like the
 * diagnostics: every entry renders in both languages, uses its parameters in
 * both, and the Vietnamese one has no English words left in it.
 */
/** One value per parameter, each distinct, so a rendering that drops one is seen. */
const params: { [Id in CliMessageId]: CliParams<Id> } = {
  checking: { file: 'a.xlsx' },
  scoring: { file: 'a.xlsx' },
  scored: { file: 'a.xlsx', respondents: 217, seconds: '1,4' },
  planTargets: { file: 'plan.xlsx', unit: '88', year: 2024 },
  wrote: { file: 'out.xlsx' },
  annotateRebuilt: { file: 'marked.xlsx' },
  annotateExport: { file: 'kobo.csv' },
  sampleSeedUnit: { unit: 'Xã Liên Hội' },
  sampleWrote: { file: 's.xlsx', respondents: 301, framework: 'papi-28', seed: 4242 },
  samplesWrote: { file: 's.xlsx', unit: 'Xã Liên Hội', year: 2024, respondents: 302, framework: 'papi-29', errors: true },
  templateWrote: { file: 't.xlsx', framework: 'papi-28', items: 97 },
  xlsformWrote: { file: 'f.xlsx', form: 'chiso_papi', version: '2024061', items: 98 },
  watching: { dir: 'inbox', workbooks: 3 },
  watchScored: { respondents: 303, total: '42,61' },
  tokenRevoked: { id: 'ab12cd34ef56ab78' },
  tokenAlreadyRevoked: { id: 'ab12cd34ef56ab78', at: '2026-01-02T03:04:05Z' },
  tokenUnknown: { id: 'ab12cd34ef56ab78' },
  tokenCreated: { scope: 'district', target: 'Huyện Châu Thành', until: '2027-01-01T00:00:00.000Z' },
  unitsImported: { rows: 12, units: 11, file: 'units.csv' },
  storeMigrated: { location: 'data/chiso.db', from: 3, to: 5 },
  storeCurrent: { location: 'data/chiso.db', version: 6 },
  storeBackfilling: { pending: 14 },
  storeBackfilled: { filled: 12, unreadable: 2, ids: '3f2a9c1e, 77aa01bc' },
  storeImportFailed: { reason: { vi: 'không tìm thấy tệp (ENOENT)', en: 'no such file (ENOENT)' } },
  storeImported: { imported: 7, existing: 8, tokens: 9, dir: 'old-data', rejected: 2 },
  storeBackupPostgres: {},
  storeBackupExists: { file: 'backup.db' },
  storeBackedUp: { location: 'data/chiso.db', file: 'backup.db' },
  serveTightened: { files: 4, dir: 'data' },
  serveMigrated: { location: 'data/chiso.db', from: 3, to: 5 },
  serveSingleUser: { url: 'http://127.0.0.1:8787' },
  serveTokens: { url: 'https://chiso.example:8443' },
  servePlainHttp: {},
  serveNoTokens: {},
  serveLoadingSample: { n: 2, of: 5, name: 'lien-hoi-2024.xlsx' },
  serveSampleFailed: { name: 'bad.xlsx', reason: 'zip damaged' },
  serveSamplesLoaded: { loaded: 5, failed: 1 },
  serveStopping: { signal: 'SIGTERM' },
  compareApproximate: {},
  compareIncomplete: { units: '98002 98004' },
  compareTotal: {},
  tokenStateRevoked: { at: '2026-02-03T04:05:06Z' },
  tokenStateExpires: { at: '2027-02-03T04:05:06Z' },
  tokenStateForever: {},
  usageNoPositionals: { command: 'template', got: 'extra.xlsx' },
  usageUnitsNeedUnitYear: {},
  usagePlanSampleOne: {},
  usageMargin: { value: '-1' },
  usageCompareTwo: {},
  usageCompareAtLeastTwo: {},
  usageCompareYears: {},
  usageCheckOne: {},
  usageFormat: {},
  usageAnnotateOne: {},
  usageLang: { value: 'fr' },
  usageOption: { detail: "Unknown option '--colour'" },
  usagePositive: { name: 'max-cells', value: 'lots' },
  usageConfidence: { value: '95' },
  usageWhole: { name: 'respondents', value: '2.5' },
  usageYear: { value: '24' },
  usageFramework: { value: 'papi-99' },
  usageWatchDir: {},
  usageReadDir: { dir: 'inbox' },
  usageHistoryDir: { dir: 'old' },
  usageUnitCode: { value: 'Liên Hội' },
  usagePort: {},
  usageTlsPair: {},
  usageTlsRead: { flag: 'tls-key', path: 'key.pem', reason: 'ENOENT' },
  usageAtLeast: { flag: 'max-queue', min: 1 },
  usageSampleNeeds: {},
  usageRespondents: {},
  usageScoreOne: {},
  usageRollup: {},
  usagePlanRollup: {},
  usagePlanRead: { file: 'plan.xlsx' },
  usageScope: { scopes: 'admin, province, district, unit' },
  usageScopeNeeds: { scope: 'district' },
  usageDistrictNeedsProvince: {},
  usageExpires: { value: 'soon' },
  usageDatabase: { value: 'mysql://x' },
  unknownCommand: { name: 'scroe' },
};

const render = <Id extends CliMessageId>(lang: 'vi' | 'en', id: Id) =>
  cliMessage(lang, id, ...((Object.keys(params[id]).length ? [params[id]] : []) as CliArgs<Id>));

describe('the CLI messages', () => {
  const ids = Object.keys(cliMessages) as CliMessageId[];

  it('has a test value for every entry (and no stale ones)', () => {
    expect(Object.keys(params).sort()).toEqual([...ids].sort());
    // The word check itself bites: it finds the English lines' words.
    for (const id of ['wrote', 'watching', 'scored', 'tokenCreated'] as const) expect(render('en', id)).toMatch(ENGLISH);
  });

  it.each(ids)('%s: both languages, every parameter in both, no English in the Vietnamese', (id) => {
    const vi = render('vi', id);
    const en = render('en', id);
    expect(vi).not.toBe(en);
    expect(vi).toMatch(VIETNAMESE);
    // The English words are checked outside the parameters and the commands quoted (chiso token list, --tls-cert …).
    const values = Object.values(params[id] as Record<string, unknown>).filter((v) => typeof v === 'string' || typeof v === 'number');
    let stripped = vi;
    for (const v of values) stripped = stripped.split(String(v)).join('');
    // ... and outside the command names, options and quoted commands.
    stripped = withoutNames(stripped.replace(/^(plan-sample|samples?|score|check|compare|watch|template|xlsform|serve)\b/, ''));
    expect(stripped).not.toMatch(ENGLISH);
    for (const v of values) {
      expect(vi, `vi ${id} ${v}`).toContain(String(v));
      expect(en, `en ${id} ${v}`).toContain(String(v));
    }
  });

  it('the commands print them in Vietnamese by default and in English with --lang en', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chiso-cli-messages-'));
    const io = () => {
      const lines: string[] = [];
      const sink: Io & { lines: string[] } = { lines, out: () => {}, err: (t) => lines.push(t), progress: (t) => lines.push(t) };
      return sink;
    };
    const vi = io();
    expect(await run(['template', '-o', join(dir, 'vi.xlsx')], vi)).toBe(0);
    expect(vi.lines.join('\n')).toMatch(/^đã ghi .*vi\.xlsx \(bộ chỉ số papi-28, \d+ câu hỏi\)$/m);
    const en = io();
    expect(await run(['template', '-o', join(dir, 'en.xlsx'), '--lang', 'en'], en)).toBe(0);
    expect(en.lines.join('\n')).toMatch(/^wrote .*en\.xlsx \(framework papi-28, \d+ items\)$/m);

    const checkVi = io();
    await run(['check', join(dir, 'vi.xlsx')], checkVi);
    expect(checkVi.lines[0]).toBe(`đang kiểm tra ${join(dir, 'vi.xlsx')}`);
    const checkEn = io();
    await run(['check', join(dir, 'vi.xlsx'), '--lang=en'], checkEn);
    expect(checkEn.lines[0]).toBe(`checking ${join(dir, 'vi.xlsx')}`);

    // A usage error (exit 64) in both languages.
    const usageVi = io();
    expect(await run(['score'], usageVi)).toBe(64);
    expect(usageVi.lines[0]).toMatch(/^chiso score: score cần ít nhất một tệp\n/);
    const usageEn = io();
    expect(await run(['check', 'a.xlsx', '--format', 'xml', '--lang', 'en'], usageEn)).toBe(64);
    expect(usageEn.lines[0]).toMatch(/^chiso check: --format is text or github\n/);

    const unknownVi = io();
    expect(await run(['scroe', 'a.xlsx'], unknownVi)).toBe(64);
    expect(unknownVi.lines[0]).toMatch(/^chiso: không có lệnh "scroe"/);
    const unknownEn = io();
    expect(await run(['scroe', '--lang', 'en'], unknownEn)).toBe(64);
    expect(unknownEn.lines[0]).toMatch(/^chiso: unknown command "scroe"/);
  });
});
