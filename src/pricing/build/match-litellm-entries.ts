import { createModelResolver } from '../create-model-resolver.ts';
import type { ModelEntry, PriceBook, ProviderEntry } from '../price-book.ts';
import { stripRoute } from '../import/convert-litellm-prices.ts';
import { litellmProviderMapper } from '../import/map-litellm-provider.ts';

/** A LiteLLM entry as the extract keeps it, led by [litellm_provider, LiteLLM key]. */
export type LitellmKeyed = readonly [string, string, ...unknown[]];

/**
 * The LiteLLM entries that speak for each book model, matched as `pricing import` matches
 * (match-imported-models.ts): within the same provider only, first by the same id (canonical or an
 * exact id of the entry), else by what a usage record with that id would be priced as. Of a model's
 * entries only the best-ranked are returned (all same-id matches, else all priced-as matches), in
 * `entries` order; a model no entry matches is absent.
 */
export function bestLitellmMatches<Entry extends LitellmKeyed>(
  models: Readonly<Record<string, ModelEntry>>,
  providers: Readonly<Record<string, ProviderEntry>>,
  entries: readonly Entry[],
): Map<string, Entry[]> {
  const book: PriceBook = {
    version: 'build',
    generatedFrom: { source: 'build', version: '0', license: 'MIT' },
    batchMultipliers: {},
    providers,
    models,
  };
  const resolve = createModelResolver(book);
  const providerOf = litellmProviderMapper(providers);
  const exactIds = new Map<string, string>();
  for (const [key, entry] of Object.entries(models)) {
    for (const id of [entry.model.toLowerCase(), ...entry.match.exact]) {
      const scoped = `${entry.provider}\0${id}`;
      if (!exactIds.has(scoped)) exactIds.set(scoped, key);
    }
  }
  const ranked = new Map<string, { rank: number; entry: Entry }[]>();
  for (const entry of entries) {
    const [litellmProvider, sourceKey] = entry;
    const provider = providerOf(litellmProvider);
    const model = stripRoute(sourceKey, litellmProvider);
    const exact = exactIds.get(`${provider}\0${model.toLowerCase()}`);
    const resolved = exact ?? resolve(provider, model);
    if (resolved === null || models[resolved]?.provider !== provider) continue;
    ranked.set(resolved, [...(ranked.get(resolved) ?? []), { rank: exact === undefined ? 2 : 1, entry }]);
  }
  const best = new Map<string, Entry[]>();
  for (const [key, list] of ranked) {
    const bestRank = Math.min(...list.map((candidate) => candidate.rank));
    best.set(
      key,
      list.filter((candidate) => candidate.rank === bestRank).map((candidate) => candidate.entry),
    );
  }
  return best;
}
