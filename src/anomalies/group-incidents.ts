import type { DetectedSeries } from './attribute-root-cause.ts';
import type { SeriesEpisode } from './series-episode.ts';

/** An episode of one series with its deviation in dollars. */
export interface Candidate {
  readonly detected: DetectedSeries;
  readonly episode: SeriesEpisode;
  readonly impactUsd: number;
  readonly expectedUsd: number;
}

/** A series must move at least this share of the largest member's dollars to represent the incident. */
const REPRESENTATIVE_SHARE = 0.7;

/**
 * Groups episodes of different series that are one incident (same direction, overlapping buckets) and
 * picks the series to report it on: the most specific one (value × token class, then a value or a
 * class, then the total) that carries at least 70 % of the largest member's dollars, so a cache-write
 * surge in one model is reported as that, not as "total spend up" plus four echoes.
 */
export function groupIncidents(
  candidates: readonly Candidate[],
): { representative: Candidate; members: Candidate[] }[] {
  const parent = candidates.map((_, index) => index);
  const find = (index: number): number => {
    let root = index;
    while (parent[root] !== root) root = parent[root] ?? root;
    parent[index] = root;
    return root;
  };
  for (let a = 0; a < candidates.length; a++) {
    for (let b = a + 1; b < candidates.length; b++) {
      const first = candidates[a];
      const second = candidates[b];
      if (first === undefined || second === undefined) continue;
      const overlaps =
        first.episode.direction === second.episode.direction &&
        first.episode.startIndex <= second.episode.endIndex &&
        second.episode.startIndex <= first.episode.endIndex;
      if (overlaps) parent[find(a)] = find(b);
    }
  }
  const groups = new Map<number, Candidate[]>();
  candidates.forEach((candidate, index) => {
    const root = find(index);
    const list = groups.get(root) ?? [];
    list.push(candidate);
    groups.set(root, list);
  });
  return [...groups.values()].flatMap((members) => {
    const largest = Math.max(...members.map((member) => Math.abs(member.impactUsd)));
    const ordered = [...members].sort(
      (a, b) =>
        b.detected.series.filters.length - a.detected.series.filters.length ||
        Math.abs(b.impactUsd) - Math.abs(a.impactUsd) ||
        (a.detected.series.key < b.detected.series.key ? -1 : 1),
    );
    const representative = ordered.find(
      (member) => Math.abs(member.impactUsd) >= REPRESENTATIVE_SHARE * largest,
    );
    return representative === undefined ? [] : [{ representative, members: ordered }];
  });
}
