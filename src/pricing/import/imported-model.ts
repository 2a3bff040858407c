import type { ModelEntry, PriceSet, ProviderEntry, TimeOfDayPrice } from '../price-book.ts';

/** Prices as a source states them: only the fields it gives. The merge keeps the book's value for the rest. */
export type StatedPrices = Partial<Record<keyof PriceSet, number>>;

/**
 * One model of a downloaded price file, converted to our units (integer micro-USD per 1M tokens) and
 * provider ids, at the import date, before it is matched against the price book.
 */
export interface ImportedModel {
  /** Our provider id (`aws` for LiteLLM's `bedrock_converse`). */
  readonly provider: string;
  /** The source's model id, without its route prefix (`gemini/gemini-2.5-pro` → `gemini-2.5-pro`). */
  readonly model: string;
  /** The source's own key, for messages. */
  readonly sourceKey: string;
  readonly name: string;
  readonly contextWindow?: number;
  readonly prices: StatedPrices;
  /** Long-context tiers the source states; an empty list leaves the book's tiers as they are. */
  readonly tiers: readonly { readonly aboveInputTokens: number; readonly prices: StatedPrices }[];
  /** Daily windows the source states (genai-prices only), with complete price sets. */
  readonly timeOfDay?: readonly TimeOfDayPrice[];
  /** The whole entry to add when the book does not know the model (its history, match rules). */
  readonly newEntry: ModelEntry;
}

export interface SkippedSourceModel {
  readonly sourceKey: string;
  readonly reason: string;
}

export interface ConvertedSource {
  readonly models: readonly ImportedModel[];
  /** Provider entries the source describes, for providers new to the book. */
  readonly providers: Readonly<Record<string, ProviderEntry>>;
  readonly skipped: readonly SkippedSourceModel[];
  /** Source prices finer than a micro-USD per 1M tokens, rounded once each. */
  readonly rounded: readonly string[];
}

/**
 * A complete price set from stated prices, by the sources' own fallbacks: cache reads and writes at the
 * input price, 1-hour writes at the 5-minute price, a reasoning price only where it differs from output.
 */
export function completePriceSet(stated: StatedPrices, base?: PriceSet): PriceSet {
  const input = stated.input ?? base?.input ?? 0;
  const output = stated.output ?? base?.output ?? 0;
  const cacheWrite5m = stated.cacheWrite5m ?? base?.cacheWrite5m ?? input;
  const optional = {
    reasoning: stated.reasoning ?? base?.reasoning,
    requestFee: stated.requestFee ?? base?.requestFee,
    webSearchPer1k: stated.webSearchPer1k ?? base?.webSearchPer1k,
  };
  return {
    input,
    output,
    cacheRead: stated.cacheRead ?? base?.cacheRead ?? input,
    cacheWrite5m,
    cacheWrite1h: stated.cacheWrite1h ?? base?.cacheWrite1h ?? cacheWrite5m,
    ...(optional.reasoning !== undefined && optional.reasoning !== output
      ? { reasoning: optional.reasoning }
      : {}),
    ...(optional.requestFee === undefined ? {} : { requestFee: optional.requestFee }),
    ...(optional.webSearchPer1k === undefined ? {} : { webSearchPer1k: optional.webSearchPer1k }),
  };
}
