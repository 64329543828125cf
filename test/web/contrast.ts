/**
 * WCAG 2.x contrast (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio): (L1 + 0.05) / (L2 + 0.05) of the
 * relative luminances, sRGB channels linearised. Colours as CSS gives them back: "rgb(r, g, b)", "rgba(…)"
 * or "#rrggbb".
 */
import type { Page } from 'playwright-core';

export function parseColour(css: string): [number, number, number, number] {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(css.trim());
  if (hex) return [parseInt(hex[1], 16), parseInt(hex[2], 16), parseInt(hex[3], 16), 1];
  const rgb = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:[,\s/]+([\d.]+))?\s*\)$/.exec(css.trim());
  if (!rgb) throw new Error(`not a colour: ${css}`);
  return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3]), rgb[4] === undefined ? 1 : Number(rgb[4])];
}

export function luminance(css: string): number {
  const [r, g, b] = parseColour(css)
    .slice(0, 3)
    .map((c) => c / 255)
    .map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** Each element's text colour and the background it is drawn on (the nearest opaque one up the tree). */
export async function textColours(page: Page, selector: string): Promise<{ text: string; colour: string; background: string }[]> {
  return page.locator(selector).evaluateAll((elements) =>
    elements.map((el) => {
      let background = 'rgb(255, 255, 255)';
      for (let e: Element | null = el; e; e = e.parentElement) {
        const bg = getComputedStyle(e).backgroundColor;
        if (bg && bg !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(bg)) {
          background = bg;
          break;
        }
      }
      return { text: (el.textContent ?? '').trim(), colour: getComputedStyle(el).color, background };
    }),
  );
}
