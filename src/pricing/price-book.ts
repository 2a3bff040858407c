/**
 * The price book: what `pricing.json` holds once validated (`validate-price-book.ts`).
 *
 * Units: every token price is an integer of **micro-USD per 1M tokens** (`$2.50 / 1M` = 2_500_000), so
 * `tokens × price` is an exact integer of pico-USD (model/money.ts). Per-request fees are micro-USD per
 * request and web search is micro-USD per 1,000 searches, so they stay exact integers of pico-USD too.
 */
export interface PriceBook {
  /** Content hash of the book (`sha256:` + 16 hex digits): stamps every cost it produced. */
  readonly version: string;
  readonly generatedFrom: PriceBookSource;
  /** Batch API discount per catalogue provider, applied to the token cost of `isBatch` records. */
  readonly batchMultipliers: Readonly<Record<string, Rational>>;
  readonly providers: Readonly<Record<string, ProviderEntry>>;
  /** Keyed by `provider/model`, e.g. `anthropic/claude-sonnet-4-5`. */
  readonly models: Readonly<Record<string, ModelEntry>>;
}

export interface PriceBookSource {
  /** npm package the catalogue layer was generated from. */
  readonly source: string;
  readonly version: string;
  readonly license: string;
}

/** An exact fraction, so a 50% batch discount keeps costs integral until one final rounding. */
export interface Rational {
  readonly numerator: number;
  readonly denominator: number;
}

export interface ProviderEntry {
  readonly name: string;
  /** Which record `provider` values mean this provider (`aws-bedrock` → aws). */
  readonly providerMatch: MatchRules;
  /** Which model ids this provider is the first party for (`gpt-…` → openai), used for gateways. */
  readonly modelMatch: MatchRules;
}

/**
 * How a model id is recognised, all compared lower-case: an exact id, a prefix (the longest matching
 * prefix wins) or, for the few rules the source states otherwise, one JavaScript regular expression.
 */
export interface MatchRules {
  readonly exact: readonly string[];
  readonly prefixes: readonly string[];
  readonly pattern?: string;
}

export interface ModelEntry {
  readonly provider: string;
  /** Canonical model id within its provider. */
  readonly model: string;
  readonly name: string;
  /** Most tokens one request may hold, prompt and output together (the source's max input tokens). */
  readonly contextWindow?: number;
  /** Most output tokens one request may generate (LiteLLM's `max_output_tokens`), where known. */
  readonly maxOutputTokens?: number;
  /**
   * ISO date (`YYYY-MM-DD`) the provider retires the model, as announced (LiteLLM's `deprecation_date`),
   * where known. From that day on it is retired (model-retirement.ts).
   */
  readonly deprecationDate?: string;
  /**
   * The source (genai-prices) marks the model deprecated. Without a `deprecationDate` the day is
   * unknown, so the model counts as retired whatever the date; with one, the date decides. Present only
   * when true.
   */
  readonly deprecated?: true;
  readonly match: MatchRules;
  /** Sorted by `effectiveFrom`; a price change appends a period and never rewrites an old one. */
  readonly periods: readonly PricePeriod[];
}

/** Where a period's figures come from: the generated catalogue, or the hand-kept overlay that corrects it. */
export type PriceLayer = 'catalogue' | 'overlay';

export interface PricePeriod {
  /** ISO date, UTC, inclusive; `1970-01-01` when the source does not know when the price started. */
  readonly effectiveFrom: string;
  readonly layer: PriceLayer;
  /** Overlay periods cite the page that states the price. */
  readonly citation?: string;
  readonly prices: PriceSet;
  /**
   * Long-context tiers, ascending. Once a request's prompt (input + cache read + cache writes) exceeds
   * `aboveInputTokens`, the WHOLE request is billed at that tier's prices, as Anthropic and Google bill.
   */
  readonly tiers?: readonly PriceTier[];
  /** Daily UTC windows with their own prices (DeepSeek peak hours); outside them `prices` apply. */
  readonly timeOfDay?: readonly TimeOfDayPrice[];
}

export interface PriceTier {
  readonly aboveInputTokens: number;
  readonly prices: PriceSet;
}

export interface TimeOfDayPrice {
  /** `HH:MM` UTC, inclusive. */
  readonly fromUtc: string;
  /** `HH:MM` UTC, exclusive; a window may wrap past midnight. */
  readonly toUtc: string;
  readonly prices: PriceSet;
}

export interface PriceSet {
  readonly input: number;
  readonly output: number;
  readonly cacheRead: number;
  readonly cacheWrite5m: number;
  readonly cacheWrite1h: number;
  /** Present only where reasoning tokens cost something other than `output`. */
  readonly reasoning?: number;
  /** micro-USD per request. */
  readonly requestFee?: number;
  /** micro-USD per 1,000 web searches. */
  readonly webSearchPer1k?: number;
}

export const PRICE_SET_REQUIRED_FIELDS = [
  'input',
  'output',
  'cacheRead',
  'cacheWrite5m',
  'cacheWrite1h',
] as const;
export const PRICE_SET_OPTIONAL_FIELDS = ['reasoning', 'requestFee', 'webSearchPer1k'] as const;
