import type { TokenCounts } from '../../model/usage-record.ts';

/**
 * How big a request's prompt is: prompt tokens per request (uncached input + cache reads + cache
 * writes, everything the model reads), in four classes. An aggregate record (several requests in one
 * row) is classed by its average. `unknown`: the source does not count requests, or counts none.
 *
 * | class  | prompt tokens per request |
 * | ------ | ------------------------- |
 * | small  | under 2,000               |
 * | medium | 2,000 to 15,999           |
 * | large  | 16,000 to 99,999          |
 * | xlarge | 100,000 and more          |
 */
export type SizeClass = 'small' | 'medium' | 'large' | 'xlarge' | 'unknown';

export const SIZE_CLASSES: readonly SizeClass[] = ['small', 'medium', 'large', 'xlarge', 'unknown'];

/** Lower bounds (inclusive) of the classes above `small`, prompt tokens per request. */
export const SIZE_CLASS_FLOORS = { medium: 2_000, large: 16_000, xlarge: 100_000 } as const;

/** Everything the model reads for one record: uncached input, cache reads and cache writes. */
export function promptTokensOf(counts: TokenCounts): number {
  return (
    counts.inputTokens +
    counts.cacheReadTokens +
    counts.cacheWrite5mTokens +
    counts.cacheWrite1hTokens +
    counts.cacheWriteTokens
  );
}

export function sizeClassOf(promptTokens: number, requests: number | null): SizeClass {
  if (requests === null || requests <= 0) return 'unknown';
  const perRequest = promptTokens / requests;
  if (perRequest >= SIZE_CLASS_FLOORS.xlarge) return 'xlarge';
  if (perRequest >= SIZE_CLASS_FLOORS.large) return 'large';
  if (perRequest >= SIZE_CLASS_FLOORS.medium) return 'medium';
  return 'small';
}
