export * from './configs.js';
export { renderChartAsync, chartSizes, chartFontFamily, type ChartSize } from './render.js';
