/**
 * chiso's command line: args → command → exit code. Commands live in
 * src/commands/; this file only dispatches and turns failures into exit codes.
 */
import { EXIT, type Io, processIo, UsageError } from './commands/io.js';
import { cliMessage } from './diagnostics/cli-messages.js';
import type { Text } from './diagnostics/catalogue.js';
import { DEFAULT_LANG, type Lang, parseLang } from './diagnostics/lang.js';

/** `--lang` read before any command parses its options (for the lines printed before that). */
function langOf(args: readonly string[]) {
  const i = args.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const value = i < 0 ? undefined : args[i].includes('=') ? args[i].slice('--lang='.length) : args[i + 1];
  return parseLang(value) ?? DEFAULT_LANG;
}

type Run = (args: string[], io: Io) => Promise<number>;
/**
 * A command's module is imported only when it runs, so `chiso --help` and each command start fast.
 * Its help text (`chiso CMD --help`) lives in the module, next to the options it describes, in both
 * languages; the one-line summary of `chiso --help` lives here.
 */
type Command = { load: () => Promise<{ run: Run; help: Text }>; summary: Text };

const commands: Record<string, Command> = {
  template: {
    load: () => import('./commands/template.js'),
    summary: { vi: 'ghi một tệp Excel mẫu trống để nhập phiếu trả lời', en: 'write a blank template workbook' },
  },
  sample: {
    load: () => import('./commands/sample.js'),
    summary: { vi: 'ghi một tệp Excel đã điền dữ liệu giả lập như thật (cùng số khởi tạo thì cùng kết quả)', en: 'write a realistic mock filled workbook (deterministic for a seed)' },
  },
  samples: {
    load: () => import('./commands/samples.js'),
    summary: { vi: 'tạo lại thư mục samples/ và các tệp mẫu lưu trong dự án', en: 'regenerate samples/ and the committed templates' },
  },
  check: {
    load: () => import('./commands/check.js'),
    summary: { vi: 'chỉ kiểm tra: liệt kê lỗi và cảnh báo', en: 'diagnostics only' },
  },
  score: {
    load: () => import('./commands/score.js'),
    summary: { vi: 'tính điểm các tệp Excel; ghi báo cáo hoặc bảng điểm dạng JSON', en: 'score workbooks; write the report or the scorecard JSON' },
  },
  compare: {
    load: () => import('./commands/compare.js'),
    summary: { vi: 'so sánh hai năm của cùng một đơn vị', en: 'year over year between two workbooks' },
  },
  'plan-sample': {
    load: () => import('./commands/plan-sample.js'),
    summary: { vi: 'số người trả lời cần phỏng vấn năm sau để sai số của mọi chỉ số nội dung đủ nhỏ', en: 'respondents to interview next year for a margin on every dimension' },
  },
  xlsform: {
    load: () => import('./commands/xlsform.js'),
    summary: { vi: 'bảng hỏi dưới dạng XLSForm cho ODK Collect / KoboToolbox', en: 'the questionnaire as an XLSForm for ODK Collect / KoboToolbox' },
  },
  serve: {
    load: () => import('./commands/serve.js'),
    summary: { vi: 'dịch vụ web và trang làm việc, với kho dữ liệu đi kèm', en: 'the web service and workbench, on an embedded store' },
  },
  token: {
    load: () => import('./commands/token.js'),
    summary: { vi: 'tạo, liệt kê và thu hồi mã truy cập của dịch vụ', en: 'create, list and revoke access tokens for the service' },
  },
  store: {
    load: () => import('./commands/store.js'),
    summary: { vi: 'kho dữ liệu của dịch vụ: migrate, import-files THƯ_MỤC, backup TỆP', en: 'the service\'s store: migrate, import-files DIR, backup FILE' },
  },
  units: {
    load: () => import('./commands/units.js'),
    summary: { vi: 'danh mục đơn vị hành chính của dịch vụ: import TỆP, list', en: 'the service\'s units registry: import F, list' },
  },
  watch: {
    load: () => import('./commands/watch.js'),
    summary: { vi: 'kiểm tra và tính điểm lại mỗi khi một tệp Excel được lưu', en: 're-check and re-score workbooks as they are saved' },
  },
};

const USAGE: { [L in Lang]: { title: string; usage: string; footer: string[] } } = {
  vi: {
    title: 'chiso — tính điểm khảo sát mô phỏng theo phương pháp PAPI do địa phương tự thực hiện: đưa vào tệp Excel, nhận báo cáo đã tính điểm',
    usage: 'Cách dùng: chiso <lệnh> [tùy chọn]',
    footer: [
      'chiso <lệnh> --help cho biết các tùy chọn của một lệnh. Mọi lệnh nhận --lang vi|en (ngôn ngữ của thông báo và báo cáo; mặc định là tiếng Việt).',
      'Mã thoát: 0 không có lỗi, 1 có lỗi (vẫn ghi kết quả), 2 có tệp đầu vào không tính điểm được, 64 gõ lệnh sai.',
    ],
  },
  en: {
    title: 'chiso — mock-PAPI self-assessment scoring: workbook in, scored report out',
    usage: 'Usage: chiso <command> [options]',
    footer: [
      'chiso <command> --help shows a command\'s options. Every command takes --lang vi|en (messages and reports; Vietnamese by default).',
      'Exit codes: 0 no errors, 1 errors found (output produced), 2 an input could not be scored, 64 usage error.',
    ],
  },
};

export function usage(lang: Lang = DEFAULT_LANG): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length));
  const text = USAGE[lang];
  return [
    text.title,
    '',
    text.usage,
    '',
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary[lang]}`),
    '',
    ...text.footer,
  ].join('\n');
}

/** A command's help text in `lang` (for the tests and `chiso CMD --help`). */
export async function commandHelp(name: string, lang: Lang = DEFAULT_LANG): Promise<string | undefined> {
  return (await commands[name]?.load())?.help[lang];
}

export const commandNames = (): string[] => Object.keys(commands);

/** `chiso --lang en score …`: a leading --lang is moved behind the command, where every command reads it. */
function langFirst(argv: string[]): string[] {
  if (argv[0]?.startsWith('--lang=')) return [...argv.slice(1), argv[0]];
  if (argv[0] === '--lang' && argv.length > 1) return [...argv.slice(2), '--lang', argv[1]];
  return argv;
}

export async function run(argv: string[], io: Io = processIo): Promise<number> {
  const [name, ...args] = langFirst(argv);
  // `chiso`, `chiso --help`, `chiso --lang en`: the usage (exit 0 only when it was asked for).
  if (!name || name === '--help' || name === '-h' || name === 'help' || name.startsWith('--lang')) {
    io.out(usage(langOf(argv)));
    return name && !name.startsWith('--lang') ? EXIT.ok : EXIT.usage;
  }
  if (name === '--version') {
    io.out('chiso 0.1.0');
    return EXIT.ok;
  }
  const command = commands[name];
  if (!command) {
    io.err(`${cliMessage(langOf(args), 'unknownCommand', { name })}\n\n${usage(langOf(args))}`);
    return EXIT.usage;
  }
  const loaded = await command.load();
  const help = loaded.help[langOf(args)];
  if (args.includes('--help') || args.includes('-h')) {
    io.out(help);
    return EXIT.ok;
  }
  try {
    return await loaded.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`chiso ${name}: ${error.messageIn(langOf(args))}\n\n${help}`);
      return EXIT.usage;
    }
    throw error;
  }
}
