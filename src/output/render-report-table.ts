import Table from 'cli-table3';
import chalk from 'chalk';
import type { Report } from '../analysis/build-report.ts';
import { allCacheWriteTokens, type UsageTotals } from '../model/usage-totals.ts';
import type { DisplayOptions } from './display-options.ts';
import { formatUsd } from './format-money.ts';
import { formatCount, truncate, truncateMiddle } from './format-number.ts';
import { dimensionHeading, groupCell, hasReportedCost, requestsText } from './report-columns.ts';

const GAP = '  ';

/** Display width of plain text (no colour codes here: they are added after measuring). */
const textWidth = (text: string): number => text.length;

/** The report as an aligned terminal table with a totals row, fitting `display.width` columns. */
export function renderReportTable(report: Report, display: DisplayOptions): string {
  const showPeriod = report.by !== 'none';
  const showReported = hasReportedCost(report);
  const numericHeads = [
    'Requests',
    'Input',
    'Cache read',
    'Cache write',
    'Output',
    'Cost',
    ...(showReported ? ['Reported'] : []),
  ];
  const numbers = (totals: UsageTotals): string[] => [
    requestsText(totals, formatCount),
    formatCount(totals.inputTokens),
    formatCount(totals.cacheReadTokens),
    formatCount(allCacheWriteTokens(totals)),
    formatCount(totals.outputTokens),
    formatUsd(totals.costPico) + (totals.unpricedRecords > 0 ? '*' : ''),
    ...(showReported ? [totals.reportedCostPico === 0n ? '-' : formatUsd(totals.reportedCostPico)] : []),
  ];

  const body = report.rows.map((row) => [
    ...(showPeriod ? [row.period.label] : []),
    ...report.groupBy.map((_, index) => groupCell(row, index)),
    ...numbers(row.totals),
  ]);
  const totalsRow = [
    ...(showPeriod ? ['Total'] : []),
    ...report.groupBy.map((_, index) => (index === 0 && !showPeriod ? 'Total' : '')),
    ...numbers(report.totals),
  ];
  if (!showPeriod && report.groupBy.length === 0) totalsRow.unshift('Total');
  const head = [...(showPeriod ? ['Period'] : []), ...report.groupBy.map(dimensionHeading), ...numericHeads];
  if (!showPeriod && report.groupBy.length === 0) {
    head.unshift('');
    body.forEach((cells) => cells.unshift(''));
  }

  // Fit the width: numeric and period columns keep their size; group columns share what is left.
  const textColumns = head.length - numericHeads.length;
  const fixedWidths = head.map((heading, column) =>
    Math.max(
      heading.length,
      totalsRow[column]?.length ?? 0,
      ...body.map((cells) => cells[column]?.length ?? 0),
    ),
  );
  const groupColumnIndexes = Array.from(
    { length: report.groupBy.length },
    (_, index) => index + (showPeriod ? 1 : 0),
  );
  const fixedTotal = fixedWidths.reduce(
    (sum, width, column) => (groupColumnIndexes.includes(column) ? sum : sum + width),
    0,
  );
  const available = display.width - fixedTotal - GAP.length * (head.length - 1);
  const groupWidths = shareWidth(
    groupColumnIndexes.map((column) => fixedWidths[column] ?? 0),
    Math.max(available, 8 * groupColumnIndexes.length),
  );
  groupColumnIndexes.forEach((column, index) => {
    for (const cells of body) cells[column] = truncateMiddle(cells[column] ?? '', groupWidths[index] ?? 8);
  });

  const paint = (text: string): string => (display.color ? chalk.bold(text) : text);
  const table = new Table({
    head: head.map(paint),
    chars: {
      top: '',
      'top-mid': '',
      'top-left': '',
      'top-right': '',
      bottom: '',
      'bottom-mid': '',
      'bottom-left': '',
      'bottom-right': '',
      left: '',
      'left-mid': '',
      mid: '',
      'mid-mid': '',
      right: '',
      'right-mid': '',
      middle: GAP,
    },
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0, compact: true },
    colAligns: head.map((_, column) => (column >= textColumns ? 'right' : 'left')),
  });
  const widths = head.map((heading, column) =>
    Math.max(
      textWidth(heading),
      textWidth(totalsRow[column] ?? ''),
      ...body.map((cells) => textWidth(cells[column] ?? '')),
    ),
  );
  table.push(widths.map((width) => '─'.repeat(width)));
  for (const cells of body) table.push(cells);
  table.push(widths.map((width) => '─'.repeat(width)));
  table.push(totalsRow.map(paint));

  const lines = [
    table
      .toString()
      .split('\n')
      .map((line) => line.trimEnd())
      .join('\n'),
  ];
  const notes = footnotes(report, display.width);
  return `${lines.join('\n')}\n${notes.length > 0 ? `\n${notes.join('\n')}\n` : ''}`;
}

/** Gives each column what it needs, narrowest first, capped at a fair share of what is left. */
function shareWidth(needed: readonly number[], available: number): number[] {
  const widths = needed.map(() => 0);
  let left = available;
  const order = needed.map((width, index) => ({ width, index })).sort((a, b) => a.width - b.width);
  order.forEach(({ width, index }, position) => {
    const fair = Math.floor(left / (order.length - position));
    widths[index] = Math.max(8, Math.min(width, fair));
    left -= widths[index] ?? 0;
  });
  return widths;
}

function footnotes(report: Report, width: number): string[] {
  const notes: string[] = [];
  if (report.totals.unpricedRecords > 0) {
    notes.push(
      `* ${formatCount(report.totals.unpricedRecords)} records (${formatCount(report.totals.unpricedTokens)} tokens) ` +
        'have no price and are not in Cost:',
    );
    for (const item of report.unpriced) {
      notes.push(
        `  ${item.provider}/${item.model}: ${formatCount(item.requests)} requests, ${formatCount(item.tokens)} tokens`,
      );
      notes.push(truncate(`    ${item.reason}`, width));
    }
  }
  if (report.totals.requestsUnknown > 0) {
    notes.push(
      `? ${formatCount(report.totals.requestsUnknown)} records come from sources that do not count requests.`,
    );
  }
  return notes;
}
