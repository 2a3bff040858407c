import { describe, expect, it } from 'vitest';
import { createUnitListPricer } from '../../src/pricing/create-unit-list-pricer.ts';
import { readPriceBook } from '../../src/pricing/read-price-book.ts';

// One token at $X per 1M tokens costs X × 10⁶ pico-USD; a web search at $Y per 1,000, Y × 10⁹.
const unitPrices = createUnitListPricer(readPriceBook());
const at = Date.parse('2026-11-01T00:00:00Z');

describe('createUnitListPricer (shipped price book)', () => {
  it('prices one unit of each class of gpt-4o ($2.50 in, $1.25 cached, $10 out per 1M)', () => {
    expect(unitPrices('openai', 'gpt-4o', at)).toMatchObject({
      input: 2_500_000n,
      cacheRead: 1_250_000n,
      output: 10_000_000n,
      requestFee: 0n,
    });
  });

  it('prices Claude cache writes by TTL and web searches ($10 per 1,000)', () => {
    expect(unitPrices('anthropic', 'claude-sonnet-4-5', at)).toEqual({
      input: 3_000_000n,
      cacheRead: 300_000n,
      cacheWrite5m: 3_750_000n,
      cacheWrite1h: 6_000_000n,
      output: 15_000_000n,
      webSearch: 10_000_000_000n,
      requestFee: 0n,
    });
  });

  it('takes the price period in effect (o3 before and after its 2025-06-10 cut)', () => {
    expect(unitPrices('openai', 'o3', Date.parse('2025-06-09T00:00:00Z'))?.input).toBe(10_000_000n);
    expect(unitPrices('openai', 'o3', Date.parse('2025-06-10T00:00:00Z'))?.input).toBe(2_000_000n);
  });

  it('has no prices for a model the book lacks', () => {
    expect(unitPrices('acme', 'mystery-1', at)).toBeNull();
  });
});
