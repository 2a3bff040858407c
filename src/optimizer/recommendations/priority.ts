import type { Confidence, Effort, RankedRecommendation, Recommendation } from './recommendation.ts';

/** Weights of the priority score (the S3 formula): savings 50%, confidence 30%, effort 20%. */
export const PRIORITY_WEIGHTS = { savings: 0.5, confidence: 0.3, effort: 0.2 } as const;

/** Confidence as a number: high 1, medium 0.6, low 0.3. */
export const CONFIDENCE_VALUES: Readonly<Record<Confidence, number>> = { high: 1, medium: 0.6, low: 0.3 };

/** Ease as a number (less effort scores higher): easy 1, medium 0.6, hard 0.3. */
export const EASE_VALUES: Readonly<Record<Effort, number>> = { easy: 1, medium: 0.6, hard: 0.3 };

/**
 * Priority, 0–100: 100 × (0.5 × S + 0.3 × C + 0.2 × E), where S is the recommendation's monthly savings
 * divided by the largest monthly savings in the list (0 when none saves anything; negative savings
 * count as 0), C its confidence value and E its ease value (above). Rounded to one decimal.
 */
export function priorityOf(recommendation: Recommendation, maxMonthlySavingsPico: bigint): number {
  const savings =
    maxMonthlySavingsPico <= 0n || recommendation.monthlySavingsPico <= 0n
      ? 0
      : Number((recommendation.monthlySavingsPico * 1_000_000n) / maxMonthlySavingsPico) / 1_000_000;
  const score =
    PRIORITY_WEIGHTS.savings * savings +
    PRIORITY_WEIGHTS.confidence * CONFIDENCE_VALUES[recommendation.confidence] +
    PRIORITY_WEIGHTS.effort * EASE_VALUES[recommendation.effort];
  return Math.round(score * 1000) / 10;
}

/** Ranks by priority (ties: larger savings, then id), rank 1 first. */
export function rankRecommendations(recommendations: readonly Recommendation[]): RankedRecommendation[] {
  const maxSavings = recommendations.reduce(
    (max, recommendation) =>
      recommendation.monthlySavingsPico > max ? recommendation.monthlySavingsPico : max,
    0n,
  );
  return recommendations
    .map((recommendation) => ({ ...recommendation, priority: priorityOf(recommendation, maxSavings) }))
    .sort(
      (a, b) =>
        b.priority - a.priority ||
        (a.monthlySavingsPico === b.monthlySavingsPico
          ? 0
          : a.monthlySavingsPico > b.monthlySavingsPico
            ? -1
            : 1) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    )
    .map((recommendation, index) => ({ ...recommendation, rank: index + 1 }));
}
