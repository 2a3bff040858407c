/**
 * LiteLLM's `model_prices_and_context_window.json` (github.com/BerriAI/litellm): one object per model
 * key, prices in USD per token as JSON numbers, e.g.
 *   "claude-sonnet-4-5": { "litellm_provider": "anthropic", "mode": "chat", "max_input_tokens": 200000,
 *     "input_cost_per_token": 3e-06, "cache_creation_input_token_cost_above_1hr": 6e-06,
 *     "input_cost_per_token_above_200k_tokens": 6e-06, … }
 */
import type { ModelEntry, PriceSet } from '../price-book.ts';
import { UNKNOWN_START } from '../build/convert-genai-model.ts';
import { usdPerTokenToMicrosPerMillion, usdToMicros } from '../build/usd-to-micros.ts';
import {
  completePriceSet,
  type ConvertedSource,
  type ImportedModel,
  type SkippedSourceModel,
  type StatedPrices,
} from './imported-model.ts';

/** Text-generation modes priced per token; embeddings, images, audio, rerank… have no usage records here. */
const TOKEN_MODES: ReadonlySet<string> = new Set(['chat', 'completion', 'responses']);

/** LiteLLM per-token price keys → our price fields. A `_above_<N>k_tokens` suffix makes a tier. */
const PER_TOKEN_FIELDS: Readonly<Record<string, keyof PriceSet>> = {
  input_cost_per_token: 'input',
  output_cost_per_token: 'output',
  cache_read_input_token_cost: 'cacheRead',
  cache_creation_input_token_cost: 'cacheWrite5m',
  cache_creation_input_token_cost_above_1hr: 'cacheWrite1h',
  output_cost_per_reasoning_token: 'reasoning',
};
const TIER_SUFFIX = /^(.+)_above_(\d+)k_tokens$/;

export interface LitellmConvertOptions {
  /** Our provider id for a `litellm_provider` value (see litellmProviderMapper). */
  readonly providerOf: (litellmProvider: string) => string;
  readonly citation: string;
}

/**
 * Every token-priced model of a LiteLLM price file, in our units. Skipped (and counted): `sample_spec`,
 * non-text modes, entries with no input or output price, entries whose prices are not numbers.
 */
export function convertLitellmPrices(json: unknown, options: LitellmConvertOptions): ConvertedSource {
  if (!isRecord(json)) throw new Error('expected a JSON object of model entries (LiteLLM price file)');
  const models: ImportedModel[] = [];
  const skipped: SkippedSourceModel[] = [];
  const rounded: string[] = [];
  for (const [sourceKey, value] of Object.entries(json)) {
    if (sourceKey === 'sample_spec') continue;
    const skip = (reason: string): void => {
      skipped.push({ sourceKey, reason });
    };
    if (!isRecord(value) || typeof value.litellm_provider !== 'string') {
      skip('not a model entry (no "litellm_provider")');
      continue;
    }
    const mode = typeof value.mode === 'string' ? value.mode : '(none)';
    if (!TOKEN_MODES.has(mode)) {
      skip(`mode "${mode}" is not priced per token`);
      continue;
    }
    try {
      const converted = convertEntry(sourceKey, value, value.litellm_provider, options, (note) =>
        rounded.push(note),
      );
      if (typeof converted === 'string') skip(converted);
      else models.push(converted);
    } catch (error) {
      skip(error instanceof Error ? error.message : String(error));
    }
  }
  return { models, providers: {}, skipped, rounded };
}

function convertEntry(
  sourceKey: string,
  entry: Record<string, unknown>,
  litellmProvider: string,
  options: LitellmConvertOptions,
  onRounded: (note: string) => void,
): ImportedModel | string {
  const base: StatedPrices = {};
  const tiers = new Map<number, StatedPrices>();
  for (const [key, value] of Object.entries(entry)) {
    const tierMatch = TIER_SUFFIX.exec(key);
    const field = PER_TOKEN_FIELDS[tierMatch?.[1] ?? key];
    if (field === undefined) continue;
    if (typeof value !== 'number')
      return `"${key}": expected a number of USD per token, got ${JSON.stringify(value)}`;
    const micros = usdPerTokenToMicrosPerMillion(value, `${sourceKey}.${key}`, onRounded);
    if (tierMatch === null) {
      base[field] = micros;
    } else {
      const above = Number(tierMatch[2]) * 1000;
      tiers.set(above, { ...tiers.get(above), [field]: micros });
    }
  }
  if (base.input === undefined && base.output === undefined) return 'no input or output price per token';
  const perRequest = entry.input_cost_per_request;
  if (typeof perRequest === 'number')
    base.requestFee = usdToMicros(perRequest, `${sourceKey}.input_cost_per_request`, onRounded);
  const webSearch = webSearchPer1k(entry.search_context_cost_per_query, sourceKey, onRounded);
  if (webSearch !== undefined) base.webSearchPer1k = webSearch;

  const provider = options.providerOf(litellmProvider);
  const model = stripRoute(sourceKey, litellmProvider);
  const maxInput = entry.max_input_tokens;
  const contextWindow =
    typeof maxInput === 'number' && Number.isSafeInteger(maxInput) && maxInput > 0 ? maxInput : undefined;
  const tierList = [...tiers.entries()]
    .sort(([a], [b]) => a - b)
    .map(([aboveInputTokens, prices]) => ({ aboveInputTokens, prices }));
  const prices = completePriceSet(base);
  const newEntry: ModelEntry = {
    provider,
    model,
    name: model,
    ...(contextWindow === undefined ? {} : { contextWindow }),
    match: { exact: [model.toLowerCase()], prefixes: [] },
    periods: [
      {
        effectiveFrom: UNKNOWN_START,
        layer: 'catalogue',
        citation: options.citation,
        prices,
        ...(tierList.length === 0
          ? {}
          : {
              tiers: tierList.map((tier) => ({
                aboveInputTokens: tier.aboveInputTokens,
                prices: completePriceSet(tier.prices, prices),
              })),
            }),
      },
    ],
  };
  return {
    provider,
    model,
    sourceKey,
    name: model,
    ...(contextWindow === undefined ? {} : { contextWindow }),
    prices: base,
    tiers: tierList,
    newEntry,
  };
}

/**
 * Web search per 1,000 calls, only when LiteLLM's per-query price is the same for every search context
 * size (Anthropic's $0.01, Google's $0.035): sized prices have no counterpart in the price book.
 */
function webSearchPer1k(
  value: unknown,
  sourceKey: string,
  onRounded: (note: string) => void,
): number | undefined {
  if (!isRecord(value)) return undefined;
  const prices = [...new Set(Object.values(value))];
  const [only] = prices;
  if (prices.length !== 1 || typeof only !== 'number') return undefined;
  return usdToMicros(only, `${sourceKey}.search_context_cost_per_query`, onRounded) * 1000;
}

/**
 * The model id without LiteLLM's route segment: `gemini/gemini-2.5-pro` (provider `gemini`) and
 * `vertex_ai/claude-…` (provider `vertex_ai-anthropic_models`) lose it; `openrouter/anthropic/x` keeps
 * `anthropic/x`, as OpenRouter names it; bare ids stay as they are.
 */
export function stripRoute(sourceKey: string, litellmProvider: string): string {
  const slash = sourceKey.indexOf('/');
  if (slash <= 0) return sourceKey;
  const route = sourceKey.slice(0, slash);
  return litellmProvider.startsWith(route) ? sourceKey.slice(slash + 1) : sourceKey;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
