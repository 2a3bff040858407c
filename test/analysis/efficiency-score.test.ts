import { describe, expect, it } from 'vitest';
import { efficiencyScore, median } from '../../src/analysis/efficiency-score.ts';

describe('efficiencyScore', () => {
  it.each([
    { case: 'at the median', unit: 2, median: 2, errors: 0, score: 50 },
    { case: 'ten times cheaper', unit: 0.2, median: 2, errors: 0, score: 100 },
    { case: 'a hundred times cheaper (capped)', unit: 0.02, median: 2, errors: 0, score: 100 },
    { case: 'ten times dearer', unit: 20, median: 2, errors: 0, score: 0 },
    { case: 'a hundred times dearer (capped)', unit: 200, median: 2, errors: 0, score: 0 },
    { case: 'half the median: 50 × (1 + log10 2)', unit: 1, median: 2, errors: 0, score: 65 },
    { case: 'twice the median: 50 × (1 − log10 2)', unit: 4, median: 2, errors: 0, score: 35 },
    { case: 'at the median, half the requests failed', unit: 2, median: 2, errors: 0.5, score: 25 },
    { case: 'ten times cheaper, every request failed', unit: 0.2, median: 2, errors: 1, score: 0 },
    { case: 'free', unit: 0, median: 2, errors: 0, score: 100 },
    { case: 'free with 10% errors', unit: 0, median: 0, errors: 0.1, score: 90 },
    { case: 'priced against a free median', unit: 1, median: 0, errors: 0, score: 0 },
  ])('$case → $score', ({ unit, median: anchor, errors, score }) => {
    expect(efficiencyScore(unit, anchor, errors)).toBe(score);
  });

  it('never rises as the unit cost rises', () => {
    const scores = [0.01, 0.1, 0.5, 1, 2, 3, 10, 50].map((unit) => efficiencyScore(unit, 1, 0));
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });
});

describe('median', () => {
  it.each([
    { values: [], expected: null },
    { values: [3], expected: 3 },
    { values: [5, 1, 3], expected: 3 },
    { values: [4, 1, 3, 2], expected: 2.5 },
  ])('median($values) = $expected', ({ values, expected }) => {
    expect(median(values)).toBe(expected);
  });
});
