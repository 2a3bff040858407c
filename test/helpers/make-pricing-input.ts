import type { PricingInput } from '../../src/pricing/record-cost.ts';

/** A one-request, standard-tier usage with no tokens, at 2026-11-01T12:00Z unless overridden. */
export function makePricingInput(
  overrides: Partial<PricingInput> & Pick<PricingInput, 'provider' | 'model'>,
): PricingInput {
  return {
    occurredAtMs: Date.parse('2026-11-01T12:00:00Z'),
    inputTokens: 0,
    cacheReadTokens: 0,
    cacheWrite5mTokens: 0,
    cacheWrite1hTokens: 0,
    cacheWriteTokens: 0,
    outputTokens: 0,
    reasoningTokens: 0,
    requests: 1,
    webSearchRequests: 0,
    isBatch: false,
    serviceTier: null,
    ...overrides,
  };
}
