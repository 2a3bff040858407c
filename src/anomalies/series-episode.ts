/** A run of one series' points that deviate on the same side of expected: one candidate finding. */
export interface SeriesEpisode {
  /** +1 above expected (spike, upward shift), −1 below (drop, downward shift). */
  readonly direction: 1 | -1;
  readonly startIndex: number;
  /** The last deviating point (inclusive). */
  readonly endIndex: number;
  /** Still deviating at the last bucket. */
  readonly isOngoing: boolean;
  /** A sustained new level still in place at the end (the baseline moved on to it). */
  readonly isLevelShift: boolean;
  /** The largest |deviation| in σ. */
  readonly peakSigmas: number;
  /** Expected value and σ of each point from start to end (USD; NaN where missing): the old normal. */
  readonly expectedUsd: readonly number[];
  readonly sigmaUsd: readonly number[];
}

/** One series after detection: the baseline per point and the episodes found. */
export interface SeriesDetection {
  /**
   * Expected value per bucket (USD) of the live baseline: NaN where not judged (missing data, too
   * little history). After a level shift it follows the new level; the episode keeps the old one.
   */
  readonly expected: readonly number[];
  readonly episodes: readonly SeriesEpisode[];
  /** The first judged bucket, or null when the history never became long enough. */
  readonly firstJudgedIndex: number | null;
}
