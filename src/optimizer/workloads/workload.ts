import type { TokenCounts } from '../../model/usage-record.ts';
import type { ReplayRow } from '../replay-row.ts';
import type { SizeClass } from './size-class.ts';

/** What groups requests into workloads besides size and model: a project, or the value of one tag. */
export type WorkloadDimension = 'project' | `tag:${string}`;

/** The fields of a replay row (one stored record, or records summed alike) that workloads are built from. */
export type WorkloadRecord = TokenCounts &
  Pick<ReplayRow, 'provider' | 'model' | 'project' | 'tags' | 'requests' | 'records' | 'occurredAtMs'>;

/**
 * A workload: requests of one group value (project or tag; null when not set), one prompt size class,
 * sent to one model of one provider. It is the unit the optimizer picks a model for: swapping its model
 * is one well-defined change.
 */
export interface WorkloadKey {
  readonly group: string | null;
  readonly sizeClass: SizeClass;
  readonly provider: string;
  readonly model: string;
}

export interface Workload extends WorkloadKey {
  /** Stable text key: `group|sizeClass|provider|model` (group `-` when not set). */
  readonly id: string;
  /** Stored records. */
  readonly records: number;
  /** Known request count; `requestsUnknown` counts records without one. */
  readonly requests: number;
  readonly requestsUnknown: number;
  readonly promptTokens: number;
  readonly outputTokens: number;
  readonly cacheReadTokens: number;
  readonly firstMs: number;
  readonly lastMs: number;
}

export function workloadId(key: WorkloadKey): string {
  return `${key.group ?? '-'}|${key.sizeClass}|${key.provider}|${key.model}`;
}

/** The value of the grouping dimension on a record. */
export function groupValueOf(record: WorkloadRecord, dimension: WorkloadDimension): string | null {
  return dimension === 'project' ? record.project : (record.tags[dimension.slice(4)] ?? null);
}
