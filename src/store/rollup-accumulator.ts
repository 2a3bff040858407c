import { totalTokens, type UsageRecord } from '../model/usage-record.ts';
import {
  accumulateTotals,
  createTotalsAccumulator,
  isZeroTotals,
  type TotalsAccumulator,
} from '../model/usage-totals.ts';
import type { SourceKind } from '../model/source-kind.ts';
import type { UsagePricing } from './stored-usage.ts';

/** Sums for one rollup row (time bucket × provider × model × reported currency × source kind). */
export interface RollupSums {
  readonly bucketStartMs: number;
  readonly provider: string;
  readonly model: string;
  readonly reportedCurrency: string;
  readonly sourceKind: SourceKind;
  readonly totals: TotalsAccumulator;
}

export interface RollupAccumulator {
  /** Adds (sign 1) or removes (sign -1) one record's contribution. */
  apply(usage: UsageRecord, pricing: UsagePricing, sourceKind: SourceKind, sign: 1 | -1): void;
  /** Adds sums drained from another accumulator of the same bucket size, or of one dividing it. */
  absorb(sums: RollupSums): void;
  /**
   * The pending sums, then empties the accumulator. Sums that came to nothing (a record counted as new
   * in its batch, then found stored already) are left out: written, they would add a rollup row of
   * zeros for a model that has no usage.
   */
  drain(): RollupSums[];
  readonly size: number;
}

/**
 * Accumulates a rollup (buckets of `bucketMs`: an hour, a day) of an ingest in memory. Called once per
 * stored record, so the key is numeric (bucket index × label index) rather than a joined string.
 */
export function createRollupAccumulator(bucketMs: number): RollupAccumulator {
  const labelIndex = new Map<string, Map<string, Map<string, number>>>();
  const labels: { provider: string; model: string; reportedCurrency: string }[] = [];
  let sumsByKey = new Map<number, RollupSums>();

  // provider → model → currency → label: nested maps, so no string is built per record.
  const labelOf = (provider: string, model: string, reportedCurrency: string): number => {
    let byModel = labelIndex.get(provider);
    if (byModel === undefined) {
      byModel = new Map();
      labelIndex.set(provider, byModel);
    }
    let byCurrency = byModel.get(model);
    if (byCurrency === undefined) {
      byCurrency = new Map();
      byModel.set(model, byCurrency);
    }
    let index = byCurrency.get(reportedCurrency);
    if (index === undefined) {
      index = labels.length;
      labels.push({ provider, model, reportedCurrency });
      byCurrency.set(reportedCurrency, index);
    }
    return index;
  };

  // The key packs the label (below 2^20) and the kind (one bit) under the bucket index.
  const sumsFor = (
    bucketIndex: number,
    provider: string,
    model: string,
    currency: string,
    sourceKind: SourceKind,
  ): RollupSums => {
    const key =
      bucketIndex * 2_097_152 + labelOf(provider, model, currency) * 2 + (sourceKind === 'billing' ? 1 : 0);
    let sums = sumsByKey.get(key);
    if (sums === undefined) {
      sums = {
        bucketStartMs: bucketIndex * bucketMs,
        provider,
        model,
        reportedCurrency: currency,
        sourceKind,
        totals: createTotalsAccumulator(),
      };
      sumsByKey.set(key, sums);
    }
    return sums;
  };

  return {
    get size() {
      return sumsByKey.size;
    },
    apply(usage, pricing, sourceKind, sign) {
      const sums = sumsFor(
        Math.floor(usage.occurredAtMs / bucketMs),
        usage.provider,
        usage.model,
        usage.reportedCost?.currency ?? '',
        sourceKind,
      );
      const { totals } = sums;
      const requests = usage.requests ?? 0;
      totals.records += sign;
      totals.requests += sign * requests;
      if (usage.requests === null) totals.requestsUnknown += sign;
      if (usage.status === 'error') totals.errorRequests += sign * Math.max(requests, 1);
      totals.inputTokens += sign * usage.inputTokens;
      totals.cacheReadTokens += sign * usage.cacheReadTokens;
      totals.cacheWrite5mTokens += sign * usage.cacheWrite5mTokens;
      totals.cacheWrite1hTokens += sign * usage.cacheWrite1hTokens;
      totals.cacheWriteUnknownTtlTokens += sign * usage.cacheWriteTokens;
      totals.outputTokens += sign * usage.outputTokens;
      totals.reasoningTokens += sign * usage.reasoningTokens;
      totals.webSearchRequests += sign * usage.webSearchRequests;
      if (usage.reportedCost !== null) {
        totals.reportedCostPico +=
          sign === 1 ? usage.reportedCost.amountPico : -usage.reportedCost.amountPico;
      }
      if (pricing.costPico === null) {
        totals.unpricedRecords += sign;
        totals.unpricedRequests += sign * requests;
        totals.unpricedTokens += sign * totalTokens(usage);
      } else if (pricing.costPico !== 0n) {
        const cost = sign === 1 ? pricing.costPico : -pricing.costPico;
        totals.costPico += cost;
        totals.listCostPico += cost;
        if (pricing.priceLayer === 'overlay') totals.overlayCostPico += cost;
        else if (pricing.priceLayer === 'override') totals.overrideCostPico += cost;
      }
    },
    absorb(other) {
      const sums = sumsFor(
        Math.floor(other.bucketStartMs / bucketMs),
        other.provider,
        other.model,
        other.reportedCurrency,
        other.sourceKind,
      );
      accumulateTotals(sums.totals, other.totals);
    },
    drain() {
      const drained = [...sumsByKey.values()].filter((sums) => !isZeroTotals(sums.totals));
      sumsByKey = new Map();
      return drained;
    },
  };
}
