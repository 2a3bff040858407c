import type { PriceBook } from '../pricing/price-book.ts';
import type { PriceOverride } from '../pricing/price-override.ts';
import { modelResolverFor, planReplay, type ReplayPlan } from '../optimizer/plan-replay.ts';
import { priceSliceDivisorMs, replayGrouping, replaySlices } from '../optimizer/replay-grouping.ts';
import { STANDARD_SERVICE_TIERS } from '../pricing/compute-record-cost.ts';
import { replayUsage, type BreakdownDimension, type ReplayResult } from '../optimizer/replay-usage.ts';
import type { Scenario } from '../optimizer/scenario.ts';
import { tokenizerRatios } from '../optimizer/tokenizer-ratios.ts';
import type { Store } from '../store/open-store.ts';
import { selectCacheActivity, selectReplayRows, selectStoredModels } from '../store/select-replay-rows.ts';
import type { UsageFilter } from '../store/select-usage-aggregates.ts';
import { chooseSliceMs } from './choose-slice-ms.ts';
import { UsageError } from './errors.ts';
import { greatestCommonDivisor } from '../model/greatest-common-divisor.ts';

/** The shortest prompt per request prompt caching applies to (Anthropic and OpenAI: 1,024 tokens). */
export const MIN_CACHEABLE_PROMPT_TOKENS = 1024;

export interface StoredReplayOptions {
  readonly book: PriceBook;
  readonly overrides: readonly PriceOverride[];
  /** The config's `tokenizerRatios` (family → ratio); the defaults fill the rest. */
  readonly configuredTokenizerRatios: Readonly<Record<string, number>>;
  readonly breakdownBy: readonly BreakdownDimension[];
  readonly timeZone: string;
}

export interface StoredReplay {
  readonly result: ReplayResult;
  readonly plan: ReplayPlan;
  /** Cache reads ÷ prompt tokens of the usage that used a prompt cache; null when none did. */
  readonly observedCacheHitRate: number | null;
  /** Length of the time slices stored records were summed in (ms). */
  readonly sliceMs: number;
  /** Price-book keys of the stored models in the range (in any of the plan's books). */
  readonly sourceKeys: readonly string[];
}

/**
 * Replays the stored usage of a filter under scenarios: plans them (unknown models, tiers without a
 * price… are usage errors, exit 2), reads the observed cache hit rate only when a scenario asks for
 * it, and streams the usage from SQLite summed as finely as the plan needs (replay-grouping.ts), so
 * a million records cost one aggregate query and a pass over its rows.
 */
export function replayStoredUsage(
  store: Store,
  filter: UsageFilter & { readonly toMs: number },
  scenarios: readonly Scenario[],
  options: StoredReplayOptions,
): StoredReplay {
  const needsObservedRate = scenarios.some((scenario) =>
    scenario.operations.some((operation) => operation.kind === 'cache' && operation.hitRate === 'observed'),
  );
  let observedCacheHitRate: number | null = null;
  if (needsObservedRate) {
    const activity = selectCacheActivity(store, filter);
    observedCacheHitRate =
      activity.promptTokens > 0 && activity.cacheReadTokens > 0
        ? activity.cacheReadTokens / activity.promptTokens
        : null;
  }
  const outcome = planReplay(scenarios, {
    book: options.book,
    overrides: options.overrides,
    tokenizerRatios: tokenizerRatios(options.configuredTokenizerRatios),
    minCacheablePromptTokens: MIN_CACHEABLE_PROMPT_TOKENS,
    observedCacheHitRate,
  });
  if (!outcome.ok) throw new UsageError(outcome.problems.join('\n'));
  const { plan } = outcome;

  const storedModels = selectStoredModels(store, filter);
  const zoneSliceMs = chooseSliceMs(options.timeZone, filter.fromMs ?? filter.toMs, filter.toMs, false);
  const resolvers = plan.books.map((book) => ({ book, resolve: modelResolverFor(book) }));
  const sourceKeys = new Set<string>();
  const divisorByPair = storedModels.map((pair) => {
    let divisorMs = DAY_MS;
    for (const { book, resolve } of resolvers) {
      const key = resolve(pair.provider, pair.model);
      if (key === null) continue;
      sourceKeys.add(key);
      divisorMs = greatestCommonDivisor(divisorMs, priceSliceDivisorMs(book, key));
    }
    return { pair, divisorMs };
  });
  const grouping = replayGrouping(plan, [...sourceKeys], options.breakdownBy);
  const { sliceMs, fineSliceMs, fineModels } = replaySlices(zoneSliceMs, grouping, divisorByPair);
  const tieredOverrides = [
    ...options.overrides,
    ...scenarios.flatMap((scenario) =>
      scenario.operations.flatMap((operation) => (operation.kind === 'prices' ? operation.overrides : [])),
    ),
  ].flatMap((override) => (override.serviceTier === undefined ? [] : [override.serviceTier]));
  const rows = selectReplayRows(store, filter, {
    sliceMs,
    fineModels,
    fineSliceMs,
    attributes: grouping.attributes,
    sizeTests: grouping.sizeTests,
    rollup: { mergeableTiers: [...STANDARD_SERVICE_TIERS].filter((tier) => !tieredOverrides.includes(tier)) },
  });
  const result = replayUsage(rows, plan, { breakdownBy: options.breakdownBy, timeZone: options.timeZone });
  return { result, plan, observedCacheHitRate, sliceMs, sourceKeys: [...sourceKeys] };
}

const DAY_MS = 86_400_000;
