import { describe, expect, it } from 'vitest';
import { plainDecimalText, usdPerTokenToMicrosPerMillion } from '../../src/pricing/build/usd-to-micros.ts';

describe('usdPerTokenToMicrosPerMillion', () => {
  // USD per token × 10¹² = micro-USD per 1M tokens, checked by hand: $3 / 1M = 3e-06 per token.
  it.each([
    [3e-6, 3_000_000],
    [1.25e-6, 1_250_000],
    [1.5e-7, 150_000],
    [7.5e-8, 75_000],
    [2.475e-5, 24_750_000],
    [4.125e-6, 4_125_000],
    [1.3e-10, 130],
    [0.00006, 60_000_000],
    [1.2e-11, 12],
    [0, 0],
  ])('%s USD per token is %i micro-USD per 1M tokens', (usdPerToken, micros) => {
    expect(usdPerTokenToMicrosPerMillion(usdPerToken, 'x')).toBe(micros);
  });

  it('rounds float noise finer than a pico-USD per token once, and says so', () => {
    const notes: string[] = [];
    expect(usdPerTokenToMicrosPerMillion(2.9999900000000002e-6, 'm.output', (n) => notes.push(n))).toBe(
      2_999_990,
    );
    expect(usdPerTokenToMicrosPerMillion(1.5000999999999998e-7, 'm.input', (n) => notes.push(n))).toBe(
      150_010,
    );
    expect(notes).toEqual([
      'm.output: 0.0000029999900000000002 USD per token rounded to the nearest micro-USD per 1M tokens',
      'm.input: 1.5000999999999998e-7 USD per token rounded to the nearest micro-USD per 1M tokens',
    ]);
  });

  it('refuses rounding without a listener, and negative or non-finite prices', () => {
    expect(() => usdPerTokenToMicrosPerMillion(1e-13, 'm.input')).toThrow(/finer than 1 micro-USD/);
    expect(() => usdPerTokenToMicrosPerMillion(-1e-6, 'm.input')).toThrow(/non-negative/);
    expect(() => usdPerTokenToMicrosPerMillion(Number.NaN, 'm.input')).toThrow(/non-negative/);
  });

  it('is exact where float multiplication is not', () => {
    // Real LiteLLM prices: 6e-8 × 1e12 is 59999.99999999999 in floating point.
    expect(6e-8 * 1e12).not.toBe(60_000);
    expect(1.65e-5 * 1e12).not.toBe(16_500_000);
    expect(usdPerTokenToMicrosPerMillion(6e-8, 'x')).toBe(60_000);
    expect(usdPerTokenToMicrosPerMillion(1.65e-5, 'x')).toBe(16_500_000);
  });
});

describe('plainDecimalText', () => {
  it.each([
    [1.25e-7, '0.000000125'],
    [3e-6, '0.000003'],
    [1e21, '1000000000000000000000'],
    [1.5e22, '15000000000000000000000'],
    [12.5, '12.5'],
  ])('%s → %s', (value, text) => {
    expect(plainDecimalText(value)).toBe(text);
  });
});
