/**
 * genai-prices' price feed `prices/new_data/v2/data.json` (github.com/pydantic/genai-prices): an array
 * of providers, each with models whose prices are USD per 1M tokens, optionally tiered or conditional:
 *   [{ "id": "anthropic", "name": "Anthropic", "provider_match": {…}, "models": [{ "id": "claude-sonnet-4-5",
 *     "match": {…}, "context_window": 200000, "prices": { "input_mtok": { "base": 3, "tiers": [{ "start":
 *     200000, "price": 6 }] }, … } }] }]
 * The same data our bundled catalogue is built from, so conversion reuses the generator's converter.
 */
import type { ConditionalPrice, ModelInfo, ModelPrice } from '@pydantic/genai-prices';
import type { PriceSet, ProviderEntry } from '../price-book.ts';
import { convertGenaiModel } from '../build/convert-genai-model.ts';
import { matchLogicToRules } from '../build/match-logic-to-rules.ts';
import type { ConvertedSource, ImportedModel, SkippedSourceModel, StatedPrices } from './imported-model.ts';

/** Which of our fields each genai-prices key states (`cache_write_mtok` states the 5-minute write). */
const STATED_BY_KEY: Readonly<Record<string, keyof PriceSet>> = {
  input_mtok: 'input',
  output_mtok: 'output',
  cache_read_mtok: 'cacheRead',
  cache_write_mtok: 'cacheWrite5m',
  cache_write_5m_mtok: 'cacheWrite5m',
  cache_write_1h_mtok: 'cacheWrite1h',
  output_reasoning_mtok: 'reasoning',
  requests_kcount: 'requestFee',
  web_searches_kcount: 'webSearchPer1k',
};

export interface GenaiConvertOptions {
  /** The import date (ISO date or UTC instant): prices in effect then; later dated prices are left out. */
  readonly effectiveAt: string;
  readonly citation: string;
}

/**
 * Every token-priced model of a genai-prices `data.json` at the import date. Models pricing only other
 * units (pages, audio hours) or with prices the converter refuses are skipped and counted.
 */
export function convertGenaiPricesData(json: unknown, options: GenaiConvertOptions): ConvertedSource {
  if (!Array.isArray(json)) throw new Error('expected a JSON array of providers (genai-prices data.json)');
  const atMs = Date.parse(options.effectiveAt);
  const models: ImportedModel[] = [];
  const providers: Record<string, ProviderEntry> = {};
  const skipped: SkippedSourceModel[] = [];
  const rounded: string[] = [];
  const onRounded = (note: string): void => {
    rounded.push(note);
  };
  json.forEach((provider: unknown, index) => {
    if (!isRecord(provider) || typeof provider.id !== 'string' || !Array.isArray(provider.models)) {
      throw new Error(`[${index}]: expected a provider with "id" and "models"`);
    }
    const providerId = provider.id;
    providers[providerId] = {
      name: typeof provider.name === 'string' ? provider.name : providerId,
      providerMatch: matchLogicToRules(provider.provider_match as ModelInfo['match'] | undefined),
      modelMatch: matchLogicToRules(provider.model_match as ModelInfo['match'] | undefined),
    };
    for (const model of provider.models as unknown[]) {
      const sourceKey = `${providerId}/${isRecord(model) && typeof model.id === 'string' ? model.id : '?'}`;
      try {
        if (
          !isRecord(model) ||
          typeof model.id !== 'string' ||
          !isRecord(model.match) ||
          model.prices === undefined
        )
          throw new Error('expected a model with "id", "match" and "prices"');
        // Shape checked above; the converter checks the prices themselves and throws on what it cannot hold.
        const info = model as unknown as ModelInfo;
        const converted = convertModel(providerId, info, atMs, options.citation, onRounded);
        if (typeof converted === 'string') skipped.push({ sourceKey, reason: converted });
        else models.push(converted);
      } catch (error) {
        skipped.push({ sourceKey, reason: error instanceof Error ? error.message : String(error) });
      }
    }
  });
  return { models, providers, skipped, rounded };
}

function convertModel(
  providerId: string,
  model: ModelInfo,
  atMs: number,
  citation: string,
  onRounded: (note: string) => void,
): ImportedModel | string {
  const conditional = (Array.isArray(model.prices) ? model.prices : [{ prices: model.prices }]).map(
    withConstraintType,
  );
  const isClockWindow = (entry: ConditionalPrice): boolean => entry.constraint?.type === 'time_of_date';
  const started = conditional.filter(
    (entry) =>
      !isClockWindow(entry) &&
      (entry.constraint?.type !== 'start_date' || Date.parse(entry.constraint.start_date) <= atMs),
  );
  const current = started.at(-1);
  if (current === undefined) return 'no price in effect at the import date';
  const windows = conditional.filter(isClockWindow);
  const history = convertGenaiModel(
    providerId,
    { ...model, prices: [...started, ...windows] },
    { onRounded },
  );
  if (history.kind === 'skipped') return history.reason;
  const now = convertGenaiModel(
    providerId,
    { ...model, prices: [{ prices: current.prices }, ...windows] },
    {
      onRounded,
    },
  );
  if (now.kind === 'skipped') return now.reason;
  const period = now.entry.periods[0];
  if (period === undefined) return 'no price in effect at the import date';
  const stated = statedFields(current.prices);
  const pick = (prices: PriceSet): StatedPrices =>
    Object.fromEntries(stated.map((field) => [field, prices[field] ?? prices.output]));
  return {
    provider: providerId,
    model: model.id,
    sourceKey: `${providerId}/${model.id}`,
    name: history.entry.name,
    ...(model.context_window === undefined ? {} : { contextWindow: model.context_window }),
    prices: pick(period.prices),
    tiers: (period.tiers ?? []).map((tier) => ({
      aboveInputTokens: tier.aboveInputTokens,
      prices: pick(tier.prices),
    })),
    ...(period.timeOfDay === undefined ? {} : { timeOfDay: period.timeOfDay }),
    newEntry: {
      ...history.entry,
      periods: history.entry.periods.map((p) => ({ ...p, layer: 'catalogue' as const, citation })),
    },
  };
}

/** The fields a source price states; a reasoning price equal to output is stated as "same as output". */
function statedFields(prices: ModelPrice): (keyof PriceSet)[] {
  const fields = Object.keys(prices).flatMap((key) => {
    const field = prices[key] === undefined ? undefined : STATED_BY_KEY[key];
    return field === undefined ? [] : [field];
  });
  return [...new Set(fields)];
}

/** data.json constraints carry no `type`; the package's types (and the converter) discriminate on it. */
function withConstraintType(entry: ConditionalPrice): ConditionalPrice {
  const constraint = entry.constraint as Record<string, unknown> | undefined;
  if (constraint === undefined || typeof constraint.type === 'string') return entry;
  if (typeof constraint.start_date === 'string')
    return { ...entry, constraint: { type: 'start_date', start_date: constraint.start_date } };
  return {
    ...entry,
    constraint: {
      type: 'time_of_date',
      start_time: String(constraint.start_time),
      end_time: String(constraint.end_time),
    },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
