import type { Report, ReportRow } from '../analysis/build-report.ts';
import { allCacheWriteTokens, type UsageTotals } from '../model/usage-totals.ts';
import { dimensionHeading, groupCell } from './report-columns.ts';

/**
 * One column of the report's file exports (CSV and XLSX), so both carry the same rows, columns and
 * totals. `name` is the CSV header, `heading` the spreadsheet one.
 */
export type ReportFileColumn =
  | {
      readonly kind: 'text';
      readonly name: string;
      readonly heading: string;
      readonly value: (row: ReportRow) => string;
    }
  | {
      readonly kind: 'periodStart';
      readonly name: string;
      readonly heading: string;
      /** Start instant (epoch ms), or null for `--by none`. */
      readonly value: (row: ReportRow) => number | null;
    }
  | {
      readonly kind: 'count';
      readonly name: string;
      readonly heading: string;
      readonly value: (totals: UsageTotals) => number;
    }
  | {
      readonly kind: 'money';
      readonly name: string;
      readonly heading: string;
      /** Pico-units of the report's currency. */
      readonly value: (totals: UsageTotals) => bigint;
    };

const count = (name: string, heading: string, value: (totals: UsageTotals) => number): ReportFileColumn => ({
  kind: 'count',
  name,
  heading,
  value,
});
const money = (name: string, heading: string, value: (totals: UsageTotals) => bigint): ReportFileColumn => ({
  kind: 'money',
  name,
  heading,
  value,
});

/**
 * The columns of every file export, in order. Money columns name the report's currency in CSV
 * (`cost_usd`, `cost_eur` with `--currency EUR`) and in their spreadsheet heading.
 */
export function reportFileColumns(report: Report): ReportFileColumn[] {
  const unit = report.currency.toLowerCase();
  return [
    { kind: 'text', name: 'period', heading: 'Period', value: (row) => row.period.label },
    {
      kind: 'periodStart',
      name: 'period_start',
      heading: `Period start (${report.timeZone})`,
      value: (row) => row.period.startMs,
    },
    ...report.groupBy.map((dimension, index): ReportFileColumn => ({
      kind: 'text',
      name: dimensionHeading(dimension).toLowerCase().replace(/\s+/g, '_'),
      heading: dimensionHeading(dimension),
      value: (row) => groupCell(row, index),
    })),
    count('records', 'Records', (totals) => totals.records),
    count('requests', 'Requests', (totals) => totals.requests),
    count('requests_unknown', 'Requests unknown', (totals) => totals.requestsUnknown),
    count('input_tokens', 'Input tokens', (totals) => totals.inputTokens),
    count('cache_read_tokens', 'Cache read tokens', (totals) => totals.cacheReadTokens),
    count('cache_write_tokens', 'Cache write tokens', allCacheWriteTokens),
    count('cache_write_5m_tokens', 'Cache write 5m tokens', (totals) => totals.cacheWrite5mTokens),
    count('cache_write_1h_tokens', 'Cache write 1h tokens', (totals) => totals.cacheWrite1hTokens),
    count('output_tokens', 'Output tokens', (totals) => totals.outputTokens),
    count('reasoning_tokens', 'Reasoning tokens', (totals) => totals.reasoningTokens),
    money(`cost_${unit}`, `Cost (${report.currency})`, (totals) => totals.costPico),
    money(`list_cost_${unit}`, `List cost (${report.currency})`, (totals) => totals.listCostPico),
    money(`reported_cost_${unit}`, `Reported cost (${report.currency})`, (totals) => totals.reportedCostPico),
    count('unpriced_records', 'Unpriced records', (totals) => totals.unpricedRecords),
    count('unpriced_tokens', 'Unpriced tokens', (totals) => totals.unpricedTokens),
  ];
}
