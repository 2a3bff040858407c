import type { PriceBook } from './price-book.ts';
import { compileMatchRules, matchesRules, type CompiledMatchRules } from './compile-match-rules.ts';
import { modelIdCandidates } from './model-id-candidates.ts';

/** Returns the price-book key of the model a record's (provider, model) strings mean, or null. */
export type ModelResolver = (provider: string, model: string) => string | null;

interface ModelIndex {
  /** Exact id → model key; the first key in book order wins a tie. */
  readonly exact: ReadonlyMap<string, string>;
  /** Longest prefix first, so `claude-sonnet-4-5` beats `claude-sonnet-4`. */
  readonly prefixes: readonly (readonly [string, string])[];
  readonly patterns: readonly (readonly [RegExp, string])[];
}

/**
 * Builds the model lookup. Search order, first hit wins:
 * 1. within the record's provider (`aws-bedrock` → aws), then within providers named by stripped route
 *    segments (`anthropic/…`), trying each candidate id (model-id-candidates.ts) in turn;
 * 2. within the first-party provider of each candidate id (`gpt-…` → openai), so gateway records
 *    (openrouter, litellm) find models known under another provider;
 * 3. anywhere in the book.
 * In each scope: exact id or canonical id, then the longest prefix, then a pattern rule. All lower-case.
 * Regular expressions run here only; the pricer caches the answer per (provider, model) pair.
 */
export function createModelResolver(book: PriceBook): ModelResolver {
  const providers = Object.entries(book.providers).map(([id, entry]) => ({
    id,
    providerMatch: compileMatchRules({ ...entry.providerMatch, exact: [...entry.providerMatch.exact, id] }),
    modelMatch: compileMatchRules(entry.modelMatch),
  }));
  const keysByProvider = new Map<string, string[]>();
  for (const [key, model] of Object.entries(book.models)) {
    keysByProvider.set(model.provider, [...(keysByProvider.get(model.provider) ?? []), key]);
  }
  const indexOf = (keys: readonly string[]): ModelIndex => buildIndex(book, keys);
  const byProvider = new Map([...keysByProvider].map(([provider, keys]) => [provider, indexOf(keys)]));
  const everywhere = indexOf(Object.keys(book.models));
  const providersMatching = (
    name: string,
    rules: (p: (typeof providers)[number]) => CompiledMatchRules,
  ): ModelIndex[] => {
    const exactHit = providers.find((p) => p.id === name);
    const hits = exactHit ? [exactHit] : providers.filter((p) => matchesRules(rules(p), name));
    return hits.flatMap((p) => byProvider.get(p.id) ?? []);
  };

  return (provider, model) => {
    const { ids, vendorHints } = modelIdCandidates(model);
    const named = [provider.trim().toLowerCase(), ...vendorHints].flatMap((name) =>
      providersMatching(name, (p) => p.providerMatch),
    );
    for (const index of named) {
      for (const id of ids) {
        const key = lookUp(index, id);
        if (key !== null) return key;
      }
    }
    for (const id of ids) {
      for (const index of providers
        .filter((p) => matchesRules(p.modelMatch, id))
        .flatMap((p) => byProvider.get(p.id) ?? [])) {
        const key = lookUp(index, id);
        if (key !== null) return key;
      }
    }
    for (const id of ids) {
      const key = lookUp(everywhere, id);
      if (key !== null) return key;
    }
    return null;
  };
}

function buildIndex(book: PriceBook, keys: readonly string[]): ModelIndex {
  const exact = new Map<string, string>();
  const prefixes: [string, string][] = [];
  const patterns: [RegExp, string][] = [];
  const models = keys.flatMap((key) => {
    const model = book.models[key];
    return model === undefined ? [] : [{ key, model }];
  });
  // Stated ids first: a canonical id never takes an id another model lists explicitly.
  for (const { key, model } of models)
    for (const id of model.match.exact) if (!exact.has(id)) exact.set(id, key);
  for (const { key, model } of models)
    if (!exact.has(model.model.toLowerCase())) exact.set(model.model.toLowerCase(), key);
  for (const { key, model } of models) {
    for (const prefix of model.match.prefixes) prefixes.push([prefix, key]);
    if (model.match.pattern !== undefined) patterns.push([new RegExp(model.match.pattern), key]);
  }
  prefixes.sort(([a], [b]) => b.length - a.length);
  return { exact, prefixes, patterns };
}

function lookUp(index: ModelIndex, id: string): string | null {
  const exact = index.exact.get(id);
  if (exact !== undefined) return exact;
  for (const [prefix, key] of index.prefixes) if (id.startsWith(prefix)) return key;
  for (const [pattern, key] of index.patterns) if (pattern.test(id)) return key;
  return null;
}
