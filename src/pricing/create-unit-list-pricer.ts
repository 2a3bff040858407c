import { ZERO_TOKENS } from '../model/usage-record.ts';
import { createPricer } from './create-pricer.ts';
import type { PriceBook } from './price-book.ts';
import type { PricingInput } from './record-cost.ts';

/**
 * A model's list price of one unit of each kind of usage, exact pico-USD: one token of each token class
 * (cache writes of unstated TTL are billed at the 5-minute price), one web search, one request's fee
 * (0 when the model has none).
 */
export interface UnitListPrices {
  readonly input: bigint;
  readonly cacheRead: bigint;
  readonly cacheWrite5m: bigint;
  readonly cacheWrite1h: bigint;
  readonly output: bigint;
  /** Null when the book has no web-search price for the model. */
  readonly webSearch: bigint | null;
  readonly requestFee: bigint;
}

/**
 * Returns the unit list prices of a (provider, model) at an instant, from the price book alone (no user
 * overrides, standard tier, no batch discount, the base tier and the clock window covering the
 * instant), or null when the book does not price the model then. `tokens × microUsdPer1M` is pico-USD,
 * so one token priced alone gives its exact price. Answers are cached per (provider, model, instant).
 */
export function createUnitListPricer(
  book: PriceBook,
): (provider: string, model: string, atMs: number) => UnitListPrices | null {
  const price = createPricer(book);
  const cache = new Map<string, UnitListPrices | null>();
  return (provider, model, atMs) => {
    const key = `${provider}\u0000${model}\u0000${atMs}`;
    let found = cache.get(key);
    if (found === undefined) {
      const base: PricingInput = {
        provider,
        model,
        occurredAtMs: atMs,
        ...ZERO_TOKENS,
        requests: 0,
        webSearchRequests: 0,
        isBatch: false,
        serviceTier: null,
      };
      const priceOf = (usage: Partial<PricingInput>): bigint | null => {
        const cost = price({ ...base, ...usage });
        return cost.kind === 'priced' ? cost.costPico : null;
      };
      const input = priceOf({ inputTokens: 1 });
      const cacheRead = priceOf({ cacheReadTokens: 1 });
      const cacheWrite5m = priceOf({ cacheWrite5mTokens: 1 });
      const cacheWrite1h = priceOf({ cacheWrite1hTokens: 1 });
      const output = priceOf({ outputTokens: 1 });
      const requestFee = priceOf({ requests: 1 });
      found =
        input === null ||
        cacheRead === null ||
        cacheWrite5m === null ||
        cacheWrite1h === null ||
        output === null ||
        requestFee === null
          ? null
          : {
              input,
              cacheRead,
              cacheWrite5m,
              cacheWrite1h,
              output,
              webSearch: priceOf({ webSearchRequests: 1 }),
              requestFee,
            };
      cache.set(key, found);
    }
    return found;
  };
}
