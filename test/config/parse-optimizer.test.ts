import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/config/validate-config.ts';

describe('validateConfig: optimizer', () => {
  it('divides the balanced weights by their sum and keeps the quality floor', () => {
    const result = validateConfig({
      optimizer: { balancedWeights: { cost: 2, performance: 1, quality: 1 }, maxQualityDrop: 30 },
    });
    expect(result).toEqual({
      ok: true,
      config: {
        optimizer: { balancedWeights: { cost: 0.5, performance: 0.25, quality: 0.25 }, maxQualityDrop: 30 },
      },
      warnings: [],
    });
  });

  it('takes the defaults for what is not given', () => {
    expect(validateConfig({ optimizer: {} })).toEqual({
      ok: true,
      config: {
        optimizer: { balancedWeights: { cost: 0.4, performance: 0.3, quality: 0.3 }, maxQualityDrop: 50 },
      },
      warnings: [],
    });
  });

  it.each([
    [
      { balancedWeights: { cost: 0.5, quality: 0.5 } },
      '"optimizer.balancedWeights.performance": expected a number ≥ 0, got nothing',
    ],
    [
      { balancedWeights: { cost: -1, performance: 1, quality: 1 } },
      '"optimizer.balancedWeights.cost": expected a number ≥ 0, got -1',
    ],
    [
      { balancedWeights: { cost: 0, performance: 0, quality: 0 } },
      '"optimizer.balancedWeights": the weights must not all be 0',
    ],
    [
      { balancedWeights: { cost: 1, performance: 1, quality: 1, speed: 1 } },
      '"optimizer.balancedWeights.speed": unknown weight (known: cost, performance, quality)',
    ],
    [
      { maxQualityDrop: '50' },
      '"optimizer.maxQualityDrop": expected arena points, a number ≥ 0 such as 50, got "50"',
    ],
    [{ maxQualtyDrop: 50 }, '"optimizer.maxQualtyDrop": unknown field; did you mean "maxQualityDrop"?'],
  ])('refuses %j naming the field', (optimizer, problem) => {
    expect(validateConfig({ optimizer })).toEqual({ ok: false, problems: [problem] });
  });

  it('refuses a value that is not an object', () => {
    const result = validateConfig({ optimizer: 'cheap' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0]).toMatch(/^"optimizer": expected an object/);
  });
});
