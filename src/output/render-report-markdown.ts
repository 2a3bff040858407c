import type { Report } from '../analysis/build-report.ts';
import { formatCount } from './format-number.ts';
import { labelColumns, numericColumns, reportFootnotes } from './report-columns.ts';

const escapeCell = (text: string): string => text.replace(/\|/g, '\\|');

/** The report as a GitHub-flavoured Markdown table with a bold totals row and the table's footnotes. */
export function renderReportMarkdown(report: Report): string {
  const columns = numericColumns(report);
  const labels = labelColumns(report);
  const head = [...labels.headings, ...columns.map((column) => column.heading)];
  const line = (cells: readonly string[]): string => `| ${cells.map(escapeCell).join(' | ')} |`;
  const lines = [
    line(head),
    `| ${head.map((_, index) => (index < labels.headings.length ? '---' : '---:')).join(' | ')} |`,
    ...report.rows.map((row) =>
      line([...labels.cells(row), ...columns.map((column) => column.cell(row.totals, formatCount))]),
    ),
    line([
      ...labels.totalCells.map((cell) => (cell === '' ? '' : `**${cell}**`)),
      ...columns.map((column) => `**${column.cell(report.totals, formatCount)}**`),
    ]),
  ];
  const notes = reportFootnotes(report).map((note) => escapeCell(note.replace(/^\* /, '\\* ')));
  if (notes.length > 0)
    lines.push('', ...notes.map((note) => `${note.trimStart() === note ? '' : '- '}${note.trim()}`));
  return `${lines.join('\n')}\n`;
}
