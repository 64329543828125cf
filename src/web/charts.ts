/** chart.js in the browser, with the report's own chart configurations (src/charts/configs.ts). */
import { Chart, registerables, type ChartConfiguration } from 'chart.js';
import { h } from './dom.js';

Chart.register(...registerables);

export function applyChartTheme(dark: boolean): void {
  Chart.defaults.color = dark ? '#cccccc' : '#333333';
  Chart.defaults.borderColor = dark ? 'rgba(255,255,255,0.12)' : 'rgba(0,0,0,0.1)';
}

/** A canvas in a sized box; the chart fills it and follows resizes. */
export function chartBox(config: ChartConfiguration, label: string, height = 340): { element: HTMLElement; chart: Chart } {
  const canvas = h('canvas', { role: 'img', 'aria-label': label });
  const element = h('figure', { class: 'chart' }, canvas);
  element.style.height = `${height}px`;
  config.options = { ...config.options, responsive: true, maintainAspectRatio: false, animation: false };
  const chart = new Chart(canvas, config);
  return { element, chart };
}
