import type { CostMode } from '../model/cost-mode.ts';
import type { TimingSummary } from '../model/timing-summary.ts';
import type { UnpricedUsage } from '../model/unpriced-usage.ts';
import {
  accumulateTotals,
  createTotalsAccumulator,
  type TotalsAccumulator,
  type UsageTotals,
} from '../model/usage-totals.ts';
import type { UsageSlice } from './build-report.ts';
import type { CurrencyConversion } from './convert-currency.ts';
import { efficiencyScore, median } from './efficiency-score.ts';
import type { ReproducibilityStamp } from './reproducibility-stamp.ts';

/** What one row of the comparison is: a provider, or a provider's model. */
export type ComparisonLevel = 'provider' | 'model';

export const COMPARISON_LEVELS: readonly ComparisonLevel[] = ['model', 'provider'];

export interface ProviderComparisonRow {
  readonly provider: string;
  /** Null when rows are per provider. */
  readonly model: string | null;
  readonly totals: UsageTotals;
  /**
   * Cost per request (pico-units of the currency, rounded half up), or null when the row has usage
   * without a cost or without a request count (the ratio would be wrong), or no requests.
   */
  readonly costPerRequestPico: bigint | null;
  /** Cost per 1,000 output tokens (pico-units), null as above or without output tokens (embeddings). */
  readonly costPer1kOutputPico: bigint | null;
  /** Failed requests / requests (0–1); records without a request count count as one request. */
  readonly errorShare: number | null;
  /** efficiency-score.ts; null without a cost per 1K output tokens. */
  readonly efficiencyScore: number | null;
  /**
   * The observed timing of the row's successful requests that state it (rows of the comparison's
   * level only; provider subtotals of a per-model comparison have none); null when none does.
   */
  readonly timing: TimingSummary | null;
}

export interface ProviderComparison {
  readonly level: ComparisonLevel;
  readonly costMode: CostMode;
  readonly currency: string;
  readonly exchange: CurrencyConversion | null;
  readonly stamp: ReproducibilityStamp;
  /**
   * One row per provider, largest cost first (then by name). They carry scores only when `level` is
   * `provider`: a score compares the rows of one level.
   */
  readonly providers: readonly ProviderComparisonRow[];
  /** With `level` `model`, one row per provider and model, largest cost first; else empty. */
  readonly models: readonly ProviderComparisonRow[];
  readonly totals: UsageTotals;
  /** The median cost per 1K output tokens over the scored rows that have one (pico-units): the anchor. */
  readonly medianCostPer1kOutputPico: bigint | null;
  readonly unpriced: readonly UnpricedUsage[];
}

export interface CompareProvidersOptions {
  readonly level: ComparisonLevel;
  readonly costMode: CostMode;
  readonly currency: string;
  readonly exchange: CurrencyConversion | null;
  readonly stamp: ReproducibilityStamp;
  /** Observed timing by row key (timingKey): the rows of `level`. */
  readonly timing?: ReadonlyMap<string, TimingSummary>;
}

/** The key of a row's observed timing: the provider, or provider and model (NUL between). */
export function timingKey(provider: string, model: string | null): string {
  return model === null ? provider : `${provider}\u0000${model}`;
}

/**
 * Sums usage slices grouped by provider (`groupValues[0]`) and model (`groupValues[1]`, when `level` is
 * `model`) into per-provider and per-model rows, with the unit costs, error share and efficiency
 * score (efficiency-score.ts) of each row of `level`.
 */
export function compareProviders(
  slices: readonly UsageSlice[],
  unpriced: readonly UnpricedUsage[],
  options: CompareProvidersOptions,
): ProviderComparison {
  const providers = new Map<string, Sum>();
  const models = new Map<string, Sum>();
  const totals = createTotalsAccumulator();
  for (const slice of slices) {
    const provider = slice.groupValues[0] ?? '(none)';
    addTo(providers, provider, { provider, model: null }, slice.totals);
    if (options.level === 'model') {
      const model = slice.groupValues[1] ?? '(none)';
      addTo(models, `${provider}\u0000${model}`, { provider, model }, slice.totals);
    }
    accumulateTotals(totals, slice.totals);
  }
  const scored = [...(options.level === 'model' ? models : providers).values()].map(describe);
  const medianUnit = median(
    scored.flatMap((row) => (row.costPer1kOutputPico === null ? [] : [Number(row.costPer1kOutputPico)])),
  );
  const withScores = scored.map((row) => ({
    ...row,
    timing: options.timing?.get(timingKey(row.provider, row.model)) ?? null,
    efficiencyScore:
      row.costPer1kOutputPico === null || medianUnit === null
        ? null
        : efficiencyScore(Number(row.costPer1kOutputPico), medianUnit, row.errorShare ?? 0),
  }));
  return {
    level: options.level,
    costMode: options.costMode,
    currency: options.currency,
    exchange: options.exchange,
    stamp: options.stamp,
    providers: (options.level === 'provider' ? withScores : [...providers.values()].map(describe)).sort(
      compareRows,
    ),
    models: options.level === 'model' ? withScores.sort(compareRows) : [],
    totals,
    medianCostPer1kOutputPico: medianUnit === null ? null : BigInt(Math.round(medianUnit)),
    unpriced,
  };
}

interface Sum {
  readonly provider: string;
  readonly model: string | null;
  readonly totals: TotalsAccumulator;
}

function addTo(
  sums: Map<string, Sum>,
  key: string,
  names: { provider: string; model: string | null },
  totals: UsageTotals,
): void {
  let sum = sums.get(key);
  if (sum === undefined) {
    sum = { ...names, totals: createTotalsAccumulator() };
    sums.set(key, sum);
  }
  accumulateTotals(sum.totals, totals);
}

/** A row's derived figures, without a score. */
function describe(sum: Sum): ProviderComparisonRow {
  return {
    ...sum,
    ...unitCosts(sum.totals),
    errorShare: errorShare(sum.totals),
    efficiencyScore: null,
    timing: null,
  };
}

function unitCosts(totals: UsageTotals): {
  costPerRequestPico: bigint | null;
  costPer1kOutputPico: bigint | null;
} {
  if (totals.unpricedRecords > 0) return { costPerRequestPico: null, costPer1kOutputPico: null };
  return {
    costPerRequestPico:
      totals.requestsUnknown > 0 || totals.requests === 0
        ? null
        : divideRounded(totals.costPico, BigInt(totals.requests)),
    costPer1kOutputPico:
      totals.outputTokens === 0 ? null : divideRounded(totals.costPico * 1000n, BigInt(totals.outputTokens)),
  };
}

function errorShare(totals: UsageTotals): number | null {
  const requests = totals.requests + totals.requestsUnknown;
  return requests === 0 ? null : Math.min(1, totals.errorRequests / requests);
}

/** Integer division rounded half away from zero (costs are never negative here, but stay exact). */
function divideRounded(numerator: bigint, denominator: bigint): bigint {
  const sign = numerator < 0n ? -1n : 1n;
  return (sign * (numerator * sign * 2n + denominator)) / (2n * denominator);
}

function compareRows(a: ProviderComparisonRow, b: ProviderComparisonRow): number {
  if (a.totals.costPico !== b.totals.costPico) return b.totals.costPico > a.totals.costPico ? 1 : -1;
  return compareText(a.provider, b.provider) || compareText(a.model ?? '', b.model ?? '');
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
