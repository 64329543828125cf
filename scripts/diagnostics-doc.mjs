#!/usr/bin/env node
// Writes docs/diagnostics.md from the diagnostics catalogue (src/diagnostics/catalogue.ts).
// Run after `npm run build` (it reads dist/): node scripts/diagnostics-doc.mjs
import { writeFileSync } from 'node:fs';
import { diagnosticsDoc } from '../dist/diagnostics/doc.js';

writeFileSync(new URL('../docs/diagnostics.md', import.meta.url), diagnosticsDoc());
console.error('wrote docs/diagnostics.md');
