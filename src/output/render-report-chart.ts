import * as asciichart from 'asciichart';
import type { Report } from '../analysis/build-report.ts';
import { buildChartSeries } from '../analysis/chart-series.ts';
import type { DisplayOptions } from './display-options.ts';
import { formatMoney, formatMoneyToDecimals } from './format-money.ts';
import { truncate, wrapText } from './format-number.ts';
import { dimensionHeading } from './report-columns.ts';

const MAX_LINES = 6;
/** Rows of the plot above its zero line. */
const PLOT_HEIGHT = 10;
/** Without colour, each line is drawn with its own glyph, so lines stay apart in print and logs. */
const MARKERS = ['*', 'o', '+', 'x', '#', '%'] as const;
const COLORS = [
  asciichart.cyan,
  asciichart.yellow,
  asciichart.magenta,
  asciichart.green,
  asciichart.blue,
  asciichart.red,
];
const AXIS_OFFSET = 3;
/**
 * asciichart's glyphs with a plain `┤` where it puts `┼`: it marks the top row (not the zero line) with
 * `┼` when the axis starts at 0, and each line's first value with it on the axis.
 */
const LINE_SYMBOLS = ['┤', '┤', '╶', '╴', '─', '╰', '╭', '╮', '╯', '│'] as const;

/**
 * The report's cost per period as an asciichart line chart, one line per group (at most six: the
 * costliest five and `(other)` when there are more), with a money axis, the first and last period under
 * it and a legend. Fits `display.width`: periods are stretched to fill it, or summed in runs when there
 * are more periods than columns. With colour each line has its colour; without, its own glyph.
 */
export function renderReportChart(report: Report, display: DisplayOptions): string {
  const data = buildChartSeries(report, MAX_LINES);
  const unit = report.by === 'none' ? 'period' : report.by;
  if (data.periods.length < 2) {
    return `Chart: the report has a single ${unit}; use a shorter --by to see a series.\n`;
  }
  const largest = data.series.reduce(
    (max, series) => series.valuesPico.reduce((top, value) => (value > top ? value : top), max),
    0n,
  );
  if (largest === 0n) return 'Chart: no cost in these periods.\n';

  const groups = report.groupBy.map(dimensionHeading).join(' / ');
  return renderMoneyLineChart({
    lines: data.series.map((series) => ({
      label: series.label,
      valuesPico: series.valuesPico,
      legendPico: series.totalPico,
    })),
    largestPico: largest,
    currency: report.currency,
    combineRun: sumRun,
    title: (runLength) =>
      `Cost per ${unit}${groups === '' ? '' : ` by ${groups}`} (${report.currency})${
        runLength > 1 ? `, each column sums ${runLength} ${unit}s` : ''
      }:`,
    firstLabel: data.periods[0]?.label ?? '',
    lastLabel: data.periods.at(-1)?.label ?? '',
    display,
  });
}

/** A line of a money chart: one value per period, and the amount its legend entry shows. */
export interface MoneyChartLine {
  readonly label: string;
  readonly valuesPico: readonly bigint[];
  readonly legendPico: bigint;
}

/**
 * Draws money lines (at most six, all with one value per period) as an asciichart chart with a money
 * axis, the first and last period under it and a legend, fitting `display.width`: periods are
 * stretched to fill it, or combined in runs (`combineRun`: summed, or the last value for cumulative
 * lines) when there are more periods than columns. With colour each line has its colour; without, its
 * own glyph. `largestPico` is the axis top.
 */
export function renderMoneyLineChart(chart: {
  readonly lines: readonly MoneyChartLine[];
  readonly largestPico: bigint;
  readonly currency: string;
  readonly combineRun: (run: readonly bigint[]) => bigint;
  readonly title: (runLength: number) => string;
  readonly firstLabel: string;
  readonly lastLabel: string;
  readonly display: DisplayOptions;
}): string {
  const { lines, display } = chart;
  const periodCount = lines[0]?.valuesPico.length ?? 0;
  const toUnits = (pico: bigint): number => Number(pico) / 1e12;
  const step = toUnits(chart.largestPico) / PLOT_HEIGHT;
  const decimals = step >= 10 ? 0 : step >= 0.1 ? 2 : Math.min(6, Math.ceil(-Math.log10(step)) + 1);
  const axisLabel = (value: number): string =>
    formatMoneyToDecimals(BigInt(Math.round(value * 1e12)), chart.currency, decimals);
  const labelWidth = Math.max(axisLabel(0).length, axisLabel(toUnits(chart.largestPico)).length);
  const maxColumns = display.width - labelWidth - (AXIS_OFFSET - 1);
  const runLength = Math.ceil(periodCount / maxColumns);
  const columnsPerPeriod = runLength > 1 ? 1 : Math.max(1, Math.floor(maxColumns / periodCount));
  const points = (values: readonly bigint[]): number[] =>
    combineRuns(values, runLength, chart.combineRun).flatMap((value) =>
      Array.from({ length: columnsPerPeriod }, () => toUnits(value)),
    );
  const config = {
    min: 0,
    max: toUnits(chart.largestPico),
    height: PLOT_HEIGHT,
    offset: AXIS_OFFSET,
    format: (value: number) => axisLabel(value).padStart(labelWidth),
  };
  const plot = display.color
    ? asciichart.plot(
        lines.map((line) => points(line.valuesPico)),
        { ...config, colors: COLORS, symbols: LINE_SYMBOLS },
      )
    : overlayPlots(
        lines.map((line, index) =>
          asciichart.plot(points(line.valuesPico), {
            ...config,
            symbols: [...LINE_SYMBOLS.slice(0, 4), ...Array.from({ length: 6 }, () => MARKERS[index] ?? '.')],
          }),
        ),
      );
  const plotColumns = Math.ceil(periodCount / runLength) * columnsPerPeriod;
  const legend = lines.map((line, index) => {
    const text = `${line.label} ${formatMoney(line.legendPico, chart.currency)}`;
    return display.color
      ? { key: `${COLORS[index] ?? ''}──${asciichart.reset}`, keyWidth: 2, text }
      : { key: MARKERS[index] ?? '.', keyWidth: 1, text };
  });
  return `${[
    ...wrapText(chart.title(runLength), display.width),
    plot
      .split('\n')
      .map((line) => line.trimEnd())
      .join('\n'),
    periodAxis(chart.firstLabel, chart.lastLabel, labelWidth + 1, plotColumns),
    ...packLegend(legend, display.width),
  ].join('\n')}\n`;
}

/** The sum of a run of values. */
function sumRun(run: readonly bigint[]): bigint {
  return run.reduce((sum, value) => sum + value, 0n);
}

/** Consecutive runs of `length` values (the last run may be shorter), each combined into one. */
function combineRuns(
  values: readonly bigint[],
  length: number,
  combine: (run: readonly bigint[]) => bigint,
): bigint[] {
  const combined: bigint[] = [];
  for (let start = 0; start < values.length; start += length) {
    combined.push(combine(values.slice(start, start + length)));
  }
  return combined;
}

/** Lays single-series plots over each other: the first series' glyph wins where lines cross. */
function overlayPlots(plots: readonly string[]): string {
  const layers = plots.map((plot) => plot.split('\n').map((line) => Array.from(line)));
  const [base = [], ...rest] = layers;
  return base
    .map((row, rowIndex) =>
      row
        .map((char, column) => {
          if (char !== ' ') return char;
          for (const layer of rest) {
            const other = layer[rowIndex]?.[column];
            if (other !== undefined && other !== ' ') return other;
          }
          return char;
        })
        .join(''),
    )
    .join('\n');
}

/** The first and last period under the plot: `└ 2026-11-01 … 2026-11-23`, aligned to the plot's ends. */
function periodAxis(first: string, last: string, axisColumn: number, plotColumns: number): string {
  const start = `${' '.repeat(axisColumn)}${first}`;
  const end = axisColumn + plotColumns;
  const gap = end - start.length - last.length;
  return gap >= 2 ? `${start}${' '.repeat(gap)}${last}` : `${start} … ${last}`;
}

/** Legend entries (`* openai $0.26`) side by side, as many per line as fit; an entry never breaks. */
function packLegend(
  entries: readonly { readonly key: string; readonly keyWidth: number; readonly text: string }[],
  width: number,
): string[] {
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  for (const { key, keyWidth, text } of entries) {
    const shown = truncate(text, width - keyWidth - 1);
    const entryWidth = keyWidth + 1 + shown.length;
    if (lineWidth > 0 && lineWidth + 3 + entryWidth > width) {
      lines.push(line);
      line = '';
      lineWidth = 0;
    }
    line += `${lineWidth > 0 ? '   ' : ''}${key} ${shown}`;
    lineWidth += (lineWidth > 0 ? 3 : 0) + entryWidth;
  }
  if (lineWidth > 0) lines.push(line);
  return lines;
}
