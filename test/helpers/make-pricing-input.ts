import { ZERO_TOKENS } from '../../src/model/usage-record.ts';
import type { PricingInput } from '../../src/pricing/record-cost.ts';

/** A one-request, standard-tier usage with no tokens, at 2026-11-01T12:00Z unless overridden. */
export function makePricingInput(
  overrides: Partial<PricingInput> & Pick<PricingInput, 'provider' | 'model'>,
): PricingInput {
  return {
    occurredAtMs: Date.parse('2026-11-01T12:00:00Z'),
    ...ZERO_TOKENS,
    requests: 1,
    webSearchRequests: 0,
    isBatch: false,
    serviceTier: null,
    ...overrides,
  };
}
