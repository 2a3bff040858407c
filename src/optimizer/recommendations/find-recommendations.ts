import type { BudgetVerdict } from '../../analysis/evaluate-budget.ts';
import type { ModelResolver } from '../../pricing/create-model-resolver.ts';
import type { ReplayPlan } from '../plan-replay.ts';
import type { ReplayRow } from '../replay-row.ts';
import type { Scenario } from '../scenario.ts';
import type { WorkloadOptimization } from '../strategies/optimize-workloads.ts';
import type { Workload, WorkloadDimension } from '../workloads/workload.ts';
import { findBatchable } from './find-batchable.ts';
import { findBudgetAdjustments } from './find-budget-adjustments.ts';
import { findCaching } from './find-caching.ts';
import { findModelDowngrades } from './find-model-downgrades.ts';
import { findOversizedPrompts } from './find-oversized-prompts.ts';
import { findProviderConsolidations } from './find-provider-consolidation.ts';
import { priceProposals } from './price-proposals.ts';
import { rankRecommendations } from './priority.ts';
import type { Proposal } from './proposal.ts';
import type { RankedRecommendation, Recommendation } from './recommendation.ts';

/** Everything the finders read. */
export interface RecommendationInputs {
  readonly workloads: readonly { readonly workload: Workload; readonly rows: readonly ReplayRow[] }[];
  /** The `cost` strategy applied to every workload (downgrades come from its picks). */
  readonly optimizations: readonly WorkloadOptimization[];
  readonly dimension: WorkloadDimension;
  readonly identify: ModelResolver;
  readonly priceKeyOf: ModelResolver;
  readonly hitRateByProvider: ReadonlyMap<string, number>;
  readonly minCacheableTokens: number;
  readonly hasBatchPrice: (provider: string, model: string) => boolean;
  readonly contextWindowOf: (provider: string, model: string) => number | null;
  /** Whether a price-book key is retired on the as-of day: no change moves usage to it. */
  readonly isRetired: (key: string) => boolean;
  readonly verdicts: readonly BudgetVerdict[];
  readonly timeZone: string;
  readonly window: { readonly startMs: number; readonly endMs: number };
}

/** Every proposal of every kind, in a fixed order (kinds as listed in the README). */
export function proposeRecommendations(inputs: RecommendationInputs): Proposal[] {
  const rowsById = new Map(inputs.workloads.map(({ workload, rows }) => [workload.id, rows]));
  return [
    ...findModelDowngrades(inputs.optimizations, (id) => rowsById.get(id) ?? [], inputs.dimension),
    ...findCaching(inputs.workloads, inputs.hitRateByProvider, inputs.minCacheableTokens, inputs.dimension),
    ...findBatchable(inputs.workloads, inputs.hasBatchPrice, inputs.timeZone, inputs.dimension),
    ...findOversizedPrompts(inputs.workloads, inputs.contextWindowOf, inputs.dimension),
    ...findProviderConsolidations(
      inputs.workloads.flatMap(({ rows }) => rows),
      inputs.identify,
      inputs.priceKeyOf,
      inputs.isRetired,
    ),
    ...findBudgetAdjustments(inputs.verdicts),
  ];
}

/** The scenarios of the scenario proposals, in order (what the plan must compile). */
export function proposalScenarios(proposals: readonly Proposal[]): Scenario[] {
  return proposals.flatMap((proposal, index) =>
    proposal.replay.kind === 'scenario' ? [{ ...proposal.replay.scenario, name: `${index}` }] : [],
  );
}

/**
 * Prices the proposals and ranks them. Of consolidation proposals for one model, only the target that
 * saves most is kept.
 */
export function recommend(
  proposals: readonly Proposal[],
  plan: ReplayPlan,
  inputs: Pick<RecommendationInputs, 'window' | 'timeZone'>,
): RankedRecommendation[] {
  const priced = priceProposals(proposals, plan, inputs.window, inputs.timeZone);
  const best = new Map<string, Recommendation>();
  const kept: Recommendation[] = [];
  for (const recommendation of priced) {
    if (recommendation.kind !== 'consolidate-providers') {
      kept.push(recommendation);
      continue;
    }
    const model = recommendation.change.scope.model ?? '';
    const known = best.get(model);
    if (known === undefined || recommendation.monthlySavingsPico > known.monthlySavingsPico)
      best.set(model, recommendation);
  }
  return rankRecommendations([...kept, ...best.values()]);
}
