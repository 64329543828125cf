export * from './configs.js';
export { renderChart, chartSizes, chartFontFamily, type ChartSize } from './render.js';
