import type { SpendForecast } from '../analysis/forecast-spend.ts';
import type { DisplayOptions } from './display-options.ts';
import { wrapText } from './format-number.ts';
import { renderForecastChart } from './render-forecast-chart.ts';
import {
  accuracyCard,
  forecastFootnotes,
  forecastHeading,
  forecastRows,
  groupRows,
  totalRows,
  type ForecastTextContext,
} from './render-forecast-text.ts';

/** Left-aligns the first column, right-aligns the others, two spaces apart, with a rule under the head. */
function alignColumns(
  head: readonly string[],
  body: readonly string[][],
  footer: readonly string[][],
): string[] {
  const rows = [head, ...body, ...footer];
  const widths = head.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  const format = (row: readonly string[]) =>
    row
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '─'.repeat(width)).join('  ');
  return [
    format(head),
    rule,
    ...body.map(format),
    ...(footer.length > 0 ? [rule, ...footer.map(format)] : []),
  ];
}

/** The forecast as terminal text: heading, per-period table, totals, accuracy card, notes, chart, groups. */
export function renderForecastTable(
  total: SpendForecast,
  groups: readonly SpendForecast[],
  context: ForecastTextContext & { readonly isChart: boolean },
  display: DisplayOptions,
): string {
  const level = `${Math.round(context.intervalLevel * 100)}%`;
  const width = Math.min(display.width, 100);
  const wrap = (text: string) => wrapText(text, width, '  ');
  const lines = [
    ...wrap(forecastHeading(total, context)),
    '',
    ...alignColumns(
      ['Period', 'Forecast', `${level} low`, `${level} high`],
      forecastRows(total),
      totalRows(total),
    ),
    '',
    ...wrap(accuracyCard(total, context)),
    ...forecastFootnotes(total, context).flatMap(wrap),
  ];
  if (context.isChart) lines.push('', renderForecastChart(total, context.intervalLevel, display));
  if (groups.length > 0) {
    lines.push(
      '',
      `By ${context.groupLabels.join(' / ')} (each group forecast on its own; they need not add up to the total):`,
      ...alignColumns(
        ['Group', 'Method', 'Total', `${level} low`, `${level} high`, 'MASE', 'Cover'],
        groupRows(groups, 28),
        [],
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}
