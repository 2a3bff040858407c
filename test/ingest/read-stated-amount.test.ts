import { describe, expect, it } from 'vitest';
import { centsToUnits, readStatedAmount, type StatedAmount } from '../../src/ingest/read-stated-amount.ts';
import { createRowChecker } from '../../src/ingest/row-checker.ts';

describe('centsToUnits', () => {
  it.each([
    ['123.45', '1.2345'],
    ['5', '0.05'],
    ['0.5', '0.005'],
    ['-3.1', '-0.031'],
    ['1250', '12.50'],
    ['.5', '0.005'],
    ['5.123456789', '0.05123456789'],
    ['1e3', '1e3'],
  ])('%s cents → %s', (cents, units) => {
    expect(centsToUnits(cents)).toBe(units);
  });
});

describe('readStatedAmount', () => {
  const amount = (fields: Partial<StatedAmount>): StatedAmount => ({
    value: '1',
    valueField: 'amount',
    unit: 'units',
    currency: 'usd',
    currencyField: 'currency',
    ...fields,
  });

  it.each([
    [amount({ value: 0.1 }), 100_000_000_000n],
    [amount({ value: '0.8958740000000000' }), 895_874_000_000n],
    [amount({ value: '-2.5' }), -2_500_000_000_000n],
    [amount({ value: '0.0000000000015' }), 2n],
    [amount({ value: '123.45', unit: 'cents' }), 1_234_500_000_000n],
  ])('reads %o exactly', (stated, amountPico) => {
    const check = createRowChecker('f', 1);
    expect(readStatedAmount(stated, check)).toEqual({ amountPico, currency: 'USD' });
    expect(check.problems).toEqual([]);
  });

  it('refuses a number of cents (the API writes a string) and a bad currency', () => {
    const check = createRowChecker('f', 1);
    expect(readStatedAmount(amount({ value: 12, unit: 'cents', currency: 'US$' }), check)).toBeNull();
    expect(check.problems.map((problem) => problem.field)).toEqual(['amount', 'currency']);
  });
});
