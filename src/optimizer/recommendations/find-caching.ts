import type { ReplayRow } from '../replay-row.ts';
import type { Workload, WorkloadDimension } from '../workloads/workload.ts';
import { evidenceConfidence, lowerConfidence } from './confidence.ts';
import { sameModel, scopeOf, type Proposal } from './proposal.ts';

/** The cache hit rate below which caching is not proposed (too little repetition to be worth the writes). */
export const MIN_HIT_RATE = 0.1;

/**
 * Prompt caching for workloads that read nothing from a cache yet, with prompts long enough to cache
 * (at least `minCacheableTokens` per request on average), on a provider where the user's other usage
 * shows repeated prompts: the hit rate that usage achieved (cache reads / prompt tokens of cached
 * requests, `hitRateByProvider`) is the rate replayed, at the 5-minute write price. Without such
 * evidence nothing is proposed. Confidence one level below the volume's (the rate is borrowed);
 * effort medium (prompts need a stable prefix, some APIs a cache marker).
 */
export function findCaching(
  workloads: readonly { readonly workload: Workload; readonly rows: readonly ReplayRow[] }[],
  hitRateByProvider: ReadonlyMap<string, number>,
  minCacheableTokens: number,
  dimension: WorkloadDimension,
): Proposal[] {
  return workloads.flatMap(({ workload, rows }) => {
    const rate = hitRateByProvider.get(workload.provider);
    const requests = workload.requests + workload.requestsUnknown;
    if (rate === undefined || rate < MIN_HIT_RATE || workload.cacheReadTokens > 0 || requests === 0)
      return [];
    if (workload.promptTokens / requests < minCacheableTokens) return [];
    const percent = `${Math.round(rate * 1000) / 10}%`;
    return [
      {
        change: {
          kind: 'enable-caching',
          scope: { workload: workload.id, dimension },
          parameters: { hitRate: rate.toFixed(4), ttl: '5m' },
        },
        title: `Cache prompts of ${scopeOf(workload)} on ${workload.model}`,
        rationale: `No cache reads yet; your cached ${workload.provider} usage reads ${percent} of its prompt tokens from cache, replayed here at that rate.`,
        confidence: lowerConfidence(
          evidenceConfidence(workload.requests, workload.lastMs - workload.firstMs),
        ),
        effort: 'medium',
        qualityImpact: sameModel('none: same model, same prompt'),
        rows,
        replay: {
          kind: 'scenario',
          scenario: {
            name: 'cache',
            operations: [
              { kind: 'cache', label: `cache at ${percent}`, hitRate: rate, ttl: '5m', when: null },
            ],
          },
        },
      },
    ];
  });
}
