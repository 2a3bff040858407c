import { totalTokens, type UsageRecord } from '../model/usage-record.ts';
import type { UsagePricing } from './stored-usage.ts';

/** Sums for one rollup row (time bucket × provider × model × reported currency). */
export interface RollupSums {
  readonly bucketStartMs: number;
  readonly provider: string;
  readonly model: string;
  readonly reportedCurrency: string;
  records: number;
  requests: number;
  requestsUnknown: number;
  errorRequests: number;
  inputTokens: number;
  cacheReadTokens: number;
  cacheWrite5mTokens: number;
  cacheWrite1hTokens: number;
  cacheWriteTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  webSearchRequests: number;
  costPico: bigint;
  reportedCostPico: bigint;
  unpricedRecords: number;
  unpricedRequests: number;
  unpricedTokens: number;
}

export interface RollupAccumulator {
  /** Adds (sign 1) or removes (sign -1) one record's contribution. */
  apply(usage: UsageRecord, pricing: UsagePricing, sign: 1 | -1): void;
  /** Adds sums drained from another accumulator of the same bucket size. */
  absorb(sums: RollupSums): void;
  /** The pending sums, then empties the accumulator. */
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

  const sumsFor = (bucketIndex: number, provider: string, model: string, currency: string): RollupSums => {
    const key = bucketIndex * 1_048_576 + labelOf(provider, model, currency);
    let sums = sumsByKey.get(key);
    if (sums === undefined) {
      sums = {
        bucketStartMs: bucketIndex * bucketMs,
        provider,
        model,
        reportedCurrency: currency,
        records: 0,
        requests: 0,
        requestsUnknown: 0,
        errorRequests: 0,
        inputTokens: 0,
        cacheReadTokens: 0,
        cacheWrite5mTokens: 0,
        cacheWrite1hTokens: 0,
        cacheWriteTokens: 0,
        outputTokens: 0,
        reasoningTokens: 0,
        webSearchRequests: 0,
        costPico: 0n,
        reportedCostPico: 0n,
        unpricedRecords: 0,
        unpricedRequests: 0,
        unpricedTokens: 0,
      };
      sumsByKey.set(key, sums);
    }
    return sums;
  };

  return {
    get size() {
      return sumsByKey.size;
    },
    apply(usage, pricing, sign) {
      const sums = sumsFor(
        Math.floor(usage.occurredAtMs / bucketMs),
        usage.provider,
        usage.model,
        usage.reportedCost?.currency ?? '',
      );
      const requests = usage.requests ?? 0;
      sums.records += sign;
      sums.requests += sign * requests;
      if (usage.requests === null) sums.requestsUnknown += sign;
      if (usage.status === 'error') sums.errorRequests += sign * Math.max(requests, 1);
      sums.inputTokens += sign * usage.inputTokens;
      sums.cacheReadTokens += sign * usage.cacheReadTokens;
      sums.cacheWrite5mTokens += sign * usage.cacheWrite5mTokens;
      sums.cacheWrite1hTokens += sign * usage.cacheWrite1hTokens;
      sums.cacheWriteTokens += sign * usage.cacheWriteTokens;
      sums.outputTokens += sign * usage.outputTokens;
      sums.reasoningTokens += sign * usage.reasoningTokens;
      sums.webSearchRequests += sign * usage.webSearchRequests;
      if (usage.reportedCost !== null) {
        sums.reportedCostPico += sign === 1 ? usage.reportedCost.amountPico : -usage.reportedCost.amountPico;
      }
      if (pricing.costPico === null) {
        sums.unpricedRecords += sign;
        sums.unpricedRequests += sign * requests;
        sums.unpricedTokens += sign * totalTokens(usage);
      } else if (pricing.costPico !== 0n) {
        sums.costPico += sign === 1 ? pricing.costPico : -pricing.costPico;
      }
    },
    absorb(other) {
      const sums = sumsFor(
        other.bucketStartMs / bucketMs,
        other.provider,
        other.model,
        other.reportedCurrency,
      );
      sums.records += other.records;
      sums.requests += other.requests;
      sums.requestsUnknown += other.requestsUnknown;
      sums.errorRequests += other.errorRequests;
      sums.inputTokens += other.inputTokens;
      sums.cacheReadTokens += other.cacheReadTokens;
      sums.cacheWrite5mTokens += other.cacheWrite5mTokens;
      sums.cacheWrite1hTokens += other.cacheWrite1hTokens;
      sums.cacheWriteTokens += other.cacheWriteTokens;
      sums.outputTokens += other.outputTokens;
      sums.reasoningTokens += other.reasoningTokens;
      sums.webSearchRequests += other.webSearchRequests;
      sums.costPico += other.costPico;
      sums.reportedCostPico += other.reportedCostPico;
      sums.unpricedRecords += other.unpricedRecords;
      sums.unpricedRequests += other.unpricedRequests;
      sums.unpricedTokens += other.unpricedTokens;
    },
    drain() {
      const drained = [...sumsByKey.values()];
      sumsByKey = new Map();
      return drained;
    },
  };
}
