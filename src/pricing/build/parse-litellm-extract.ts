import { isCalendarDate } from '../../model/calendar-date.ts';

/**
 * One model of `litellm-extract.json` (extract-litellm.ts): [litellm_provider, LiteLLM key, max output
 * tokens or null, deprecation date `YYYY-MM-DD` or null].
 */
export type LitellmExtractEntry = readonly [string, string, number | null, string | null];

/** The extract's entries, each checked; throws naming the file and the entry otherwise. */
export function parseLitellmExtract(json: unknown, path: string): LitellmExtractEntry[] {
  const entries =
    typeof json === 'object' && json !== null ? (json as { entries?: unknown }).entries : undefined;
  if (!Array.isArray(entries)) throw new Error(`${path}: expected an "entries" array`);
  return entries.map((entry: unknown, index) => {
    if (
      !Array.isArray(entry) ||
      entry.length !== 4 ||
      typeof entry[0] !== 'string' ||
      typeof entry[1] !== 'string' ||
      !(entry[2] === null || (Number.isSafeInteger(entry[2]) && (entry[2] as number) > 0)) ||
      !(entry[3] === null || (typeof entry[3] === 'string' && isCalendarDate(entry[3])))
    )
      throw new Error(
        `${path}: entries[${index}]: expected [provider, key, max output tokens or null, YYYY-MM-DD or null]`,
      );
    return [entry[0], entry[1], entry[2] as number | null, entry[3] as string | null] as const;
  });
}
