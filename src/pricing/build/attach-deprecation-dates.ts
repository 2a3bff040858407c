import type { ModelEntry, ProviderEntry } from '../price-book.ts';
import { bestLitellmMatches } from './match-litellm-entries.ts';
import { orderModelEntry } from './order-model-entry.ts';

/**
 * One LiteLLM model entry's `deprecation_date`: [litellm_provider, LiteLLM key, `YYYY-MM-DD` or null].
 * Entries without a date count too: they are ids the model is still offered under.
 */
export type DeprecationEntry = readonly [string, string, string | null];

export interface AttachedDeprecationDates {
  readonly models: Readonly<Record<string, ModelEntry>>;
  /** Book models that got a deprecation date. */
  readonly attached: number;
  /** Book models with a dated best-matching entry left without a date: another such entry has none. */
  readonly stillOffered: readonly string[];
  /** Book models whose best-matching entries give different dates: the latest was taken. */
  readonly disagreeing: readonly string[];
}

/**
 * Sets `deprecationDate` on the book's models from LiteLLM's entries, matched by bestLitellmMatches
 * (as the maximum output is). A book model often stands for several provider ids (an alias and its
 * dated snapshots, a preview priced like the release): it is retired only once every id it stands
 * for is, so it gets a date only when all its best-matching entries have one, and then the latest.
 * One retiring snapshot (`gpt-4-0613`) or preview (`gemini-2.5-flash-lite-preview-06-17`) does not
 * retire the model (`openai/gpt-4`, `google/gemini-2.5-flash-lite`) while LiteLLM lists an id of it
 * without a date.
 */
export function attachDeprecationDates(
  models: Readonly<Record<string, ModelEntry>>,
  providers: Readonly<Record<string, ProviderEntry>>,
  entries: readonly DeprecationEntry[],
): AttachedDeprecationDates {
  const matches = bestLitellmMatches(models, providers, entries);
  const result: Record<string, ModelEntry> = {};
  const stillOffered: string[] = [];
  const disagreeing: string[] = [];
  let attached = 0;
  for (const [key, entry] of Object.entries(models)) {
    const dates = (matches.get(key) ?? []).map(([, , date]) => date);
    const known = dates.filter((date) => date !== null);
    if (known.length === 0 || known.length < dates.length) {
      if (known.length > 0) stillOffered.push(key);
      result[key] = entry;
      continue;
    }
    // ISO dates compare as text.
    const latest = known.reduce((a, b) => (b > a ? b : a));
    if (new Set(known).size > 1) disagreeing.push(key);
    attached += 1;
    result[key] = orderModelEntry({ ...entry, deprecationDate: latest });
  }
  return { models: result, attached, stillOffered, disagreeing };
}
