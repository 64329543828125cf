/**
 * Rendering chart.js configurations to PNG in Node (chartjs-node-canvas over
 * @napi-rs/canvas). Fonts come from the npm package so Vietnamese diacritics
 * render on a machine with no system fonts.
 */
import { createRequire } from 'node:module';
import { GlobalFonts } from 'canvas';
import { ChartJSNodeCanvas } from 'chartjs-node-canvas';
import type { ChartConfiguration } from 'chart.js';

export const chartFontFamily = 'Noto Sans';

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

function registerFonts(): void {
  if (fontsRegistered) return;
  for (const file of [
    '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
    '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  ]) {
    if (!GlobalFonts.registerFromPath(require.resolve(file), chartFontFamily)) {
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
        chartJs.defaults.font.family = chartFontFamily;
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
 * Renders a configuration to a PNG buffer. Same configuration and size → the
 * same bytes (animation off, fixed pixel ratio, bundled fonts).
 */
export function renderChart(config: ChartConfiguration, size: ChartSize = chartSizes.wide): Buffer {
  // chartjs-node-canvas writes into config.options; keep the caller's object untouched.
  const own = {
    ...config,
    options: { ...(config.options ?? {}), animation: false, responsive: false, devicePixelRatio: 1 },
  } as ChartConfiguration;
  // Only the sync path works with @napi-rs/canvas (its toBuffer takes no callback).
  return rendererFor(size).renderToBufferSync(own, 'image/png');
}
