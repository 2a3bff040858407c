import type { ModelListRow } from '../pricing/list-models.ts';
import { modelRetirement, type ModelRetirement } from '../pricing/model-retirement.ts';
import type { MatchRules, ModelEntry, PricePeriod, PriceSet, Rational } from '../pricing/price-book.ts';
import { formatMicrosExact } from './format-money.ts';

/**
 * JSON of `pricing list` and `pricing show` (schemaVersion 1), a public contract. Prices are integers of
 * micro-USD per 1M tokens (`requestFee` per request, `webSearchPer1k` per 1,000 searches), exactly as
 * in the price book, each with its exact decimal in `…UsdExact` strings for readers who want dollars.
 */
export interface PriceSetJson extends PriceSet {
  readonly usdExact: Readonly<Partial<Record<keyof PriceSet, string>>>;
}

export interface ModelListJson {
  readonly schemaVersion: 1;
  readonly priceUnit: 'microUSD per 1M tokens';
  readonly at: string;
  /** The calendar day each model's `retirement` is judged on (`YYYY-MM-DD`). */
  readonly retirementDay: string;
  readonly priceBookVersion: string;
  readonly models: readonly {
    readonly key: string;
    readonly provider: string;
    readonly model: string;
    readonly name: string;
    readonly contextWindow: number | null;
    /** The provider's retirement date (`YYYY-MM-DD`), null when unknown. */
    readonly deprecationDate: string | null;
    /** The source marks the model deprecated (without a date: retired on any day). */
    readonly deprecated: boolean;
    /** On `retirementDay`: retired, retiring within 90 days, or available. */
    readonly retirement: ModelRetirement['status'];
    /** Null when the model has no price yet at `at`. */
    readonly prices: PriceSetJson | null;
    readonly periods: number;
    readonly hasLongContextTiers: boolean;
  }[];
}

export interface ModelShowJson {
  readonly schemaVersion: 1;
  readonly priceUnit: 'microUSD per 1M tokens';
  readonly at: string;
  readonly priceBookVersion: string;
  readonly query: { readonly model: string; readonly provider: string | null };
  readonly key: string;
  readonly provider: string;
  readonly providerName: string | null;
  readonly model: string;
  readonly name: string;
  readonly contextWindow: number | null;
  readonly deprecationDate: string | null;
  readonly deprecated: boolean;
  /** On `day`: `retired` (on or after its date, or deprecated without one), `retiring` within 90 days, or `available`. */
  readonly retirement: ModelRetirement & { readonly day: string };
  readonly match: MatchRules;
  /** The provider's batch multiplier as a fraction, or null when the book has none (batch unpriced). */
  readonly batchMultiplier: Rational | null;
  /** Index into `periods` of the period in effect at `at`, or null before the first one. */
  readonly periodInEffect: number | null;
  readonly periods: readonly (Omit<PricePeriod, 'prices' | 'tiers' | 'timeOfDay'> & {
    readonly prices: PriceSetJson;
    readonly tiers: readonly { readonly aboveInputTokens: number; readonly prices: PriceSetJson }[];
    readonly timeOfDay: readonly {
      readonly fromUtc: string;
      readonly toUtc: string;
      readonly prices: PriceSetJson;
    }[];
  })[];
}

export function priceSetJson(prices: PriceSet): PriceSetJson {
  const usdExact = Object.fromEntries(
    Object.entries(prices).map(([field, micros]) => [field, formatMicrosExact(micros as number)]),
  );
  return { ...prices, usdExact };
}

export function modelListJson(
  rows: readonly ModelListRow[],
  at: string,
  retirementDay: string,
  priceBookVersion: string,
): ModelListJson {
  return {
    schemaVersion: 1,
    priceUnit: 'microUSD per 1M tokens',
    at,
    retirementDay,
    priceBookVersion,
    models: rows.map((row) => ({
      key: row.key,
      provider: row.entry.provider,
      model: row.entry.model,
      name: row.entry.name,
      contextWindow: row.entry.contextWindow ?? null,
      deprecationDate: row.entry.deprecationDate ?? null,
      deprecated: row.entry.deprecated === true,
      retirement: modelRetirement(row.entry, retirementDay).status,
      prices: row.prices === null ? null : priceSetJson(row.prices),
      periods: row.periodCount,
      hasLongContextTiers: row.hasLongContextTiers,
    })),
  };
}

export interface ShownModel {
  readonly query: { readonly model: string; readonly provider: string | null };
  readonly key: string;
  readonly entry: ModelEntry;
  readonly providerName: string | null;
  readonly batchMultiplier: Rational | null;
  readonly periodInEffect: number | null;
  readonly at: string;
  /** The calendar day (`YYYY-MM-DD`) of `at`, that retirement is judged on. */
  readonly day: string;
  readonly priceBookVersion: string;
}

export function modelShowJson(shown: ShownModel): ModelShowJson {
  const { entry } = shown;
  return {
    schemaVersion: 1,
    priceUnit: 'microUSD per 1M tokens',
    at: shown.at,
    priceBookVersion: shown.priceBookVersion,
    query: shown.query,
    key: shown.key,
    provider: entry.provider,
    providerName: shown.providerName,
    model: entry.model,
    name: entry.name,
    contextWindow: entry.contextWindow ?? null,
    deprecationDate: entry.deprecationDate ?? null,
    deprecated: entry.deprecated === true,
    retirement: { ...modelRetirement(entry, shown.day), day: shown.day },
    match: entry.match,
    batchMultiplier: shown.batchMultiplier,
    periodInEffect: shown.periodInEffect,
    periods: entry.periods.map((period) => ({
      effectiveFrom: period.effectiveFrom,
      layer: period.layer,
      ...(period.citation === undefined ? {} : { citation: period.citation }),
      prices: priceSetJson(period.prices),
      tiers: (period.tiers ?? []).map((tier) => ({
        aboveInputTokens: tier.aboveInputTokens,
        prices: priceSetJson(tier.prices),
      })),
      timeOfDay: (period.timeOfDay ?? []).map((window) => ({
        fromUtc: window.fromUtc,
        toUtc: window.toUtc,
        prices: priceSetJson(window.prices),
      })),
    })),
  };
}
