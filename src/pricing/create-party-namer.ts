import { compileMatchRules, matchesRules } from './compile-match-rules.ts';
import { modelIdCandidates } from './model-id-candidates.ts';
import type { PriceBook } from './price-book.ts';

/** Who is behind a usage record, by name: the platform that served and billed it, and the model's maker. */
export interface UsageParties {
  /** The provider the record was used through (`OpenAI`, `AWS Bedrock`, `OpenRouter`). */
  readonly providerName: string;
  /** Who made the model (`Anthropic` for Claude on Bedrock or via OpenRouter), else the provider. */
  readonly publisherName: string;
}

/**
 * Names the parties of a (provider, model) pair from the price book's provider entries: the provider by
 * its id, else by its first segment (`azure-openai` → Microsoft Azure, `aws-bedrock` → AWS Bedrock: the
 * platform bills, whoever made the model), else by `providerMatch` rules, else as the record writes it; the
 * publisher by the provider whose `modelMatch` rules claim the model id (`gpt-…` → OpenAI, `claude…`
 * → Anthropic, also inside `openrouter/anthropic/claude-…` or `us.anthropic.claude-…`), else by the
 * last vendor segment of the id that names a book provider, else the provider's name. Cached per pair.
 */
export function createPartyNamer(book: PriceBook): (provider: string, model: string) => UsageParties {
  const providers = Object.entries(book.providers).map(([id, entry]) => ({
    id,
    name: entry.name,
    providerMatch: compileMatchRules(entry.providerMatch),
    modelMatch: compileMatchRules(entry.modelMatch),
  }));
  const byProviderId = (text: string): string | null => {
    const wanted = text.trim().toLowerCase();
    if (wanted === '') return null;
    const platform = wanted.split(/[-_.]/)[0];
    const hit =
      providers.find((provider) => provider.id === wanted) ??
      providers.find((provider) => provider.id === platform) ??
      providers.find((provider) => matchesRules(provider.providerMatch, wanted));
    return hit?.name ?? null;
  };
  const cache = new Map<string, UsageParties>();
  return (provider, model) => {
    const key = `${provider}\u0000${model}`;
    let parties = cache.get(key);
    if (parties === undefined) {
      const providerName = byProviderId(provider) ?? provider;
      const { ids, vendorHints } = modelIdCandidates(model);
      const fromHint = [...vendorHints]
        .reverse()
        .map(byProviderId)
        .find((name) => name !== null);
      const fromModel = providers.find((entry) => ids.some((id) => matchesRules(entry.modelMatch, id)));
      parties = { providerName, publisherName: fromModel?.name ?? fromHint ?? providerName };
      cache.set(key, parties);
    }
    return parties;
  };
}
