#!/usr/bin/env node
import { run } from './cli.js';

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // A bug, not bad input: say so plainly, without a stack trace unless asked for.
    process.stderr.write(`chiso: internal error: ${(error as Error)?.message ?? String(error)}\n`);
    if (process.env.CHISO_DEBUG) process.stderr.write(`${(error as Error)?.stack}\n`);
    process.exitCode = 70;
  },
);
