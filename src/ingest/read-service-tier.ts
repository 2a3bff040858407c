/**
 * Anthropic's reports list `batch` among service tiers; llmcost prices the Batch API discount through
 * `isBatch` and keeps `serviceTier` for the tiers the price book knows by name (standard, priority, flex…).
 */
export function readServiceTier(tier: string | null): { serviceTier: string | null; isBatch: boolean } {
  return tier === 'batch' ? { serviceTier: null, isBatch: true } : { serviceTier: tier, isBatch: false };
}
