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

/**
 * S (0–1, where a sub-dimension stands on its scale) as points on `range`:
 * 1/k + 9S/k. Year-over-year sub-dimension changes are computed on S (methodology
 * §6: k may differ between framework versions) and shown as points on the later
 * year's scale, so a change reads in the unit the Subdimensions sheet uses.
 */
export function pointsOnScale(normalized: number, range: SubdimensionRange): number {
  return range.min + normalized * (range.max - range.min);
}

/** A difference (or its SE) on S as points on `range`: 9/k per unit of S. */
export function pointsPerNormalized(range: SubdimensionRange): number {
  return range.max - range.min;
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
export function subdimensionScaleNote(ranges: readonly SubdimensionRange[], lang: ScoreLang = 'vi', options: { brief?: boolean } = {}): string {
  const ks = scaleCounts(ranges);
  const n = (v: number) => formatScore(v, lang);
  if (lang === 'vi') {
    const parts = ks.map((k, i) => `${n(1 / k)}–${n(10 / k)} điểm khi ${i === 0 ? 'chỉ số nội dung ' : ''}có ${k} nội dung thành phần`);
    const why = options.brief ? '' : ' (từ 1/k đến 10/k điểm, k là số nội dung thành phần của chỉ số nội dung; điểm các nội dung thành phần cộng lại thành điểm chỉ số nội dung, 1–10 điểm)';
    return `Thang điểm của nội dung thành phần: ${parts.join(', ')}${why}.`;
  }
  const parts = ks.map((k, i) => `${n(1 / k)}–${n(10 / k)} points when ${i === 0 ? 'the dimension' : 'it'} has ${k} sub-dimensions`);
  const why = options.brief ? '' : " (1/k to 10/k points, k being the number of sub-dimensions of its dimension; the sub-dimensions add up to the dimension's score of 1–10 points)";
  return `Scale of a sub-dimension: ${parts.join(', ')}${why}.`;
}
