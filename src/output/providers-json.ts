import type {
  ComparisonLevel,
  ProviderComparison,
  ProviderComparisonRow,
} from '../analysis/compare-providers.ts';
import type { CurrencyConversion } from '../analysis/convert-currency.ts';
import type { ReproducibilityStamp } from '../analysis/reproducibility-stamp.ts';
import type { CostMode } from '../model/cost-mode.ts';
import type { DurationSummary } from '../model/timing-summary.ts';
import { picoToNumber } from '../model/money.ts';
import type { UnpricedUsage } from '../model/unpriced-usage.ts';
import { formatAmountExact } from './format-money.ts';
import { toTotalsJson, type ReportRange, type TotalsJson } from './report-json.ts';

/** A unit cost in the three forms every JSON amount has: float, exact decimal text, pico-units as text. */
export interface UnitCostJson {
  readonly amount: number;
  readonly exact: string;
  readonly pico: string;
}

export interface ProviderRowJson extends TotalsJson {
  readonly provider: string;
  /** Null when rows are per provider. */
  readonly model: string | null;
  /** Null where part of the row has no cost or no request count, or no requests. */
  readonly costPerRequest: UnitCostJson | null;
  /** Null as above, or without output tokens. */
  readonly costPer1kOutputTokens: UnitCostJson | null;
  /** Failed requests / requests, 0-1. */
  readonly errorShare: number | null;
  /** Median total latency (whole ms) of the row's successful requests that state it; null: none does. */
  readonly latencyMs: number | null;
  /** Total latency: median and 95th percentile (whole ms) and the requests measured; null: none. */
  readonly latency: DurationSummary | null;
  /** Time to first token, as `latency`. */
  readonly timeToFirstToken: DurationSummary | null;
  readonly efficiencyScore: number | null;
}

/**
 * `llmcost report providers --format json`: a public contract like `report`'s (README "Provider
 * comparison"). Money is in `currency`, in the same three forms as `report --format json`.
 */
export interface ProvidersJson {
  readonly schemaVersion: 1;
  readonly view: 'providers';
  readonly per: ComparisonLevel;
  readonly currency: string;
  readonly moneyUnit: string;
  readonly costMode: CostMode;
  readonly exchangeRates: CurrencyConversion | null;
  readonly stamp: ReproducibilityStamp;
  readonly timeZone: string;
  readonly range: { readonly since: string | null; readonly until: string | null; readonly asOf: string };
  /** The anchor of every efficiency score (50 points). */
  readonly medianCostPer1kOutputTokens: UnitCostJson | null;
  readonly totals: TotalsJson;
  /** One row per provider; scored only with `per` provider. */
  readonly providers: readonly ProviderRowJson[];
  /** One row per provider and model with `per` model (scored), else empty. */
  readonly models: readonly ProviderRowJson[];
  readonly unpriced: readonly UnpricedUsage[];
}

function unitCostJson(pico: bigint | null): UnitCostJson | null {
  return pico === null
    ? null
    : { amount: picoToNumber(pico), exact: formatAmountExact(pico), pico: pico.toString() };
}

function toRowJson(row: ProviderComparisonRow): ProviderRowJson {
  return {
    provider: row.provider,
    model: row.model,
    ...toTotalsJson(row.totals),
    costPerRequest: unitCostJson(row.costPerRequestPico),
    costPer1kOutputTokens: unitCostJson(row.costPer1kOutputPico),
    errorShare: row.errorShare,
    latencyMs: row.timing?.latency?.medianMs ?? null,
    latency: row.timing?.latency ?? null,
    timeToFirstToken: row.timing?.timeToFirstToken ?? null,
    efficiencyScore: row.efficiencyScore,
  };
}

export function renderProvidersJson(
  comparison: ProviderComparison,
  context: { readonly timeZone: string; readonly range: ReportRange },
): string {
  const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
  const json: ProvidersJson = {
    schemaVersion: 1,
    view: 'providers',
    per: comparison.level,
    currency: comparison.currency,
    moneyUnit: `pico${comparison.currency}`,
    costMode: comparison.costMode,
    exchangeRates: comparison.exchange,
    stamp: comparison.stamp,
    timeZone: context.timeZone,
    range: {
      since: iso(context.range.sinceMs),
      until: iso(context.range.untilMs),
      asOf: new Date(context.range.asOfMs).toISOString(),
    },
    medianCostPer1kOutputTokens: unitCostJson(comparison.medianCostPer1kOutputPico),
    totals: toTotalsJson(comparison.totals),
    providers: comparison.providers.map(toRowJson),
    models: comparison.models.map(toRowJson),
    unpriced: comparison.unpriced,
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}
