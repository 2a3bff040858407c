import type { ModelEntry } from '../price-book.ts';

/**
 * The entry with its fields in the book's order: provider, model, name, contextWindow,
 * maxOutputTokens, deprecationDate, deprecated, match, periods (absent optional fields left out), so a
 * regenerated pricing.json diffs readably whichever step added a field.
 */
export function orderModelEntry(entry: ModelEntry): ModelEntry {
  const { provider, model, name, contextWindow, maxOutputTokens, deprecationDate, deprecated, match } = entry;
  return {
    provider,
    model,
    name,
    ...(contextWindow === undefined ? {} : { contextWindow }),
    ...(maxOutputTokens === undefined ? {} : { maxOutputTokens }),
    ...(deprecationDate === undefined ? {} : { deprecationDate }),
    ...(deprecated === undefined ? {} : { deprecated }),
    match,
    periods: entry.periods,
  };
}
