import type { DurationSummary } from '../../model/timing-summary.ts';
import type { ModelResolver } from '../../pricing/create-model-resolver.ts';
import type { ReplayPlan } from '../plan-replay.ts';
import type { ReplayRow } from '../replay-row.ts';
import { replayUsage, type ReasonCount } from '../replay-usage.ts';
import { compareQuality, latencyOf, type ScoreIndex } from '../scores/score-index.ts';
import type { Workload } from '../workloads/workload.ts';
import type { Candidate } from './candidate.ts';
import { chooseModel, type ChoiceSettings, type ModelChoice } from './choose-model.ts';

/** What the optimizer needs besides the workloads: the replay plan and what is known about models. */
export interface OptimizeContext {
  /** One scenario per candidate model, each moving every request to it; named by the candidate's key. */
  readonly plan: ReplayPlan;
  readonly index: ScoreIndex;
  /** Usage (provider, model) → the first-party key scores are filed under (create-scored-model-resolver.ts). */
  readonly identify: ModelResolver;
  /** Usage (provider, model) → the price-book key that prices it (the baseline's). */
  readonly priceKeyOf: ModelResolver;
  /** First-party key → failed share of the user's requests to it in the range (0–1). */
  readonly errorShares: ReadonlyMap<string, number>;
  /** First-party key → the user's observed time to first token on it in the range. */
  readonly observedTtfts: ReadonlyMap<string, DurationSummary>;
  readonly choice: ChoiceSettings;
  readonly timeZone: string;
}

/** One workload's replay under every candidate and the strategy's choice. Money: pico-USD. */
export interface WorkloadOptimization {
  readonly workload: Workload;
  /** First-party key of the current model, or null when llmcost cannot tell which model it is. */
  readonly currentKey: string | null;
  /** Replayed baseline cost of the workload's priced usage. */
  readonly baselineCostPico: bigint;
  /** Usage of the workload the active prices cannot price: left out of every cost. */
  readonly unpricedRequests: number;
  readonly unpricedRecords: number;
  readonly choice: ModelChoice;
  /** Per candidate key: why some requests could not move to it (context window, max output…). */
  readonly exclusions: ReadonlyMap<string, readonly ReasonCount[]>;
}

/**
 * Replays each workload under the candidates of the plan that a source rates against its current model
 * (one pass per workload; the others cannot be picked, so their cost is left unknown) and applies the
 * strategy. The current model is a candidate at its baseline cost; a candidate that is the very model
 * and provider the workload already uses is left out (it would repeat the current row).
 */
export function optimizeWorkloads(
  workloads: readonly { readonly workload: Workload; readonly rows: readonly ReplayRow[] }[],
  context: OptimizeContext,
): WorkloadOptimization[] {
  const { plan, index } = context;
  return workloads.map(({ workload, rows }) => {
    const currentKey = context.identify(workload.provider, workload.model);
    const priceKey = context.priceKeyOf(workload.provider, workload.model);
    // Only candidates a source rates against the current model can be picked: only they are replayed.
    const rated = plan.scenarios.filter(
      (scenario) =>
        scenario.name !== priceKey &&
        currentKey !== null &&
        compareQuality(index, currentKey, scenario.name) !== null,
    );
    const result = replayUsage(
      rows,
      { ...plan, scenarios: rated },
      { breakdownBy: [], timeZone: context.timeZone },
    );
    const costs = new Map(result.scenarios.map((scenario) => [scenario.name, scenario]));
    const hasPricedUsage = result.baseline.records > 0;
    const observed = (key: string | null): number | null =>
      key === null ? null : (context.errorShares.get(key) ?? null);
    const observedTtft = (key: string | null): DurationSummary | null =>
      key === null ? null : (context.observedTtfts.get(key) ?? null);
    const current: Candidate = {
      model: currentKey ?? `${workload.provider}/${workload.model}`,
      isCurrent: true,
      costPico: hasPricedUsage ? result.baseline.costPico : null,
      excludedRequests: 0,
      quality: currentKey === null ? null : compareQuality(index, currentKey, currentKey),
      latency: currentKey === null ? null : latencyOf(index, currentKey),
      observedErrorShare: observed(currentKey),
      observedTtft: observedTtft(currentKey),
    };
    const exclusions = new Map<string, readonly ReasonCount[]>();
    const others: Candidate[] = [];
    for (const { name: key } of plan.scenarios) {
      if (key === priceKey) continue;
      const replayed = costs.get(key);
      if (replayed !== undefined) exclusions.set(key, replayed.excluded.reasons);
      others.push({
        model: key,
        isCurrent: false,
        costPico: hasPricedUsage && replayed !== undefined ? replayed.costPico : null,
        excludedRequests: replayed?.excluded.requests ?? 0,
        quality: currentKey === null ? null : compareQuality(index, currentKey, key),
        latency: latencyOf(index, key),
        observedErrorShare: observed(key),
        observedTtft: observedTtft(key),
      });
    }
    return {
      workload,
      currentKey,
      baselineCostPico: result.baseline.costPico,
      unpricedRequests: result.baseline.unpriced.requests,
      unpricedRecords: result.baseline.unpriced.records,
      choice: chooseModel([current, ...others], context.choice),
      exclusions,
    };
  });
}
