import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ChartConfiguration } from 'chart.js';
import { createCanvas, GlobalFonts } from 'canvas';
import { beforeAll, describe, expect, it } from 'vitest';
import { chartFontFamily, chartFontStack, chartSymbolsFamily, chartSymbolsFontFile, renderChartAsync } from '../../src/charts/render.js';
import { scoreWorkbook } from '../../src/pipeline.js';
import { summaryChartConfigs, yearOverYearChartConfig } from '../../src/report/sheets/charts.js';
import { compareScorecards } from '../../src/scoring/compare.js';
import { fontCodePoints, woffCmapAsSfnt } from './cmap.js';

/**
 * Every character of every chart text (titles, subtitles, axis and legend
 * labels, dataset names, the numbers drawn on the bars) is in the bundled font:
 * a character the font lacks prints as a missing-glyph box (issue 16: "−" in the
 * year-over-year chart). Two checks: the font's cmap maps it, and skia draws it
 * differently from a character no font has (the "tofu" box), in the family the
 * renderer uses — the cmap alone was not enough: the bundled Noto Sans maps
 * U+2212, yet the chart drew a box, because "Noto Sans" resolved to a system font.
 */
const require = createRequire(import.meta.url);
const FONT = require.resolve('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf');
/** ▲ ▼ (which Noto Sans lacks) come from Noto Sans Symbols 2, named after Noto Sans in the font string. */
const SYMBOLS = require.resolve(chartSymbolsFontFile);
/** The family list the renderer draws with, and its two fonts alone; registered by the renderer itself. */
const STACK = chartFontStack;
const NOTO = `"${chartFontFamily}"`;
const SYMBOLS_ONLY = `"${chartSymbolsFamily}"`;
const samples = join(import.meta.dirname, '..', '..', 'samples');

function bitmap(text: string, family = STACK): string {
  const canvas = createCanvas(64, 64);
  const ctx = canvas.getContext('2d');
  ctx.font = `40px ${family}`;
  ctx.fillText(text, 8, 48);
  return Buffer.from(ctx.getImageData(0, 0, 64, 64).data).toString('base64');
}

/** Strings anywhere in a config's data and plugin options, and legend entries. */
function textsOf(config: ChartConfiguration): string[] {
  const out: string[] = [];
  const walk = (value: unknown, key = ''): void => {
    if (typeof value === 'string') {
      if (/^(text|label|labels|title)$/.test(key) || key === '') out.push(value);
    } else if (Array.isArray(value)) value.forEach((v) => walk(v, key === 'labels' || key === 'text' ? key : ''));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) if (!/^(backgroundColor|borderColor|pointBackgroundColor|fillStyle|strokeStyle|color|type|position|pointStyle|indexAxis)$/.test(k)) walk(v, k);
  };
  walk(config.data);
  walk(config.options?.plugins);
  walk(config.options?.scales);
  const legend = config.options?.plugins?.legend?.labels?.generateLabels as unknown as (() => { text: string }[]) | undefined;
  if (legend) out.push(...legend().map((e) => e.text));
  return out;
}

describe('the chart texts are in the bundled font', { timeout: 60_000 }, () => {
  let configs: [string, ChartConfiguration][] = [];
  let codePoints: Set<number>;
  let symbolPoints: Set<number>;
  beforeAll(async () => {
    await renderChartAsync({ type: 'bar', data: { labels: ['a'], datasets: [{ data: [1] }] } }, { width: 64, height: 64 });
    expect(GlobalFonts.families.some((f) => f.family === chartFontFamily)).toBe(true);
    expect(GlobalFonts.families.some((f) => f.family === chartSymbolsFamily)).toBe(true);
    codePoints = fontCodePoints(readFileSync(FONT));
    symbolPoints = fontCodePoints(woffCmapAsSfnt(readFileSync(SYMBOLS)));
    const pairs: [string, string][] = [['long-thanh-2022.xlsx', 'long-thanh-2023.xlsx'], ['lien-hoi-2023.xlsx', 'lien-hoi-2024.xlsx']];
    for (const [earlier, later] of pairs) {
      const [a, b] = await Promise.all([scoreWorkbook(join(samples, earlier), { fileName: earlier }), scoreWorkbook(join(samples, later), { fileName: later })]);
      const card = b.scorecards[0];
      const comparison = compareScorecards(a.scorecards[0], card, 0.95);
      for (const locale of ['vi', 'en'] as const) {
        summaryChartConfigs(card, locale).forEach(([config], i) => configs.push([`${later} ${locale} summary chart ${i + 1}`, config]));
        configs.push([`${later} ${locale} year over year`, yearOverYearChartConfig(comparison, card.dimensions, locale)]);
      }
    }
  });

  it('finds texts to check (the walk itself works)', () => {
    const all = configs.flatMap(([, c]) => textsOf(c)).join(' ');
    expect(all).toContain('Tham gia của người dân ở cấp cơ sở');
    expect(all).toContain('So sánh giữa hai năm');
    expect(all).toContain('Khoảng tin cậy');
    // The marks are there: in the legend line, and on Liên Hội's dimension 6, which declined in 2024.
    expect(all).toContain('▲ tăng, ▼ giảm');
    const lienHoi = configs.find(([name]) => name === 'lien-hoi-2024.xlsx vi year over year')![1];
    expect((lienHoi.data.labels as string[][]).map((l) => l.join(' ')).find((l) => /^▼ 6\. /.test(l))).toBeDefined();
  });

  it('the cmap reader and the tofu check see what they should', () => {
    expect(codePoints.has('ạ'.codePointAt(0)!)).toBe(true);
    expect(codePoints.has('▲'.codePointAt(0)!)).toBe(false);
    expect(symbolPoints.has('▲'.codePointAt(0)!)).toBe(true);
    expect(symbolPoints.has('▼'.codePointAt(0)!)).toBe(true);
    expect(symbolPoints.has('ạ'.codePointAt(0)!)).toBe(false);
    const tofu = bitmap('\u{10FFFD}');
    expect(bitmap('ạ')).not.toBe(tofu);
    // Noto Sans alone has no ▲: without the symbols font it would be a box.
    expect(bitmap('▲', NOTO)).toBe(bitmap('\u{10FFFD}', NOTO));
    expect(bitmap('▲')).not.toBe(tofu);
    // Under "Noto Sans", skia picked Debian's older system font, which drew U+2212 as a box.
    expect(bitmap('\u2212')).not.toBe(tofu);
  });

  it('every character of every label: in a cmap, drawn as a glyph, and from the bundled font that has it', () => {
    const tofu = bitmap('\u{10FFFD}');
    // The numbers drawn on the bars: digits, decimal comma or point, and "–" for none.
    const characters = new Set([...'0123456789,.–', ...configs.flatMap(([, c]) => textsOf(c)).join('')].filter((ch) => ch.trim() !== ''));
    const missing = [...characters].filter((ch) => {
      const cp = ch.codePointAt(0)!;
      if (bitmap(ch) === tofu) return true;
      // Noto Sans first; only what it lacks from the symbols font, and drawn from that font, not a system one.
      if (codePoints.has(cp)) return bitmap(ch) !== bitmap(ch, NOTO);
      return !symbolPoints.has(cp) || bitmap(ch) !== bitmap(ch, SYMBOLS_ONLY);
    });
    expect(missing.map((ch) => `${ch} U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`)).toEqual([]);
    // What comes from the symbols font is only the marks.
    expect([...characters].filter((ch) => !codePoints.has(ch.codePointAt(0)!)).sort()).toEqual(['▲', '▼']);
  });
});
