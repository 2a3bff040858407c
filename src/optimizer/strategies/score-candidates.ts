import { ttftOn, type Candidate, type CandidateScores, type LatencyBasis } from './candidate.ts';
import type { StrategyWeights } from './strategy.ts';

/**
 * Component scores of each candidate, each normalised to the best of the `reference` candidates (the
 * eligible ones; 1 = best):
 * - cost = lowest cost / this cost (a free candidate scores 1);
 * - performance = (lowest TTFT / this TTFT) × (1 − observed error share), the error share applied only
 *   where the user has sent requests to the model; TTFT on `basis` (observed medians or published);
 * - quality = P(preferred over the current model) / the best candidate's P (the current model's P is 0.5).
 * The total is Σ weight × component; a component with weight 0 is not needed, any other unknown one
 * makes the total unknown (never guessed).
 */
export function scoreCandidates(
  candidates: readonly Candidate[],
  weights: StrategyWeights,
  reference: readonly Candidate[] = candidates,
  basis: LatencyBasis = 'published',
): CandidateScores[] {
  const costs = reference.flatMap((candidate) => (candidate.costPico === null ? [] : [candidate.costPico]));
  const minCost = costs.length === 0 ? null : costs.reduce((min, cost) => (cost < min ? cost : min));
  const latencies = reference.flatMap((candidate) => ttftOn(candidate, basis) ?? []);
  const minLatency = latencies.length === 0 ? null : Math.min(...latencies);
  const wins = reference.flatMap((candidate) =>
    candidate.quality === null ? [] : [candidate.quality.winProbability],
  );
  const maxWin = wins.length === 0 ? null : Math.max(...wins);
  return candidates.map((candidate) => {
    const cost =
      candidate.costPico === null || minCost === null
        ? null
        : candidate.costPico === 0n
          ? 1
          : ratio(minCost, candidate.costPico);
    const ttftMs = ttftOn(candidate, basis);
    const performance =
      ttftMs === null || minLatency === null
        ? null
        : (ttftMs === 0 ? 1 : minLatency / ttftMs) * (1 - (candidate.observedErrorShare ?? 0));
    const quality =
      candidate.quality === null || maxWin === null ? null : candidate.quality.winProbability / maxWin;
    return { cost, performance, quality, total: weightedTotal({ cost, performance, quality }, weights) };
  });
}

function weightedTotal(
  components: {
    readonly cost: number | null;
    readonly performance: number | null;
    readonly quality: number | null;
  },
  weights: StrategyWeights,
): number | null {
  let total = 0;
  for (const name of ['cost', 'performance', 'quality'] as const) {
    const weight = weights[name];
    if (weight === 0) continue;
    const value = components[name];
    if (value === null) return null;
    total += weight * value;
  }
  return total;
}

/** a / b for non-negative bigints as a float, exact enough for scores (b > 0). */
function ratio(a: bigint, b: bigint): number {
  return Number((a * 1_000_000_000n) / b) / 1_000_000_000;
}
