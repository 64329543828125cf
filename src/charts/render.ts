/**
 * Rendering chart.js configurations to PNG in Node (chartjs-node-canvas over
 * @napi-rs/canvas). Fonts come from the npm package so Vietnamese diacritics
 * render on a machine with no system fonts.
 */
import { createRequire } from 'node:module';
import { GlobalFonts, type Canvas } from 'canvas';
import { ChartJSNodeCanvas } from 'chartjs-node-canvas';
import type { ChartConfiguration } from 'chart.js';

/**
 * The family the bundled Noto Sans is registered under: a name of chiso's own,
 * because skia resolves "Noto Sans" to a system font when one is installed
 * (Debian's fonts-noto-core), and that one drew "−" (U+2212) as a box.
 */
export const chartFontFamily = 'chiso Noto Sans';

/**
 * Noto Sans Symbols 2 (the "symbols" subset of @fontsource/noto-sans-symbols-2,
 * OFL-1.1 like Noto Sans): the ▲ ▼ of the year-over-year chart, which Noto Sans
 * lacks. Registered under a name of chiso's own and named after Noto Sans in
 * every font string, so skia takes a glyph from it only when Noto Sans has none.
 */
export const chartSymbolsFamily = 'chiso Noto Sans Symbols 2';

/** The CSS font-family list the charts are drawn with: Noto Sans, then the symbols. */
export const chartFontStack = `"${chartFontFamily}", "${chartSymbolsFamily}"`;

export interface ChartSize {
  width: number;
  height: number;
}

/** Print-resolution sizes: about 200 dpi at 20 cm wide. */
export const chartSizes = {
  wide: { width: 1600, height: 900 },
  tall: { width: 1600, height: 1300 },
  square: { width: 1400, height: 1200 },
} as const satisfies Record<string, ChartSize>;

const require = createRequire(import.meta.url);

let fontsRegistered = false;

/** The symbols font's file (WOFF, which skia reads); the font coverage test reads its cmap too. */
export const chartSymbolsFontFile = '@fontsource/noto-sans-symbols-2/files/noto-sans-symbols-2-symbols-400-normal.woff';

function registerFonts(): void {
  if (fontsRegistered) return;
  for (const [file, family] of [
    ['@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf', chartFontFamily],
    ['@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf', chartFontFamily],
    [chartSymbolsFontFile, chartSymbolsFamily],
  ]) {
    if (!GlobalFonts.registerFromPath(require.resolve(file), family)) {
      throw new Error(`could not register the chart font ${file}`);
    }
  }
  fontsRegistered = true;
}

// One renderer per size, reused: a renderer per chart leaks (design.md, known traps).
const renderers = new Map<string, ChartJSNodeCanvas>();

function rendererFor(size: ChartSize): ChartJSNodeCanvas {
  const key = `${size.width}x${size.height}`;
  let renderer = renderers.get(key);
  if (!renderer) {
    registerFonts();
    const baseSize = Math.round(size.width / 64);
    renderer = new ChartJSNodeCanvas({
      width: size.width,
      height: size.height,
      backgroundColour: '#ffffff',
      chartCallback: (chartJs) => {
        // Each renderer has its own chart.js instance, so these defaults stay per size.
        chartJs.defaults.font.family = chartFontStack;
        chartJs.defaults.font.size = baseSize;
        chartJs.defaults.color = '#212121';
        chartJs.defaults.animation = false;
        chartJs.defaults.responsive = false;
        chartJs.defaults.devicePixelRatio = 1;
        chartJs.defaults.plugins.title.font = { size: Math.round(baseSize * 1.3), weight: 'bold' };
        chartJs.defaults.layout.padding = Math.round(baseSize * 0.8);
      },
    });
    renderers.set(key, renderer);
  }
  return renderer;
}

/**
 * chartjs-node-canvas's own `renderChart`: it draws the configuration on a new
 * canvas and returns the chart. It is public in the library's JS but declared
 * `private` in its .d.ts, and the library's async `renderToBuffer` needs
 * node-canvas's callback `toBuffer`, which @napi-rs/canvas lacks; so the one
 * cast in this file says what the JS gives: a chart on an @napi-rs/canvas.
 */
interface ChartDrawer {
  renderChart(configuration: ChartConfiguration): { canvas: Canvas; destroy(): void };
}

/**
 * Renders a configuration to a PNG buffer. Same configuration and size → the
 * same bytes (animation off, fixed pixel ratio, bundled fonts). The chart is
 * drawn during the call; the PNG encoding runs on libuv's thread pool, so
 * charts started one after another encode in parallel while the caller goes on.
 */
export async function renderChartAsync(config: ChartConfiguration, size: ChartSize = chartSizes.wide): Promise<Buffer> {
  // chartjs-node-canvas writes into config.options; keep the caller's object untouched.
  const own = {
    ...config,
    options: { ...(config.options ?? {}), animation: false, responsive: false, devicePixelRatio: 1 },
  } as ChartConfiguration;
  const drawer = rendererFor(size) as unknown as Partial<ChartDrawer>;
  if (typeof drawer.renderChart !== 'function') throw new Error('chartjs-node-canvas no longer has renderChart: see src/charts/render.ts');
  const chart = drawer.renderChart(own);
  // Destroyed once encoded, not before: chart.js clears the canvas when a chart is destroyed.
  try {
    return await chart.canvas.encode('png');
  } finally {
    chart.destroy();
  }
}
