import type { PriceBook } from './price-book.ts';
import { createModelResolver } from './create-model-resolver.ts';
import { suggestModelIds } from './suggest-model-ids.ts';

export type FoundModel =
  | { readonly kind: 'found'; readonly key: string }
  | { readonly kind: 'unknown'; readonly suggestions: readonly string[] };

/**
 * Finds the model a person names: a price-book key (`openai/gpt-4o`), else whatever a usage record with
 * this model string (and provider, if given) would be priced as (`gpt-4o-2024-08-06`,
 * `us.anthropic.claude-sonnet-4-5-20250929-v1:0`). Unknown ids come back with the nearest known keys.
 */
export function findModel(book: PriceBook, model: string, provider?: string): FoundModel {
  const wanted = model.trim().toLowerCase();
  const byKey = Object.keys(book.models).find(
    (key) =>
      key.toLowerCase() === wanted &&
      (provider === undefined || book.models[key]?.provider === provider.toLowerCase()),
  );
  if (byKey !== undefined) return { kind: 'found', key: byKey };
  const key = createModelResolver(book)(provider ?? '', model);
  if (key !== null && (provider === undefined || book.models[key]?.provider === provider.toLowerCase()))
    return { kind: 'found', key };
  return { kind: 'unknown', suggestions: suggestModelIds(book, model, provider) };
}
