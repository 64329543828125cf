/**
 * `chiso units import F` / `chiso units list`: the service's units registry, kept
 * in its store. A registry is checked whole (src/units/registry.ts) and replaces
 * the stored one in one transaction, or nothing is imported (exit 2).
 */
import type { Text } from '../diagnostics/catalogue.js';
import { cliMessage } from '../diagnostics/cli-messages.js';
import { cliLimits } from '../limits.js';
import type { RegistryUnit } from '../store/types.js';
import { loadRegistryFile } from '../units/load.js';
import { EXIT, type Io, printProblems, UsageError } from './io.js';
import { langFrom, parse } from './options.js';
import { storeLocationFrom, storeOptions, withStore } from './store-location.js';

/** `chiso units --help` (also printed after a wrong form), in both languages (--lang). */
export const help: Text = {
  vi: [
    'chiso units import TỆP [--data THƯ_MỤC | --database ĐỊA_CHỈ]',
    'chiso units list [--json] [--data THƯ_MỤC | --database ĐỊA_CHỈ]',
    '  import: nhập danh mục đơn vị hành chính (tệp CSV có dòng tiêu đề, hoặc tệp Excel có trang Units; contract.md),',
    '  thay toàn bộ danh mục trong kho dữ liệu, hoặc không thay gì: danh mục có bất kỳ lỗi nào thì không được nhập (mã thoát 2).',
  ].join('\n'),
  en: [
    'chiso units import F [--data DIR | --database URL]',
    'chiso units list [--json] [--data DIR | --database URL]',
    '  import: a units registry (CSV with a header row, or a workbook with a Units sheet; contract.md)',
    '  replaces the store\'s registry, all or nothing: a registry with any error imports nothing (exit 2).',
  ].join('\n'),
};

export async function run(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' }, ...storeOptions });
  const lang = langFrom(values);
  const [action, ...rest] = positionals;
  const location = storeLocationFrom(values);
  if (action === 'import' && rest.length === 1) {
    // Checked before the store is opened: a bad registry never reaches it.
    const result = await loadRegistryFile(rest[0], cliLimits);
    printProblems(io, result.problems, 'text', lang);
    if (!result.registry) return EXIT.unscorable;
    const rows: RegistryUnit[] = result.registry.periods.map(({ row: _row, ...p }) => p);
    return withStore(location, io, lang, async (store) => {
      await store.replaceRegistry(rows);
      io.err(cliMessage(lang, 'unitsImported', { rows: rows.length, units: result.registry!.byCode.size, file: rest[0] }));
      return EXIT.ok;
    });
  }
  if (action === 'list' && rest.length === 0) {
    return withStore(location, io, lang, async (store) => {
      const rows = await store.listRegistry();
      if (values.json) io.out(JSON.stringify({ units: rows }, null, 2));
      else {
        io.out('code,name,level,parent,from,to,predecessors');
        for (const u of rows)
          io.out([u.code, csvField(u.name), u.level, u.parent ?? '', u.from ?? '', u.to ?? '', u.predecessors.map((p) => `${p.code}${p.part ? ':part' : ''}`).join(' ')].join(','));
      }
      return EXIT.ok;
    });
  }
  throw new UsageError(help);
}

/** `list` prints the registry as the CSV `import` reads, so it round-trips. */
function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
