import { describe, expect, it } from 'vitest';
import { findLargePriceChanges } from '../../src/pricing/build/find-large-price-changes.ts';
import type { ModelEntry, PricePeriod } from '../../src/pricing/price-book.ts';

const period = (effectiveFrom: string, input: number, output = 10): PricePeriod => ({
  effectiveFrom,
  layer: 'catalogue',
  prices: { input, output, cacheRead: input, cacheWrite5m: input, cacheWrite1h: input },
});
const model = (...periods: PricePeriod[]): Record<string, ModelEntry> => ({
  'acme/widget': {
    provider: 'acme',
    model: 'widget',
    name: 'Widget',
    match: { exact: [], prefixes: [] },
    periods,
  },
});

describe('findLargePriceChanges', () => {
  it.each<[string, Record<string, ModelEntry>, number]>([
    ['unchanged', model(period('1970-01-01', 100)), 0],
    ['4.9× is a price move', model(period('1970-01-01', 490)), 0],
    ['a new period at 1/4 the price', model(period('1970-01-01', 100), period('2026-01-01', 25)), 0],
  ])('accepts %s', (_name, next, count) => {
    expect(findLargePriceChanges(model(period('1970-01-01', 100)), next, new Set())).toHaveLength(count);
  });

  it.each<[string, Record<string, ModelEntry>, string]>([
    [
      '5× up',
      model(period('1970-01-01', 500)),
      'acme/widget input at 1970-01-01: 100 → 500 micro-USD per 1M tokens',
    ],
    [
      '10× down (the LiteLLM #9833 typo)',
      model(period('1970-01-01', 10)),
      'acme/widget input at 1970-01-01: 100 → 10 micro-USD per 1M tokens',
    ],
    [
      'to zero',
      model(period('1970-01-01', 0)),
      'acme/widget input at 1970-01-01: 100 → 0 micro-USD per 1M tokens',
    ],
    [
      'a new period at 1/5',
      model(period('1970-01-01', 100), period('2026-01-01', 20)),
      'acme/widget input at 2026-01-01: 100 → 20 micro-USD per 1M tokens',
    ],
  ])('flags %s', (_name, next, change) => {
    expect(findLargePriceChanges(model(period('1970-01-01', 100)), next, new Set())).toContain(change);
  });

  it('lets an overlay entry for the model confirm the change', () => {
    expect(
      findLargePriceChanges(
        model(period('1970-01-01', 100)),
        model(period('1970-01-01', 1000)),
        new Set(['acme/widget']),
      ),
    ).toEqual([]);
  });
});
