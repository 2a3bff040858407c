import { describe, expect, it } from 'vitest';
import { shadeLevel } from '../../src/output/render-heatmap-table.ts';

describe('shadeLevel', () => {
  it.each([
    { amount: 0n, largest: 100n, level: 0 },
    { amount: 1n, largest: 100n, level: 1 },
    { amount: 25n, largest: 100n, level: 1 },
    { amount: 26n, largest: 100n, level: 2 },
    { amount: 50n, largest: 100n, level: 2 },
    { amount: 75n, largest: 100n, level: 3 },
    { amount: 76n, largest: 100n, level: 4 },
    { amount: 100n, largest: 100n, level: 4 },
    { amount: 5n, largest: 0n, level: 0 },
  ])('$amount of $largest → level $level', ({ amount, largest, level }) => {
    expect(shadeLevel(amount, largest)).toBe(level);
  });
});
