import type { ReportLayout, ReportRow, ReportSummary } from '../analysis/build-report.ts';
import { allCacheWriteTokens, type UsageTotals } from '../model/usage-totals.ts';
import { deltaPercent, type ReportComparison } from '../analysis/compare-report.ts';
import { picoToNumber } from '../model/money.ts';
import {
  dimensionHeading,
  groupCell,
  rowBaseline,
  totalsBaseline,
  unitEconomics,
  type Baseline,
} from './report-columns.ts';

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
      /** Pico-units of the report's currency; summable, so the totals row is a SUM. */
      readonly value: (line: FileLine) => bigint;
    }
  | {
      readonly kind: 'ratio';
      readonly name: string;
      readonly heading: string;
      /** A derived figure (a per-unit cost in currency units, a share, a percent), or null: not summable. */
      readonly value: (line: FileLine) => number | null;
      /** How a spreadsheet shows it. */
      readonly format: 'unitCost' | 'share' | 'percent';
    };

/** What a column reads: a row's (or the totals row's) totals, and its `--compare` baseline if any. */
export interface FileLine {
  readonly totals: UsageTotals;
  readonly baseline: Baseline | undefined;
}

/** A report row as a file line. */
export function rowLine(row: ReportRow): FileLine {
  return { totals: row.totals, baseline: rowBaseline(row) };
}

/** The totals row as a file line. */
export function totalsLine(report: ReportSummary): FileLine {
  return { totals: report.totals, baseline: totalsBaseline(report) };
}

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
  value: (line) => value(line.totals),
});
const pico = (amount: bigint | null): number | null => (amount === null ? null : picoToNumber(amount));

/** `--compare`: the baseline, the change and the change in percent of every line. */
function comparisonColumns(unit: string, currency: string): ReportFileColumn[] {
  const none = { costPico: 0n, hasBaseline: false };
  return [
    {
      kind: 'money',
      name: `baseline_cost_${unit}`,
      heading: `Baseline cost (${currency})`,
      value: (line) => (line.baseline ?? none).costPico,
    },
    {
      kind: 'money',
      name: `change_cost_${unit}`,
      heading: `Change (${currency})`,
      value: (line) => line.totals.costPico - (line.baseline ?? none).costPico,
    },
    {
      kind: 'ratio',
      name: 'change_percent',
      heading: 'Change %',
      format: 'percent',
      value: (line) =>
        line.baseline?.hasBaseline === true
          ? deltaPercent(line.totals.costPico, line.baseline.costPico)
          : null,
    },
  ];
}

/** `--economics`: unit costs, cache hit ratio, what caching saved, reasoning share. */
function economicsColumns(unit: string, currency: string): ReportFileColumn[] {
  return [
    {
      kind: 'ratio',
      name: `cost_per_request_${unit}`,
      heading: `Cost per request (${currency})`,
      format: 'unitCost',
      value: (line) => pico(unitEconomics(line.totals).costPerRequestPico),
    },
    {
      kind: 'ratio',
      name: `cost_per_1k_tokens_${unit}`,
      heading: `Cost per 1K tokens (${currency})`,
      format: 'unitCost',
      value: (line) => pico(unitEconomics(line.totals).costPer1kTokensPico),
    },
    {
      kind: 'ratio',
      name: 'cache_hit_ratio',
      heading: 'Cache hit ratio',
      format: 'share',
      value: (line) => unitEconomics(line.totals).cacheHitRatio,
    },
    money(`cache_savings_${unit}`, `Cache savings (${currency})`, (totals) => totals.cacheSavingsPico),
    {
      kind: 'ratio',
      name: 'reasoning_share',
      heading: 'Reasoning share',
      format: 'share',
      value: (line) => unitEconomics(line.totals).reasoningShare,
    },
  ];
}

/**
 * What decides a file's columns: the report's layout, and with `--compare` its comparison (only its
 * presence and heading: a streamed export writes the header before the baseline total is known).
 */
export type FileLayout = ReportLayout & { readonly comparison?: Pick<ReportComparison, 'mode' | 'heading'> };

/**
 * The columns of every file export, in order. Money columns name the report's currency in CSV
 * (`cost_usd`, `cost_eur` with `--currency EUR`) and in their spreadsheet heading.
 */
export function reportFileColumns(report: FileLayout): ReportFileColumn[] {
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
    ...(report.comparison === undefined ? [] : comparisonColumns(unit, report.currency)),
    ...(report.economics ? economicsColumns(unit, report.currency) : []),
  ];
}
