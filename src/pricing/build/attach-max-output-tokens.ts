import { createModelResolver } from '../create-model-resolver.ts';
import type { ModelEntry, PriceBook, ProviderEntry } from '../price-book.ts';
import { stripRoute } from '../import/convert-litellm-prices.ts';
import { litellmProviderMapper } from '../import/map-litellm-provider.ts';

/** One LiteLLM text model's maximum output: [litellm_provider, LiteLLM key, max output tokens]. */
export type MaxOutputEntry = readonly [string, string, number];

export interface AttachedMaxOutput {
  readonly models: Readonly<Record<string, ModelEntry>>;
  /** Book models that got a maximum output. */
  readonly attached: number;
  /** Book models whose best-matching LiteLLM entries disagree: left without one. */
  readonly ambiguous: readonly string[];
}

/**
 * Sets `maxOutputTokens` on the book's models from LiteLLM's entries, matched as `pricing import`
 * matches (match-imported-models.ts): within the same provider only, first by the same id (canonical
 * or an exact id of the entry), else by what a usage record with that id would be priced as. Of a
 * model's entries the best-ranked must agree, or the model is left without a maximum (ambiguous).
 */
export function attachMaxOutputTokens(
  models: Readonly<Record<string, ModelEntry>>,
  providers: Readonly<Record<string, ProviderEntry>>,
  entries: readonly MaxOutputEntry[],
): AttachedMaxOutput {
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
  const candidates = new Map<string, { rank: number; maxOutputTokens: number }[]>();
  for (const [litellmProvider, sourceKey, maxOutputTokens] of entries) {
    const provider = providerOf(litellmProvider);
    const model = stripRoute(sourceKey, litellmProvider);
    const exact = exactIds.get(`${provider}\0${model.toLowerCase()}`);
    const resolved = exact ?? resolve(provider, model);
    if (resolved === null || models[resolved]?.provider !== provider) continue;
    candidates.set(resolved, [
      ...(candidates.get(resolved) ?? []),
      { rank: exact === undefined ? 2 : 1, maxOutputTokens },
    ]);
  }
  const result: Record<string, ModelEntry> = {};
  const ambiguous: string[] = [];
  let attached = 0;
  for (const [key, entry] of Object.entries(models)) {
    const list = candidates.get(key) ?? [];
    const bestRank = Math.min(...list.map((candidate) => candidate.rank));
    const values = new Set(list.filter((c) => c.rank === bestRank).map((c) => c.maxOutputTokens));
    const [only] = values;
    if (values.size > 1) ambiguous.push(key);
    if (values.size !== 1 || only === undefined) {
      result[key] = entry;
      continue;
    }
    attached += 1;
    result[key] = withMaxOutput(entry, only);
  }
  return { models: result, attached, ambiguous };
}

/** The entry with `maxOutputTokens` right after `contextWindow` (or `name`), so diffs stay readable. */
function withMaxOutput(entry: ModelEntry, maxOutputTokens: number): ModelEntry {
  const { provider, model, name, contextWindow, match, periods } = entry;
  return {
    provider,
    model,
    name,
    ...(contextWindow === undefined ? {} : { contextWindow }),
    maxOutputTokens,
    match,
    periods,
  };
}
