import type { SeriesFilter } from './build-cost-series.ts';

/** What kind of incident: a short rise, a short fall (or a busy series going to zero), a new level. */
export type AnomalyKind = 'spike' | 'drop' | 'level_shift';

/** One dimension value's share of a finding's deviation (USD; positive = more spend than expected). */
export interface RootCauseEntry {
  readonly dimension: string;
  readonly value: string | null;
  readonly impactUsd: number;
  /** impactUsd ÷ the sum of the same-signed deviations of that dimension's values (0 … 1). */
  readonly share: number;
}

/** One incident: found in one or more series, reported once, on the most specific series that explains it. */
export interface AnomalyFinding {
  /** Stable across runs: a hash of series, kind and start (what `anomalies ack` takes). */
  readonly id: string;
  readonly seriesKey: string;
  readonly filters: readonly SeriesFilter[];
  readonly kind: AnomalyKind;
  readonly direction: 1 | -1;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly startMs: number;
  /** Exclusive end of the last anomalous bucket, or null when the anomaly is still going on. */
  readonly endMs: number | null;
  /** Sums over the finding's buckets, USD. The band is expected ± threshold σ, summed. */
  readonly expectedUsd: number;
  readonly bandLowerUsd: number;
  readonly bandUpperUsd: number;
  readonly actualUsd: number;
  /** actual − expected over the finding, USD. */
  readonly impactUsd: number;
  /** The largest deviation of one bucket, in σ (statistical significance, not money). */
  readonly peakSigmas: number;
  /** impactUsd ÷ the deviation of the total spend over the same buckets (how much of it this explains). */
  readonly shareOfTotalDeviation: number | null;
  readonly rootCause: readonly RootCauseEntry[];
  /** Every series the incident showed in (this one included), most specific first. */
  readonly seriesKeys: readonly string[];
  /** The series around the finding for a chart: buckets from `chartFromIndex`, USD. */
  readonly chartFromIndex: number;
  readonly chartActualUsd: readonly number[];
  readonly chartExpectedUsd: readonly number[];
}
