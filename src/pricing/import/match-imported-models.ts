import type { PriceBook } from '../price-book.ts';
import { createModelResolver } from '../create-model-resolver.ts';
import type { ImportedModel } from './imported-model.ts';

/** Source models sorted against the price book, before any price is compared. */
export interface MatchedImport {
  /** Models the book has, each with the one source entry that speaks for it. */
  readonly existing: readonly { readonly key: string; readonly imported: ImportedModel }[];
  /** Models new to the book, keyed `provider/model`. */
  readonly added: readonly { readonly key: string; readonly imported: ImportedModel }[];
  /** Source entries left aside because another entry for the same model speaks for it (snapshots, routes). */
  readonly aliases: readonly { readonly sourceKey: string; readonly key: string }[];
  /** Book models that several source entries name with different prices: not updated. */
  readonly ambiguous: readonly { readonly key: string; readonly sourceKeys: readonly string[] }[];
}

/**
 * Finds the book entry each source model is. Only within the same provider (Azure's gpt-4o is not
 * OpenAI's), by rank: (1) the same id, canonical or one the entry lists exactly; (2) otherwise what a
 * usage record with that id would be priced as (create-model-resolver.ts: date suffixes, Bedrock
 * decoration, prefixes). A model's source entries of the best rank must agree on every stated price, or
 * the model is ambiguous and left alone; weaker entries are aliases. Unmatched entries are new models.
 */
export function matchImportedModels(book: PriceBook, imported: readonly ImportedModel[]): MatchedImport {
  const resolve = createModelResolver(book);
  const exactIds = new Map<string, string>();
  for (const [key, entry] of Object.entries(book.models)) {
    for (const id of [entry.model.toLowerCase(), ...entry.match.exact]) {
      const scoped = `${entry.provider}\0${id}`;
      if (!exactIds.has(scoped)) exactIds.set(scoped, key);
    }
  }
  const candidates = new Map<string, { rank: number; imported: ImportedModel }[]>();
  const additions = new Map<string, ImportedModel[]>();
  for (const model of imported) {
    const exact = exactIds.get(`${model.provider}\0${model.model.toLowerCase()}`);
    const resolved = exact ?? resolve(model.provider, model.model);
    const key = resolved !== null && book.models[resolved]?.provider === model.provider ? resolved : null;
    if (key === null) {
      const newKey = `${model.provider}/${model.model}`;
      additions.set(newKey, [...(additions.get(newKey) ?? []), model]);
    } else {
      candidates.set(key, [
        ...(candidates.get(key) ?? []),
        { rank: exact === undefined ? 2 : 1, imported: model },
      ]);
    }
  }
  const existing: { key: string; imported: ImportedModel }[] = [];
  const added: { key: string; imported: ImportedModel }[] = [];
  const aliases: { sourceKey: string; key: string }[] = [];
  const ambiguous: { key: string; sourceKeys: string[] }[] = [];
  const settle = (
    key: string,
    best: readonly ImportedModel[],
    rest: readonly ImportedModel[],
    into: { key: string; imported: ImportedModel }[],
  ): void => {
    const [first] = best;
    if (first === undefined) return;
    if (best.some((model) => statedPricesText(model) !== statedPricesText(first))) {
      ambiguous.push({ key, sourceKeys: best.map((model) => model.sourceKey) });
      return;
    }
    into.push({ key, imported: first });
    for (const model of [...best.slice(1), ...rest]) aliases.push({ sourceKey: model.sourceKey, key });
  };
  for (const [key, list] of candidates) {
    const bestRank = Math.min(...list.map((c) => c.rank));
    settle(
      key,
      list.filter((c) => c.rank === bestRank).map((c) => c.imported),
      list.filter((c) => c.rank !== bestRank).map((c) => c.imported),
      existing,
    );
  }
  for (const [key, list] of additions) settle(key, list, [], added);
  return { existing, added, aliases, ambiguous };
}

/** A model's stated prices as comparable text, independent of the source's key order. */
function statedPricesText(model: ImportedModel): string {
  const sorted = (prices: object): [string, unknown][] =>
    Object.entries(prices).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([
    sorted(model.prices),
    model.tiers.map((tier) => [tier.aboveInputTokens, sorted(tier.prices)]),
    (model.timeOfDay ?? []).map((window) => [window.fromUtc, window.toUtc, sorted(window.prices)]),
  ]);
}
