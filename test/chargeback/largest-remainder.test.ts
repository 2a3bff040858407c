import { describe, expect, it } from 'vitest';
import { roundToCentsKeepingTotal, splitLargestRemainder } from '../../src/chargeback/largest-remainder.ts';
import { applyRate, applyRates } from '../../src/chargeback/apply-rate.ts';
import { PICO_PER_CENT, roundPicoUsdToCents } from '../../src/model/money.ts';
import { seededRandom } from '../helpers/seeded-random.ts';

const CENT = PICO_PER_CENT;

describe('splitLargestRemainder', () => {
  it.each([
    ['100 cents three ways evenly', 100n, [1n, 1n, 1n], [34n, 33n, 33n]],
    ['the leftover to the largest remainder, not the first', 10n, [1n, 2n, 4n], [1n, 3n, 6n]],
    ['ties to the earlier part', 1n, [1n, 1n], [1n, 0n]],
    ['a zero weight gets nothing', 7n, [0n, 3n, 4n], [0n, 3n, 4n]],
    ['exact shares untouched', 120000n, [1n, 2n, 3n], [20000n, 40000n, 60000n]],
    ['a negative total as its magnitude', -100n, [1n, 1n, 1n], [-34n, -33n, -33n]],
    ['zero', 0n, [5n, 1n], [0n, 0n]],
    // 2/3 = 0.667, 1/3 = 0.333 of 1: the 2/3 part has the larger remainder.
    ['one unit to the larger remainder', 1n, [1n, 2n], [0n, 1n]],
  ])('%s', (_, total, weights, expected) => {
    expect(splitLargestRemainder(total, weights)).toEqual(expected);
  });

  it('refuses weights that are all zero or negative', () => {
    expect(() => splitLargestRemainder(5n, [0n, 0n])).toThrow(RangeError);
    expect(() => splitLargestRemainder(5n, [2n, -1n])).toThrow(RangeError);
  });

  it('always adds up to the total, each part within one unit of its exact share (2,000 random splits)', () => {
    const random = seededRandom(20261001);
    for (let round = 0; round < 2000; round++) {
      const total = BigInt(Math.floor(random() * 10_000_000_000));
      const weights = Array.from({ length: 1 + Math.floor(random() * 12) }, () =>
        BigInt(Math.floor(random() * (random() < 0.2 ? 3 : 1_000_000_000_000))),
      );
      weights[0] = (weights[0] ?? 0n) + 1n;
      const weightSum = weights.reduce((sum, weight) => sum + weight, 0n);
      const parts = splitLargestRemainder(total, weights);
      expect(parts.reduce((sum, part) => sum + part, 0n)).toBe(total);
      parts.forEach((part, index) => {
        const floor = (total * (weights[index] ?? 0n)) / weightSum;
        expect(part === floor || part === floor + 1n).toBe(true);
      });
    }
  });
});

describe('roundToCentsKeepingTotal', () => {
  it.each([
    [
      '0.333 + 0.333 + 0.334 dollars',
      [333_000_000_000n, 333_000_000_000n, 334_000_000_000n],
      [33n, 33n, 34n],
    ],
    // 0.005 × 3 = 0.015 → 0.02: two of three half cents round up, the earlier ones.
    ['three half cents', [CENT / 2n, CENT / 2n, CENT / 2n], [1n, 1n, 0n]],
    ['negative amounts floor towards minus infinity', [-CENT / 3n, -CENT / 3n, -CENT / 3n], [0n, 0n, -1n]],
    ['exact cents unchanged', [5n * CENT, 7n * CENT], [5n, 7n]],
  ])('%s', (_, amounts, cents) => {
    expect(roundToCentsKeepingTotal(amounts)).toEqual(cents.map((value) => value * CENT));
  });

  it('takes an explicit total between the floor and the ceiling of the sum', () => {
    expect(roundToCentsKeepingTotal([CENT / 4n, CENT / 4n], CENT)).toEqual([CENT, 0n]);
    expect(() => roundToCentsKeepingTotal([CENT / 4n, CENT / 4n], 2n * CENT)).toThrow(RangeError);
  });

  it('sums to the rounded sum for 2,000 random sets of pico-dollar amounts, signs mixed', () => {
    const random = seededRandom(42);
    for (let round = 0; round < 2000; round++) {
      const amounts = Array.from({ length: 1 + Math.floor(random() * 20) }, () =>
        BigInt(Math.floor((random() - 0.1) * 1e15)),
      );
      const cents = roundToCentsKeepingTotal(amounts);
      const sum = amounts.reduce((total, amount) => total + amount, 0n);
      expect(cents.reduce((total, amount) => total + amount, 0n)).toBe(roundPicoUsdToCents(sum) * CENT);
      cents.forEach((value, index) => {
        expect(value % CENT).toBe(0n);
        const distance = value - (amounts[index] ?? 0n);
        expect(distance > -CENT && distance < CENT).toBe(true);
      });
    }
  });
});

describe('applyRate', () => {
  const rate = (percentText: string, ratePpt: bigint) => ({ percentText, ratePpt });
  it.each([
    ['19% of $100.00', 100n * 100n * CENT, rate('19', 190_000_000_000n), 1900n],
    ['19% of $0.03 = 0.57¢ → 1¢', 3n * CENT, rate('19', 190_000_000_000n), 1n],
    ['7.5% of $0.10 = 0.75¢ → 1¢', 10n * CENT, rate('7.5', 75_000_000_000n), 1n],
    ['2.5% of $0.10 = 0.25¢ → 0¢', 10n * CENT, rate('2.5', 25_000_000_000n), 0n],
    ['5% of $0.10 = half a cent, away from zero', 10n * CENT, rate('5', 50_000_000_000n), 1n],
    ['-5% of $0.10', 10n * CENT, rate('-5', -50_000_000_000n), -1n],
  ])('%s', (_, amount, percent, cents) => {
    expect(applyRate(amount, percent)).toBe(cents * CENT);
  });

  it('rounds a sum of bands once', () => {
    const twoFifths = rate('0.4', 4_000_000_000n);
    // 0.4% of $1.25 twice = 0.5¢ + 0.5¢ = 1¢; rounding each band first would give 2¢.
    expect(
      applyRates([
        { amount: 125n * CENT, rate: twoFifths },
        { amount: 125n * CENT, rate: twoFifths },
      ]),
    ).toBe(CENT);
  });
});
