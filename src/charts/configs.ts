/**
 * chart.js configurations built from plain data. No Node imports: the browser
 * workbench renders the same configurations the report embeds as PNG images.
 */
import type { Chart, ChartConfiguration, Plugin } from 'chart.js';
import { formatDecimal } from '../format/score.js';
import { subdimensionScaleNote } from '../format/subdimensionScale.js';

export type ChartLocale = 'vi' | 'en';
export type TargetStatusLike = 'met' | 'close' | 'below' | null;
export type ChangeStatusLike = 'improved' | 'declined' | 'no significant change' | 'not comparable';

/** One bar: a dimension or sub-dimension with its CI and target, all on one scale. */
export interface ScoreDatum {
  code: string;
  /** Shown under the bar, e.g. "Tham gia của người dân ở cấp cơ sở". */
  name: string;
  score: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  target: number | null;
  status: TargetStatusLike;
}

/** A sub-dimension in points, with its range (1/k to 10/k points), drawn as the bar's track. */
export interface SubdimensionDatum extends ScoreDatum {
  min: number;
  max: number;
}

export interface ChangeDatum {
  code: string;
  name: string;
  from: number | null;
  to: number | null;
  delta: number | null;
  status: ChangeStatusLike;
}

export interface ChartTexts {
  title?: string;
  locale?: ChartLocale;
}

/** Target status colours, shared with the workbook's cell fills. */
export const statusColours = {
  met: '#2E7D32',
  close: '#F9A825',
  below: '#C62828',
  none: '#9E9E9E',
} as const;

export const seriesColours = {
  score: '#1565C0',
  previous: '#90A4AE',
  target: '#212121',
  whisker: '#263238',
  /** The whole scale of a sub-dimension, behind its bar. */
  track: '#E3E8EC',
} as const;

export function statusColour(status: TargetStatusLike): string {
  return status === null ? statusColours.none : statusColours[status];
}

/** "6,00" in Vietnamese, "6.00" in English: what the official sees (methodology.md §3). */
export function formatNumber(value: number, locale: ChartLocale = 'vi', decimals = 2): string {
  return formatDecimal(value, locale, decimals);
}

const labelsByLocale = {
  vi: {
    score: 'Điểm',
    target: 'Chỉ tiêu',
    ci: 'Khoảng tin cậy',
    dimensionsTitle: 'Điểm 8 chỉ số nội dung, khoảng tin cậy và chỉ tiêu',
    radarTitle: '8 chỉ số nội dung so với chỉ tiêu',
    subdimensionsTitle: 'Điểm các nội dung thành phần, khoảng tin cậy và chỉ tiêu',
    dimensionsNeutral: 'Điểm 8 chỉ số nội dung và khoảng tin cậy',
    radarNeutral: 'Điểm 8 chỉ số nội dung',
    subdimensionsNeutral: 'Điểm các nội dung thành phần và khoảng tin cậy',
    scale: 'Thang điểm của nội dung thành phần',
    points: 'Điểm',
    yoyTitle: 'So sánh giữa hai năm',
    yoyMarks: '▲ tăng, ▼ giảm: thay đổi có ý nghĩa thống kê; (không so sánh được): cách tính hoặc số liệu hai năm khác nhau',
    notComparable: 'không so sánh được',
    met: 'Đạt',
    close: 'Gần đạt',
    below: 'Chưa đạt',
    none: 'Chưa có chỉ tiêu',
  },
  en: {
    score: 'Score',
    target: 'Target',
    ci: 'Confidence interval',
    dimensionsTitle: 'Scores of the 8 dimensions with confidence intervals and targets',
    radarTitle: 'The 8 dimensions against their targets',
    subdimensionsTitle: 'Scores of the sub-dimensions with confidence intervals and targets',
    dimensionsNeutral: 'Scores of the 8 dimensions with confidence intervals',
    radarNeutral: 'Scores of the 8 dimensions',
    subdimensionsNeutral: 'Scores of the sub-dimensions with confidence intervals',
    scale: 'Scale of the sub-dimension',
    points: 'Points',
    yoyTitle: 'Year over year',
    yoyMarks: '▲ up, ▼ down: significant changes; (not comparable): construction or data differ',
    notComparable: 'not comparable',
    met: 'Met',
    close: 'Close',
    below: 'Below',
    none: 'No target',
  },
} as const;

/** Splits a label into lines of at most `width` characters at spaces, for chart axes. */
export function wrapLabel(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** A font size relative to the chart's width, so the same configuration reads well on screen and in print. */
function relativeFont(divisor: number) {
  return (context: { chart: { width: number } }) => ({ size: Math.max(10, Math.round(context.chart.width / divisor)) });
}

interface Whisker {
  low: number | null;
  high: number | null;
  /** Text drawn beside the whisker (the score), or null. */
  label: string | null;
}

/** A family for a canvas font string: a list (`"A", "B"`, chart.js's default) as it is, one name quoted. */
export function cssFamily(family: string): string {
  return /[,"']/.test(family) ? family : `"${family}"`;
}

/**
 * Draws CI whiskers (and score labels) over the bars of one dataset. An inline
 * plugin, so neither the browser nor Node needs an error-bar package.
 */
export function ciWhiskersPlugin(datasetIndex: number, whiskers: Whisker[], horizontal = false): Plugin {
  return {
    id: `ciWhiskers${datasetIndex}`,
    afterDatasetsDraw(chart: Chart) {
      const meta = chart.getDatasetMeta(datasetIndex);
      const valueScale = horizontal ? chart.scales.x : chart.scales.y;
      if (!meta || meta.hidden || !valueScale) return;
      const ctx = chart.ctx;
      const fontSize = Number((chart.options.font as { size?: number } | undefined)?.size ?? 12);
      const fontFamily = cssFamily(String((chart.options.font as { family?: string } | undefined)?.family ?? 'sans-serif'));
      ctx.save();
      ctx.strokeStyle = seriesColours.whisker;
      ctx.fillStyle = seriesColours.whisker;
      ctx.lineWidth = Math.max(2, fontSize / 10);
      ctx.font = `${Math.round(fontSize * 0.8)}px ${fontFamily}`;
      whiskers.forEach((w, i) => {
        const element = meta.data[i] as unknown as { x: number; y: number; width?: number; height?: number } | undefined;
        if (!element) return;
        const at = horizontal ? element.y : element.x;
        const cap = Math.max(5, (horizontal ? (element.height ?? 20) : (element.width ?? 20)) * 0.12);
        let labelAt: number | null = null;
        if (w.low !== null && w.high !== null) {
          const lo = valueScale.getPixelForValue(w.low);
          const hi = valueScale.getPixelForValue(w.high);
          ctx.beginPath();
          if (horizontal) {
            ctx.moveTo(lo, at);
            ctx.lineTo(hi, at);
            ctx.moveTo(lo, at - cap);
            ctx.lineTo(lo, at + cap);
            ctx.moveTo(hi, at - cap);
            ctx.lineTo(hi, at + cap);
          } else {
            ctx.moveTo(at, lo);
            ctx.lineTo(at, hi);
            ctx.moveTo(at - cap, lo);
            ctx.lineTo(at + cap, lo);
            ctx.moveTo(at - cap, hi);
            ctx.lineTo(at + cap, hi);
          }
          ctx.stroke();
          labelAt = hi;
        }
        if (w.label !== null) {
          if (horizontal) {
            const x = Math.max(labelAt ?? element.x, element.x) + fontSize * 0.4;
            ctx.textAlign = 'left';
            ctx.textBaseline = 'middle';
            ctx.fillText(w.label, x, at);
          } else {
            // Inside the bar, under its top: above it the label would collide with the target marker.
            ctx.save();
            ctx.fillStyle = '#ffffff';
            ctx.font = `bold ${Math.round(fontSize * 0.85)}px ${fontFamily}`;
            ctx.textAlign = 'center';
            ctx.textBaseline = 'top';
            ctx.fillText(w.label, at, element.y + fontSize * 0.9);
            ctx.restore();
          }
        }
      });
      ctx.restore();
    },
  };
}

/**
 * Legend entries for the status colours and the target marker (the bars' own
 * legend would show one colour); without targets, the score and the interval only.
 */
function statusLegend(locale: ChartLocale, hasTargets = true, withTrack = false) {
  const l = labelsByLocale[locale];
  const box = (text: string, colour: string) => ({ text, fillStyle: colour, strokeStyle: colour, lineWidth: 0, hidden: false, pointStyle: 'rect' as const });
  const ci = { text: l.ci, fillStyle: seriesColours.whisker, strokeStyle: seriesColours.whisker, lineWidth: 2, hidden: false, pointStyle: 'line' as const, rotation: 90 };
  const track = withTrack ? [box(l.scale, seriesColours.track)] : [];
  if (!hasTargets)
    return { display: true, position: 'bottom' as const, labels: { usePointStyle: true, generateLabels: () => [box(l.score, seriesColours.score), ci, ...track] } };
  return {
    display: true,
    position: 'bottom' as const,
    labels: {
      usePointStyle: true,
      generateLabels: () => [
        box(l.met, statusColours.met),
        box(l.close, statusColours.close),
        box(l.below, statusColours.below),
        box(l.none, statusColours.none),
        { text: l.target, fillStyle: seriesColours.target, strokeStyle: seriesColours.target, lineWidth: 4, hidden: false, pointStyle: 'line' as const },
        ci,
        ...track,
      ],
    },
  };
}

/** The 8 dimensions as bars (1–10) coloured by target status, CI whiskers and target markers. */
export function dimensionBarsConfig(dimensions: ScoreDatum[], texts: ChartTexts = {}): ChartConfiguration {
  const locale = texts.locale ?? 'vi';
  const l = labelsByLocale[locale];
  const labels = dimensions.map((d) => wrapLabel(`${d.code}. ${d.name}`, 16));
  // Without targets: neutral colour, title and legend (no "so với mục tiêu", no empty status boxes).
  const hasTargets = dimensions.some((d) => d.target !== null);
  return {
    type: 'bar',
    data: {
      labels,
      datasets: [
        {
          type: 'bar',
          label: l.score,
          data: dimensions.map((d) => d.score),
          backgroundColor: dimensions.map((d) => (hasTargets ? statusColour(d.status) : seriesColours.score)),
          borderWidth: 0,
          order: 2,
        },
        ...(hasTargets ? [{
          type: 'line',
          label: l.target,
          data: dimensions.map((d) => d.target),
          showLine: false,
          pointStyle: 'line',
          pointRadius: 48,
          pointHoverRadius: 48,
          pointBorderWidth: 7,
          borderColor: seriesColours.target,
          backgroundColor: seriesColours.target,
          order: 1,
        }] : []),
      ],
    } as ChartConfiguration['data'],
    options: {
      plugins: {
        title: { display: true, text: texts.title ?? (hasTargets ? l.dimensionsTitle : l.dimensionsNeutral) },
        legend: statusLegend(locale, hasTargets),
      },
      scales: {
        y: { min: 0, max: 10, ticks: { stepSize: 1 }, title: { display: true, text: l.score } },
        x: { ticks: { autoSkip: false, maxRotation: 0, font: relativeFont(84) } },
      },
    },
    plugins: [
      ciWhiskersPlugin(
        0,
        dimensions.map((d) => ({
          low: d.ciLow,
          high: d.ciHigh,
          label: d.score === null ? null : formatNumber(d.score, locale),
        })),
      ),
    ],
  };
}

/** A radar of the 8 dimensions (1–10) against their targets. */
export function dimensionRadarConfig(dimensions: ScoreDatum[], texts: ChartTexts = {}): ChartConfiguration {
  const locale = texts.locale ?? 'vi';
  const l = labelsByLocale[locale];
  const hasTargets = dimensions.some((d) => d.target !== null);
  return {
    type: 'radar',
    data: {
      labels: dimensions.map((d) => wrapLabel(`${d.code}. ${d.name}`, 22)),
      datasets: [
        {
          label: l.score,
          data: dimensions.map((d) => d.score),
          borderColor: seriesColours.score,
          backgroundColor: 'rgba(21, 101, 192, 0.25)',
          borderWidth: 4,
          pointRadius: 6,
          pointBackgroundColor: dimensions.map((d) => (hasTargets ? statusColour(d.status) : seriesColours.score)),
        },
        ...(hasTargets
          ? [
              {
                label: l.target,
                data: dimensions.map((d) => d.target),
                borderColor: statusColours.below,
                backgroundColor: 'rgba(0, 0, 0, 0)',
                borderDash: [12, 8],
                borderWidth: 3,
                pointRadius: 4,
                // No target, no point: joining the neighbours would draw a target that was never set.
                spanGaps: false,
              },
            ]
          : []),
      ],
    },
    options: {
      plugins: {
        title: { display: true, text: texts.title ?? (hasTargets ? l.radarTitle : l.radarNeutral) },
        legend: { display: true, position: 'bottom' },
      },
      scales: {
        r: {
          min: 0,
          max: 10,
          ticks: { stepSize: 2, backdropColor: 'rgba(255,255,255,0.8)', font: relativeFont(70) },
          pointLabels: { font: relativeFont(62) },
        },
      },
    },
  };
}

/** Upper end of the points axis: the widest sub-dimension scale (10/k for the smallest k), up to the next 0.5. */
function pointsAxisMax(subdimensions: readonly SubdimensionDatum[]): number {
  const top = Math.max(...subdimensions.map((s) => s.max), 0);
  return Math.ceil(top * 2 - 1e-9) / 2;
}

/**
 * All sub-dimensions as horizontal bars in points on their own scale (1/k to 10/k,
 * subdimensionScale.ts), the one scale a sub-dimension is shown on. A pale track
 * behind each bar spans its whole scale, so a 2,00 of 2,50 and a 2,00 of 3,33 read
 * differently without a percentage; the bar runs from the scale's bottom (1/k) to
 * the score. Coloured by target status; CI whiskers and targets in points too.
 */
export function subdimensionBarsConfig(subdimensions: SubdimensionDatum[], texts: ChartTexts = {}): ChartConfiguration {
  const locale = texts.locale ?? 'vi';
  const l = labelsByLocale[locale];
  const hasTargets = subdimensions.some((s) => s.target !== null);
  const note = subdimensionScaleNote(subdimensions, locale, { brief: true });
  return {
    type: 'bar',
    data: {
      labels: subdimensions.map((s) => `${s.code} ${s.name}`),
      datasets: [
        {
          type: 'bar',
          label: l.score,
          data: subdimensions.map((s) => (s.score === null ? null : [s.min, s.score])),
          backgroundColor: subdimensions.map((s) => (hasTargets ? statusColour(s.status) : seriesColours.score)),
          borderWidth: 0,
          grouped: false,
          order: 2,
        },
        ...(hasTargets ? [{
          type: 'line',
          label: l.target,
          data: subdimensions.map((s) => s.target),
          showLine: false,
          pointStyle: 'line',
          pointRotation: 90,
          pointRadius: 14,
          pointHoverRadius: 14,
          pointBorderWidth: 5,
          borderColor: seriesColours.target,
          backgroundColor: seriesColours.target,
          order: 1,
        }] : []),
        {
          type: 'bar',
          label: l.scale,
          data: subdimensions.map((s) => [s.min, s.max]),
          backgroundColor: seriesColours.track,
          borderWidth: 0,
          grouped: false,
          order: 3,
        },
      ],
    } as ChartConfiguration['data'],
    options: {
      indexAxis: 'y',
      plugins: {
        title: { display: true, text: texts.title ?? (hasTargets ? l.subdimensionsTitle : l.subdimensionsNeutral) },
        subtitle: { display: true, text: wrapLabel(note, 150) },
        legend: statusLegend(locale, hasTargets, true),
      },
      scales: {
        x: {
          min: 0,
          max: pointsAxisMax(subdimensions),
          ticks: { stepSize: 0.5, callback: (v) => formatNumber(Number(v), locale, 1) },
          title: { display: true, text: l.points },
        },
        y: { ticks: { autoSkip: false } },
      },
    },
    plugins: [
      ciWhiskersPlugin(
        0,
        subdimensions.map((s) => ({
          low: s.ciLow,
          high: s.ciHigh,
          label: s.score === null ? '–' : formatNumber(s.score, locale),
        })),
        true,
      ),
    ],
  };
}

/**
 * Marks of significant changes: ▲ ▼, drawn from Noto Sans Symbols 2 in Node
 * (Noto Sans has none; src/charts/render.ts), from the system fonts in the
 * browser; test/charts/fontCoverage.test.ts checks every character of every label.
 */
function changeMark(status: ChangeStatusLike, locale: ChartLocale): string {
  const l = labelsByLocale[locale];
  return status === 'improved' ? '▲ ' : status === 'declined' ? '▼ ' : status === 'not comparable' ? `(${l.notComparable}) ` : '';
}

/** Year over year: grouped bars (earlier year, later year) per dimension; ▲ ▼ before a label mark a significant change. */
export function yearOverYearConfig(
  rows: ChangeDatum[],
  years: { from: string; to: string },
  texts: ChartTexts & { max?: number } = {},
): ChartConfiguration {
  const locale = texts.locale ?? 'vi';
  const l = labelsByLocale[locale];
  return {
    type: 'bar',
    data: {
      labels: rows.map((r) => wrapLabel(`${changeMark(r.status, locale)}${r.code}. ${r.name}`, 16)),
      datasets: [
        { label: years.from, data: rows.map((r) => r.from), backgroundColor: seriesColours.previous, borderWidth: 0 },
        { label: years.to, data: rows.map((r) => r.to), backgroundColor: seriesColours.score, borderWidth: 0 },
      ],
    },
    options: {
      plugins: {
        title: { display: true, text: texts.title ?? `${l.yoyTitle}: ${years.from} – ${years.to}` },
        subtitle: { display: true, text: l.yoyMarks },
        legend: { display: true, position: 'bottom' },
      },
      scales: {
        y: { min: 0, max: texts.max ?? 10, title: { display: true, text: l.score } },
        x: { ticks: { autoSkip: false, maxRotation: 0, font: relativeFont(84) } },
      },
    },
  };
}
