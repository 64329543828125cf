import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppDeps, ScoreFn } from '../../src/server/deps.js';
import { createApp } from '../../src/server/app.js';
import { openStore, type SqlStore } from '../../src/store/index.js';
import type { Comparison, UnitInfo } from '../../src/scoring/types.js';
import type { Survey } from '../../src/ingest/types.js';

/** The fakes never read a survey; the report renderer is faked too. */
const NO_SURVEY = undefined as unknown as Survey;
import { fakeProblem, fakeScorecard } from '../store/fake-scorecard.js';

/**
 * Test "workbooks" are JSON: {unit: {...}, score, fatal?, nonce?}. Anything else
 * is answered like the real pipeline answers a file that is not a workbook.
 */
export interface FakeWorkbook {
  unit?: Partial<UnitInfo> & { name: string };
  score?: number;
  fatal?: boolean;
  problemCode?: string;
  nonce?: string;
}

export function fakeWorkbook(workbook: FakeWorkbook): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(workbook));
}

export const fakeScore: ScoreFn = async (input, options) => {
  const file = options.fileName;
  let parsed: FakeWorkbook;
  try {
    parsed = JSON.parse(new TextDecoder().decode(typeof input === 'string' ? new TextEncoder().encode(input) : input)) as FakeWorkbook;
  } catch {
    return { file, problems: [fakeProblem('error', 'not-a-workbook', file)], scorecards: [], fatal: true, survey: NO_SURVEY };
  }
  if (parsed.fatal || !parsed.unit) {
    const problem = { ...fakeProblem('error', parsed.problemCode ?? 'missing-sheet', file), sheet: 'Responses', cell: '', message: 'the sheet Responses is missing' };
    return { file, problems: [problem], scorecards: [], fatal: true, survey: NO_SURVEY };
  }
  return {
    file,
    problems: [fakeProblem('warning', 'invalid-answer', file)],
    scorecards: [{ ...fakeScorecard(parsed.unit, parsed.score ?? 40, file), confidence: options.confidence ?? 0.95 }],
    fatal: false,
    survey: NO_SURVEY,
  };
};

export const fakeCompare: AppDeps['compare'] = (from, to, confidence = 0.95): Comparison => {
  const change = (a: number | null, b: number | null) => ({ from: a, to: b, delta: a !== null && b !== null ? b - a : null, se: 1, status: 'no significant change' as const });
  return {
    from: { unit: from.unit.name, code: from.unit.code, year: from.unit.year, framework: from.framework },
    to: { unit: to.unit.name, code: to.unit.code, year: to.unit.year, framework: to.framework },
    confidence,
    total: change(from.total.score, to.total.score),
    dimensions: [],
    subdimensions: [],
    indicators: [],
    onlyIn: { from: [], to: [] },
  };
};

export const REPORT_BYTES = new TextEncoder().encode('PK fake report');
export const COMPARISON_BYTES = new TextEncoder().encode('PK fake comparison');
export const TEMPLATE_BYTES = new TextEncoder().encode('PK fake template');

export interface TestContext {
  dir: string;
  store: SqlStore;
  app: ReturnType<typeof createApp>;
  logs: string[];
  cleanup: () => Promise<void>;
}

export async function makeTestApp(overrides: Partial<AppDeps> = {}): Promise<TestContext> {
  const dir = await mkdtemp(join(tmpdir(), 'chiso-server-'));
  const store = await openStore({ dataDir: join(dir, 'data'), log: () => undefined });
  const logs: string[] = [];
  const app = createApp({
    store,
    score: fakeScore,
    compare: fakeCompare,
    renderReport: async () => REPORT_BYTES,
    renderComparison: async () => COMPARISON_BYTES,
    template: async () => TEMPLATE_BYTES,
    auth: { mode: 'single-user' },
    log: (m) => logs.push(m),
    ...overrides,
  });
  return {
    dir,
    store,
    app,
    logs,
    cleanup: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export function uploadForm(bytes: Uint8Array, fileName = 'Long Thạnh 2023.xlsx'): FormData {
  const form = new FormData();
  form.append('file', new File([bytes as Uint8Array<ArrayBuffer>], fileName, { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
  return form;
}

export const LONG_THANH = { name: 'Long Thạnh', code: '26041', province: 'Đồng Nai', district: 'Long Thành' };
export const PHUOC_THAI = { name: 'Phước Thái', code: '26050', province: 'Đồng Nai', district: 'Long Thành' };
export const AN_PHU = { name: 'An Phú', code: '30001', province: 'An Giang', district: 'An Phú' };
