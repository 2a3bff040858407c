import type { UnpricedUsage } from '../model/unpriced-usage.ts';
import { createModelResolver } from './create-model-resolver.ts';
import { modelIdCandidates } from './model-id-candidates.ts';
import type { PriceBook } from './price-book.ts';
import { suggestModelIds } from './suggest-model-ids.ts';

/** Why stored usage has no price, and what would fix it. */
export interface UnpricedExplanation extends UnpricedUsage {
  /** The ids the matcher tried, most specific first (as written, without prefixes, dates…). */
  readonly triedIds: readonly string[];
  /** The price-book key the model matches in the active book now, or null. */
  readonly matchesNow: string | null;
  /** Nearest known keys when nothing matches. */
  readonly suggestions: readonly string[];
  readonly fix: string;
}

/**
 * Explains each unpriced (model, reason) of the store against the active price book: which ids were
 * tried, whether the model matches an entry now (then `reprice` fixes it, unless the reason is a tier
 * or feature the entry has no price for), and the nearest known ids otherwise.
 */
export function explainUnpriced(book: PriceBook, unpriced: readonly UnpricedUsage[]): UnpricedExplanation[] {
  const resolve = createModelResolver(book);
  return unpriced.map((usage) => {
    const matchesNow = resolve(usage.provider, usage.model);
    const isModelUnknown =
      usage.reason.startsWith('no price for model') && !usage.reason.includes(' before ');
    const suggestions = matchesNow === null ? suggestModelIds(book, usage.model) : [];
    let fix: string;
    if (matchesNow !== null && isModelUnknown) {
      fix = `the active price book now has ${matchesNow}: run llmcost reprice`;
    } else if (matchesNow !== null) {
      const tier = /^no "([^"]+)" service-tier price/.exec(usage.reason)?.[1];
      fix =
        tier === undefined
          ? `${matchesNow} has no price for this usage; give one in a priceOverrides entry (explicit "prices"), then run llmcost reprice`
          : `price the ${tier} tier with a priceOverrides entry { "model": "${matchesNow}", "serviceTier": "${tier}", "prices": {…} or "multiplier" }, then run llmcost reprice`;
    } else {
      fix =
        'import a newer price list (llmcost pricing import), or add the model to a price book of your own (--pricing), then run llmcost reprice';
    }
    return { ...usage, triedIds: modelIdCandidates(usage.model).ids, matchesNow, suggestions, fix };
  });
}
