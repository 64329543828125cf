import { describe, expect, it } from 'vitest';
import {
  chartSizes,
  dimensionBarsConfig,
  dimensionRadarConfig,
  renderChartAsync,
  subdimensionBarsConfig,
  wrapLabel,
  yearOverYearConfig,
  formatNumber,
} from '../../src/charts/index.js';
import { comparison, scorecard } from '../fixtures/report/scorecard.js';
import { pngStats } from './png.js';

const dims = scorecard.dimensions;

describe('chart configs', () => {
  it('colours dimension bars by target status and carries targets', () => {
    const config = dimensionBarsConfig(dims);
    const [bars, targets] = config.data.datasets;
    expect(bars.data).toEqual(dims.map((d) => d.score));
    expect(targets.data).toEqual(dims.map((d) => d.target));
    const colours = bars.backgroundColor as string[];
    const below = dims.findIndex((d) => d.status === 'below');
    const none = dims.findIndex((d) => d.status === null);
    expect(colours[below]).toBe('#C62828');
    expect(colours[none]).toBe('#9E9E9E');
    expect(config.plugins?.[0].id).toMatch(/^ciWhiskers/);
  });

  it('draws sub-dimensions in points on their own scale, 1/k to 10/k, never as a percentage', () => {
    const config = subdimensionBarsConfig(scorecard.subdimensions);
    const [bars, targets, track] = config.data.datasets;
    expect(bars.data).toHaveLength(29);
    // k per dimension counted from the fixture itself, not from the ranges under test.
    const k = new Map<string, number>();
    for (const s of scorecard.subdimensions) k.set(s.dimension, (k.get(s.dimension) ?? 0) + 1);
    scorecard.subdimensions.forEach((s, i) => {
      const kk = k.get(s.dimension)!;
      // The track is the whole scale: 1/k … 10/k points (k = 4: 0,25–2,50).
      const [lo, hi] = track.data[i] as unknown as [number, number];
      expect(lo).toBeCloseTo(1 / kk, 12);
      expect(hi).toBeCloseTo(10 / kk, 12);
      // The bar runs from the bottom of the scale to the score in points (not S·100).
      if (s.score === null) expect(bars.data[i]).toBeNull();
      else expect(bars.data[i]).toEqual([1 / kk, s.score].map((v, j) => (j === 0 ? expect.closeTo(v, 12) : v)));
      expect(targets.data[i]).toBe(s.target);
    });
    // The axis is points: 0 to 3,5 covers the widest scale 10/3 = 3,33; no "%" tick.
    const x = config.options!.scales!.x as { min: number; max: number; ticks: { callback: (v: number) => string } };
    expect([x.min, x.max]).toEqual([0, 3.5]);
    expect(x.ticks.callback(2.5)).toBe('2,5');
    const subtitle = (config.options!.plugins!.subtitle!.text as string[]).join(' ');
    expect(subtitle).toContain('0,25–2,50 điểm khi chỉ số nội dung có 4 nội dung thành phần');
    expect(subtitle).toContain('0,33–3,33 điểm khi có 3 nội dung thành phần');
    const texts = JSON.stringify([config.options!.plugins!.title, subtitle, config.data.labels]);
    expect(texts).not.toContain('%');
    const whiskerLabels = scorecard.subdimensions.map((s) => (s.score === null ? '–' : formatNumber(s.score)));
    expect(whiskerLabels.join(' ')).not.toContain('%');
  });

  it('wraps labels and formats numbers the Vietnamese way', () => {
    expect(wrapLabel('Tham gia của người dân ở cấp cơ sở', 16)).toEqual(['Tham gia của', 'người dân ở cấp', 'cơ sở']);
    expect(formatNumber(6, 'vi')).toBe('6,00');
    expect(formatNumber(6.005, 'en')).toBe('6.01');
  });
});

describe('renderChartAsync', () => {
  const rows = comparison.dimensions.map((c) => ({
    code: c.code as string,
    name: dims.find((d) => d.code === c.code)?.name ?? '',
    from: c.from,
    to: c.to,
    delta: c.delta,
    status: c.status,
  }));
  const cases = [
    [() => dimensionBarsConfig(dims), chartSizes.wide],
    [() => subdimensionBarsConfig(scorecard.subdimensions), chartSizes.tall],
    [() => yearOverYearConfig(rows, { from: '2023', to: '2024' }), chartSizes.wide],
  ] as const;

  it('renders non-blank PNGs of the requested size', async () => {
    const png = await renderChartAsync(dimensionBarsConfig(dims), chartSizes.wide);
    const stats = await pngStats(png);
    expect(stats).toMatchObject({ width: 1600, height: 900 });
    expect(stats.distinctColours).toBeGreaterThan(10);
    expect(stats.variance).toBeGreaterThan(100);
    const radar = await pngStats(await renderChartAsync(dimensionRadarConfig(dims), chartSizes.square));
    expect(radar).toMatchObject({ width: 1400, height: 1200 });
  });

  it('is byte-stable: the same input gives the same PNG', async () => {
    for (const [make, size] of cases) {
      const config = make();
      const a = await renderChartAsync(config, size);
      const b = await renderChartAsync(config, size);
      const c = await renderChartAsync(make(), size);
      expect(a.equals(b)).toBe(true);
      expect(a.equals(c)).toBe(true);
    }
  });

  it('gives the same bytes when several charts encode at once', async () => {
    const oneByOne: Buffer[] = [];
    for (const [make, size] of cases) oneByOne.push(await renderChartAsync(make(), size));
    const together = await Promise.all(cases.map(([make, size]) => renderChartAsync(make(), size)));
    together.forEach((png, i) => expect(png.equals(oneByOne[i])).toBe(true));
  });

  it('does not change the caller’s configuration', async () => {
    const config = dimensionRadarConfig(dims);
    const before = JSON.stringify(config.options);
    await renderChartAsync(config, chartSizes.square);
    expect(JSON.stringify(config.options)).toBe(before);
  });
});
