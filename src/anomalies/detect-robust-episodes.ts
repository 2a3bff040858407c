import type { HistoryRequirements, RobustThresholds } from './detection-settings.ts';
import { median, robustSigma } from './robust-statistics.ts';
import type { SeriesCalendar } from './series-calendar.ts';
import type { SeriesDetection, SeriesEpisode } from './series-episode.ts';

/** σ never falls below this share of expected: a constant series still needs a real change. */
const MIN_RELATIVE_SIGMA = 0.03;
/** Month starts need this many earlier month starts before their own factor is trusted. */
const MONTH_START_SAMPLES = 2;

interface OpenEpisode {
  direction: 1 | -1;
  startIndex: number;
  lastHitIndex: number;
  misses: number;
  /** Points beyond `continueSigmas` so far: a level shift needs `shiftMinLength` of them. */
  hits: number;
  peakSigmas: number;
  /** Level shifts only: the old normal, frozen when the shift was confirmed, and when that was. */
  frozenLevel: number;
  confirmIndex: number;
  previousLevelStart: number;
  /** Half the shift's median relative size when confirmed. */
  halfShift: number;
}

/**
 * The robust, seasonality-aware detector for one series (USD per bucket, NaN = missing data). It walks
 * forward in time and judges each point against earlier normal points only:
 *
 * - season: per slot (weekday, hour), the median over the last few cycles of value ÷ level;
 * - level: the median of the deseasonalised values of the last cycle of normal points;
 * - expected = level × season (× the month-start factor once two month starts show one);
 * - σ = 1.4826 × MAD of recent relative residuals × expected, at least 3 % of expected; sparse series
 *   (expected 0) are judged against the spread and mean of their history instead.
 *
 * A point beyond `spikeSigmas` opens an episode; a two-sided CUSUM of clipped z-scores opens one for
 * sustained smaller shifts, dated back to where the sum began to grow. An episode goes on while points
 * stay beyond `continueSigmas` on its side (a few quiet points tolerated); its points stay out of the
 * baseline. Once it has lasted `shiftMinLength` buckets it is a level shift: the live level restarts
 * from its start (the new level becomes normal for judging what follows), while the episode itself is
 * still measured against the old level, frozen, until the series comes back to it.
 */
export function detectRobustEpisodes(
  values: readonly number[],
  calendar: SeriesCalendar,
  requirements: HistoryRequirements,
  thresholds: RobustThresholds,
): SeriesDetection {
  const count = values.length;
  const { cycleLength, slots, isMonthStart } = calendar;
  const expected = new Array<number>(count).fill(Number.NaN);
  const sigmaOf = new Array<number>(count).fill(Number.NaN);
  const level = new Array<number>(count).fill(Number.NaN);
  const season = new Array<number>(count).fill(Number.NaN);
  const relativeResidual = new Array<number>(count).fill(Number.NaN);
  const isExcluded = new Array<boolean>(count).fill(false);
  const monthStartRatios: number[] = [];
  const episodes: SeriesEpisode[] = [];
  const minLevelPoints = Math.max(3, Math.ceil(cycleLength / 2));
  let firstJudgedIndex: number | null = null;
  let levelStart = 0;
  let isWarm = false;
  let live: OpenEpisode | null = null;
  let shift: OpenEpisode | null = null;
  let cusumUp = 0;
  let cusumDown = 0;
  let cusumUpStart = 0;
  let cusumDownStart = 0;
  let cachedRelativeSigma = 0;

  const valueAt = (index: number): number => values[index] ?? Number.NaN;
  const isNormal = (index: number): boolean => !Number.isNaN(valueAt(index)) && isExcluded[index] !== true;
  /** The last `limit` normal indices before `index`, newest first, not before `from`. */
  const normalBefore = (index: number, limit: number, from = 0): number[] => {
    const found: number[] = [];
    for (let cursor = index - 1; cursor >= from && found.length < limit; cursor--)
      if (isNormal(cursor)) found.push(cursor);
    return found;
  };
  const seasonFactor = (index: number): number => {
    const ratios: number[] = [];
    const wanted = requirements.seasonSamples;
    for (let cursor = index - cycleLength; cursor >= 0 && ratios.length < wanted; cursor -= cycleLength) {
      const cursorLevel = level[cursor] ?? Number.NaN;
      if (isNormal(cursor) && cursorLevel > 0) ratios.push(valueAt(cursor) / cursorLevel);
    }
    return ratios.length === 0 ? 1 : median(ratios);
  };
  const deseasonalisedLevel = (indices: readonly number[]): number => {
    const deseasonalised = indices
      .filter((cursor) => (season[cursor] ?? 0) > 0)
      .map((cursor) => valueAt(cursor) / (season[cursor] ?? 1));
    return deseasonalised.length === 0 ? 0 : median(deseasonalised);
  };
  const emit = (episode: OpenEpisode, isOngoing: boolean, isLevelShift: boolean): void => {
    const isTracked = episode.confirmIndex > 0;
    const expectedUsd: number[] = [];
    const sigmaUsd: number[] = [];
    for (let index = episode.startIndex; index <= episode.lastHitIndex; index++) {
      const frozen =
        isTracked && !Number.isNaN(valueAt(index)) ? episode.frozenLevel * (season[index] ?? 1) : NaN;
      const relative = cachedRelativeSigma;
      const isFrozen = isTracked && index > episode.confirmIndex;
      expectedUsd.push(isFrozen ? frozen : (expected[index] ?? NaN));
      sigmaUsd.push(isFrozen ? Math.max(relative, MIN_RELATIVE_SIGMA) * frozen : (sigmaOf[index] ?? NaN));
    }
    episodes.push({
      direction: episode.direction,
      startIndex: episode.startIndex,
      endIndex: episode.lastHitIndex,
      isOngoing,
      isLevelShift,
      peakSigmas: episode.peakSigmas,
      expectedUsd,
      sigmaUsd,
    });
  };

  /** First judgement: level, season and residuals of the warm-up points, in sample. */
  const warmUp = (index: number): void => {
    const warm: number[] = [];
    for (let cursor = 0; cursor < index; cursor++) if (isNormal(cursor)) warm.push(cursor);
    const rawLevel = (cursor: number): number => {
      const before = normalBefore(cursor, cycleLength);
      return median((before.length >= cycleLength ? before : warm.slice(0, cycleLength)).map(valueAt));
    };
    for (const cursor of warm) level[cursor] = rawLevel(cursor);
    const ratiosBySlot = new Map<number, number[]>();
    for (const cursor of warm) {
      const cursorLevel = level[cursor] ?? 0;
      if (!(cursorLevel > 0)) continue;
      const slot = slots[cursor] ?? 0;
      ratiosBySlot.set(slot, [...(ratiosBySlot.get(slot) ?? []), valueAt(cursor) / cursorLevel]);
    }
    const meanFactor = median([...ratiosBySlot.values()].map((ratios) => median(ratios)));
    for (const cursor of warm) {
      const ratios = ratiosBySlot.get(slots[cursor] ?? 0);
      // Levels here are raw medians: rescale so factors are relative to the deseasonalised level.
      const factor = ratios === undefined || !(meanFactor > 0) ? 1 : median(ratios) / meanFactor;
      season[cursor] = factor;
      level[cursor] = (level[cursor] ?? 0) * (meanFactor > 0 ? meanFactor : 1);
      const cursorExpected = (level[cursor] ?? 0) * factor;
      if (cursorExpected > 0) relativeResidual[cursor] = (valueAt(cursor) - cursorExpected) / cursorExpected;
    }
  };

  for (let index = 0; index < count; index++) {
    const value = valueAt(index);
    if (Number.isNaN(value)) continue;
    if (!isWarm) {
      if (normalBefore(index, requirements.minHistory).length < requirements.minHistory) continue;
      warmUp(index);
      isWarm = true;
    }
    const factor = seasonFactor(index);
    season[index] = factor;
    const levelIndices = normalBefore(index, cycleLength, levelStart);
    if (levelIndices.length < minLevelPoints) {
      // Just after a level shift: too few points of the new level to judge by; they become history.
      level[index] = deseasonalisedLevel(levelIndices);
      continue;
    }
    firstJudgedIndex ??= index;
    // The median of the last cycle lags a trend by half a cycle: add the trend seen between the last
    // two cycles (damped by half, as trends bend), so slow growth is not read as a shift.
    const previousCycle = normalBefore(levelIndices.at(-1) ?? index, cycleLength, levelStart);
    const lastLevel = deseasonalisedLevel(levelIndices);
    const slopePerPoint =
      previousCycle.length === cycleLength && levelIndices.length === cycleLength
        ? (lastLevel - deseasonalisedLevel(previousCycle)) / cycleLength
        : 0;
    const pointLevel = Math.max(0, lastLevel + 0.5 * slopePerPoint * ((cycleLength + 1) / 2));
    level[index] = pointLevel;
    const seasonal = pointLevel * factor;
    const isMonthStartPoint = isMonthStart[index] === true;
    const pointExpected =
      isMonthStartPoint && monthStartRatios.length >= MONTH_START_SAMPLES
        ? seasonal * median(monthStartRatios.slice(-3))
        : seasonal;
    if (index % Math.max(1, Math.floor(cycleLength / 24)) === 0 || cachedRelativeSigma === 0) {
      const relatives = normalBefore(index, requirements.scaleWindow)
        .map((cursor) => relativeResidual[cursor] ?? Number.NaN)
        .filter((residual) => !Number.isNaN(residual));
      cachedRelativeSigma = relatives.length > 0 ? robustSigma(relatives) : 0;
    }
    let pointSigma = Math.max(cachedRelativeSigma, MIN_RELATIVE_SIGMA) * pointExpected;
    if (!(pointExpected > 0)) {
      const history = normalBefore(index, requirements.scaleWindow).map(valueAt);
      const mean = history.reduce((sum, x) => sum + x, 0) / Math.max(history.length, 1);
      pointSigma = Math.max(robustSigma(history), mean, Number.MIN_VALUE);
    }
    expected[index] = pointExpected;
    sigmaOf[index] = pointSigma;
    const residual = value - pointExpected;
    // Month starts are remembered against the plain seasonal expectation, anomalous or not: a pattern
    // is what repeats (hourly: each hour of day 1).
    if (isMonthStartPoint && seasonal > 0) monthStartRatios.push(value / seasonal);
    if (pointExpected > 0) relativeResidual[index] = residual / pointExpected;
    const z = residual / pointSigma;

    if (shift !== null) {
      // A confirmed level shift lasts while the series stays away from the old, frozen level.
      // Back means at least halfway back (a trend alone must not keep a shift open, nor end it).
      const frozenExpected = shift.frozenLevel * factor;
      const relativeChange = frozenExpected > 0 ? value / frozenExpected - 1 : shift.direction;
      const needed = Math.max(
        shift.halfShift,
        thresholds.continueSigmas * Math.max(cachedRelativeSigma, MIN_RELATIVE_SIGMA),
      );
      if (shift.direction * relativeChange >= needed) {
        shift.lastHitIndex = index;
        shift.misses = 0;
      } else if (++shift.misses > requirements.gapAllowance) {
        // Back to the old level: the "shift" was a long spike or drop. Its points leave the baseline
        // again, and the apparent move the other way that its end caused is no finding.
        for (let cursor = shift.startIndex; cursor <= shift.lastHitIndex; cursor++) isExcluded[cursor] = true;
        levelStart = shift.previousLevelStart;
        if (live !== null && live.direction !== shift.direction) {
          for (let cursor = live.startIndex; cursor <= index; cursor++) isExcluded[cursor] = false;
          live = null;
        }
        emit(shift, false, false);
        shift = null;
        cusumUp = cusumDown = 0;
        // This point was judged against the level just given up: judge nothing until the next one.
        continue;
      }
    }
    if (live !== null) {
      isExcluded[index] = true;
      live.peakSigmas = Math.max(live.peakSigmas, live.direction * z);
      if (live.direction * z >= thresholds.continueSigmas) {
        live.lastHitIndex = index;
        live.misses = 0;
        live.hits++;
      } else if (++live.misses > requirements.gapAllowance) {
        for (let cursor = live.lastHitIndex + 1; cursor <= index; cursor++) isExcluded[cursor] = false;
        emit(live, false, false);
        live = null;
        cusumUp = cusumDown = 0;
        continue;
      }
      if (live.hits >= requirements.shiftMinLength) {
        // Sustained: a level shift. The old level is frozen for the finding; the live baseline restarts.
        if (shift !== null) emit(shift, false, true);
        for (let cursor = live.startIndex; cursor <= index; cursor++) isExcluded[cursor] = false;
        live.frozenLevel = level[live.startIndex] ?? pointLevel;
        live.confirmIndex = index;
        live.previousLevelStart = levelStart;
        const ratios: number[] = [];
        for (let cursor = live.startIndex; cursor <= index; cursor++) {
          const cursorExpected = expected[cursor] ?? Number.NaN;
          if (cursorExpected > 0 && !Number.isNaN(valueAt(cursor)))
            ratios.push(valueAt(cursor) / cursorExpected - 1);
        }
        live.halfShift = ratios.length === 0 ? 0 : Math.abs(median(ratios)) / 2;
        shift = live;
        live = null;
        levelStart = shift.startIndex;
        cusumUp = cusumDown = 0;
      }
      continue;
    }
    if (Math.abs(z) >= thresholds.spikeSigmas) {
      isExcluded[index] = true;
      live = {
        direction: z > 0 ? 1 : -1,
        startIndex: index,
        lastHitIndex: index,
        misses: 0,
        hits: 1,
        peakSigmas: Math.abs(z),
        frozenLevel: 0,
        confirmIndex: 0,
        previousLevelStart: 0,
        halfShift: 0,
      };
      cusumUp = cusumDown = 0;
      continue;
    }
    const clipped = Math.max(-thresholds.spikeSigmas, Math.min(thresholds.spikeSigmas, z));
    if (cusumUp === 0) cusumUpStart = index;
    if (cusumDown === 0) cusumDownStart = index;
    cusumUp = Math.max(0, cusumUp + clipped - thresholds.cusumDriftSigmas);
    cusumDown = Math.max(0, cusumDown - clipped - thresholds.cusumDriftSigmas);
    const alarm =
      cusumUp > thresholds.cusumLimitSigmas ? 1 : cusumDown > thresholds.cusumLimitSigmas ? -1 : 0;
    if (alarm !== 0) {
      const startIndex = alarm === 1 ? cusumUpStart : cusumDownStart;
      for (let cursor = startIndex; cursor <= index; cursor++) isExcluded[cursor] = true;
      live = {
        direction: alarm,
        startIndex,
        lastHitIndex: index,
        misses: 0,
        hits: index - startIndex + 1,
        peakSigmas: Math.abs(z),
        frozenLevel: 0,
        confirmIndex: 0,
        previousLevelStart: 0,
        halfShift: 0,
      };
      cusumUp = cusumDown = 0;
    }
  }
  if (live !== null) emit(live, true, false);
  if (shift !== null) emit(shift, true, true);
  return { expected, episodes, firstJudgedIndex };
}
