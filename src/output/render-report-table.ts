import Table from 'cli-table3';
import chalk from 'chalk';
import type { Report } from '../analysis/build-report.ts';
import type { DisplayOptions } from './display-options.ts';
import { formatCompactCount, formatCount, truncateMiddle, wrapText } from './format-number.ts';
import { labelColumns, numericColumns, reportFootnotes } from './report-columns.ts';

const GAP = '  ';
/** A count column wider than this switches to compact numbers (`1.23M`) for every cell. */
const MAX_EXACT_COUNT_WIDTH = 9;
const MIN_GROUP_WIDTH = 8;

const BORDERLESS = {
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
};

/**
 * The report as an aligned terminal table: a period column, one column per group dimension, the
 * numeric columns, a totals row, and footnotes for unpriced usage and unknown request counts. Group
 * values are shortened in the middle (ids and paths keep both ends) to fit `display.width`.
 */
export function renderReportTable(report: Report, display: DisplayOptions): string {
  const columns = numericColumns(report);
  const numericCells = columns.map((column) => {
    const exact = [...report.rows.map((row) => row.totals), report.totals].map((totals) =>
      column.cell(totals, formatCount),
    );
    const isTooWide = exact.some((text) => text.length > MAX_EXACT_COUNT_WIDTH);
    return isTooWide
      ? [...report.rows.map((row) => row.totals), report.totals].map((totals) =>
          column.cell(totals, formatCompactCount),
        )
      : exact;
  });
  const rowCount = report.rows.length;
  const cellAt = (column: number, row: number): string => numericCells[column]?.[row] ?? '';

  const labels = labelColumns(report);
  const head = [...labels.headings, ...columns.map((column) => column.heading)];
  const body = report.rows.map((row, rowIndex) => [
    ...labels.cells(row),
    ...columns.map((_, column) => cellAt(column, rowIndex)),
  ]);
  const totalsRow = [...labels.totalCells, ...columns.map((_, column) => cellAt(column, rowCount))];

  const widthOf = (column: number): number =>
    Math.max(
      head[column]?.length ?? 0,
      totalsRow[column]?.length ?? 0,
      ...body.map((cells) => cells[column]?.length ?? 0),
    );
  const groupColumns = report.groupBy.map((_, index) => index + labels.groupOffset);
  const fixedWidth = head.reduce(
    (sum, _, column) => (groupColumns.includes(column) ? sum : sum + widthOf(column)),
    0,
  );
  const available = display.width - fixedWidth - GAP.length * (head.length - 1);
  const groupWidths = shareWidth(groupColumns.map(widthOf), available);
  groupColumns.forEach((column, index) => {
    for (const cells of body)
      cells[column] = truncateMiddle(cells[column] ?? '', groupWidths[index] ?? MIN_GROUP_WIDTH);
  });

  const paint = (text: string): string => (display.color ? chalk.bold(text) : text);
  const table = new Table({
    head: head.map(paint),
    chars: BORDERLESS,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0, compact: true },
    colAligns: head.map((_, column) => (column >= labels.headings.length ? 'right' : 'left')),
  });
  const rule = head.map((_, column) => '─'.repeat(widthOf(column)));
  table.push(rule, ...body, rule, totalsRow.map(paint));
  const text = table
    .toString()
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
  const notes = reportFootnotes(report).flatMap((note) => wrapText(note, display.width, '    '));
  return `${text}\n${notes.length > 0 ? `\n${notes.join('\n')}\n` : ''}`;
}

/** Gives each column what it needs, narrowest first, capped at a fair share of what is left. */
function shareWidth(needed: readonly number[], available: number): number[] {
  const widths = needed.map(() => MIN_GROUP_WIDTH);
  let left = available;
  const order = needed.map((width, index) => ({ width, index })).sort((a, b) => a.width - b.width);
  order.forEach(({ width, index }, position) => {
    const fair = Math.floor(left / (order.length - position));
    const given = Math.max(MIN_GROUP_WIDTH, Math.min(width, fair));
    widths[index] = given;
    left -= given;
  });
  return widths;
}
