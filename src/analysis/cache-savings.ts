import { tokenCountsOf } from '../model/usage-totals.ts';
import type { PricingInput, RecordCost } from '../pricing/record-cost.ts';
import type { UsageSlice } from './build-report.ts';

/**
 * Adds what prompt caching saved to each slice, then drops the provider and model the slices were
 * split by (the last two group values) so they group like the report asked. Per slice (a time bucket
 * of one model), the saving is the list price of its tokens with cache reads and writes billed as plain
 * input, minus their list price as they were: both priced the same way (standard tier, no batch
 * discount, long-context tier by the average prompt), so only the caching differs. Slices with a model
 * the price book lacks save 0 (they are listed as unpriced anyway).
 */
export function withCacheSavings(
  slices: readonly UsageSlice[],
  groupCount: number,
  price: (usage: PricingInput) => RecordCost,
): UsageSlice[] {
  return slices.map((slice) => withCacheSaving(slice, groupCount, price));
}

/** One slice of `withCacheSavings` (a streamed report prices slices as they are read). */
export function withCacheSaving(
  slice: UsageSlice,
  groupCount: number,
  price: (usage: PricingInput) => RecordCost,
): UsageSlice {
  const { totals } = slice;
  const groupValues = slice.groupValues.slice(0, groupCount);
  const cached =
    totals.cacheReadTokens +
    totals.cacheWrite5mTokens +
    totals.cacheWrite1hTokens +
    totals.cacheWriteUnknownTtlTokens;
  if (cached === 0) return { ...slice, groupValues };
  const provider = slice.groupValues[groupCount] ?? '';
  const model = slice.groupValues[groupCount + 1] ?? '';
  const asIs: PricingInput = {
    provider,
    model,
    occurredAtMs: slice.sliceStartMs,
    ...tokenCountsOf(totals),
    requests: totals.requests > 0 ? totals.requests : null,
    webSearchRequests: totals.webSearchRequests,
    isBatch: false,
    serviceTier: null,
  };
  const uncached: PricingInput = {
    ...asIs,
    inputTokens: totals.inputTokens + cached,
    cacheReadTokens: 0,
    cacheWrite5mTokens: 0,
    cacheWrite1hTokens: 0,
    cacheWriteTokens: 0,
  };
  const actual = price(asIs);
  const without = price(uncached);
  const savings =
    actual.kind === 'priced' && without.kind === 'priced' ? without.costPico - actual.costPico : 0n;
  return { ...slice, groupValues, totals: { ...totals, cacheSavingsPico: savings } };
}
