import * as asciichart from 'asciichart';
import type { DisplayOptions } from './display-options.ts';
import { formatMoney, formatMoneyToDecimals } from './format-money.ts';
import { wrapText } from './format-number.ts';
import {
  COLORS,
  LINE_SYMBOLS,
  MARKERS,
  overlayPlots,
  packLegend,
  periodAxis,
} from './render-report-chart.ts';
import type { WhatifReport } from './whatif-report.ts';

const MAX_LINES = 6;
const PLOT_HEIGHT = 10;
const AXIS_OFFSET = 3;

/**
 * Cumulative cost per day of the baseline and each scenario (at most five: six lines), one column or
 * more per day with usage, in the style of `report --chart` (colour, or one glyph per line without).
 * Needs the replay's `day` breakdown.
 */
export function renderWhatifChart(report: WhatifReport, display: DisplayOptions): string {
  const days = report.result.breakdowns.find((breakdown) => breakdown.dimension === 'day')?.rows ?? [];
  if (days.length < 2) return 'Chart: the replayed usage covers a single day; nothing to draw.\n';
  const scenarios = report.result.scenarios.slice(0, MAX_LINES - 1);
  const cumulative = (valueOf: (index: number) => bigint): bigint[] => {
    let running = 0n;
    return days.map((_, index) => (running += valueOf(index)));
  };
  const lines = [
    { label: 'baseline', values: cumulative((index) => days[index]?.baselinePico ?? 0n) },
    ...scenarios.map((scenario, position) => ({
      label: scenario.name,
      values: cumulative((index) => days[index]?.scenarioPico[position] ?? 0n),
    })),
  ];
  const largest = lines.reduce((max, line) => {
    const last = line.values.at(-1) ?? 0n;
    return last > max ? last : max;
  }, 0n);
  if (largest === 0n) return 'Chart: no cost to draw.\n';

  const toUnits = (pico: bigint): number => Number(pico) / 1e12;
  const step = toUnits(largest) / PLOT_HEIGHT;
  const decimals = step >= 10 ? 0 : step >= 0.1 ? 2 : Math.min(6, Math.ceil(-Math.log10(step)) + 1);
  const axisLabel = (value: number): string =>
    formatMoneyToDecimals(BigInt(Math.round(value * 1e12)), 'USD', decimals);
  const labelWidth = Math.max(axisLabel(0).length, axisLabel(toUnits(largest)).length);
  const maxColumns = display.width - labelWidth - (AXIS_OFFSET - 1);
  // Cumulative lines keep their shape when thinned: take the last value of each run of days.
  const runLength = Math.ceil(days.length / maxColumns);
  const columnsPerDay = runLength > 1 ? 1 : Math.max(1, Math.floor(maxColumns / days.length));
  const points = (values: readonly bigint[]): number[] =>
    values
      .filter((_, index) => (index + 1) % runLength === 0 || index === values.length - 1)
      .flatMap((value) => Array.from({ length: columnsPerDay }, () => toUnits(value)));
  const config = {
    min: 0,
    max: toUnits(largest),
    height: PLOT_HEIGHT,
    offset: AXIS_OFFSET,
    format: (value: number) => axisLabel(value).padStart(labelWidth),
  };
  const plot = display.color
    ? asciichart.plot(
        lines.map((line) => points(line.values)),
        { ...config, colors: COLORS, symbols: LINE_SYMBOLS },
      )
    : overlayPlots(
        lines.map((line, index) =>
          asciichart.plot(points(line.values), {
            ...config,
            symbols: [...LINE_SYMBOLS.slice(0, 4), ...Array.from({ length: 6 }, () => MARKERS[index] ?? '.')],
          }),
        ),
      );
  const plotColumns = points(lines[0]?.values ?? []).length;
  const legend = lines.map((line, index) => {
    const text = `${line.label} ${formatMoney(line.values.at(-1) ?? 0n, 'USD')}`;
    return display.color
      ? { key: `${COLORS[index] ?? ''}──${asciichart.reset}`, keyWidth: 2, text }
      : { key: MARKERS[index] ?? '.', keyWidth: 1, text };
  });
  const hidden = report.result.scenarios.length - scenarios.length;
  const title =
    `Cumulative cost per day, baseline and scenarios (USD)` +
    (runLength > 1 ? `, one column per ${runLength} days` : '') +
    (hidden > 0 ? `; ${hidden} more scenario(s) not drawn` : '') +
    ':';
  return `${[
    ...wrapText(title, display.width),
    plot
      .split('\n')
      .map((line) => line.trimEnd())
      .join('\n'),
    periodAxis(days[0]?.key ?? '', days.at(-1)?.key ?? '', labelWidth + 1, plotColumns),
    ...packLegend(legend, display.width),
  ].join('\n')}\n`;
}
