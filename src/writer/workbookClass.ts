import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';

const require = createRequire(import.meta.url);

/**
 * exceljs's Workbook class alone. The package's index also loads its streaming
 * reader and writer (unzipper, archiver), which chiso never uses: loading the
 * index took about 210 ms here, the Workbook alone about 90 ms, and every
 * report and template pays that on its first use (bench/README.md). exceljs has
 * no "exports" map, so this path is public in practice; if a release moves it,
 * this import fails at once and loudly (test/template/workbookClass.test.ts).
 */
export const Workbook: typeof ExcelJS.Workbook = require('exceljs/lib/doc/workbook.js');
