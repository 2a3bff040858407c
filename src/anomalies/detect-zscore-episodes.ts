import { ZSCORE_SIGMAS, type HistoryRequirements } from './detection-settings.ts';
import { meanAndDeviation } from './robust-statistics.ts';
import type { SeriesDetection, SeriesEpisode } from './series-episode.ts';

/**
 * The plain rule `--method zscore` keeps for comparison: a point is anomalous when it is more than 3σ
 * from the mean of the trailing window (no seasonality, anomalies left in the window). Consecutive
 * anomalous points on the same side form one episode.
 */
export function detectZscoreEpisodes(
  values: readonly number[],
  requirements: HistoryRequirements,
): SeriesDetection {
  const count = values.length;
  const expected = new Array<number>(count).fill(Number.NaN);
  const sigma = new Array<number>(count).fill(Number.NaN);
  const episodes: SeriesEpisode[] = [];
  let firstJudgedIndex: number | null = null;
  let open: { direction: 1 | -1; startIndex: number; lastIndex: number; peakSigmas: number } | null = null;
  const window: number[] = [];
  const close = (isOngoing: boolean): void => {
    if (open === null) return;
    episodes.push({
      direction: open.direction,
      startIndex: open.startIndex,
      endIndex: open.lastIndex,
      isOngoing,
      isLevelShift: false,
      peakSigmas: open.peakSigmas,
      expectedUsd: expected.slice(open.startIndex, open.lastIndex + 1),
      sigmaUsd: sigma.slice(open.startIndex, open.lastIndex + 1),
    });
    open = null;
  };
  for (let index = 0; index < count; index++) {
    const value = values[index] ?? Number.NaN;
    if (Number.isNaN(value)) continue;
    if (window.length >= Math.min(requirements.minHistory, requirements.zscoreWindow)) {
      firstJudgedIndex ??= index;
      const { mean, deviation } = meanAndDeviation(window);
      expected[index] = mean;
      sigma[index] = deviation;
      const residual = value - mean;
      const z = deviation > 0 ? residual / deviation : residual === 0 ? 0 : Math.sign(residual) * Infinity;
      const direction = z > 0 ? 1 : -1;
      if (Math.abs(z) > ZSCORE_SIGMAS) {
        if (open !== null && open.direction === direction) {
          open.lastIndex = index;
          open.peakSigmas = Math.max(open.peakSigmas, Math.abs(z));
        } else {
          close(false);
          open = { direction, startIndex: index, lastIndex: index, peakSigmas: Math.abs(z) };
        }
      } else {
        close(false);
      }
    }
    window.push(value);
    if (window.length > requirements.zscoreWindow) window.shift();
  }
  close(true);
  return { expected, episodes, firstJudgedIndex };
}
