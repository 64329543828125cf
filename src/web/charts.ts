/** chart.js in the browser, with the report's own chart configurations (src/charts/configs.ts). */
import { Chart, registerables, type ChartConfiguration } from 'chart.js';
import { h } from './dom.js';

Chart.register(...registerables);

/**
 * The report's configurations draw whiskers, targets and labels in dark ink,
 * so charts sit on a light card in both themes (like the report's figures).
 */
export function applyChartTheme(): void {
  Chart.defaults.color = '#333333';
  Chart.defaults.borderColor = 'rgba(0,0,0,0.1)';
}

type Scriptable = (ctx: { chart: Chart }) => number;

/**
 * The report draws target markers as 'line' points sized for its fixed image
 * width; on screen the width varies, so size them to the bar slot instead.
 */
function fitTargetMarkers(config: ChartConfiguration): void {
  const n = Math.max(1, config.data.labels?.length ?? 1);
  const horizontal = (config.options as { indexAxis?: string } | undefined)?.indexAxis === 'y';
  for (const dataset of config.data.datasets as unknown as Record<string, unknown>[]) {
    if (dataset.pointStyle !== 'line') continue;
    const radius: Scriptable = ({ chart }) => {
      const area = chart.chartArea;
      const span = area ? (horizontal ? area.height : area.width) : 400;
      return Math.max(4, (span / n) * 0.42);
    };
    dataset.pointRadius = radius;
    dataset.pointHoverRadius = radius;
    dataset.pointBorderWidth = 4;
  }
}

/** A canvas in a sized box; the chart fills it and follows resizes. */
export function chartBox(config: ChartConfiguration, label: string, height = 340): { element: HTMLElement; chart: Chart } {
  const canvas = h('canvas', { role: 'img', 'aria-label': label });
  const element = h('figure', { class: 'chart' }, canvas);
  element.style.height = `${height}px`;
  config.options = { ...config.options, responsive: true, maintainAspectRatio: false, animation: false };
  if (config.type === 'bar') fitTargetMarkers(config);
  const chart = new Chart(canvas, config);
  return { element, chart };
}
