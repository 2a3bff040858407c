import { describe, expect, it } from 'vitest';
import { classifyPattern } from '../../src/forecast/classify-pattern.ts';
import { assessDataQuality } from '../../src/forecast/assess-data-quality.ts';
import { applyGrowth } from '../../src/forecast/growth-scenario.ts';

const jitter = (index: number) => {
  const hash = Math.sin((index + 1) * 12.9898) * 43758.5453;
  return (hash - Math.floor(hash) - 0.5) * 0.6;
};
const flat = Array.from({ length: 60 }, (_, index) => 10 + jitter(index));

describe('classifyPattern', () => {
  it.each([
    { name: 'steady', values: flat, kind: 'steady' },
    { name: 'growing', values: flat.map((value, index) => value + index * 0.2), kind: 'growing' },
    { name: 'declining', values: flat.map((value, index) => value - index * 0.1), kind: 'declining' },
    { name: 'spiky', values: flat.map((value, index) => (index % 20 === 5 ? 80 : value)), kind: 'spiky' },
    {
      name: 'seasonal',
      values: flat.map((value, index) => (index % 7 >= 5 ? value - 7 : value)),
      kind: 'seasonal',
    },
  ])('$name', ({ values, kind }) => {
    expect(classifyPattern(values, 7).kind).toBe(kind);
  });
});

describe('assessDataQuality', () => {
  const base = { periods: [7], horizon: 14, origins: 8 };

  it('says how much history is needed', () => {
    const notes = assessDataQuality({
      ...base,
      values: flat.slice(0, 30),
      isEmpty: new Array(30).fill(false),
    });
    expect(notes).toContainEqual({
      kind: 'short-history',
      periods: 30,
      neededForBand: 22,
      neededForFullBacktest: 84,
    });
  });

  it('counts periods without usage and the longest run', () => {
    const isEmpty = flat.map((_, index) => index === 3 || index === 10 || index === 11);
    expect(assessDataQuality({ ...base, values: flat, isEmpty })).toContainEqual({
      kind: 'gaps',
      emptyPeriods: 3,
      longestRun: 2,
    });
  });

  it('flags a recent level shift, and none on a steady series', () => {
    const shifted = flat.map((value, index) => (index >= 53 ? value * 2 : value));
    const isEmpty = new Array(60).fill(false);
    expect(assessDataQuality({ ...base, values: shifted, isEmpty }).map((note) => note.kind)).toContain(
      'level-shift',
    );
    expect(assessDataQuality({ ...base, values: flat, isEmpty })).toEqual([
      { kind: 'short-history', periods: 60, neededForBand: 22, neededForFullBacktest: 84 },
    ]);
  });
});

describe('applyGrowth', () => {
  it('scales the total and its band', () => {
    expect(applyGrowth({ value: 100, lower: 80, upper: 120 }, 0.25)).toEqual({
      growth: 0.25,
      total: { value: 125, lower: 100, upper: 150 },
    });
  });
});
