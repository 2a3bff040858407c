import type { DimensionFilter } from '../model/dimension.ts';
import type { BreakdownDimension, ReplayResult } from '../optimizer/replay-usage.ts';

/** What `llmcost whatif` shows: the replay and what it rests on. Input of every whatif renderer. */
export interface WhatifReport {
  readonly result: ReplayResult;
  /** Per scenario (same order as the result's): the operations as written. */
  readonly scenarios: readonly {
    readonly name: string;
    readonly operations: readonly string[];
    /** Said on stderr too: a model moved to is retired or retiring soon. */
    readonly warnings: readonly string[];
  }[];
  /** Breakdowns to show (the result may hold more, e.g. `day` for the chart). */
  readonly shownBreakdowns: readonly BreakdownDimension[];
  readonly range: {
    readonly sinceMs: number | null;
    readonly untilMs: number;
    readonly untilFlagMs: number | null;
    readonly asOfMs: number;
  };
  readonly timeZone: string;
  readonly where: readonly DimensionFilter[];
  /** The active pricing version (book + overrides) the baseline is priced with. */
  readonly pricingVersion: string;
  readonly assumptions: WhatifAssumptions;
}

export interface WhatifAssumptions {
  /** Tokens per family relative to OpenAI o200k, for the families a model change involves. */
  readonly tokenizerRatios: readonly { readonly family: string; readonly ratio: number }[];
  /** True when every ratio listed is the built-in default (1.0), not a configured value. */
  readonly tokenizerRatiosAreDefaults: boolean;
  /** Whether a scenario changes models (then limits and ratios matter). */
  readonly hasModelChanges: boolean;
  readonly hasCaching: boolean;
  readonly minCacheablePromptTokens: number;
  /** The observed hit rate used by `--cache` without `--cache-hit-rate`; null when not used. */
  readonly observedCacheHitRate: number | null;
}

/** Savings as a percentage of the baseline, two decimals; null when the baseline is zero. */
export function savingsPercent(baselinePico: bigint, savingsPico: bigint): number | null {
  if (baselinePico === 0n) return null;
  // Basis points × 100 in integers, then one division: exact to the second decimal, half away from zero.
  const scaled = (savingsPico * 20_000n) / baselinePico;
  const rounded = scaled >= 0n ? (scaled + 1n) / 2n : (scaled - 1n) / 2n;
  return Number(rounded) / 100;
}

/** The caveats a reader must see next to the figures, in every format. */
export function whatifNotes(report: WhatifReport): string[] {
  const { assumptions, result } = report;
  const notes: string[] = [
    'Costs are list prices in USD (pico-exact), replayed with the active price book and overrides; savings = baseline − scenario.',
  ];
  if (result.baseline.unpriced.records > 0) {
    notes.push(
      `${result.baseline.unpriced.records} stored record(s) (${result.baseline.unpriced.requests} request(s)) have no price and are left out of every total.`,
    );
  }
  if (assumptions.hasModelChanges) {
    notes.push(
      'Context window and maximum output are checked per request; a stored row that sums several requests (billing exports) is checked by its average request.',
    );
    const ratios = assumptions.tokenizerRatios.map(({ family, ratio }) => `${family} ${ratio}`).join(', ');
    notes.push(
      assumptions.tokenizerRatiosAreDefaults
        ? `Token counts move between tokenizer families unchanged (ratio 1.0 for ${assumptions.tokenizerRatios.map(({ family }) => family).join(', ')}): an assumption, not a measurement; set "tokenizerRatios" in the config file.`
        : `Token counts are scaled between tokenizer families by ratio(target) ÷ ratio(source), tokens relative to OpenAI o200k: ${ratios} (config "tokenizerRatios"; others 1.0).`,
    );
  }
  if (assumptions.hasCaching) {
    notes.push(
      `Caching applies to requests of at least ${assumptions.minCacheablePromptTokens} prompt tokens: of their misses (uncached input and cache writes) the hit rate is read at the cache-read price, the rest written at the write price; reads they already have stay.` +
        (assumptions.observedCacheHitRate === null
          ? ''
          : ` Observed hit rate: ${(assumptions.observedCacheHitRate * 100).toFixed(1)}% (cache reads ÷ prompt tokens of the requests that used a cache).`),
    );
  }
  return notes;
}

/** Headings of the breakdown dimensions. */
export function breakdownHeading(dimension: BreakdownDimension): string {
  switch (dimension) {
    case 'model':
      return 'Model';
    case 'provider':
      return 'Provider';
    case 'project':
      return 'Project';
    case 'day':
      return 'Day';
    default:
      return `Tag ${dimension.slice(4)}`;
  }
}
