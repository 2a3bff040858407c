import { fitLine } from './naive-forecasts.ts';
import { deseasonalize, isSeasonal, seasonalIndices } from './seasonal-decomposition.ts';

/** The shape of a history, in the words a person uses for spend. */
export type PatternKind = 'steady' | 'growing' | 'declining' | 'spiky' | 'seasonal';

export interface Pattern {
  /** The most telling trait, in this order: growing/declining, spiky, seasonal, steady. */
  readonly kind: PatternKind;
  /** Every trait that applies (`steady` only when none other does). */
  readonly traits: readonly PatternKind[];
  /** Change of the fitted trend line over the whole history, relative to its mean (0.3 = +30%). */
  readonly trendChange: number;
  /** Periods more than 5 robust standard deviations above the median. */
  readonly spikes: number;
}

/** A trend counts when the line moves by ≥ 20% of the mean over the history and is clearly non-zero. */
const TREND_THRESHOLD = 0.2;
/** A spike is a period ≥ 5 robust standard deviations (1.4826·MAD) above the median… */
const SPIKE_SCORE = 5;
/** …and spikes count when they hold ≥ 10% of the total. */
const SPIKE_SHARE = 0.1;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Classifies a history. Seasonal: the 90% ACF test at the main season length. Growing/declining:
 * the least-squares line through the seasonally adjusted history changes by ≥ 20% of the mean and
 * its slope is more than twice its standard error. Spiky: periods ≥ 5 robust SDs above the median
 * hold ≥ 10% of the total.
 */
export function classifyPattern(values: readonly number[], period: number): Pattern {
  const count = values.length;
  const traits: PatternKind[] = [];
  const mean = count === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / count;
  const seasonal = period > 1 && isSeasonal(values, period);
  const season = seasonal ? seasonalIndices(values, period, 'additive') : null;
  const adjusted = season === null ? values : deseasonalize(values, season);

  let trendChange = 0;
  if (count >= 4 && mean > 0) {
    const { intercept, slope } = fitLine(adjusted);
    let residualSquares = 0;
    let spreadX = 0;
    for (let index = 0; index < count; index++) {
      residualSquares += (adjusted[index]! - intercept - slope * index) ** 2;
      spreadX += (index - (count - 1) / 2) ** 2;
    }
    const standardError = Math.sqrt(residualSquares / (count - 2) / spreadX);
    trendChange = (slope * (count - 1)) / mean;
    const isClear = standardError === 0 ? slope !== 0 : Math.abs(slope) > 2 * standardError;
    if (isClear && trendChange >= TREND_THRESHOLD) traits.push('growing');
    if (isClear && trendChange <= -TREND_THRESHOLD) traits.push('declining');
  }

  const middle = count === 0 ? 0 : median(values);
  const spread = count === 0 ? 0 : 1.4826 * median(values.map((value) => Math.abs(value - middle)));
  let spikes = 0;
  let spikeExcess = 0;
  let total = 0;
  for (const value of values) {
    total += value;
    const isSpike =
      spread > 0
        ? (value - middle) / spread >= SPIKE_SCORE
        : value > middle && middle > 0 && value >= 3 * middle;
    if (isSpike) {
      spikes++;
      spikeExcess += value - middle;
    }
  }
  if (spikes > 0 && total > 0 && spikeExcess / total >= SPIKE_SHARE) traits.push('spiky');
  if (seasonal) traits.push('seasonal');
  if (traits.length === 0) traits.push('steady');
  return { kind: traits[0]!, traits, trendChange, spikes };
}
