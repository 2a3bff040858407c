import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createPricer } from '../../src/pricing/create-pricer.ts';
import type { PricingInput } from '../../src/pricing/record-cost.ts';
import { readPriceBook } from '../../src/pricing/read-price-book.ts';
import { makePricingInput } from '../helpers/make-pricing-input.ts';

// fixtures/pricing/small-book.json: acme/widget (input 1, output 3, reasoning 5 micro-USD per 1M, fee 7
// micro-USD per request, web search 11 micro-USD per 1k, batch 1/3), acme/clock (10, or 100 from 22:00 to
// 02:00 UTC), halfco/half (1, or 1000 above 10 prompt tokens; batch 1/2). 1 token × 1 = 1 pico-USD.
const price = createPricer(
  readPriceBook(fileURLToPath(new URL('../../fixtures/pricing/small-book.json', import.meta.url))),
);
const at = (iso: string): number => Date.parse(iso);
const widget = { provider: 'acme', model: 'widget', occurredAtMs: at('2025-03-01T00:00:00Z') } as const;

describe('computeRecordCost rules', () => {
  it.each<[string, Partial<PricingInput> & Pick<PricingInput, 'provider' | 'model'>, bigint]>([
    ['fee only: 1 request × 7 micro = 7,000,000 pico', { ...widget }, 7_000_000n],
    [
      'reasoning at its own price: 4 plain out × 3 + 6 reasoning × 5 + fee',
      { ...widget, outputTokens: 10, reasoningTokens: 6 },
      42n + 7_000_000n,
    ],
    ['an aggregate of 3 requests pays 3 fees', { ...widget, requests: 3 }, 21_000_000n],
    [
      'web search: 2 × 11 micro per 1k = 22,000 pico, + fee',
      { ...widget, webSearchRequests: 2 },
      22_000n + 7_000_000n,
    ],
    [
      'batch 1/3 of 1 pico rounds down to 0 (fees undiscounted)',
      { ...widget, inputTokens: 1, isBatch: true },
      7_000_000n,
    ],
    ['batch 1/3 of 2 pico = 0.67 rounds to 1', { ...widget, inputTokens: 2, isBatch: true }, 1n + 7_000_000n],
    [
      'batch 1/2 of 1 pico = 0.5 rounds half away from zero to 1',
      { provider: 'halfco', model: 'half', inputTokens: 1, isBatch: true },
      1n,
    ],
    [
      'batch 1/2 of 3 pico = 1.5 rounds to 2',
      { provider: 'halfco', model: 'half', inputTokens: 3, isBatch: true },
      2n,
    ],
    [
      'tier: prompt 11 > 10 bills every token at 1000: 11 × 1000 + 1 × 1000',
      { provider: 'halfco', model: 'half', inputTokens: 11, outputTokens: 1 },
      12_000n,
    ],
    [
      'tier by average: 2 requests, prompt 20 = 10 each, not above 10',
      { provider: 'halfco', model: 'half', inputTokens: 20, requests: 2 },
      20n,
    ],
    [
      'tier by average: 2 requests, prompt 21 > 10 each',
      { provider: 'halfco', model: 'half', inputTokens: 21, requests: 2 },
      21_000n,
    ],
    [
      'second period from 2025-06-01T12:00Z: input 2, no fee',
      { ...widget, occurredAtMs: at('2025-06-01T12:00:00Z'), inputTokens: 5 },
      10n,
    ],
    [
      'clock window wraps midnight: 23:30 UTC at 100',
      { provider: 'acme', model: 'clock', occurredAtMs: at('2025-01-01T23:30:00Z'), inputTokens: 1 },
      100n,
    ],
    [
      'clock window wraps midnight: 01:59 UTC at 100',
      { provider: 'acme', model: 'clock', occurredAtMs: at('2025-01-02T01:59:00Z'), inputTokens: 1 },
      100n,
    ],
    [
      'clock window end is exclusive: 02:00 UTC at 10',
      { provider: 'acme', model: 'clock', occurredAtMs: at('2025-01-02T02:00:00Z'), inputTokens: 1 },
      10n,
    ],
    [
      'a provider prefix in the model id is stripped: acme/WIDGET-2',
      { ...widget, model: 'acme/WIDGET-2', inputTokens: 1 },
      1n + 7_000_000n,
    ],
    [
      'beyond 2⁵³ pico the sum is redone in bigint: 10¹⁶ out × 3',
      { ...widget, requests: 0, outputTokens: 1e16 },
      30_000_000_000_000_000n,
    ],
  ])('%s', (_name, overrides, costPico) => {
    expect(price(makePricingInput(overrides))).toMatchObject({ kind: 'priced', costPico });
  });

  it.each<[string, Partial<PricingInput> & Pick<PricingInput, 'provider' | 'model'>, string]>([
    [
      'before the first period',
      { ...widget, occurredAtMs: at('2024-12-31T23:59:59Z') },
      'no price for model "widget" before 2025-01-01 (first price period of acme/widget)',
    ],
    [
      'a per-request fee with an unknown request count',
      { ...widget, requests: null },
      'model "widget" has a per-request fee but the request count is unknown',
    ],
    [
      'web searches on a model without a search price',
      { provider: 'halfco', model: 'half', webSearchRequests: 1 },
      'no web search price for model "half" (halfco/half)',
    ],
  ])('is unpriced %s', (_name, overrides, reason) => {
    expect(price(makePricingInput(overrides))).toEqual({ kind: 'unpriced', reason });
  });

  it('reports the layer of the period that priced the record', () => {
    expect(price(makePricingInput({ ...widget, occurredAtMs: at('2025-07-01T00:00:00Z') }))).toMatchObject({
      layer: 'overlay',
      modelId: 'acme/widget',
    });
  });
});
