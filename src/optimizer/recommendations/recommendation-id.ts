import { shortHash } from '../../model/short-hash.ts';
import type { RecommendationChange } from './recommendation.ts';

/** What a recommendation id looks like: `rec-` and 8 hex digits. */
export const RECOMMENDATION_ID_PATTERN = /^rec-[0-9a-f]{8}$/;

/**
 * A stable id for a change: `rec-` + 8 hex digits of a 53-bit hash (cyrb53) of its kind, scope and
 * parameters in key order. The same change on the same usage gets the same id on every run, so
 * `recommend accept <id>` names what `recommend` printed; the saving estimate is not part of it.
 */
export function recommendationId(change: RecommendationChange): string {
  const text = [
    change.kind,
    ...Object.entries(change.scope)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([key, value]) => `${key}=${value}`),
    '>',
    ...Object.entries(change.parameters)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([key, value]) => `${key}=${value}`),
  ].join('|');
  return `rec-${shortHash(text, 8)}`;
}
