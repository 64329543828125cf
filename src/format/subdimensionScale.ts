/**
 * The one scale a sub-dimension is shown on: its points, P = (1 + 9S)/k
 * (methodology.md §3), from 1/k to 10/k points where k is the number of
 * sub-dimensions of its dimension — the scale PAPI and the plans' targets use
 * ("Chỉ số nội dung thành phần … đạt 1,33 điểm"). A percentage or the
 * normalised S is never shown (the JSON keeps S as data). This sentence is
 * the explanation every place that shows sub-dimensions prints once: the
 * Subdimensions sheet, the chart's subtitle, the narrative's weakest line and
 * the workbench (through the chart). Pure: the browser bundle imports it too.
 */
import { formatScore, type ScoreLang } from './score.js';

/** A sub-dimension's range in points (min = 1/k, max = 10/k). */
export interface SubdimensionRange {
  min: number;
  max: number;
}

/** k, the number of sub-dimensions of the dimension, read back from the range's top (10/k). */
export function subdimensionCountOf(range: SubdimensionRange): number {
  return Math.round(10 / range.max);
}

/** The distinct k of these sub-dimensions, largest first (4 before 3: the narrower scale first). */
export function scaleCounts(ranges: readonly SubdimensionRange[]): number[] {
  return [...new Set(ranges.map(subdimensionCountOf))].filter((k) => Number.isFinite(k) && k > 0).sort((a, b) => b - a);
}

/**
 * "Thang điểm của nội dung thành phần: 0,25–2,50 điểm khi chỉ số nội dung có 4 nội dung
 * thành phần, 0,33–3,33 điểm khi có 3 nội dung thành phần (từ 1/k đến 10/k điểm; …)."
 */
export function subdimensionScaleNote(ranges: readonly SubdimensionRange[], lang: ScoreLang = 'vi'): string {
  const ks = scaleCounts(ranges);
  const n = (v: number) => formatScore(v, lang);
  if (lang === 'vi') {
    const parts = ks.map((k, i) => `${n(1 / k)}–${n(10 / k)} điểm khi ${i === 0 ? 'chỉ số nội dung ' : ''}có ${k} nội dung thành phần`);
    return `Thang điểm của nội dung thành phần: ${parts.join(', ')} (từ 1/k đến 10/k điểm, k là số nội dung thành phần của chỉ số nội dung; điểm các nội dung thành phần cộng lại thành điểm chỉ số nội dung, 1–10 điểm).`;
  }
  const parts = ks.map((k, i) => `${n(1 / k)}–${n(10 / k)} points when ${i === 0 ? 'the dimension ' : ''}has ${k} sub-dimensions`);
  return `Scale of a sub-dimension: ${parts.join(', ')} (1/k to 10/k points, k being the number of sub-dimensions of its dimension; the sub-dimensions add up to the dimension's score of 1–10 points).`;
}
