import type { ConditionalPrice, ModelInfo, ModelPrice } from '@pydantic/genai-prices';
import type {
  ModelEntry,
  PriceSet,
  PricePeriod,
  PriceTier,
  Rational,
  TimeOfDayPrice,
} from '../price-book.ts';
import { matchLogicToRules } from './match-logic-to-rules.ts';
import { perThousandToPerUnit, usdToMicros } from './usd-to-micros.ts';

/** The earliest date, for source prices whose start the source does not know. */
export const UNKNOWN_START = '1970-01-01';

/** Price keys we carry; the rest (audio, image, pages, hours…) have no counterpart in a usage record. */
const TOKEN_KEYS = [
  'input_mtok',
  'output_mtok',
  'cache_read_mtok',
  'cache_write_mtok',
  'cache_write_5m_mtok',
  'cache_write_1h_mtok',
  'output_reasoning_mtok',
] as const;
const COUNT_KEYS = ['requests_kcount', 'web_searches_kcount'] as const;

export interface ConvertOptions {
  /** Overlay rule: a 1-hour cache write costs this multiple of input where the source has no price for it. */
  readonly cacheWrite1hRule?: { readonly multiple: Rational; readonly citation: string };
  /** Told of each source price with more than 6 decimals, rounded to the nearest micro-USD. */
  readonly onRounded?: (what: string) => void;
}

export type ConvertedModel =
  | { readonly kind: 'model'; readonly entry: ModelEntry; readonly usedOverlayRule: boolean }
  | { readonly kind: 'skipped'; readonly reason: string };

type TieredValue =
  | number
  | { readonly base: number; readonly tiers: readonly { readonly start: number; readonly price: number }[] };

/**
 * One genai-prices model → one price-book model. Source semantics kept: `start_date` constraints become
 * periods; time-of-day constraints become daily windows of the latest period (genai-prices cannot date
 * them; their notes say they belong to the newest schedule); per-unit tiers become whole-request tiers;
 * a missing cache price falls back to its ancestor unit (cache read, cache write → input; 1h → write).
 */
export function convertGenaiModel(
  providerId: string,
  model: ModelInfo,
  options: ConvertOptions,
): ConvertedModel {
  const key = `${providerId}/${model.id}`;
  const conditional: readonly ConditionalPrice[] = Array.isArray(model.prices)
    ? model.prices
    : [{ prices: model.prices }];
  if (!conditional.every((c) => hasTokenPrices(c.prices))) {
    return { kind: 'skipped', reason: 'prices only non-token units (pages, audio hours, images)' };
  }
  const overlayRuleUses: boolean[] = [];
  const convert = (prices: ModelPrice, what: string): { prices: PriceSet; tiers: PriceTier[] } => {
    const result = convertModelPrice(prices, what, options);
    overlayRuleUses.push(result.usedOverlayRule);
    return { prices: result.prices, tiers: result.tiers };
  };
  const periods: { effectiveFrom: string; prices: PriceSet; tiers: PriceTier[] }[] = [];
  const windows: TimeOfDayPrice[] = [];
  conditional.forEach((entry, index) => {
    const what = `${key} prices[${index}]`;
    const constraint = entry.constraint;
    if (constraint === undefined || constraint.type === 'start_date') {
      periods.push({
        effectiveFrom: constraint?.start_date ?? UNKNOWN_START,
        ...convert(entry.prices, what),
      });
      return;
    }
    const converted = convert(entry.prices, what);
    if (converted.tiers.length > 0)
      throw new Error(`${what}: tiers inside a time-of-day window are not supported`);
    windows.push({
      fromUtc: constraint.start_time.slice(0, 5),
      toUtc: constraint.end_time.slice(0, 5),
      prices: converted.prices,
    });
  });
  periods.sort((a, b) =>
    a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0,
  );
  const citation = options.cacheWrite1hRule?.citation;
  const usedOverlayRule = overlayRuleUses.includes(true);
  const layer = usedOverlayRule
    ? ({ layer: 'overlay', ...(citation === undefined ? {} : { citation }) } as const)
    : ({ layer: 'catalogue' } as const);
  const built: PricePeriod[] = periods.map((period, index) => ({
    effectiveFrom: period.effectiveFrom,
    ...layer,
    prices: period.prices,
    ...(period.tiers.length > 0 ? { tiers: period.tiers } : {}),
    ...(index === periods.length - 1 && windows.length > 0 ? { timeOfDay: windows } : {}),
  }));
  const entry: ModelEntry = {
    provider: providerId,
    model: model.id,
    name: model.name ?? model.id,
    ...(model.context_window === undefined ? {} : { contextWindow: model.context_window }),
    ...(model.deprecated === true ? { deprecated: true as const } : {}),
    match: matchLogicToRules(model.match),
    periods: built,
  };
  return { kind: 'model', entry, usedOverlayRule };
}

function hasTokenPrices(prices: ModelPrice): boolean {
  const keys = Object.keys(prices).filter((k) => prices[k] !== undefined);
  return keys.length === 0 || keys.some((k) => (TOKEN_KEYS as readonly string[]).includes(k));
}

function convertModelPrice(
  prices: ModelPrice,
  what: string,
  options: ConvertOptions,
): { prices: PriceSet; tiers: PriceTier[]; usedOverlayRule: boolean } {
  const values = new Map<string, TieredValue>();
  for (const name of [...TOKEN_KEYS, ...COUNT_KEYS]) {
    const value = prices[name] as TieredValue | undefined;
    if (value !== undefined) values.set(name, value);
  }
  for (const name of COUNT_KEYS) {
    if (typeof values.get(name) === 'object')
      throw new Error(`${what}.${name}: tiered per-count prices are not supported`);
  }
  const thresholds = [
    ...new Set(
      [...values.values()].flatMap((v) => (typeof v === 'number' ? [] : v.tiers.map((t) => t.start))),
    ),
  ];
  thresholds.sort((a, b) => a - b);
  let usedOverlayRule = false;
  const priceSetAt = (promptTokens: number | null): PriceSet => {
    const usd = (name: string): number | undefined => {
      const value = values.get(name);
      if (value === undefined || typeof value === 'number') return value;
      let price = value.base;
      for (const tier of value.tiers)
        if (promptTokens !== null && promptTokens > tier.start) price = tier.price;
      return price;
    };
    const micros = (name: string): number | undefined => {
      const value = usd(name);
      return value === undefined ? undefined : usdToMicros(value, `${what}.${name}`, options.onRounded);
    };
    const input = micros('input_mtok') ?? 0;
    const output = micros('output_mtok') ?? 0;
    const cacheWrite = micros('cache_write_mtok');
    const cacheWrite5m = micros('cache_write_5m_mtok') ?? cacheWrite ?? input;
    let cacheWrite1h = micros('cache_write_1h_mtok');
    const rule = options.cacheWrite1hRule?.multiple;
    if (cacheWrite1h === undefined && rule !== undefined) {
      usedOverlayRule = true;
      cacheWrite1h = (input * rule.numerator) / rule.denominator;
      if (!Number.isInteger(cacheWrite1h))
        throw new Error(`${what}: 1h cache write from the overlay rule is not a whole micro-USD`);
    }
    const reasoning = micros('output_reasoning_mtok');
    const requestsPer1k = micros('requests_kcount');
    const webSearchPer1k = micros('web_searches_kcount');
    return {
      input,
      output,
      cacheRead: micros('cache_read_mtok') ?? input,
      cacheWrite5m,
      cacheWrite1h: cacheWrite1h ?? cacheWrite ?? input,
      ...(reasoning !== undefined && reasoning !== output ? { reasoning } : {}),
      ...(requestsPer1k === undefined
        ? {}
        : { requestFee: perThousandToPerUnit(requestsPer1k, `${what}.requests_kcount`) }),
      ...(webSearchPer1k === undefined ? {} : { webSearchPer1k }),
    };
  };
  // A tier applies once the prompt exceeds its start: price every unit as at start + 1 token.
  const tiers = thresholds.map((start) => ({ aboveInputTokens: start, prices: priceSetAt(start + 1) }));
  return { prices: priceSetAt(null), tiers, usedOverlayRule };
}
