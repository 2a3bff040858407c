import {
  ttftOn,
  type Candidate,
  type Ineligibility,
  type LatencyBasis,
  type ScoredCandidate,
} from './candidate.ts';
import { scoreCandidates } from './score-candidates.ts';
import {
  COST_ONLY_WEIGHTS,
  PERFORMANCE_WEIGHTS,
  type StrategyName,
  type StrategyWeights,
} from './strategy.ts';

export interface ChoiceSettings {
  readonly strategy: StrategyName;
  /** The weights the strategy scores with (adaptive: already shifted by budget pressure). */
  readonly weights: StrategyWeights;
  readonly maxQualityDrop: number;
}

/** A workload's candidates, scored (ineligible ones are not), in the order shown, and the pick. */
export interface ModelChoice {
  readonly strategy: StrategyName;
  /** The weights actually used: the strategy's, less components unknown for the current model, rescaled. */
  readonly weights: StrategyWeights;
  /** Which TTFT the performance scores compared (candidate.ts LatencyBasis). */
  readonly latencyBasis: LatencyBasis;
  /** Pick first, then eligible candidates by the strategy's order, then the ineligible by cost. */
  readonly candidates: readonly ScoredCandidate[];
  /** The picked model; the current model when nothing eligible beats it or when nothing else is known. */
  readonly pick: ScoredCandidate;
}

/** The weights a strategy scores with; `adaptive` passes its shifted weights as `balanced`. */
export function strategyWeights(strategy: StrategyName, balanced: StrategyWeights): StrategyWeights {
  switch (strategy) {
    case 'cost':
      return COST_ONLY_WEIGHTS;
    case 'performance':
      return PERFORMANCE_WEIGHTS;
    case 'balanced':
    case 'adaptive':
      return balanced;
    default:
      return strategy satisfies never;
  }
}

/**
 * Applies a strategy to a workload's candidates (exactly one `isCurrent`).
 *
 * Scores are relative (to the best eligible candidate), so a component enters only when it is known for the current model: a component
 * unknown there (no latency figure for it) gets weight 0 and the others are rescaled to sum 1. A
 * candidate is eligible when its cost is known, its quality is known and at most `maxQualityDrop` points
 * below the current model's, and every component that enters is known for it; the current model is
 * always eligible, and alone when its own cost is unknown. `cost` picks the cheapest eligible candidate
 * (ties: higher quality, then id); the others the highest total (ties: lower cost, then id).
 *
 * TTFT is compared on one basis (candidate.ts LatencyBasis): the user's observed medians when the
 * current model and every candidate eligible on cost and quality have one, else the published figures.
 */
export function chooseModel(candidates: readonly Candidate[], settings: ChoiceSettings): ModelChoice {
  const current = candidates.find((candidate) => candidate.isCurrent);
  if (current === undefined) throw new Error('chooseModel needs the current model among the candidates');
  const latencyBasis = chooseLatencyBasis(candidates, current, settings);
  const weights = effectiveWeights(settings.weights, current, latencyBasis);
  const reasons = candidates.map((candidate) =>
    ineligibilityOf(candidate, current, weights, settings, latencyBasis),
  );
  const allScores = scoreCandidates(
    candidates,
    weights,
    candidates.filter((_, index) => reasons[index] === null),
    latencyBasis,
  );
  const scored: ScoredCandidate[] = candidates.map((candidate, index) => {
    const ineligibility = reasons[index] ?? null;
    const scores = (ineligibility === null ? allScores[index] : undefined) ?? NOT_SCORED;
    return { ...candidate, scores, ineligibility };
  });
  const eligible = scored.filter((candidate) => candidate.ineligibility === null);
  const ordered = [...eligible].sort(settings.strategy === 'cost' ? byCost : byTotal);
  const pick = ordered[0] ?? scored.find((candidate) => candidate.isCurrent);
  if (pick === undefined) throw new Error('chooseModel lost the current model');
  const rest = scored
    .filter((candidate) => candidate.ineligibility !== null && candidate !== pick)
    .sort(byCost);
  return {
    strategy: settings.strategy,
    weights,
    latencyBasis,
    candidates: [pick, ...ordered.filter((candidate) => candidate !== pick), ...rest],
    pick,
  };
}

/**
 * Observed when the current model and every candidate that cost and quality leave eligible have an
 * observed TTFT median (so all compared figures are the user's own), else published.
 */
export function chooseLatencyBasis(
  candidates: readonly Candidate[],
  current: Candidate,
  settings: ChoiceSettings,
): LatencyBasis {
  const compared = candidates.filter(
    (candidate) => ineligibilityOf(candidate, current, NO_PERFORMANCE, settings, 'published') === null,
  );
  return compared.every((candidate) => candidate.observedTtft !== null) ? 'observed' : 'published';
}

const NO_PERFORMANCE: StrategyWeights = { cost: 1, performance: 0, quality: 1 };

/** The weights less the components unknown for the current model, rescaled to sum 1 (all 0 if none left). */
export function effectiveWeights(
  weights: StrategyWeights,
  current: Candidate,
  latencyBasis: LatencyBasis = 'published',
): StrategyWeights {
  const known = {
    cost: current.costPico === null ? 0 : weights.cost,
    performance: ttftOn(current, latencyBasis) === null ? 0 : weights.performance,
    quality: current.quality === null ? 0 : weights.quality,
  };
  const sum = known.cost + known.performance + known.quality;
  if (sum === 0) return { cost: 0, performance: 0, quality: 0 };
  return { cost: known.cost / sum, performance: known.performance / sum, quality: known.quality / sum };
}

const NOT_SCORED = { cost: null, performance: null, quality: null, total: null } as const;

function ineligibilityOf(
  candidate: Candidate,
  current: Candidate,
  weights: StrategyWeights,
  settings: ChoiceSettings,
  latencyBasis: LatencyBasis,
): Ineligibility {
  if (candidate.isCurrent) return null;
  if (current.costPico === null) return 'current-unpriced';
  if (candidate.quality === null) return 'quality-unknown';
  if (candidate.costPico === null) return 'unpriced';
  if (candidate.quality.deltaPoints < -settings.maxQualityDrop) return 'quality-drop';
  if (weights.performance > 0 && ttftOn(candidate, latencyBasis) === null) return 'latency-unknown';
  return null;
}

function byCost(a: ScoredCandidate, b: ScoredCandidate): number {
  const costA = a.costPico;
  const costB = b.costPico;
  if (costA !== costB) {
    if (costA === null) return 1;
    if (costB === null) return -1;
    return costA < costB ? -1 : 1;
  }
  const qualityA = a.quality?.deltaPoints ?? -Infinity;
  const qualityB = b.quality?.deltaPoints ?? -Infinity;
  if (qualityA !== qualityB) return qualityB - qualityA;
  return a.model < b.model ? -1 : a.model > b.model ? 1 : 0;
}

function byTotal(a: ScoredCandidate, b: ScoredCandidate): number {
  const totalA = a.scores.total ?? -Infinity;
  const totalB = b.scores.total ?? -Infinity;
  if (totalA !== totalB) return totalB - totalA;
  return byCost(a, b);
}
