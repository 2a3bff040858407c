import type { Report } from '../analysis/build-report.ts';
import { formatCount } from './format-number.ts';
import { dimensionHeading, groupCell, numericColumns, reportFootnotes } from './report-columns.ts';

const escapeCell = (text: string): string => text.replace(/\|/g, '\\|');

/** The report as a GitHub-flavoured Markdown table with a bold totals row and the table's footnotes. */
export function renderReportMarkdown(report: Report): string {
  const columns = numericColumns(report);
  const head = [
    'Period',
    ...report.groupBy.map(dimensionHeading),
    ...columns.map((column) => column.heading),
  ];
  const line = (cells: readonly string[]): string => `| ${cells.map(escapeCell).join(' | ')} |`;
  const lines = [
    line(head),
    `| ${head.map((_, index) => (index <= report.groupBy.length ? '---' : '---:')).join(' | ')} |`,
    ...report.rows.map((row) =>
      line([
        row.period.label,
        ...report.groupBy.map((_, index) => groupCell(row, index)),
        ...columns.map((column) => column.cell(row.totals, formatCount)),
      ]),
    ),
    line([
      '**Total**',
      ...report.groupBy.map(() => ''),
      ...columns.map((column) => `**${column.cell(report.totals, formatCount)}**`),
    ]),
  ];
  const notes = reportFootnotes(report).map((note) => escapeCell(note.replace(/^\* /, '\\* ')));
  if (notes.length > 0)
    lines.push('', ...notes.map((note) => `${note.trimStart() === note ? '' : '- '}${note.trim()}`));
  return `${lines.join('\n')}\n`;
}
