import type { Confidence } from './recommendation.ts';

const DAY_MS = 86_400_000;

/**
 * How much the usage behind an estimate supports it: `high` with at least 1,000 requests over at
 * least 14 days, `medium` with at least 100 requests over at least 3 days, else `low`.
 */
export function evidenceConfidence(requests: number, spanMs: number): Confidence {
  const days = spanMs / DAY_MS;
  if (requests >= 1_000 && days >= 14) return 'high';
  if (requests >= 100 && days >= 3) return 'medium';
  return 'low';
}

/** One level lower (an estimate resting on an assumption as well as on the usage). */
export function lowerConfidence(confidence: Confidence): Confidence {
  return confidence === 'high' ? 'medium' : 'low';
}
