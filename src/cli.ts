/**
 * chiso's command line: args → command → exit code. Commands live in
 * src/commands/; this file only dispatches and turns failures into exit codes.
 */
import { EXIT, type Io, processIo, UsageError } from './commands/io.js';
import { cliMessage } from './diagnostics/cli-messages.js';
import { DEFAULT_LANG, parseLang } from './diagnostics/lang.js';

/** `--lang` read before any command parses its options (for the lines printed before that). */
function langOf(args: readonly string[]) {
  const i = args.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const value = i < 0 ? undefined : args[i].includes('=') ? args[i].slice('--lang='.length) : args[i + 1];
  return parseLang(value) ?? DEFAULT_LANG;
}

type Run = (args: string[], io: Io) => Promise<number>;
/** A command's module is imported only when it runs, so `chiso --help` and each command start fast. */
type Command = { load: () => Promise<{ run: Run; help?: string }>; help?: string; summary: string };

const commands: Record<string, Command> = {
  template: {
    load: () => import('./commands/template.js'),
    summary: 'write a blank template workbook',
  },
  sample: {
    load: () => import('./commands/sample.js'),
    help: 'chiso sample --unit NAME --year Y [--respondents N] [--seed S] [--errors] [-o F]',
    summary: 'write a realistic mock filled workbook (deterministic for a seed)',
  },
  samples: {
    load: () => import('./commands/samples.js'),
    help: 'chiso samples [--out samples] [--templates templates]\n  Regenerates the committed sample workbooks and templates.',
    summary: 'regenerate samples/ and the committed templates',
  },
  check: {
    load: () => import('./commands/check.js'),
    summary: 'diagnostics only',
  },
  score: {
    load: () => import('./commands/score.js'),
    summary: 'score workbooks; write the report or the scorecard JSON',
  },
  compare: {
    load: () => import('./commands/compare.js'),
    summary: 'year over year between two workbooks',
  },
  'plan-sample': {
    load: () => import('./commands/plan-sample.js'),
    summary: 'respondents to interview next year for a margin on every dimension',
  },
  xlsform: {
    load: () => import('./commands/xlsform.js'),
    summary: 'the questionnaire as an XLSForm for ODK Collect / KoboToolbox',
  },
  serve: {
    load: () => import('./commands/serve.js'),
    help: 'chiso serve [--port 8787] [--host 127.0.0.1] [--data ./data | --database postgresql://…] [--require-tokens] [--tls-cert F --tls-key F] [--trust-proxy] [--max-scorings N] [--max-queue N] [--max-batch-workbooks N] [--timeout-s S]',
    summary: 'the web service and workbench, on an embedded store',
  },
  token: {
    load: () => import('./commands/token.js'),
    summary: 'create, list and revoke access tokens for the service',
  },
  store: {
    load: () => import('./commands/store.js'),
    summary: 'the service\'s store: migrate, import-files DIR, backup FILE',
  },
  units: {
    load: () => import('./commands/units.js'),
    summary: 'the service\'s units registry: import F, list',
  },
  watch: {
    load: () => import('./commands/watch.js'),
    help: 'chiso watch DIR [--once] [--units REGISTRY]\n  Re-checks and re-scores a workbook each time it is saved (--once: check what is there, then stop).',
    summary: 're-check and re-score workbooks as they are saved',
  },
};

export function usage(): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length));
  return [
    'chiso — mock-PAPI self-assessment scoring: workbook in, scored report out',
    '',
    'Usage: chiso <command> [options]',
    '',
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    'chiso <command> --help shows a command\'s options. Every command takes --lang vi|en (messages and reports; Vietnamese by default).',
    'Exit codes: 0 no errors, 1 errors found (output produced), 2 an input could not be scored, 64 usage error.',
  ].join('\n');
}

export async function run(argv: string[], io: Io = processIo): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name ? EXIT.ok : EXIT.usage;
  }
  if (name === '--version') {
    io.out('chiso 0.1.0');
    return EXIT.ok;
  }
  const command = commands[name];
  if (!command) {
    io.err(`${cliMessage(langOf(args), 'unknownCommand', { name })}\n\n${usage()}`);
    return EXIT.usage;
  }
  const loaded = await command.load();
  const help = loaded.help ?? command.help ?? '';
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
