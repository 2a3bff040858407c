import type { Report } from '../analysis/build-report.ts';
import { formatCount } from './format-number.ts';
import { escapeMarkdownText, renderMarkdownTable } from './render-markdown-table.ts';
import {
  labelColumns,
  numericColumns,
  reportFootnotes,
  rowBaseline,
  totalsBaseline,
} from './report-columns.ts';

/** The report as a GitHub-flavoured Markdown table with a bold totals row and the table's footnotes. */
export function renderReportMarkdown(report: Report): string {
  const columns = numericColumns(report);
  const labels = labelColumns(report);
  const head = [...labels.headings, ...columns.map((column) => column.heading)];
  const table = renderMarkdownTable({
    head,
    rows: report.rows.map((row) => [
      ...labels.cells(row),
      ...columns.map((column) => column.cell(row.totals, formatCount, rowBaseline(row))),
    ]),
    footer: [
      ...labels.totalCells,
      ...columns.map((column) => column.cell(report.totals, formatCount, totalsBaseline(report))),
    ],
    align: head.map((_, index) => (index < labels.headings.length ? 'left' : 'right')),
  });
  const notes = reportFootnotes(report).map(escapeMarkdownText);
  if (notes.length === 0) return table;
  return `${table}\n${notes.map((note) => `${note.trimStart() === note ? '' : '- '}${note.trim()}`).join('\n')}\n`;
}
