import Papa from 'papaparse';
import type { Report, ReportRow } from '../analysis/build-report.ts';
import { deltaPercent, type ComparedReport } from '../analysis/compare-report.ts';
import { allCacheWriteTokens } from '../model/usage-totals.ts';
import { formatAmountExact } from './format-money.ts';
import { dimensionHeading, groupCell, rowBaseline } from './report-columns.ts';

/**
 * The report's rows as CSV (RFC 4180, header row, no totals row so the file sums cleanly in a
 * spreadsheet). `cost_usd` (`cost_eur`… with `--currency`; in the report's cost mode) is the exact decimal: its column sum equals the
 * report total exactly. `list_cost_usd` and `reported_cost_usd` give both costs where both exist.
 */
export function renderReportCsv(report: Report): string {
  const isCompared = (report as Partial<ComparedReport>).comparison !== undefined;
  const comparisonCells = (row: ReportRow): (string | number)[] => {
    const baseline = rowBaseline(row);
    if (!isCompared || baseline === undefined) return [];
    const percent = baseline.hasBaseline ? deltaPercent(row.totals.costPico, baseline.costPico) : null;
    return [
      formatAmountExact(baseline.costPico),
      formatAmountExact(row.totals.costPico - baseline.costPico),
      percent === null ? '' : percent,
    ];
  };
  const unit = report.currency.toLowerCase();
  const fields = [
    'period',
    'period_start',
    ...report.groupBy.map((dimension) => dimensionHeading(dimension).toLowerCase().replace(/\s+/g, '_')),
    'records',
    'requests',
    'requests_unknown',
    'input_tokens',
    'cache_read_tokens',
    'cache_write_tokens',
    'cache_write_5m_tokens',
    'cache_write_1h_tokens',
    'output_tokens',
    'reasoning_tokens',
    `cost_${unit}`,
    `list_cost_${unit}`,
    `reported_cost_${unit}`,
    'unpriced_records',
    'unpriced_tokens',
    ...(isCompared ? [`baseline_cost_${unit}`, `change_cost_${unit}`, 'change_percent'] : []),
  ];
  const data = report.rows.map((row) => [
    row.period.label,
    row.period.startMs === null ? '' : new Date(row.period.startMs).toISOString(),
    ...report.groupBy.map((_, index) => groupCell(row, index)),
    row.totals.records,
    row.totals.requests,
    row.totals.requestsUnknown,
    row.totals.inputTokens,
    row.totals.cacheReadTokens,
    allCacheWriteTokens(row.totals),
    row.totals.cacheWrite5mTokens,
    row.totals.cacheWrite1hTokens,
    row.totals.outputTokens,
    row.totals.reasoningTokens,
    formatAmountExact(row.totals.costPico),
    formatAmountExact(row.totals.listCostPico),
    formatAmountExact(row.totals.reportedCostPico),
    row.totals.unpricedRecords,
    row.totals.unpricedTokens,
    ...comparisonCells(row),
  ]);
  return `${Papa.unparse({ fields, data }, { newline: '\n' })}\n`;
}
