import type { Report } from '../analysis/build-report.ts';
import type { DisplayOptions } from './display-options.ts';
import { formatCompactCount, formatCount, wrapText } from './format-number.ts';
import { renderPlainTable } from './render-plain-table.ts';
import {
  labelColumns,
  numericColumns,
  reportFootnotes,
  rowBaseline,
  totalsBaseline,
} from './report-columns.ts';

/** A count column wider than this switches to compact numbers (`1.23M`) for every cell. */
const MAX_EXACT_COUNT_WIDTH = 9;

/**
 * The report as an aligned terminal table: a period column, one column per group dimension, the
 * numeric columns, a totals row, and footnotes for unpriced usage and unknown request counts. Group
 * values are shortened in the middle (ids and paths keep both ends) to fit `display.width`.
 */
export function renderReportTable(report: Report, display: DisplayOptions): string {
  const columns = numericColumns(report);
  const lines = [
    ...report.rows.map((row) => ({ totals: row.totals, baseline: rowBaseline(row) })),
    { totals: report.totals, baseline: totalsBaseline(report) },
  ];
  const numericCells = columns.map((column) => {
    const exact = lines.map((line) => column.cell(line.totals, formatCount, line.baseline));
    const isTooWide = exact.some((text) => text.length > MAX_EXACT_COUNT_WIDTH);
    return isTooWide
      ? lines.map((line) => column.cell(line.totals, formatCompactCount, line.baseline))
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

  const text = renderPlainTable(
    {
      head,
      rows: body,
      footer: totalsRow,
      align: head.map((_, column) => (column >= labels.headings.length ? 'right' : 'left')),
      shrinkable: report.groupBy.map((_, index) => index + labels.groupOffset),
    },
    display,
  );
  const notes = reportFootnotes(report).flatMap((note) => wrapText(note, display.width, '    '));
  return `${text}${notes.length > 0 ? `\n${notes.join('\n')}\n` : ''}`;
}
