/**
 * How the optimizer picks a model for a workload (README "llmcost optimize"):
 * - `cost`: the cheapest candidate whose quality is known and within `maxQualityDrop` of the current model;
 * - `balanced`: the best weighted score (weights default cost 0.4, performance 0.3, quality 0.3);
 * - `performance`: the best score weighted performance 0.5 and quality 0.5 (cost breaks ties);
 * - `adaptive`: `balanced` whose weights move towards cost alone as budget pressure rises.
 * No strategy picks a model rated more than `maxQualityDrop` arena points below the current one.
 */
export type StrategyName = 'cost' | 'balanced' | 'performance' | 'adaptive';

export const STRATEGIES: readonly StrategyName[] = ['cost', 'balanced', 'performance', 'adaptive'];

/** Relative importance of the three components of a candidate's score; they sum to 1. */
export interface StrategyWeights {
  readonly cost: number;
  readonly performance: number;
  readonly quality: number;
}

export const DEFAULT_BALANCED_WEIGHTS: StrategyWeights = { cost: 0.4, performance: 0.3, quality: 0.3 };

export const PERFORMANCE_WEIGHTS: StrategyWeights = { cost: 0, performance: 0.5, quality: 0.5 };

export const COST_ONLY_WEIGHTS: StrategyWeights = { cost: 1, performance: 0, quality: 0 };

/**
 * Arena points a candidate may be rated below the current model and still be picked. 50 points: a person
 * prefers the current model's answer about 57% of the time (1 / (1 + 10^(−50/400))).
 */
export const DEFAULT_MAX_QUALITY_DROP = 50;

/** The optimizer's settings (config key `optimizer`, see config/parse-optimizer.ts). */
export interface OptimizerSettings {
  readonly balancedWeights: StrategyWeights;
  readonly maxQualityDrop: number;
}

export const DEFAULT_OPTIMIZER_SETTINGS: OptimizerSettings = {
  balancedWeights: DEFAULT_BALANCED_WEIGHTS,
  maxQualityDrop: DEFAULT_MAX_QUALITY_DROP,
};
