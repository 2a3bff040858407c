import { createPricer } from '../pricing/create-pricer.ts';
import type { PriceBook } from '../pricing/price-book.ts';
import { ZERO_TOKENS } from '../model/usage-record.ts';
import type { UsageTotals } from '../model/usage-totals.ts';
import type { TokenClassWeigher } from './build-cost-cube.ts';
import { tokensByClass } from './token-class.ts';

const CLASS_FIELDS = [
  'inputTokens',
  'cacheReadTokens',
  'cacheWrite5mTokens',
  'cacheWrite1hTokens',
  'outputTokens',
] as const;

/**
 * Prices each token class of an aggregate alone at the model's list price: the weights its exact
 * stored cost is split by. Batch rates, service tiers and request fees scale or add to every class
 * alike, so they are left out here (the split is proportional; the stored cost stays the total).
 */
export function createTokenClassWeigher(book: PriceBook): TokenClassWeigher {
  const price = createPricer(book);
  return (provider: string, model: string, atMs: number, totals: UsageTotals) => {
    const tokens = tokensByClass(totals);
    return tokens.map((count, index) => {
      const field = CLASS_FIELDS[index];
      if (field === undefined || count === 0) return 0;
      const cost = price({
        provider,
        model,
        occurredAtMs: atMs,
        ...ZERO_TOKENS,
        [field]: count,
        requests: 0,
        webSearchRequests: 0,
        isBatch: false,
        serviceTier: null,
      });
      return cost.kind === 'priced' ? Number(cost.costPico) : 0;
    });
  };
}
