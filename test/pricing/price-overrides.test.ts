import { describe, expect, it } from 'vitest';
import { createPricer } from '../../src/pricing/create-pricer.ts';
import { parsePriceOverrides } from '../../src/pricing/parse-price-overrides.ts';
import type { PriceOverride } from '../../src/pricing/price-override.ts';
import { readPriceBook } from '../../src/pricing/read-price-book.ts';
import { makePricingInput } from '../helpers/make-pricing-input.ts';

const book = readPriceBook();

function overrides(json: unknown): readonly PriceOverride[] {
  const parsed = parsePriceOverrides(json);
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return parsed.overrides;
}

// claude-sonnet-4-5 list: 1000×3 + 500×15 = 10,500,000,000 pUSD ($0.0105). gpt-4o: 1000×2.5 + 500×10.
const sonnet = makePricingInput({
  provider: 'anthropic',
  model: 'claude-sonnet-4-5-20250929',
  inputTokens: 1000,
  outputTokens: 500,
});
const gpt4o = makePricingInput({ provider: 'openai', model: 'gpt-4o', inputTokens: 1000, outputTokens: 500 });

describe('parsePriceOverrides', () => {
  it('holds multipliers and discounts as exact fractions and prices as micro-USD per 1M', () => {
    const [byMultiplier, byDiscount, byPrices] = overrides([
      { provider: 'anthropic', multiplier: '0.85' },
      { provider: 'openai', discountPercent: 12.5 },
      {
        model: 'gpt-4o',
        prices: { input: '2.00', output: 8 },
        effectiveFrom: '2026-01-01',
        effectiveTo: '2026-06-30',
      },
    ]);
    expect(byMultiplier?.multiplier).toEqual({ numerator: 17, denominator: 20 });
    expect(byDiscount?.multiplier).toEqual({ numerator: 7, denominator: 8 });
    expect(byPrices?.prices).toEqual({ input: 2_000_000, output: 8_000_000 });
    expect(byPrices?.fromMs).toBe(Date.parse('2026-01-01'));
    expect(byPrices?.toMs).toBe(Date.parse('2026-07-01'));
    expect(byPrices?.name).toBe('priceOverrides[2]');
  });

  it('names the entry and field of every problem', () => {
    const parsed = parsePriceOverrides([
      { provider: 'anthropic', model: 'x', multiplier: 1 },
      { provider: 'openai', multiplier: '-1' },
      { model: 'gpt-4o', discountPercent: 100 },
      { model: 'gpt-4o', prices: { input: 'cheap', bogus: 1 } },
      { provider: 'openai', multiplier: 1, prices: { input: 1 } },
      { provider: 'openai', multiplier: 1, effectiveFrom: '2026-13-01' },
      { provider: 'openai', multiplier: 1, effectiveFrom: '2026-02-01', effectiveTo: '2026-01-31' },
    ]);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? [] : parsed.problems).toEqual([
      'priceOverrides[0]: expected exactly one of "provider" or "model"',
      'priceOverrides[1].multiplier: expected a decimal number above 0, got "-1"',
      'priceOverrides[2].discountPercent: expected a number from 0 to below 100, got 100',
      'priceOverrides[3].prices.input: expected a non-negative USD amount with at most 6 decimals, got "cheap"',
      'priceOverrides[3].prices.bogus: expected one of input, output, cacheRead, cacheWrite5m, cacheWrite1h, reasoning, requestFee, webSearchPer1k, got "bogus"',
      'priceOverrides[4]: expected exactly one of "multiplier", "discountPercent" or "prices"',
      'priceOverrides[5].effectiveFrom: expected a date "YYYY-MM-DD" (UTC), got "2026-13-01"',
      'priceOverrides[6]: "effectiveTo" is before "effectiveFrom"',
    ]);
  });

  it('accepts a missing array as no overrides and refuses anything but an array', () => {
    expect(parsePriceOverrides(undefined)).toEqual({ ok: true, overrides: [] });
    expect(parsePriceOverrides({ provider: 'openai' }).ok).toBe(false);
  });
});

describe('createPricer with overrides', () => {
  it('a 15% negotiated discount scales the whole list cost: 10,500,000,000 × 0.85', () => {
    const price = createPricer(book, overrides([{ provider: 'anthropic', discountPercent: 15 }]));
    expect(price(sonnet)).toEqual({
      kind: 'priced',
      costPico: 8_925_000_000n,
      modelId: 'anthropic/claude-sonnet-4-5',
      layer: 'override',
    });
    expect(price(gpt4o)).toMatchObject({ costPico: 7_500_000_000n, layer: 'catalogue' });
  });

  it('explicit prices replace the listed ones, others stay: 1000×2 + 500×10', () => {
    const price = createPricer(book, overrides([{ model: 'gpt-4o-2024-08-06', prices: { input: 2 } }]));
    expect(price(gpt4o)).toMatchObject({ costPico: 7_000_000_000n, layer: 'override' });
  });

  it('a discounted batch rounds once more, half away from zero: 7×3,000,000 / 2 × 0.000007 = 73.5 → 74', () => {
    const price = createPricer(book, overrides([{ provider: 'anthropic', multiplier: '0.000007' }]));
    const tiny = { ...sonnet, inputTokens: 7, outputTokens: 0, isBatch: true };
    expect(price(tiny)).toMatchObject({ costPico: 74n, layer: 'override' });
  });

  it('applies only inside its dates (effectiveTo inclusive, UTC)', () => {
    const price = createPricer(
      book,
      overrides([
        { provider: 'anthropic', multiplier: '0.5', effectiveFrom: '2026-10-01', effectiveTo: '2026-10-31' },
      ]),
    );
    const at = (iso: string) => price({ ...sonnet, occurredAtMs: Date.parse(iso) });
    expect(at('2026-09-30T23:59:59Z')).toMatchObject({ costPico: 10_500_000_000n, layer: 'catalogue' });
    expect(at('2026-10-01T00:00:00Z')).toMatchObject({ costPico: 5_250_000_000n, layer: 'override' });
    expect(at('2026-10-31T23:59:59Z')).toMatchObject({ costPico: 5_250_000_000n, layer: 'override' });
    expect(at('2026-11-01T00:00:00Z')).toMatchObject({ costPico: 10_500_000_000n, layer: 'catalogue' });
  });

  it('a model override wins over a provider override, whatever the order in the file', () => {
    const price = createPricer(
      book,
      overrides([
        { provider: 'anthropic', multiplier: '0.9' },
        { model: 'claude-sonnet-4-5', multiplier: '0.5' },
      ]),
    );
    expect(price(sonnet)).toMatchObject({ costPico: 5_250_000_000n });
  });

  it('refuses an override that would price nothing', () => {
    expect(() => createPricer(book, overrides([{ model: 'no-such-model-xyz', multiplier: 1 }]))).toThrow(
      'priceOverrides[0]: model "no-such-model-xyz" matches no model in the price book',
    );
    expect(() => createPricer(book, overrides([{ provider: 'acme', multiplier: 1 }]))).toThrow(
      /provider "acme" is not in the price book/,
    );
  });

  it('prices a service tier the book lacks only through a tier override: priority at 1.8× list', () => {
    const priority = { ...sonnet, serviceTier: 'priority' };
    expect(createPricer(book, overrides([{ provider: 'anthropic', multiplier: '0.5' }]))(priority).kind).toBe(
      'unpriced',
    );
    const price = createPricer(
      book,
      overrides([
        { provider: 'anthropic', multiplier: '0.5' },
        { model: 'anthropic/claude-sonnet-4-5', serviceTier: 'Priority', multiplier: '1.8' },
      ]),
    );
    expect(price(priority)).toMatchObject({ costPico: 18_900_000_000n, layer: 'override' });
    expect(price(sonnet)).toMatchObject({ costPico: 5_250_000_000n, layer: 'override' });
  });

  it('leaves unknown models unpriced', () => {
    const price = createPricer(book, overrides([{ provider: 'openai', multiplier: '0.5' }]));
    expect(price({ ...gpt4o, model: 'gpt-unknown-9' }).kind).toBe('unpriced');
  });
});
