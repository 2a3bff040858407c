import Papa from 'papaparse';
import type { Report, ReportRow } from '../analysis/build-report.ts';
import { formatAmountExact } from './format-money.ts';
import { neutralizeFormula } from './neutralize-formula.ts';
import { reportFileColumns, rowLine, type FileLayout, type ReportFileColumn } from './report-file-columns.ts';

/** Rows per chunk of `renderReportCsvChunks`: big enough for few writes, small enough to stay flat. */
const ROWS_PER_CHUNK = 1_000;

/**
 * The report's rows as CSV (RFC 4180, header row, no totals row so the file sums cleanly in a
 * spreadsheet). `cost_usd` (`cost_eur`… with `--currency`; in the report's cost mode) is the exact
 * decimal: its column sum equals the report total exactly. `list_cost_usd` and `reported_cost_usd` give both costs where
 * both exist. Text from the data (group values) is neutralised against formula injection.
 */
export function renderReportCsv(report: Report): string {
  return [...renderReportCsvChunks(report, report.rows)].join('');
}

/**
 * The text of `renderReportCsv` in pieces, each ending in a newline: the header, then up to 1,000
 * rows at a time, consumed from `rows` as they are needed (a streamed export writes each piece).
 */
export function* renderReportCsvChunks(
  layout: FileLayout,
  rows: Iterable<ReportRow>,
): Generator<string, void, undefined> {
  const columns = reportFileColumns(layout);
  yield `${Papa.unparse([columns.map((column) => column.name)], { newline: '\n' })}\n`;
  let chunk: (string | number)[][] = [];
  for (const row of rows) {
    chunk.push(columns.map((column) => csvCell(column, row)));
    if (chunk.length === ROWS_PER_CHUNK) {
      yield `${Papa.unparse(chunk, { newline: '\n' })}\n`;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield `${Papa.unparse(chunk, { newline: '\n' })}\n`;
}

function csvCell(column: ReportFileColumn, row: ReportRow): string | number {
  switch (column.kind) {
    case 'text':
      return neutralizeFormula(column.value(row));
    case 'periodStart': {
      const startMs = column.value(row);
      return startMs === null ? '' : new Date(startMs).toISOString();
    }
    case 'count':
      return column.value(row.totals);
    case 'money':
      return formatAmountExact(column.value(rowLine(row)));
    case 'ratio':
      return column.value(rowLine(row)) ?? '';
    default:
      return column satisfies never;
  }
}
