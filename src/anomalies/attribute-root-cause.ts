import type { RootCauseEntry } from './anomaly-finding.ts';
import type { CostSeries } from './build-cost-series.ts';
import type { SeriesDetection, SeriesEpisode } from './series-episode.ts';

/** A series together with its baseline. */
export interface DetectedSeries {
  readonly series: CostSeries;
  readonly detection: SeriesDetection;
}

/** Entries below this share of their dimension's deviation are left out; at most this many per dimension. */
const MIN_SHARE = 0.05;
const MAX_PER_DIMENSION = 3;

/**
 * actual − expected of one series summed over buckets [from, to], against its live baseline (no
 * baseline yet counts as 0 expected: a slice that just appeared deviates by all it spends).
 */
export function deviationUsd(detected: DetectedSeries, fromIndex: number, toIndex: number): number {
  let deviation = 0;
  for (let index = fromIndex; index <= toIndex; index++) {
    const actual = detected.series.valuesUsd[index] ?? Number.NaN;
    if (Number.isNaN(actual)) continue;
    const expected = detected.detection.expected[index] ?? Number.NaN;
    deviation += actual - (Number.isNaN(expected) ? 0 : expected);
  }
  return deviation;
}

/** actual − expected over an episode, against the baseline it was judged by (the old level for shifts). */
export function episodeDeviationUsd(values: readonly number[], episode: SeriesEpisode): number {
  let deviation = 0;
  episode.expectedUsd.forEach((expected, offset) => {
    const actual = values[episode.startIndex + offset] ?? Number.NaN;
    if (!Number.isNaN(actual) && !Number.isNaN(expected)) deviation += actual - expected;
  });
  return deviation;
}

/**
 * The root cause of a deviation over buckets [from, to]: for every dimension (and token class), each
 * value's own actual − expected in dollars, from its own baseline. Values moving the same way as the
 * finding come first, largest first; each carries its share of its dimension's movement that way.
 */
export function attributeRootCause(
  singleFilterSeries: readonly DetectedSeries[],
  fromIndex: number,
  toIndex: number,
  direction: 1 | -1,
): RootCauseEntry[] {
  const byDimension = new Map<string, { value: string | null; impactUsd: number }[]>();
  for (const detected of singleFilterSeries) {
    const [filter] = detected.series.filters;
    if (filter === undefined) continue;
    const list = byDimension.get(filter.dimension) ?? [];
    list.push({ value: filter.value, impactUsd: deviationUsd(detected, fromIndex, toIndex) });
    byDimension.set(filter.dimension, list);
  }
  const entries: RootCauseEntry[] = [];
  for (const [dimension, list] of byDimension) {
    const sameWay = list.filter((entry) => direction * entry.impactUsd > 0);
    const total = sameWay.reduce((sum, entry) => sum + direction * entry.impactUsd, 0);
    sameWay
      .map((entry) => ({ dimension, ...entry, share: (direction * entry.impactUsd) / total }))
      .filter((entry) => entry.share >= MIN_SHARE)
      .sort((a, b) => b.share - a.share || compareValues(a.value, b.value))
      .slice(0, MAX_PER_DIMENSION)
      .forEach((entry) => entries.push(entry));
  }
  return entries.sort(
    (a, b) =>
      direction * b.impactUsd - direction * a.impactUsd ||
      (a.dimension < b.dimension ? -1 : a.dimension > b.dimension ? 1 : compareValues(a.value, b.value)),
  );
}

function compareValues(a: string | null, b: string | null): number {
  return (a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0;
}
