import { editDistance } from '../model/edit-distance.ts';

/**
 * The known key a mistyped one most likely meant, for "did you mean" hints: the same key spelled in
 * another case style (`cacheReadTokens`, `Output-Tokens`), else the nearest within two edits
 * (`output_token`). Null when nothing is close. Runs on the error path only.
 */
export function suggestKey(unknownKey: string, knownKeys: readonly string[]): string | null {
  const squashed = squash(unknownKey);
  const sameWord = knownKeys.find((key) => squash(key) === squashed);
  if (sameWord !== undefined) return sameWord;
  let best: string | null = null;
  let bestDistance = 3;
  for (const key of knownKeys) {
    const distance = editDistance(unknownKey.toLowerCase(), key);
    if (distance < bestDistance) {
      best = key;
      bestDistance = distance;
    }
  }
  return best;
}

function squash(key: string): string {
  return key.toLowerCase().replace(/[-_\s]/g, '');
}
