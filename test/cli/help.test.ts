import { describe, expect, it } from 'vitest';
import { commandHelp, commandNames, run, usage } from '../../src/cli.js';
import { ENGLISH, VIETNAMESE, withoutNames } from '../diagnostics/english.js';
import { captureIo } from './io.js';

/**
 * `chiso --help` and every `chiso CMD --help` follow --lang like every other line:
 * Vietnamese by default, English with --lang en. The Vietnamese texts have no
 * English sentence left (the parity test's word check, test/diagnostics/english.ts),
 * and keep every option of the English one (the option names are not translated).
 */
const options = (text: string) => [...new Set(text.match(/--[a-z][a-z-]*/g) ?? [])].sort();
// Sheet and column names stay as the workbook spells them (trang Unit, cột year), as do a form's parts.
const sheetNames = (text: string) => text.replace(/\b(trang|cột) (Unit|Targets|Plan|History|Questionnaire|Units|Responses)\b|\bsurvey, choices, settings\b|\bunit_code và year\b|\b(text\|github|papi-\d+\|papi-\d+)\b/g, '');

describe('help texts', () => {
  const names = commandNames();

  it('the word check bites: each English help text has English words in it', async () => {
    expect(usage('en')).toMatch(ENGLISH);
    for (const name of names) expect(withoutNames(sheetNames((await commandHelp(name, 'en'))!)), name).toMatch(ENGLISH);
  });

  it.each(names)('chiso %s --help: Vietnamese, with the options of the English one and no English sentence', async (name) => {
    const vi = (await commandHelp(name, 'vi'))!;
    const en = (await commandHelp(name, 'en'))!;
    expect(vi).toMatch(VIETNAMESE);
    expect(vi).not.toBe(en);
    expect(options(vi)).toEqual(options(en));
    expect(vi.split('\n')[0]).toMatch(new RegExp(`^chiso ${name}\\b`));
    expect(withoutNames(sheetNames(vi))).not.toMatch(ENGLISH);
  });

  it('chiso --help: the usage in Vietnamese by default, in English with --lang en (before or after)', async () => {
    const vi = captureIo();
    expect(await run(['--help'], vi)).toBe(0);
    const viText = vi.stdout.join('\n');
    expect(viText).toMatch(/^Cách dùng: chiso <lệnh> \[tùy chọn\]$/m);
    expect(viText).toMatch(/^ {2}score +tính điểm các tệp Excel/m);
    expect(viText).toContain('Mã thoát: 0 không có lỗi');
    // Every command is listed, with a Vietnamese summary.
    for (const name of names) expect(viText).toMatch(new RegExp(`^ {2}${name} +\\S*[^\\n]*[${VIETNAMESE.source.slice(1, -1)}]`, 'mi'));
    expect(withoutNames(viText.replace(/<lệnh>/g, ''))).not.toMatch(ENGLISH);

    for (const argv of [['--help', '--lang', 'en'], ['--lang', 'en', '--help'], ['--lang=en', '--help'], ['help', '--lang=en']]) {
      const en = captureIo();
      expect(await run(argv, en), argv.join(' ')).toBe(0);
      const enText = en.stdout.join('\n');
      expect(enText).toMatch(/^Usage: chiso <command> \[options\]$/m);
      expect(enText).toMatch(/^ {2}score +score workbooks; write the report or the scorecard JSON$/m);
      expect(enText).not.toMatch(VIETNAMESE);
    }
    // No command: the usage, exit 64, in the language asked for.
    const none = captureIo();
    expect(await run(['--lang', 'en'], none)).toBe(64);
    expect(none.stdout.join('\n')).toMatch(/^Usage: chiso/m);
    const bare = captureIo();
    expect(await run([], bare)).toBe(64);
    expect(bare.stdout.join('\n')).toMatch(/^Cách dùng: chiso/m);
  });

  it('chiso score --help in both languages; a usage error prints the help in its language', async () => {
    const vi = captureIo();
    expect(await run(['score', '--help'], vi)).toBe(0);
    const viText = vi.stdout.join('\n');
    expect(viText).toMatch(/^chiso score TỆP… \[-o bao-cao\.xlsx/);
    expect(viText).toContain('Tính điểm từng tệp Excel nhập liệu');
    expect(viText).toContain('--plan cho tệp kế hoạch của quận/huyện hoặc tỉnh/thành phố');
    const en = captureIo();
    expect(await run(['score', '--help', '--lang', 'en'], en)).toBe(0);
    const enText = en.stdout.join('\n');
    expect(enText).toMatch(/^chiso score F… \[-o report\.xlsx/);
    expect(enText).toContain('Scores each workbook');
    expect(enText).not.toMatch(VIETNAMESE);
    // --lang first, as `chiso --lang en score --help`.
    const first = captureIo();
    expect(await run(['--lang', 'en', 'score', '--help'], first)).toBe(0);
    expect(first.stdout.join('\n')).toBe(enText);

    const usageVi = captureIo();
    expect(await run(['score'], usageVi)).toBe(64);
    expect(usageVi.stderr.join('\n')).toContain('chiso score: score cần ít nhất một tệp\n\nchiso score TỆP…');
    const usageEn = captureIo();
    expect(await run(['token', 'frob', '--lang', 'en'], usageEn)).toBe(64);
    // A wrong form of token prints its help as the error, then again as the help: English both times.
    expect(usageEn.stderr.join('\n')).toMatch(/^chiso token: chiso token create --unit CODE/);
    expect(usageEn.stderr.join('\n')).not.toMatch(VIETNAMESE);
  });
});
