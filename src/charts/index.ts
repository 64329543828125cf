export * from './configs.js';
export { renderChartAsync, chartSizes, chartFontFamily, chartFontStack, chartSymbolsFamily, type ChartSize } from './render.js';
