import type { PriceBook } from './price-book.ts';
import { compareText } from './build/match-logic-to-rules.ts';
import { modelIdCandidates } from './model-id-candidates.ts';
import { editDistance } from '../model/edit-distance.ts';

const MAX_SUGGESTIONS = 5;

/**
 * The price-book keys nearest to a model string nothing matched, for "did you mean" hints: by edit
 * distance between any form of the string (as written, without route prefixes, Bedrock decoration or
 * date) and a model's canonical id, key or exact ids. Only ids within about a third of their length in
 * edits are offered; nearest first, ties to the shorter key (first-party `openai/gpt-4o` before a
 * gateway's copy), then key order. Runs on the error path only.
 */
export function suggestModelIds(book: PriceBook, modelId: string, provider?: string): string[] {
  const queries = modelIdCandidates(modelId).ids;
  const wanted = provider?.toLowerCase();
  const scored: { key: string; distance: number }[] = [];
  for (const [key, entry] of Object.entries(book.models)) {
    if (wanted !== undefined && entry.provider !== wanted) continue;
    const names = [key, entry.model.toLowerCase(), ...entry.match.exact];
    let distance = Infinity;
    for (const query of queries) {
      const limit = Math.max(2, Math.floor(query.length / 3));
      for (const name of names) {
        const d = editDistance(query, name);
        if (d <= limit && d < distance) distance = d;
      }
    }
    if (distance !== Infinity) scored.push({ key, distance });
  }
  return scored
    .sort((a, b) => a.distance - b.distance || a.key.length - b.key.length || compareText(a.key, b.key))
    .slice(0, MAX_SUGGESTIONS)
    .map(({ key }) => key);
}
