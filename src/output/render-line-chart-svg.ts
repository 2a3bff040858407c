import type { ChartSeries } from './report-chart-data.ts';
import { coordinate, niceTicks, seriesColor, seriesDash } from './chart-style.ts';
import { escapeHtml } from './escape-html.ts';

export interface LineChart {
  readonly title: string;
  readonly categories: readonly string[];
  readonly series: readonly ChartSeries[];
  readonly formatValue: (value: number) => string;
}

const WIDTH = 760;
const HEIGHT = 300;
const PLOT = { left: 72, right: 40, top: 14, bottom: 44 } as const;
const MAX_X_LABELS = 8;
const MAX_MARKED_POINTS = 40;

/** A line chart as inline SVG: one line per series, y from 0, a few x labels, no script. */
export function renderLineChartSvg(chart: LineChart): string {
  const plotWidth = WIDTH - PLOT.left - PLOT.right;
  const plotHeight = HEIGHT - PLOT.top - PLOT.bottom;
  const maxValue = Math.max(0, ...chart.series.flatMap((series) => series.values));
  const ticks = niceTicks(maxValue);
  const top = ticks.at(-1) ?? 1;
  const pointCount = chart.categories.length;
  const x = (index: number): number =>
    PLOT.left + (pointCount <= 1 ? plotWidth / 2 : (index * plotWidth) / (pointCount - 1));
  const y = (value: number): number => PLOT.top + plotHeight - (value / top) * plotHeight;

  const grid = ticks.map(
    (tick) =>
      `<line class="grid" x1="${PLOT.left}" x2="${WIDTH - PLOT.right}" y1="${coordinate(y(tick))}" y2="${coordinate(y(tick))}"/>` +
      `<text class="tick" x="${PLOT.left - 6}" y="${coordinate(y(tick) + 4)}" text-anchor="end">${escapeHtml(chart.formatValue(tick))}</text>`,
  );
  const labelEvery = Math.max(1, Math.ceil(pointCount / MAX_X_LABELS));
  const xLabels = chart.categories.flatMap((category, index) =>
    index % labelEvery === 0
      ? [
          `<text class="tick" x="${coordinate(x(index))}" y="${HEIGHT - PLOT.bottom + 18}" text-anchor="middle">${escapeHtml(category)}</text>`,
        ]
      : [],
  );
  const lines = chart.series.map((series, seriesIndex) => {
    const color = seriesColor(seriesIndex, series.isOther);
    const dash = seriesDash(seriesIndex, series.isOther);
    const d = series.values
      .map((value, index) => `${index === 0 ? 'M' : 'L'}${coordinate(x(index))} ${coordinate(y(value))}`)
      .join(' ');
    const markers =
      pointCount <= MAX_MARKED_POINTS
        ? series.values
            .map(
              (value, index) =>
                `<circle cx="${coordinate(x(index))}" cy="${coordinate(y(value))}" r="2.5" fill="${color}"/>`,
            )
            .join('')
        : '';
    return (
      `<g class="series"><title>${escapeHtml(series.name)}</title>` +
      `<path d="${d}" fill="none" stroke="${color}" stroke-width="2"${dash === '' ? '' : ` stroke-dasharray="${dash}"`}/>` +
      `${markers}</g>`
    );
  });
  return [
    `<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeHtml(chart.title)}" xmlns="http://www.w3.org/2000/svg">`,
    `<title>${escapeHtml(chart.title)}</title>`,
    ...grid,
    `<line class="axis" x1="${PLOT.left}" x2="${WIDTH - PLOT.right}" y1="${coordinate(y(0))}" y2="${coordinate(y(0))}"/>`,
    ...xLabels,
    ...lines,
    '</svg>',
  ].join('\n');
}
