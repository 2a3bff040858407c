import { describe, expect, it } from 'vitest';
import {
  numberToPico,
  parseDecimalToPico,
  picoToDecimalString,
  roundPicoUsdToCents,
  sumPicoUsd,
} from '../../src/model/money.ts';

describe('parseDecimalToPico', () => {
  it.each([
    ['1', 1_000_000_000_000n],
    ['0.1', 100_000_000_000n],
    ['-2.5', -2_500_000_000_000n],
    ['.5', 500_000_000_000n],
    ['0.0000000000015', 2n],
    ['0.0000000000014', 1n],
    ['12.340', 12_340_000_000_000n],
  ])('%s → %s pico', (text, expected) => {
    expect(parseDecimalToPico(text)).toBe(expected);
  });

  it.each(['', 'abc', '1e-3', '1.2.3', '-'])('refuses %j', (text) => {
    expect(parseDecimalToPico(text)).toBeNull();
  });
});

describe('money arithmetic', () => {
  it('sums exactly where float dollars drift', () => {
    const tenCents = parseDecimalToPico('0.1')!;
    const total = sumPicoUsd(Array.from({ length: 10 }, () => tenCents));
    expect(picoToDecimalString(total)).toBe('1');
    expect(Array.from({ length: 10 }, () => 0.1).reduce((a, b) => a + b)).not.toBe(1);
  });

  it.each([
    [5_000_000_000n, 1n],
    [4_999_999_999n, 0n],
    [-5_000_000_000n, -1n],
    [123_456_789_000_000n, 12346n],
  ])('rounds %s pico to %s cents, half away from zero', (pico, cents) => {
    expect(roundPicoUsdToCents(pico)).toBe(cents);
  });

  it.each([
    [0.1, 100_000_000_000n],
    [1e-7, 100_000n],
    [2.5e-12, 3n],
  ])('numberToPico(%s)', (value, expected) => {
    expect(numberToPico(value)).toBe(expected);
  });

  it('prints exact decimals without trailing zeros', () => {
    expect(picoToDecimalString(-1n)).toBe('-0.000000000001');
    expect(picoToDecimalString(12_500_000_000_000n)).toBe('12.5');
  });
});
