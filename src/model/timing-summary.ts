/** The median and 95th percentile of some requests' durations (whole ms). */
export interface DurationSummary {
  /** Requests whose source states this duration. */
  readonly requests: number;
  readonly medianMs: number;
  readonly p95Ms: number;
}

/** Observed total latency and time to first token of some requests; null where none states it. */
export interface TimingSummary {
  readonly latency: DurationSummary | null;
  readonly timeToFirstToken: DurationSummary | null;
}
