/**
 * The history chart: the total across years with its 95% interval, a year drawn
 * hollow where it pools a unit's predecessors (methodology.md §8). chart.js config
 * only, so the workbench can draw the same chart from the same History data.
 */
import type { ChartConfiguration } from 'chart.js';
import type { History } from '../units/history.js';
import { seriesColours } from './configs.js';

const texts = {
  vi: { title: 'Tổng điểm qua các năm', score: 'Tổng điểm (8–80)', low: 'Cận dưới khoảng tin cậy 95%', high: 'Cận trên khoảng tin cậy 95%', pooled: '○ = gộp các đơn vị tiền thân' },
  en: { title: 'Total score over the years', score: 'Total score (8–80)', low: '95% CI low', high: '95% CI high', pooled: '○ = pooled predecessor units' },
} as const;

export function historyChartConfig(history: History, locale: 'vi' | 'en' = 'vi'): ChartConfiguration {
  const t = texts[locale];
  const points = history.points;
  const pooled = points.map((p) => p.code === null);
  return {
    type: 'line',
    data: {
      labels: points.map((p) => String(p.year)),
      datasets: [
        {
          label: t.score,
          data: points.map((p) => p.total.score),
          borderColor: seriesColours.score,
          backgroundColor: pooled.map((x) => (x ? '#FFFFFF' : seriesColours.score)),
          pointRadius: 6,
          pointBorderWidth: 2,
          spanGaps: true,
        },
        { label: t.low, data: points.map((p) => p.total.ciLow), borderColor: seriesColours.previous, borderDash: [6, 4], pointRadius: 0, spanGaps: true },
        { label: t.high, data: points.map((p) => p.total.ciHigh), borderColor: seriesColours.previous, borderDash: [6, 4], pointRadius: 0, spanGaps: true },
      ],
    },
    options: {
      plugins: {
        title: { display: true, text: `${t.title}: ${history.unit.name}` },
        subtitle: { display: pooled.some(Boolean), text: t.pooled },
        legend: { display: true, position: 'bottom' },
      },
      scales: { y: { title: { display: true, text: t.score } } },
    },
  };
}
