import type { ModelEntry, PriceLayer, PriceSet, PriceTier, Rational } from './price-book.ts';
import type { PriceOverride } from './price-override.ts';
import type { PricingInput, RecordCost } from './record-cost.ts';

const PICO_PER_MICRO = 1_000_000n;
/** web search prices are per 1,000 searches: pico = searches × micro-per-1k × 10⁶ / 10³. */
const PICO_PER_MICRO_PER_THOUSAND = 1_000n;
const MINUTES_PER_DAY = 1440;
const MS_PER_MINUTE = 60_000;

/** Service tiers billed at list price; any other (flex, priority, scale) has no price in the book yet. */
export const STANDARD_SERVICE_TIERS: ReadonlySet<string> = new Set([
  '',
  'default',
  'standard',
  'auto',
  'on_demand',
  'on-demand',
]);

/** A model with its dates parsed and clock windows in minutes, built once per model. */
export interface CompiledModel {
  readonly key: string;
  readonly entry: ModelEntry;
  readonly batch: Rational | undefined;
  readonly periods: readonly CompiledPeriod[];
}

interface CompiledPeriod {
  readonly fromMs: number;
  readonly effectiveFrom: string;
  readonly layer: PriceLayer;
  readonly prices: PriceSet;
  /** Highest threshold first. */
  readonly tiersDescending: readonly PriceTier[];
  readonly windows: readonly {
    readonly fromMinute: number;
    readonly toMinute: number;
    readonly prices: PriceSet;
  }[];
}

export function compileModel(key: string, entry: ModelEntry, batch: Rational | undefined): CompiledModel {
  const periods = entry.periods.map((period) => ({
    fromMs: Date.parse(period.effectiveFrom),
    effectiveFrom: period.effectiveFrom,
    layer: period.layer,
    prices: period.prices,
    tiersDescending: [...(period.tiers ?? [])].reverse(),
    windows: (period.timeOfDay ?? []).map((w) => ({
      fromMinute: toMinute(w.fromUtc),
      toMinute: toMinute(w.toUtc),
      prices: w.prices,
    })),
  }));
  return { key, entry, batch, periods };
}

/**
 * Prices one record exactly, in pico-USD:
 * - period: the last one starting at or before `occurredAtMs`; before the first one there is no price;
 * - prices: a daily clock window if one covers the time, else the highest long-context tier the prompt
 *   (input + cache read + all cache writes) exceeds, else the period's base prices. The tier is per
 *   request: an aggregated row with `requests` > 1 is tiered by its AVERAGE prompt per request (compared
 *   as prompt > threshold × requests, no division), as if every request in the bucket were alike;
 * - tokens: each class × its price; reasoning tokens are part of output and are re-priced only where the
 *   reasoning price differs; cache writes of unknown TTL at the 5-minute price;
 * - batch: the token cost × the provider's multiplier (a fraction), rounded once, half away from zero;
 * - plus per-request fees and web searches, never discounted by batch;
 * - a user override (negotiated rate), when one applies: its `prices` replace the period's base prices
 *   (no tier or clock window then), or its `multiplier` scales the whole cost, rounded once more, half
 *   away from zero. The cost's layer is then `override`.
 */
export function computeRecordCost(
  model: CompiledModel,
  usage: PricingInput,
  override?: PriceOverride,
): RecordCost {
  const period = periodAt(model.periods, usage.occurredAtMs);
  if (period === undefined) {
    const first = model.periods[0]?.effectiveFrom ?? '?';
    return unpriced(
      `no price for model "${usage.model}" before ${first} (first price period of ${model.key})`,
    );
  }
  const tier = usage.serviceTier?.toLowerCase() ?? '';
  if (!STANDARD_SERVICE_TIERS.has(tier) && override?.serviceTier !== tier) {
    return unpriced(
      `no "${usage.serviceTier ?? ''}" service-tier price for model "${usage.model}" (${model.key})`,
    );
  }
  const prices =
    override?.prices === undefined ? pricesFor(period, usage) : { ...period.prices, ...override.prices };
  let cost = tokenCostPico(prices, usage);
  if (usage.isBatch) {
    if (model.batch === undefined)
      return unpriced(`no batch price for provider "${model.entry.provider}" (model "${usage.model}")`);
    cost = multiplyRational(cost, model.batch);
  }
  if (prices.requestFee !== undefined && prices.requestFee > 0) {
    if (usage.requests === null)
      return unpriced(`model "${usage.model}" has a per-request fee but the request count is unknown`);
    cost += BigInt(usage.requests) * BigInt(prices.requestFee) * PICO_PER_MICRO;
  }
  if (usage.webSearchRequests > 0) {
    if (prices.webSearchPer1k === undefined)
      return unpriced(`no web search price for model "${usage.model}" (${model.key})`);
    cost += BigInt(usage.webSearchRequests) * BigInt(prices.webSearchPer1k) * PICO_PER_MICRO_PER_THOUSAND;
  }
  if (override === undefined)
    return { kind: 'priced', costPico: cost, modelId: model.key, layer: period.layer };
  if (override.multiplier !== undefined) cost = multiplyRational(cost, override.multiplier);
  return { kind: 'priced', costPico: cost, modelId: model.key, layer: 'override' };
}

/** amount × numerator / denominator, rounded half away from zero. */
function multiplyRational(amount: bigint, fraction: Rational): bigint {
  return divideRoundHalfAwayFromZero(amount * BigInt(fraction.numerator), BigInt(fraction.denominator));
}

function periodAt(periods: readonly CompiledPeriod[], atMs: number): CompiledPeriod | undefined {
  for (let index = periods.length - 1; index >= 0; index--) {
    const period = periods[index];
    if (period !== undefined && period.fromMs <= atMs) return period;
  }
  return undefined;
}

function pricesFor(period: CompiledPeriod, usage: PricingInput): PriceSet {
  if (period.windows.length > 0) {
    const minute =
      ((Math.floor(usage.occurredAtMs / MS_PER_MINUTE) % MINUTES_PER_DAY) + MINUTES_PER_DAY) %
      MINUTES_PER_DAY;
    for (const window of period.windows) {
      const inside =
        window.fromMinute <= window.toMinute
          ? minute >= window.fromMinute && minute < window.toMinute
          : minute >= window.fromMinute || minute < window.toMinute;
      if (inside) return window.prices;
    }
  }
  if (period.tiersDescending.length > 0) {
    const prompt =
      usage.inputTokens +
      usage.cacheReadTokens +
      usage.cacheWrite5mTokens +
      usage.cacheWrite1hTokens +
      usage.cacheWriteTokens;
    const requests = Math.max(usage.requests ?? 1, 1);
    for (const tier of period.tiersDescending)
      if (prompt > tier.aboveInputTokens * requests) return tier.prices;
  }
  return period.prices;
}

/**
 * Σ tokens × micro-USD per 1M = pico-USD. Summed as a JS number when the total stays below 2⁵³: every
 * term is a non-negative integer, so a total ≤ MAX_SAFE_INTEGER proves each product and partial sum was
 * exact; otherwise the same sum is redone in bigint. Keeps the common case free of bigint arithmetic.
 */
function tokenCostPico(prices: PriceSet, usage: PricingInput): bigint {
  const reasoningTokens =
    prices.reasoning === undefined ? 0 : Math.min(usage.reasoningTokens, usage.outputTokens);
  const reasoningPrice = prices.reasoning ?? prices.output;
  const terms: readonly (readonly [number, number])[] = [
    [usage.inputTokens, prices.input],
    [usage.cacheReadTokens, prices.cacheRead],
    [usage.cacheWrite5mTokens + usage.cacheWriteTokens, prices.cacheWrite5m],
    [usage.cacheWrite1hTokens, prices.cacheWrite1h],
    [usage.outputTokens - reasoningTokens, prices.output],
    [reasoningTokens, reasoningPrice],
  ];
  let fast = 0;
  for (const [tokens, price] of terms) fast += tokens * price;
  if (fast <= Number.MAX_SAFE_INTEGER) return BigInt(fast);
  let exact = 0n;
  for (const [tokens, price] of terms) exact += BigInt(tokens) * BigInt(price);
  return exact;
}

function divideRoundHalfAwayFromZero(numerator: bigint, denominator: bigint): bigint {
  const sign = numerator < 0n ? -1n : 1n;
  const magnitude = numerator * sign;
  return sign * ((magnitude * 2n + denominator) / (denominator * 2n));
}

function toMinute(clock: string): number {
  return Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
}

function unpriced(reason: string): RecordCost {
  return { kind: 'unpriced', reason };
}
