import type { PricingInput } from '../pricing/record-cost.ts';

/**
 * One unit of replayed usage: a stored record, or the sum of stored records that every scenario of the
 * run treats alike (same provider, model, tier, batch flag, time slice, tested attributes, and the same
 * answer to every per-request size test; see replay-grouping.ts). Token counts are sums over the
 * records; per-request tests use the average (tokens ÷ requests), as the pricer's long-context tiers do.
 */
export interface ReplayRow extends PricingInput {
  /** Stored records summed into this row (1 for a single record). */
  readonly records: number;
  readonly project: string | null;
  /** The request's tags; for grouped rows only the tags the run's conditions test. */
  readonly tags: Readonly<Record<string, string>>;
  /** The stored list cost of these records (pico-USD) as priced at ingest or reprice; unpriced ones add 0. */
  readonly recordedCostPico: bigint;
}

/** Requests of a row as counted in output: a record with an unknown count counts as none (as in reports). */
export function countedRequests(row: Pick<ReplayRow, 'requests'>): number {
  return row.requests ?? 0;
}

/** The requests a per-request test divides by: an unknown or zero count is one request (as the pricer does). */
export function requestsPerTest(row: Pick<ReplayRow, 'requests'>): number {
  return Math.max(row.requests ?? 1, 1);
}

/** Prompt tokens: uncached input, cache reads and every cache write. */
export function promptTokens(row: Omit<PricingInput, 'provider' | 'model' | 'occurredAtMs'>): number {
  return (
    row.inputTokens +
    row.cacheReadTokens +
    row.cacheWrite5mTokens +
    row.cacheWrite1hTokens +
    row.cacheWriteTokens
  );
}
