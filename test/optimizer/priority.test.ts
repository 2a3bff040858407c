import { describe, expect, it } from 'vitest';
import { priorityOf, rankRecommendations } from '../../src/optimizer/recommendations/priority.ts';
import type {
  Confidence,
  Effort,
  Recommendation,
} from '../../src/optimizer/recommendations/recommendation.ts';
import {
  RECOMMENDATION_ID_PATTERN,
  recommendationId,
} from '../../src/optimizer/recommendations/recommendation-id.ts';

const USD = 1_000_000_000_000n;

function recommendation(
  id: string,
  monthlyUsd: bigint,
  confidence: Confidence,
  effort: Effort,
): Recommendation {
  return {
    id,
    kind: 'model-downgrade',
    title: id,
    rationale: '',
    baselineRequests: 0,
    baselineCostPico: 0n,
    scenarioCostPico: 0n,
    monthlySavingsPico: monthlyUsd * USD,
    confidence,
    effort,
    qualityImpact: { direction: 'none', deltaPoints: null, source: null, note: '' },
    change: { kind: 'model-downgrade', scope: { id }, parameters: {} },
  };
}

describe('priority: 100 × (0.5 savings/max + 0.3 confidence + 0.2 ease)', () => {
  it.each([
    // savings/max, confidence, ease → priority
    ['largest saving, high, easy', 100n, 'high', 'easy', 100], // 0.5 + 0.3 + 0.2
    ['a quarter of it, medium, hard', 25n, 'medium', 'hard', 36.5], // 0.125 + 0.18 + 0.06
    ['half, low, medium', 50n, 'low', 'medium', 46], // 0.25 + 0.09 + 0.12
    ['nothing saved, low, easy', 0n, 'low', 'easy', 29], // 0 + 0.09 + 0.2
    ['a loss counts as nothing saved', -40n, 'high', 'hard', 36], // 0 + 0.3 + 0.06
  ] as const)('%s', (_, monthlyUsd, confidence, effort, expected) => {
    expect(priorityOf(recommendation('x', monthlyUsd, confidence, effort), 100n * USD)).toBe(expected);
  });

  it('scores savings 0 for everyone when nothing in the list saves money', () => {
    expect(priorityOf(recommendation('x', 0n, 'high', 'easy'), 0n)).toBe(50);
  });

  it('ranks by priority, then savings, then id', () => {
    const ranked = rankRecommendations([
      recommendation('rec-c', 0n, 'low', 'easy'),
      recommendation('rec-b', 25n, 'medium', 'hard'),
      recommendation('rec-a', 100n, 'high', 'easy'),
      recommendation('rec-d', 50n, 'low', 'medium'),
      recommendation('rec-e', 50n, 'low', 'medium'),
    ]);
    expect(ranked.map((row) => [row.rank, row.id, row.priority])).toEqual([
      [1, 'rec-a', 100],
      [2, 'rec-d', 46],
      [3, 'rec-e', 46],
      [4, 'rec-b', 36.5],
      [5, 'rec-c', 29],
    ]);
  });

  it('stays within 0–100 and is highest for the largest saving at equal confidence and effort', () => {
    const ranked = rankRecommendations(
      [7n, 3n, 11n, 0n].map((usd, index) => recommendation(`rec-${index}`, usd, 'medium', 'medium')),
    );
    expect(ranked.every((row) => row.priority >= 0 && row.priority <= 100)).toBe(true);
    expect(ranked[0]?.monthlySavingsPico).toBe(11n * USD);
  });
});

describe('recommendationId', () => {
  const change = {
    kind: 'model-downgrade' as const,
    scope: { workload: 'support|small|openai|gpt-4o' },
    parameters: { from: 'openai/gpt-4o', to: 'openai/gpt-4.1-mini' },
  };

  it('is stable, shaped rec-xxxxxxxx, and independent of key order', () => {
    const id = recommendationId(change);
    expect(id).toMatch(RECOMMENDATION_ID_PATTERN);
    expect(
      recommendationId({ ...change, parameters: { to: 'openai/gpt-4.1-mini', from: 'openai/gpt-4o' } }),
    ).toBe(id);
  });

  it('differs for another target or scope', () => {
    const id = recommendationId(change);
    expect(
      recommendationId({ ...change, parameters: { ...change.parameters, to: 'openai/gpt-4.1-nano' } }),
    ).not.toBe(id);
    expect(recommendationId({ ...change, scope: { workload: 'support|medium|openai|gpt-4o' } })).not.toBe(id);
  });
});
