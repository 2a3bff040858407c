import type { PriceBook } from '../pricing/price-book.ts';
import type { ReplayPlan } from './plan-replay.ts';
import type { BreakdownDimension } from './replay-usage.ts';
import type { Comparison, ConditionDimension, RowCondition } from './scenario.ts';
import { tokenizerFamilyOf, tokenScale, type TokenizerFamily } from './tokenizer-ratios.ts';
import { greatestCommonDivisor } from '../model/greatest-common-divisor.ts';

/**
 * A per-request size test in integers: promptCoefficient × prompt + outputCoefficient × output
 * <comparison> perRequestTokens × requests, where prompt is every prompt token class of the record.
 */
export interface SizeTest {
  readonly promptCoefficient: number;
  readonly outputCoefficient: number;
  readonly comparison: Comparison;
  readonly perRequestTokens: number;
  /**
   * The answer most records are expected to give (false for limits, tier edges and routing rules, true
   * for the shortest cacheable prompt). Only a speed hint: records giving the other answer are read
   * one class at a time, the rest come from the rollups (select-replay-rows.ts).
   */
  readonly usualAnswer: boolean;
}

/**
 * How stored records may be summed into replay rows without changing any answer the replay computes:
 * records are summed only when they share provider, model, service tier, batch flag, a time slice,
 * whether they made web searches, the listed attributes, and the answer to every size test. Records whose request count is unknown or zero
 * are never summed (the pricer counts each as one request).
 */
export interface ReplayGrouping {
  readonly sizeTests: readonly SizeTest[];
  /** Attributes to keep apart besides provider and model (`project`, `tag:<key>`). */
  readonly attributes: readonly ConditionDimension[];
  /**
   * Time slices must divide this many ms so none straddles a time-of-day price window edge (a day when
   * no model involved has one). The caller combines it with the slices its time zone needs.
   */
  readonly sliceDivisorMs: number;
  /** The same for the models requests may move to (swap and route targets) only. */
  readonly targetSliceDivisorMs: number;
}

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/**
 * The grouping a plan needs, given the price-book keys of the models in the replayed usage (the
 * baseline pricer's `modelId` of each stored (provider, model) pair): the scenarios' size conditions,
 * the long-context tier edges of every model a request may be priced on (scaled by the tokenizer
 * ratio for swap targets), the swap targets' context window and maximum output, the shortest cacheable
 * prompt, and the attributes the conditions and breakdowns test.
 */
export function replayGrouping(
  plan: ReplayPlan,
  sourceKeys: readonly string[],
  breakdownBy: readonly BreakdownDimension[],
): ReplayGrouping {
  const tests = new Map<string, SizeTest>();
  const add = (test: SizeTest): void => {
    const key = `${test.promptCoefficient}:${test.outputCoefficient}:${test.comparison}:${test.perRequestTokens}`;
    if (!tests.has(key)) tests.set(key, test);
  };
  for (const condition of plan.conditions) for (const test of conditionSizeTests(condition)) add(test);

  const windowEdgesMinutes: number[] = [];
  const targetEdgesMinutes: number[] = [];
  const sourceFamilies = new Set<TokenizerFamily | null>();
  for (const book of plan.books) {
    for (const key of sourceKeys) {
      const entry = book.models[key];
      if (entry === undefined) continue;
      sourceFamilies.add(tokenizerFamilyOf(entry.model, entry.provider));
      for (const edge of tierEdges(book, key)) add(promptOver(edge, 1, 1));
      windowEdgesMinutes.push(...windowEdges(book, key));
    }
  }
  if (plan.scenarios.some((scenario) => scenario.caches.length > 0))
    add({ ...promptOver(plan.settings.minCacheablePromptTokens, 1, 1, '>='), usualAnswer: true });
  for (const scenario of plan.scenarios) {
    for (const change of scenario.modelChanges) {
      windowEdgesMinutes.push(...windowEdges(scenario.book, change.targetKey));
      targetEdgesMinutes.push(...windowEdges(scenario.book, change.targetKey));
      for (const family of sourceFamilies) {
        const { numerator, denominator } = tokenScale(plan.settings.tokenizerRatios, family, change.family);
        for (const edge of tierEdges(scenario.book, change.targetKey))
          add(promptOver(edge, numerator, denominator));
        if (change.target.contextWindow !== undefined) {
          add({
            promptCoefficient: numerator,
            outputCoefficient: numerator,
            comparison: '>',
            perRequestTokens: change.target.contextWindow * denominator,
            usualAnswer: false,
          });
        }
        if (change.target.maxOutputTokens !== undefined) {
          add({
            promptCoefficient: 0,
            outputCoefficient: numerator,
            comparison: '>',
            perRequestTokens: change.target.maxOutputTokens * denominator,
            usualAnswer: false,
          });
        }
      }
    }
  }

  const attributes = new Set<ConditionDimension>();
  for (const condition of plan.conditions)
    for (const dimension of conditionAttributes(condition)) attributes.add(dimension);
  for (const dimension of breakdownBy)
    if (dimension === 'project' || dimension.startsWith('tag:'))
      attributes.add(dimension as ConditionDimension);
  attributes.delete('provider');
  attributes.delete('model');

  return {
    sizeTests: [...tests.values()],
    attributes: [...attributes].sort(),
    sliceDivisorMs: divisorOf(windowEdgesMinutes),
    targetSliceDivisorMs: divisorOf(targetEdgesMinutes),
  };
}

/**
 * The longest slice (ms, a divisor of a day) over which a model's prices cannot change: a day unless
 * it has time-of-day windows or a price period starting within a day.
 */
export function priceSliceDivisorMs(book: PriceBook, key: string): number {
  return divisorOf(windowEdges(book, key));
}

function divisorOf(edgesMinutes: readonly number[]): number {
  return edgesMinutes.reduce(
    (divisor, minutes) => greatestCommonDivisor(divisor, minutes * MINUTE_MS),
    DAY_MS,
  );
}

function promptOver(
  tokens: number,
  numerator: number,
  denominator: number,
  comparison: Comparison = '>',
): SizeTest {
  return {
    promptCoefficient: numerator,
    outputCoefficient: 0,
    comparison,
    perRequestTokens: tokens * denominator,
    usualAnswer: false,
  };
}

function conditionSizeTests(condition: RowCondition): SizeTest[] {
  switch (condition.kind) {
    case 'size':
      return [
        {
          promptCoefficient: condition.measure === 'input' ? 1 : 0,
          outputCoefficient: condition.measure === 'output' ? 1 : 0,
          comparison: condition.comparison,
          perRequestTokens: condition.tokens,
          usualAnswer: false,
        },
      ];
    case 'attribute':
      return [];
    case 'all':
      return condition.conditions.flatMap(conditionSizeTests);
    default:
      return condition satisfies never;
  }
}

function conditionAttributes(condition: RowCondition): ConditionDimension[] {
  switch (condition.kind) {
    case 'size':
      return [];
    case 'attribute':
      return [condition.dimension];
    case 'all':
      return condition.conditions.flatMap(conditionAttributes);
    default:
      return condition satisfies never;
  }
}

/** Long-context tier edges (prompt tokens per request) of a model, over all its periods. */
function tierEdges(book: PriceBook, key: string): number[] {
  return (book.models[key]?.periods ?? []).flatMap((period) =>
    (period.tiers ?? []).map((tier) => tier.aboveInputTokens),
  );
}

/**
 * Minutes after UTC midnight at which a model's prices may change within a day: time-of-day window
 * edges, and price periods starting at a time of day rather than midnight.
 */
function windowEdges(book: PriceBook, key: string): number[] {
  return (book.models[key]?.periods ?? []).flatMap((period) => [
    (Date.parse(period.effectiveFrom) % DAY_MS) / MINUTE_MS,
    ...(period.timeOfDay ?? []).flatMap((window) => [window.fromUtc, window.toUtc].map(clockMinutes)),
  ]);
}

function clockMinutes(clock: string): number {
  return Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
}

/**
 * The time slices replay rows are summed in: `sliceMs` divides the slices the time zone needs
 * (`zoneSliceMs`) and no swap or route target's prices change within one; the stored models whose own
 * prices change within such a slice (time-of-day windows: `divisorMs`, see priceSliceDivisorMs) are
 * summed in `fineSliceMs` slices instead.
 */
export function replaySlices<Pair>(
  zoneSliceMs: number,
  grouping: Pick<ReplayGrouping, 'sliceDivisorMs' | 'targetSliceDivisorMs'>,
  storedPairs: readonly { readonly pair: Pair; readonly divisorMs: number }[],
): { readonly sliceMs: number; readonly fineSliceMs: number; readonly fineModels: Pair[] } {
  const sliceMs = greatestCommonDivisor(zoneSliceMs, grouping.targetSliceDivisorMs);
  return {
    sliceMs,
    fineSliceMs: greatestCommonDivisor(sliceMs, grouping.sliceDivisorMs),
    fineModels: storedPairs.filter(({ divisorMs }) => divisorMs % sliceMs !== 0).map(({ pair }) => pair),
  };
}
