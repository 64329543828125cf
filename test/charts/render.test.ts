import { describe, expect, it } from 'vitest';
import {
  chartSizes,
  dimensionBarsConfig,
  dimensionRadarConfig,
  renderChartAsync,
  subdimensionBarsConfig,
  toPercent,
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

  it('normalises sub-dimensions to 0–100 % on their own range', () => {
    expect(toPercent(0.25, 0.25, 2.5)).toBe(0);
    expect(toPercent(2.5, 0.25, 2.5)).toBe(100);
    const config = subdimensionBarsConfig(scorecard.subdimensions);
    const data = config.data.datasets[0].data as (number | null)[];
    expect(data).toHaveLength(29);
    scorecard.subdimensions.forEach((s, i) => {
      if (s.normalized === null) expect(data[i]).toBeNull();
      else expect(data[i]).toBeCloseTo(s.normalized * 100, 9);
    });
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
