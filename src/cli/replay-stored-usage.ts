import { createModelResolver } from '../pricing/create-model-resolver.ts';
import type { PriceBook } from '../pricing/price-book.ts';
import type { PriceOverride } from '../pricing/price-override.ts';
import { planReplay, type ReplayPlan } from '../optimizer/plan-replay.ts';
import { replayGrouping } from '../optimizer/replay-grouping.ts';
import { replayUsage, type BreakdownDimension, type ReplayResult } from '../optimizer/replay-usage.ts';
import type { Scenario } from '../optimizer/scenario.ts';
import { tokenizerRatios } from '../optimizer/tokenizer-ratios.ts';
import type { Store } from '../store/open-store.ts';
import { selectCacheActivity, selectReplayRows, selectStoredModels } from '../store/select-replay-rows.ts';
import type { UsageFilter } from '../store/select-usage-aggregates.ts';
import { chooseSliceMs } from './choose-slice-ms.ts';
import { UsageError } from './errors.ts';

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
  const sourceKeys = new Set<string>();
  for (const book of plan.books) {
    const resolve = createModelResolver(book);
    for (const { provider, model } of storedModels) {
      const key = resolve(provider, model);
      if (key !== null) sourceKeys.add(key);
    }
  }
  const grouping = replayGrouping(plan, [...sourceKeys], options.breakdownBy);
  const zoneSliceMs = chooseSliceMs(options.timeZone, filter.fromMs ?? filter.toMs, filter.toMs, false);
  const sliceMs = gcd(zoneSliceMs, grouping.sliceDivisorMs);
  const rows = selectReplayRows(store, filter, {
    sliceMs,
    attributes: grouping.attributes,
    sizeTests: grouping.sizeTests,
  });
  const result = replayUsage(rows, plan, { breakdownBy: options.breakdownBy, timeZone: options.timeZone });
  return { result, plan, observedCacheHitRate, sliceMs, sourceKeys: [...sourceKeys] };
}

function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}
