import type { ModelEntry, ProviderEntry } from '../price-book.ts';
import { bestLitellmMatches } from './match-litellm-entries.ts';
import { orderModelEntry } from './order-model-entry.ts';

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
 * Sets `maxOutputTokens` on the book's models from LiteLLM's entries, matched by bestLitellmMatches
 * (as `pricing import` matches). Of a model's entries the best-ranked must agree, or the model is left
 * without a maximum (ambiguous).
 */
export function attachMaxOutputTokens(
  models: Readonly<Record<string, ModelEntry>>,
  providers: Readonly<Record<string, ProviderEntry>>,
  entries: readonly MaxOutputEntry[],
): AttachedMaxOutput {
  const matches = bestLitellmMatches(models, providers, entries);
  const result: Record<string, ModelEntry> = {};
  const ambiguous: string[] = [];
  let attached = 0;
  for (const [key, entry] of Object.entries(models)) {
    const values = new Set((matches.get(key) ?? []).map(([, , maxOutputTokens]) => maxOutputTokens));
    const [only] = values;
    if (values.size > 1) ambiguous.push(key);
    if (values.size !== 1 || only === undefined) {
      result[key] = entry;
      continue;
    }
    attached += 1;
    result[key] = orderModelEntry({ ...entry, maxOutputTokens: only });
  }
  return { models: result, attached, ambiguous };
}
