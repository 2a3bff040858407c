import type { ModelEntry, PriceBook, PriceSet } from './price-book.ts';
import { compareText } from './build/match-logic-to-rules.ts';
import { periodInEffect } from './period-in-effect.ts';

/** One row of `pricing list`: a model and the prices in effect at the list's date. */
export interface ModelListRow {
  /** Price-book key, `provider/model`. */
  readonly key: string;
  readonly entry: ModelEntry;
  /** Null when the model's first period starts after the date. */
  readonly prices: PriceSet | null;
  readonly periodCount: number;
  readonly hasLongContextTiers: boolean;
}

export interface ModelListFilter {
  /** Only this provider id (exact, case-insensitive). */
  readonly provider?: string;
  /** Case-insensitive substring of the key, the name or any exact id or prefix the model matches. */
  readonly search?: string;
  /** Instant (epoch ms) the prices are taken at. */
  readonly atMs: number;
}

/** The price book's models as list rows, filtered, sorted by provider then model id (code-unit order). */
export function listModels(book: PriceBook, filter: ModelListFilter): ModelListRow[] {
  const provider = filter.provider?.toLowerCase();
  const search = filter.search?.toLowerCase();
  const rows: ModelListRow[] = [];
  for (const [key, entry] of Object.entries(book.models)) {
    if (provider !== undefined && entry.provider.toLowerCase() !== provider) continue;
    if (search !== undefined && !searchableTexts(key, entry).some((text) => text.includes(search))) continue;
    rows.push({
      key,
      entry,
      prices: periodInEffect(entry.periods, filter.atMs)?.prices ?? null,
      periodCount: entry.periods.length,
      hasLongContextTiers: entry.periods.some((period) => (period.tiers ?? []).length > 0),
    });
  }
  return rows.sort(
    (a, b) => compareText(a.entry.provider, b.entry.provider) || compareText(a.entry.model, b.entry.model),
  );
}

function searchableTexts(key: string, entry: ModelEntry): string[] {
  return [key, entry.name, ...entry.match.exact, ...entry.match.prefixes].map((text) => text.toLowerCase());
}
