import { localParts } from '../../model/zoned-time.ts';
import type { ReplayRow } from '../replay-row.ts';
import type { Workload, WorkloadDimension } from '../workloads/workload.ts';
import { evidenceConfidence, lowerConfidence } from './confidence.ts';
import { sameModel, scopeOf, type Proposal } from './proposal.ts';

/** Local hours counted as off hours: 22:00 to 06:00 (no one waits at a screen for most of them). */
export const OFF_HOURS = { from: 22, to: 6 } as const;
/** Share of a workload's requests that must fall in off hours for it to look like scheduled work. */
export const MIN_OFF_HOURS_SHARE = 0.5;
/** Requests in off hours needed before proposing anything. */
export const MIN_OFF_HOURS_REQUESTS = 10;

/**
 * Batch API for work that looks scheduled: workloads, not batch yet, on a provider the price book has a
 * batch discount for, with at least half their requests (and at least 10) sent between 22:00 and 06:00
 * in `timeZone`. Only those off-hours requests are replayed at batch prices. Whether they can wait up
 * to 24 hours is not in the data, so confidence is one level below the volume's; effort hard (a new
 * submit-and-collect pipeline).
 */
export function findBatchable(
  workloads: readonly { readonly workload: Workload; readonly rows: readonly ReplayRow[] }[],
  hasBatchPrice: (provider: string, model: string) => boolean,
  timeZone: string,
  dimension: WorkloadDimension,
): Proposal[] {
  return workloads.flatMap(({ workload, rows }) => {
    if (!hasBatchPrice(workload.provider, workload.model)) return [];
    const open = rows.filter((row) => !row.isBatch);
    const night = open.filter((row) => isOffHours(row.occurredAtMs, timeZone));
    const count = (list: readonly ReplayRow[]): number =>
      list.reduce((sum, row) => sum + (row.requests ?? 0), 0);
    const nightRequests = count(night);
    const allRequests = count(open);
    if (allRequests === 0 || nightRequests < MIN_OFF_HOURS_REQUESTS) return [];
    if (nightRequests / allRequests < MIN_OFF_HOURS_SHARE) return [];
    const share = `${Math.round((nightRequests / allRequests) * 1000) / 10}%`;
    return [
      {
        change: {
          kind: 'move-to-batch',
          scope: { workload: workload.id, dimension },
          parameters: { hours: `${OFF_HOURS.from}-${OFF_HOURS.to}`, timeZone },
        },
        title: `Batch the night-time requests of ${scopeOf(workload)} on ${workload.model}`,
        rationale: `${share} of its requests (${nightRequests}) are sent between ${OFF_HOURS.from}:00 and 0${OFF_HOURS.to}:00 (${timeZone}): scheduled work that can usually wait for batch results.`,
        confidence: lowerConfidence(
          evidenceConfidence(workload.requests, workload.lastMs - workload.firstMs),
        ),
        effort: 'hard',
        qualityImpact: sameModel('none: same model; answers arrive within the batch window (24 h)'),
        rows: night,
        replay: {
          kind: 'scenario',
          scenario: {
            name: 'batch',
            operations: [
              { kind: 'batch', label: 'batch', share: { numerator: 1, denominator: 1 }, when: null },
            ],
          },
        },
      },
    ];
  });
}

export function isOffHours(atMs: number, timeZone: string): boolean {
  const { hour } = localParts(atMs, timeZone);
  return hour >= OFF_HOURS.from || hour < OFF_HOURS.to;
}
