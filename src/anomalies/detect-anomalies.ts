import type { AnomalyFinding, AnomalyKind } from './anomaly-finding.ts';
import {
  attributeRootCause,
  deviationUsd,
  episodeDeviationUsd,
  type DetectedSeries,
} from './attribute-root-cause.ts';
import { buildCostSeries } from './build-cost-series.ts';
import type { CostCube } from './cost-cube.ts';
import { detectRobustEpisodes } from './detect-robust-episodes.ts';
import { detectZscoreEpisodes } from './detect-zscore-episodes.ts';
import {
  historyRequirements,
  ROBUST_THRESHOLDS,
  ZSCORE_SIGMAS,
  type DetectionMethod,
  type HistoryRequirements,
  type Sensitivity,
} from './detection-settings.ts';
import { findingId } from './finding-id.ts';
import { groupIncidents, type Candidate } from './group-incidents.ts';
import type { SeriesEpisode } from './series-episode.ts';

export interface AnomalyOptions {
  readonly method: DetectionMethod;
  readonly sensitivity: Sensitivity;
  /** Findings moving fewer dollars than this are not reported (significance is a separate test). */
  readonly minImpactUsd: number;
  /** Only findings reaching into buckets from this index on are reported (the `--since` window). */
  readonly reportFromIndex: number;
  readonly acknowledgedIds: ReadonlySet<string>;
}

export interface AnomalyResult {
  /** Unacknowledged findings of at least the minimum impact, largest impact first. */
  readonly findings: readonly AnomalyFinding[];
  /** Findings hidden because they were acknowledged. */
  readonly acknowledged: readonly AnomalyFinding[];
  /** Significant findings left out for moving fewer dollars than the minimum impact. */
  readonly belowMinImpact: readonly AnomalyFinding[];
  /** How many series were examined. */
  readonly seriesCount: number;
  /** The first bucket of total spend that could be judged (null: never enough history). */
  readonly firstJudgedIndex: number | null;
  readonly requirements: HistoryRequirements;
}

/** Below this, a falling series counts as gone to zero: a drop however long it lasts. */
const GONE_TO_ZERO_SHARE = 0.1;
/** Buckets of context shown before a finding in its chart. */
const CHART_CONTEXT = 60;

/**
 * Finds cost anomalies in a cube of spend: builds the series (total, each dimension value, each token
 * class, value × class), runs the chosen detector on each, groups the episodes that are one incident,
 * reports each incident once on its most specific series with its root cause in dollars, and sets
 * aside the acknowledged ones and those below the minimum impact.
 */
export function detectAnomalies(cube: CostCube, options: AnomalyOptions): AnomalyResult {
  const { calendar } = cube;
  const requirements = historyRequirements(calendar.unit, calendar.cycleLength);
  const bucketCount = calendar.startsMs.length;
  const detected: DetectedSeries[] = buildCostSeries(cube).map((series) => ({
    series,
    detection:
      options.method === 'robust'
        ? detectRobustEpisodes(
            series.valuesUsd,
            calendar,
            requirements,
            ROBUST_THRESHOLDS[options.sensitivity],
          )
        : detectZscoreEpisodes(series.valuesUsd, requirements),
  }));
  const total = detected.find((entry) => entry.series.filters.length === 0);
  const singleFilter = detected.filter((entry) => entry.series.filters.length === 1);
  const minRelativeChange =
    options.method === 'robust' ? ROBUST_THRESHOLDS[options.sensitivity].minRelativeChange : 0;
  const candidates: Candidate[] = detected.flatMap((entry) =>
    entry.detection.episodes
      .filter((episode) => isInReportWindow(episode, options.reportFromIndex))
      .map((episode) => ({
        detected: entry,
        episode,
        impactUsd: episodeDeviationUsd(entry.series.valuesUsd, episode),
        expectedUsd: episodeExpectedUsd(episode),
      }))
      .filter(
        (candidate) =>
          !(candidate.expectedUsd > 0) ||
          Math.abs(candidate.impactUsd) >= minRelativeChange * candidate.expectedUsd,
      ),
  );
  const bandSigmas =
    options.method === 'robust' ? ROBUST_THRESHOLDS[options.sensitivity].spikeSigmas : ZSCORE_SIGMAS;
  const all = groupIncidents(candidates).map(({ representative, members }) => {
    const { episode, detected: entry } = representative;
    const { startIndex, endIndex, direction } = episode;
    let expectedUsd = 0;
    let actualUsd = 0;
    let bandLowerUsd = 0;
    let bandUpperUsd = 0;
    for (let index = startIndex; index <= endIndex; index++) {
      const actual = entry.series.valuesUsd[index] ?? Number.NaN;
      const expected = episode.expectedUsd[index - startIndex] ?? Number.NaN;
      if (Number.isNaN(actual) || Number.isNaN(expected)) continue;
      const band = bandSigmas * (episode.sigmaUsd[index - startIndex] ?? 0);
      actualUsd += actual;
      expectedUsd += expected;
      bandLowerUsd += Math.max(0, expected - band);
      bandUpperUsd += expected + band;
    }
    const kind = classify(episode, actualUsd, expectedUsd, requirements);
    // A level shift is attributed over the buckets that established it: after them every slice's
    // baseline has moved on to the new level.
    const causeEndIndex = episode.isLevelShift
      ? Math.min(endIndex, startIndex + requirements.shiftMinLength - 1)
      : endIndex;
    const startMs = calendar.startsMs[startIndex] ?? 0;
    const totalDeviation = total === undefined ? 0 : deviationUsd(total, startIndex, causeEndIndex);
    const causeImpact = episodeDeviationUsd(entry.series.valuesUsd, {
      ...episode,
      expectedUsd: episode.expectedUsd.slice(0, causeEndIndex - startIndex + 1),
    });
    const chartFromIndex = Math.max(0, startIndex - CHART_CONTEXT);
    const chartToIndex = Math.min(bucketCount - 1, endIndex + Math.ceil(CHART_CONTEXT / 4));
    const finding: AnomalyFinding = {
      id: findingId(entry.series.key, kind, startMs),
      seriesKey: entry.series.key,
      filters: entry.series.filters,
      kind,
      direction,
      startIndex,
      endIndex,
      startMs,
      endMs: episode.isOngoing ? null : (calendar.startsMs[endIndex + 1] ?? calendar.endMs),
      expectedUsd,
      bandLowerUsd,
      bandUpperUsd,
      actualUsd,
      impactUsd: actualUsd - expectedUsd,
      peakSigmas: episode.peakSigmas,
      shareOfTotalDeviation:
        totalDeviation !== 0 && Math.sign(totalDeviation) === direction ? causeImpact / totalDeviation : null,
      rootCause: attributeRootCause(singleFilter, startIndex, causeEndIndex, direction),
      seriesKeys: members.map((member) => member.detected.series.key).filter(unique),
      chartFromIndex,
      chartActualUsd: entry.series.valuesUsd.slice(chartFromIndex, chartToIndex + 1),
      chartExpectedUsd: entry.detection.expected
        .slice(chartFromIndex, chartToIndex + 1)
        .map((expected, offset) => episode.expectedUsd[chartFromIndex + offset - startIndex] ?? expected),
    };
    return finding;
  });
  const byImpact = (a: AnomalyFinding, b: AnomalyFinding): number =>
    Math.abs(b.impactUsd) - Math.abs(a.impactUsd) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const acknowledged = all.filter((finding) => options.acknowledgedIds.has(finding.id));
  const open = all.filter((finding) => !options.acknowledgedIds.has(finding.id));
  return {
    findings: open.filter((finding) => Math.abs(finding.impactUsd) >= options.minImpactUsd).sort(byImpact),
    acknowledged: acknowledged.sort(byImpact),
    belowMinImpact: open
      .filter((finding) => Math.abs(finding.impactUsd) < options.minImpactUsd)
      .sort(byImpact),
    seriesCount: detected.length,
    firstJudgedIndex: total?.detection.firstJudgedIndex ?? null,
    requirements,
  };
}

/**
 * A finding belongs to the report window if it starts in it; a spike or drop also if it runs into it.
 * A level shift that began before the window is old news (it was reported while it was new).
 */
function isInReportWindow(episode: SeriesEpisode, reportFromIndex: number): boolean {
  return (
    episode.startIndex >= reportFromIndex || (!episode.isLevelShift && episode.endIndex >= reportFromIndex)
  );
}

function episodeExpectedUsd(episode: SeriesEpisode): number {
  return episode.expectedUsd.reduce((sum, expected) => (Number.isNaN(expected) ? sum : sum + expected), 0);
}

function classify(
  episode: SeriesEpisode,
  actualUsd: number,
  expectedUsd: number,
  requirements: HistoryRequirements,
): AnomalyKind {
  if (episode.direction < 0 && actualUsd <= GONE_TO_ZERO_SHARE * expectedUsd) return 'drop';
  // Ended episodes are shifts only when long (two confirmation spans); shorter ones were passing.
  const length = episode.endIndex - episode.startIndex + 1;
  if (episode.isLevelShift || length >= 2 * requirements.shiftMinLength) return 'level_shift';
  return episode.direction > 0 ? 'spike' : 'drop';
}

function unique<T>(value: T, index: number, list: readonly T[]): boolean {
  return list.indexOf(value) === index;
}
