import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ChartConfiguration } from 'chart.js';
import { createCanvas, GlobalFonts } from 'canvas';
import { beforeAll, describe, expect, it } from 'vitest';
import { chartFontFamily, renderChartAsync } from '../../src/charts/render.js';
import { scoreWorkbook } from '../../src/pipeline.js';
import { summaryChartConfigs, yearOverYearChartConfig } from '../../src/report/sheets/charts.js';
import { compareScorecards } from '../../src/scoring/compare.js';
import { fontCodePoints } from './cmap.js';

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
/** The family the renderer draws with, registered by the renderer itself. */
const FAMILY = chartFontFamily;
const samples = join(import.meta.dirname, '..', '..', 'samples');

function bitmap(text: string): string {
  const canvas = createCanvas(64, 64);
  const ctx = canvas.getContext('2d');
  ctx.font = `40px "${FAMILY}"`;
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
  beforeAll(async () => {
    await renderChartAsync({ type: 'bar', data: { labels: ['a'], datasets: [{ data: [1] }] } }, { width: 64, height: 64 });
    expect(GlobalFonts.families.some((f) => f.family === FAMILY)).toBe(true);
    codePoints = fontCodePoints(readFileSync(FONT));
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
  });

  it('the cmap reader and the tofu check see what they should', () => {
    expect(codePoints.has('ạ'.codePointAt(0)!)).toBe(true);
    expect(codePoints.has('▲'.codePointAt(0)!)).toBe(false);
    const tofu = bitmap('\u{10FFFD}');
    expect(bitmap('ạ')).not.toBe(tofu);
    expect(bitmap('▲')).toBe(tofu);
    // Under "Noto Sans", skia picked Debian's older system font, which drew U+2212 as a box.
    expect(bitmap('\u2212')).not.toBe(tofu);
  });

  it('every character of every label: in the cmap and drawn as a glyph', () => {
    const tofu = bitmap('\u{10FFFD}');
    // The numbers drawn on the bars: digits, decimal comma or point, %, and "–" for none.
    const characters = new Set([...'0123456789,.%–', ...configs.flatMap(([, c]) => textsOf(c)).join('')].filter((ch) => ch.trim() !== ''));
    const missing = [...characters].filter((ch) => !codePoints.has(ch.codePointAt(0)!) || bitmap(ch) === tofu);
    expect(missing.map((ch) => `${ch} U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`)).toEqual([]);
  });
});
