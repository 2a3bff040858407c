import type { DisplayOptions } from './display-options.ts';
import { renderMoneyLineChart } from './render-report-chart.ts';
import type { WhatifReport } from './whatif-report.ts';

const MAX_LINES = 6;

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

  const hidden = report.result.scenarios.length - scenarios.length;
  return renderMoneyLineChart({
    lines: lines.map((line) => ({
      label: line.label,
      valuesPico: line.values,
      legendPico: line.values.at(-1) ?? 0n,
    })),
    largestPico: largest,
    currency: 'USD',
    // Cumulative lines keep their shape when thinned: the last value of each run of days.
    combineRun: (run) => run.at(-1) ?? 0n,
    title: (runLength) =>
      `Cumulative cost per day, baseline and scenarios (USD)` +
      (runLength > 1 ? `, one column per ${runLength} days` : '') +
      (hidden > 0 ? `; ${hidden} more scenario(s) not drawn` : '') +
      ':',
    firstLabel: days[0]?.key ?? '',
    lastLabel: days.at(-1)?.key ?? '',
    display,
  });
}
