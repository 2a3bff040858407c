import type { ModelResolver } from '../pricing/create-model-resolver.ts';
import { createModelResolver } from '../pricing/create-model-resolver.ts';
import type { PriceBook } from '../pricing/price-book.ts';
import { planReplay, type ReplayPlan } from '../optimizer/plan-replay.ts';
import { priceSliceDivisorMs, replayGrouping, replaySlices } from '../optimizer/replay-grouping.ts';
import type { ReplayRow } from '../optimizer/replay-row.ts';
import type { Scenario } from '../optimizer/scenario.ts';
import { createScoredModelResolver } from '../optimizer/scores/create-scored-model-resolver.ts';
import { loadModelScores } from '../optimizer/scores/load-model-scores.ts';
import type { ModelScores } from '../optimizer/scores/model-scores.ts';
import { indexScores, type ScoreIndex } from '../optimizer/scores/score-index.ts';
import { tokenizerRatios } from '../optimizer/tokenizer-ratios.ts';
import { groupWorkloads } from '../optimizer/workloads/group-workloads.ts';
import { SIZE_CLASS_FLOORS } from '../optimizer/workloads/size-class.ts';
import type { Workload, WorkloadDimension } from '../optimizer/workloads/workload.ts';
import type { Store } from '../store/open-store.ts';
import type { DurationSummary } from '../model/timing-summary.ts';
import { selectObservedTiming } from '../store/select-observed-timing.ts';
import { selectReplayRows, selectStoredModels } from '../store/select-replay-rows.ts';
import { selectUsageAggregates, type UsageFilter } from '../store/select-usage-aggregates.ts';
import { chooseSliceMs } from './choose-slice-ms.ts';
import { UsageError } from './errors.ts';
import { loadPricing } from './load-pricing.ts';
import { MIN_CACHEABLE_PROMPT_TOKENS } from './replay-stored-usage.ts';
import type { Settings } from './settings.ts';

/** What optimize and recommend read besides the usage rows: prices, scores, and model identities. */
export interface OptimizerInputs {
  readonly book: PriceBook;
  readonly pricingVersion: string;
  readonly scores: ModelScores;
  readonly index: ScoreIndex;
  /** Usage (provider, model) → the first-party key scores are filed under. */
  readonly identify: ModelResolver;
  /** Usage (provider, model) → the price-book key that prices it. */
  readonly priceKeyOf: ModelResolver;
  /** The (provider, model) pairs stored in the range's days. */
  readonly storedModels: readonly { readonly provider: string; readonly model: string }[];
  /** Price-book keys of the models stored in the range (the replay grouping needs them). */
  readonly sourceKeys: readonly string[];
  /** First-party providers of the models used in the range (`openai`, `anthropic`…). */
  readonly usedProviders: ReadonlySet<string>;
  /** First-party key → failed requests / requests of the user's usage in the range (0–1). */
  readonly errorShares: ReadonlyMap<string, number>;
}

export function readOptimizerInputs(store: Store, settings: Settings, filter: UsageFilter): OptimizerInputs {
  const pricing = loadPricing(settings);
  const scores = loadModelScores();
  const priceKeyOf = memoize(createModelResolver(pricing.book));
  const identify = memoize(createScoredModelResolver(pricing.book, scores));
  const stored = selectStoredModels(store, { fromMs: filter.fromMs, toMs: filter.toMs });
  const sourceKeys = [
    ...new Set(stored.flatMap(({ provider, model }) => priceKeyOf(provider, model) ?? [])),
  ].sort();
  const usedProviders = new Set(
    stored.flatMap(({ provider, model }) => {
      const key = identify(provider, model);
      return key === null ? [] : [key.slice(0, key.indexOf('/'))];
    }),
  );
  const errors = new Map<string, { failed: number; requests: number }>();
  for (const aggregate of selectUsageAggregates(store, {
    ...filter,
    costMode: settings.costMode,
    sliceMs: null,
    groupBy: ['provider', 'model'],
  })) {
    const key = identify(aggregate.groupValues[0] ?? '', aggregate.groupValues[1] ?? '');
    if (key === null) continue;
    const sum = errors.get(key) ?? { failed: 0, requests: 0 };
    sum.failed += aggregate.totals.errorRequests;
    sum.requests += aggregate.totals.requests + aggregate.totals.requestsUnknown;
    errors.set(key, sum);
  }
  const errorShares = new Map(
    [...errors]
      .filter(([, sum]) => sum.requests > 0)
      .map(([key, sum]) => [key, Math.min(1, sum.failed / sum.requests)] as const),
  );
  return {
    book: pricing.book,
    pricingVersion: pricing.version,
    scores,
    index: indexScores(scores),
    identify,
    priceKeyOf,
    storedModels: stored,
    sourceKeys,
    usedProviders,
    errorShares,
  };
}

/**
 * First-party key → the user's observed time to first token on that model in the filtered range (the
 * stored pairs that identify as one model, e.g. dated snapshots or Bedrock's Claude, merged).
 */
export function readObservedTtfts(
  store: Store,
  filter: UsageFilter,
  inputs: OptimizerInputs,
): Map<string, DurationSummary> {
  const groups = inputs.storedModels.flatMap(({ provider, model }) => {
    const key = inputs.identify(provider, model);
    return key === null ? [] : [{ provider, model, label: key }];
  });
  const ttfts = new Map<string, DurationSummary>();
  for (const [key, timing] of selectObservedTiming(store, filter, groups)) {
    if (timing.timeToFirstToken !== null) ttfts.set(key, timing.timeToFirstToken);
  }
  return ttfts;
}

/** Compiles scenarios against the active prices, or fails with exit 2 naming every problem. */
export function planOrFail(
  scenarios: readonly Scenario[],
  inputs: OptimizerInputs,
  settings: Settings,
  observedCacheHitRate: number | null = null,
): ReplayPlan {
  const outcome = planReplay(scenarios, {
    book: inputs.book,
    overrides: settings.priceOverrides,
    tokenizerRatios: tokenizerRatios(settings.tokenizerRatios),
    minCacheablePromptTokens: MIN_CACHEABLE_PROMPT_TOKENS,
    observedCacheHitRate,
  });
  if (!outcome.ok) throw new UsageError(outcome.problems.join('\n'));
  return outcome.plan;
}

/**
 * The filtered usage as replay rows grouped into workloads. The store sums only records the plan
 * treats alike and that share the workload's group value and prompt size class (its floors are added
 * as size tests). `isHourly`: keep hours apart (time-of-day evidence), else UTC days where the zone allows.
 */
export function readWorkloads(
  store: Store,
  filter: UsageFilter,
  plan: ReplayPlan,
  inputs: OptimizerInputs,
  options: {
    readonly dimension: WorkloadDimension;
    readonly timeZone: string;
    readonly isHourly: boolean;
    /** Prompt sizes per request (tokens) that rows must not straddle, besides the size-class floors. */
    readonly promptEdges?: readonly number[];
  },
): { readonly workload: Workload; readonly rows: readonly ReplayRow[] }[] {
  const grouping = replayGrouping(plan, inputs.sourceKeys, [options.dimension]);
  const toMs = filter.toMs ?? Number.MAX_SAFE_INTEGER;
  const zoneSliceMs = chooseSliceMs(options.timeZone, filter.fromMs ?? toMs, toMs, options.isHourly);
  const { sliceMs, fineSliceMs, fineModels } = replaySlices(
    zoneSliceMs,
    grouping,
    inputs.storedModels.flatMap((pair) => {
      const key = inputs.priceKeyOf(pair.provider, pair.model);
      return key === null ? [] : [{ pair, divisorMs: priceSliceDivisorMs(inputs.book, key) }];
    }),
  );
  const sizeTests = [
    ...grouping.sizeTests,
    ...[...Object.values(SIZE_CLASS_FLOORS), ...(options.promptEdges ?? [])].map((tokens) => ({
      promptCoefficient: 1,
      outputCoefficient: 0,
      cacheReadCoefficient: 0,
      comparison: '>=' as const,
      perRequestTokens: tokens,
      usualAnswer: false,
    })),
  ];
  const rows = selectReplayRows(store, filter, {
    sliceMs,
    fineModels,
    fineSliceMs,
    attributes: grouping.attributes,
    sizeTests,
    // Workloads always keep a project or tag apart, which the rollups do not hold.
    rollup: null,
  });
  return groupWorkloads(rows, options.dimension);
}

/** A resolver that answers each (provider, model) pair once: finders ask per row, and rows repeat pairs. */
function memoize(resolve: ModelResolver): ModelResolver {
  const answers = new Map<string, string | null>();
  return (provider, model) => {
    const key = `${provider}\u0000${model}`;
    let answer = answers.get(key);
    if (answer === undefined) {
      answer = resolve(provider, model);
      answers.set(key, answer);
    }
    return answer;
  };
}
