import type { TokenCounts } from './usage-record.ts';

/**
 * Usage summed over any set of records: what every report row, total and export line carries.
 * Token classes are disjoint (see usage-record.ts); `cacheWriteTokens` here is every cache write
 * (5m + 1h + unknown TTL) while the per-TTL parts stay available.
 */
export interface UsageTotals {
  readonly records: number;
  /** Known request count; records with no count in their source are in `requestsUnknown`. */
  readonly requests: number;
  readonly requestsUnknown: number;
  readonly errorRequests: number;
  readonly inputTokens: number;
  readonly cacheReadTokens: number;
  readonly cacheWrite5mTokens: number;
  readonly cacheWrite1hTokens: number;
  /** Cache writes whose TTL the source did not state. */
  readonly cacheWriteUnknownTtlTokens: number;
  readonly outputTokens: number;
  readonly reasoningTokens: number;
  readonly webSearchRequests: number;
  /**
   * Cost in the report's cost mode (cost-mode.ts), pico-dollars: list price, the cost the source
   * states, or the stated cost where there is one and list price elsewhere. Usage without a cost in that
   * mode is counted in `unpriced*` below, never as 0. In the store's rollups it is the list cost.
   */
  readonly costPico: bigint;
  /** List cost of the records the price book priced, pico-dollars, whatever the cost mode. */
  readonly listCostPico: bigint;
  /** The parts of the list cost priced by the overlay and by user overrides (the rest: catalogue). */
  readonly overlayCostPico: bigint;
  readonly overrideCostPico: bigint;
  /** Cost stated by the sources (USD), pico-dollars. */
  readonly reportedCostPico: bigint;
  /**
   * What prompt caching saved against the uncached list price (negative when cache writes cost more
   * than the reads saved), pico-dollars. Filled only by reports that ask for it (`--economics`).
   */
  readonly cacheSavingsPico: bigint;
  readonly unpricedRecords: number;
  readonly unpricedRequests: number;
  readonly unpricedTokens: number;
}

export const ZERO_TOTALS: UsageTotals = {
  records: 0,
  requests: 0,
  requestsUnknown: 0,
  errorRequests: 0,
  inputTokens: 0,
  cacheReadTokens: 0,
  cacheWrite5mTokens: 0,
  cacheWrite1hTokens: 0,
  cacheWriteUnknownTtlTokens: 0,
  outputTokens: 0,
  reasoningTokens: 0,
  webSearchRequests: 0,
  costPico: 0n,
  listCostPico: 0n,
  overlayCostPico: 0n,
  overrideCostPico: 0n,
  reportedCostPico: 0n,
  cacheSavingsPico: 0n,
  unpricedRecords: 0,
  unpricedRequests: 0,
  unpricedTokens: 0,
};

/** The totals' token classes as a record's (the unknown-TTL writes are the record's `cacheWriteTokens`). */
export function tokenCountsOf(totals: UsageTotals): TokenCounts {
  return {
    inputTokens: totals.inputTokens,
    cacheReadTokens: totals.cacheReadTokens,
    cacheWrite5mTokens: totals.cacheWrite5mTokens,
    cacheWrite1hTokens: totals.cacheWrite1hTokens,
    cacheWriteTokens: totals.cacheWriteUnknownTtlTokens,
    outputTokens: totals.outputTokens,
    reasoningTokens: totals.reasoningTokens,
  };
}

/** Every cache write, whatever its TTL. */
export function allCacheWriteTokens(totals: UsageTotals): number {
  return totals.cacheWrite5mTokens + totals.cacheWrite1hTokens + totals.cacheWriteUnknownTtlTokens;
}

/** Every token of every disjoint class (reasoning excluded: it is inside output). */
export function allTokens(totals: UsageTotals): number {
  return totals.inputTokens + totals.cacheReadTokens + allCacheWriteTokens(totals) + totals.outputTokens;
}

const TOTALS_FIELDS = Object.keys(ZERO_TOTALS) as (keyof UsageTotals)[];

/** Whether every sum is zero (nothing counted, or what was counted taken back). */
export function isZeroTotals(totals: UsageTotals): boolean {
  return TOTALS_FIELDS.every((field) => totals[field] === ZERO_TOTALS[field]);
}

/** Totals being summed in place (the accumulators of reports and rollups). */
export type TotalsAccumulator = { -readonly [K in keyof UsageTotals]: UsageTotals[K] };

/** A fresh accumulator: add slices into it with `accumulateTotals`, hand it out as UsageTotals. */
export function createTotalsAccumulator(): TotalsAccumulator {
  return { ...ZERO_TOTALS };
}

/** Adds `source` into `target` in place (the hot loop of every report: no allocation per slice). */
export function accumulateTotals(target: TotalsAccumulator, source: UsageTotals): void {
  target.records += source.records;
  target.requests += source.requests;
  target.requestsUnknown += source.requestsUnknown;
  target.errorRequests += source.errorRequests;
  target.inputTokens += source.inputTokens;
  target.cacheReadTokens += source.cacheReadTokens;
  target.cacheWrite5mTokens += source.cacheWrite5mTokens;
  target.cacheWrite1hTokens += source.cacheWrite1hTokens;
  target.cacheWriteUnknownTtlTokens += source.cacheWriteUnknownTtlTokens;
  target.outputTokens += source.outputTokens;
  target.reasoningTokens += source.reasoningTokens;
  target.webSearchRequests += source.webSearchRequests;
  target.costPico += source.costPico;
  target.listCostPico += source.listCostPico;
  target.overlayCostPico += source.overlayCostPico;
  target.overrideCostPico += source.overrideCostPico;
  target.reportedCostPico += source.reportedCostPico;
  target.cacheSavingsPico += source.cacheSavingsPico;
  target.unpricedRecords += source.unpricedRecords;
  target.unpricedRequests += source.unpricedRequests;
  target.unpricedTokens += source.unpricedTokens;
}
