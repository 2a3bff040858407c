import type { CurrencyConversion } from '../analysis/convert-currency.ts';
import type { ReproducibilityStamp } from '../analysis/reproducibility-stamp.ts';
import { deltaPercent, type ComparedReport } from '../analysis/compare-report.ts';
import type { CostMode } from '../model/cost-mode.ts';
import { rowBaseline, totalsBaseline, unitEconomics, type Baseline } from './report-columns.ts';
import type { UnpricedUsage } from '../model/unpriced-usage.ts';
import type { Report, ReportRow } from '../analysis/build-report.ts';
import { picoToNumber } from '../model/money.ts';
import { allCacheWriteTokens, type UsageTotals } from '../model/usage-totals.ts';
import { formatAmountExact } from './format-money.ts';
import { utcDay } from './describe-source-overlap.ts';
import type { SourceKind } from '../model/source-kind.ts';

/**
 * The public JSON contract of `llmcost report --format json` (README "JSON output"). Change only on
 * purpose and bump `schemaVersion`. Money is in `currency` (USD unless `--currency`): `cost` is a
 * decimal number at full precision (convenient, but a float); `costExact` is the exact decimal string
 * and `costPico` the exact integer count of pico-units (10⁻¹² of the currency) as a string: sum those,
 * not `cost`. Version 2: money fields are currency-neutral (`costPico`, was `costPicoUsd`), plus
 * `costMode`, list costs, `exchangeRates` and `stamp`.
 */
export interface ReportJson {
  readonly schemaVersion: 2;
  readonly currency: string;
  /** `pico` + the currency code, e.g. `picoUSD`. */
  readonly moneyUnit: string;
  /** Which cost `cost` is: auto (stated by the source, else list price), list or reported. */
  readonly costMode: CostMode;
  /** How USD amounts were converted to `currency`, or null when the report is in USD. */
  readonly exchangeRates: CurrencyConversion | null;
  /** Same hash, same figures: pricings that priced the usage, inputs by content, report options. */
  readonly stamp: ReproducibilityStamp;
  readonly by: string;
  readonly timeZone: string;
  readonly groupBy: readonly string[];
  readonly range: { readonly since: string | null; readonly until: string | null; readonly asOf: string };
  readonly totals: TotalsJson & { readonly comparison?: ComparisonJson; readonly economics?: EconomicsJson };
  /** With `--compare`: `previous` or the fixed period compared with. */
  readonly compare?: string;
  readonly rows: readonly RowJson[];
  readonly unpriced: readonly UnpricedUsage[];
  /**
   * Providers and UTC days covered by both a billing export and request logs: the figures use
   * `kindUsed` there (`--prefer`), never the sum of both.
   */
  readonly overlap: readonly {
    readonly provider: string;
    /** UTC days, YYYY-MM-DD. */
    readonly days: readonly string[];
    readonly kindUsed: SourceKind;
    readonly kindLeftOut: SourceKind;
  }[];
}

export interface TotalsJson {
  readonly records: number;
  readonly requests: number;
  readonly requestsUnknown: number;
  readonly errorRequests: number;
  readonly inputTokens: number;
  readonly cacheReadTokens: number;
  /** Every cache write, all TTLs summed; the parts follow. */
  readonly cacheWriteTokens: number;
  readonly cacheWrite5mTokens: number;
  readonly cacheWrite1hTokens: number;
  readonly cacheWriteUnknownTtlTokens: number;
  readonly outputTokens: number;
  readonly reasoningTokens: number;
  readonly webSearchRequests: number;
  readonly cost: number;
  readonly costExact: string;
  readonly costPico: string;
  /** List price of the usage the price book priced, whatever the cost mode. */
  readonly listCost: number;
  readonly listCostExact: string;
  readonly listCostPico: string;
  readonly reportedCost: number;
  readonly reportedCostExact: string;
  readonly reportedCostPico: string;
  readonly unpricedRecords: number;
  readonly unpricedRequests: number;
  readonly unpricedTokens: number;
  /** The list cost split by the layer that priced it: catalogue, overlay (hand-kept corrections), override (your negotiated rates). */
  readonly listCostByLayerPico: {
    readonly catalogue: string;
    readonly overlay: string;
    readonly override: string;
  };
}

/** With `--compare`: the baseline cost of the same group and the change. */
export interface ComparisonJson {
  readonly baselineCost: number;
  readonly baselineCostExact: string;
  readonly baselineCostPico: string;
  readonly hasBaseline: boolean;
  readonly change: number;
  readonly changeExact: string;
  readonly changePico: string;
  /** Percent of the baseline, one decimal; null without a baseline. */
  readonly changePercent: number | null;
}

/** With `--economics`: ratios (null where the denominator is 0) and what caching saved. */
export interface EconomicsJson {
  readonly costPerRequest: number | null;
  readonly costPer1kTokens: number | null;
  readonly cacheHitRatio: number | null;
  readonly reasoningShare: number | null;
  readonly cacheSavings: number;
  readonly cacheSavingsExact: string;
  readonly cacheSavingsPico: string;
}

export interface RowJson extends TotalsJson {
  readonly comparison?: ComparisonJson;
  readonly economics?: EconomicsJson;
  readonly period: string;
  readonly periodStart: string | null;
  readonly group: Readonly<Record<string, string | null>>;
  readonly isOther: boolean;
}

export interface ReportRange {
  readonly sinceMs: number | null;
  readonly untilMs: number | null;
  readonly asOfMs: number;
}

export function toTotalsJson(totals: UsageTotals): TotalsJson {
  return {
    records: totals.records,
    requests: totals.requests,
    requestsUnknown: totals.requestsUnknown,
    errorRequests: totals.errorRequests,
    inputTokens: totals.inputTokens,
    cacheReadTokens: totals.cacheReadTokens,
    cacheWriteTokens: allCacheWriteTokens(totals),
    cacheWrite5mTokens: totals.cacheWrite5mTokens,
    cacheWrite1hTokens: totals.cacheWrite1hTokens,
    cacheWriteUnknownTtlTokens: totals.cacheWriteUnknownTtlTokens,
    outputTokens: totals.outputTokens,
    reasoningTokens: totals.reasoningTokens,
    webSearchRequests: totals.webSearchRequests,
    cost: picoToNumber(totals.costPico),
    costExact: formatAmountExact(totals.costPico),
    costPico: totals.costPico.toString(),
    listCost: picoToNumber(totals.listCostPico),
    listCostExact: formatAmountExact(totals.listCostPico),
    listCostPico: totals.listCostPico.toString(),
    reportedCost: picoToNumber(totals.reportedCostPico),
    reportedCostExact: formatAmountExact(totals.reportedCostPico),
    reportedCostPico: totals.reportedCostPico.toString(),
    unpricedRecords: totals.unpricedRecords,
    unpricedRequests: totals.unpricedRequests,
    unpricedTokens: totals.unpricedTokens,
    listCostByLayerPico: {
      catalogue: (totals.listCostPico - totals.overlayCostPico - totals.overrideCostPico).toString(),
      overlay: totals.overlayCostPico.toString(),
      override: totals.overrideCostPico.toString(),
    },
  };
}

function toRowJson(report: Report, row: ReportRow): RowJson {
  return {
    period: row.period.label,
    periodStart: row.period.startMs === null ? null : new Date(row.period.startMs).toISOString(),
    group: Object.fromEntries(
      report.groupBy.map((dimension, index) => [dimension, row.isOther ? null : (row.group[index] ?? null)]),
    ),
    isOther: row.isOther,
    ...toTotalsJson(row.totals),
    ...comparisonJson(row.totals.costPico, rowBaseline(row)),
    ...economicsJson(report, row.totals),
  };
}

function economicsJson(report: Report, totals: UsageTotals): { economics?: EconomicsJson } {
  if (!report.economics) return {};
  const unit = unitEconomics(totals);
  const amount = (pico: bigint | null): number | null => (pico === null ? null : picoToNumber(pico));
  return {
    economics: {
      costPerRequest: amount(unit.costPerRequestPico),
      costPer1kTokens: amount(unit.costPer1kTokensPico),
      cacheHitRatio: unit.cacheHitRatio,
      reasoningShare: unit.reasoningShare,
      cacheSavings: picoToNumber(totals.cacheSavingsPico),
      cacheSavingsExact: formatAmountExact(totals.cacheSavingsPico),
      cacheSavingsPico: totals.cacheSavingsPico.toString(),
    },
  };
}

function comparisonJson(costPico: bigint, baseline: Baseline | undefined): { comparison?: ComparisonJson } {
  if (baseline === undefined) return {};
  const change = costPico - baseline.costPico;
  return {
    comparison: {
      baselineCost: picoToNumber(baseline.costPico),
      baselineCostExact: formatAmountExact(baseline.costPico),
      baselineCostPico: baseline.costPico.toString(),
      hasBaseline: baseline.hasBaseline,
      change: picoToNumber(change),
      changeExact: formatAmountExact(change),
      changePico: change.toString(),
      changePercent: baseline.hasBaseline ? deltaPercent(costPico, baseline.costPico) : null,
    },
  };
}

export function toReportJson(report: Report, range: ReportRange): ReportJson {
  const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
  return {
    schemaVersion: 2,
    currency: report.currency,
    moneyUnit: `pico${report.currency}`,
    costMode: report.costMode,
    exchangeRates: report.exchange,
    stamp: report.stamp,
    by: report.by,
    timeZone: report.timeZone,
    groupBy: report.groupBy,
    range: {
      since: iso(range.sinceMs),
      until: iso(range.untilMs),
      asOf: new Date(range.asOfMs).toISOString(),
    },
    totals: {
      ...toTotalsJson(report.totals),
      ...comparisonJson(report.totals.costPico, totalsBaseline(report)),
      ...economicsJson(report, report.totals),
    },
    ...compareLabel(report),
    rows: report.rows.map((row) => toRowJson(report, row)),
    unpriced: report.unpriced,
    overlap: report.overlap.map((overlap) => ({
      provider: overlap.provider,
      days: overlap.dayStartsMs.map(utcDay),
      kindUsed: overlap.kindUsed,
      kindLeftOut: overlap.kindLeftOut,
    })),
  };
}

export function renderReportJson(report: Report, range: ReportRange): string {
  return `${JSON.stringify(toReportJson(report, range), null, 2)}\n`;
}

function compareLabel(report: Report): { compare?: string } {
  const { comparison } = report as Partial<ComparedReport>;
  if (comparison === undefined) return {};
  return { compare: comparison.mode.kind === 'previous' ? 'previous' : comparison.mode.label };
}
