import { describe, expect, it } from 'vitest';
import { withCacheSavings } from '../../src/analysis/cache-savings.ts';
import { ZERO_TOTALS } from '../../src/model/usage-totals.ts';
import { createPricer } from '../../src/pricing/create-pricer.ts';
import { readPriceBook } from '../../src/pricing/read-price-book.ts';
import { unitEconomics } from '../../src/output/report-columns.ts';

const price = createPricer(readPriceBook());
const at = Date.parse('2026-11-01T00:00:00Z');

describe('withCacheSavings', () => {
  it('prices cache reads and writes as input to find what caching saved (claude-sonnet-4-5, $3 in)', () => {
    // Reads: 10,000 × (3 − 0.30) = $0.027 saved; 5m writes: 1,000 × (3 − 3.75) = $0.00075 more.
    const [slice] = withCacheSavings(
      [
        {
          sliceStartMs: at,
          groupValues: ['search', 'anthropic', 'claude-sonnet-4-5'],
          totals: {
            ...ZERO_TOTALS,
            records: 1,
            requests: 1,
            inputTokens: 500,
            cacheReadTokens: 10_000,
            cacheWrite5mTokens: 1_000,
            outputTokens: 200,
          },
        },
      ],
      1,
      price,
    );
    expect(slice?.groupValues).toEqual(['search']);
    expect(slice?.totals.cacheSavingsPico).toBe(27_000_000_000n - 750_000_000n);
  });

  it('saves nothing without cache tokens or without a price', () => {
    const slices = withCacheSavings(
      [
        { sliceStartMs: at, groupValues: ['openai', 'gpt-4o'], totals: { ...ZERO_TOTALS, inputTokens: 100 } },
        {
          sliceStartMs: at,
          groupValues: ['acme', 'mystery'],
          totals: { ...ZERO_TOTALS, cacheReadTokens: 100 },
        },
      ],
      0,
      price,
    );
    expect(slices.map((slice) => [slice.groupValues, slice.totals.cacheSavingsPico])).toEqual([
      [[], 0n],
      [[], 0n],
    ]);
  });
});

describe('unitEconomics', () => {
  it('divides by known requests, all tokens and prompt tokens; null when there is nothing to divide by', () => {
    const totals = {
      ...ZERO_TOTALS,
      requests: 4,
      inputTokens: 600,
      cacheReadTokens: 300,
      cacheWrite1hTokens: 100,
      outputTokens: 1000,
      reasoningTokens: 250,
      costPico: 2_000_000n,
    };
    expect(unitEconomics(totals)).toEqual({
      costPerRequestPico: 500_000n,
      costPer1kTokensPico: 1_000_000n,
      cacheHitRatio: 0.3,
      reasoningShare: 0.25,
    });
    expect(unitEconomics(ZERO_TOTALS)).toEqual({
      costPerRequestPico: null,
      costPer1kTokensPico: null,
      cacheHitRatio: null,
      reasoningShare: null,
    });
  });
});
