import { horizonTotalQuantile, probabilityTotalAbove } from '../forecast/predictive-distribution.ts';
import { picoToNumber } from '../model/money.ts';
import type { ForecastUnit, SpendSeries } from './build-spend-series.ts';
import { forecastSpend } from './forecast-spend.ts';
import { nextPeriod } from './period.ts';

/** Where a budget period is likely to end, from the calibrated forecast of its scope's spend. */
export interface BudgetProjection {
  /** The forecast method used (`seasonal-naive:7`), or `none` when the period has no time left. */
  readonly method: string;
  /**
   * Projected period total in currency units: spend so far plus the median of the calibrated forecast
   * distribution of the rest (a float for display; the amount check uses the distribution).
   */
  readonly projected: number;
  /** The central band of the total at `intervalLevel` (currency units), null when it could not be calibrated. */
  readonly lower: number | null;
  readonly upper: number | null;
  readonly intervalLevel: number;
  /** P(period total > amount), 0–1, from the backtest errors (resolution 1/(origins+1)). */
  readonly breachProbability: number;
  /** When the projected spend reaches the amount within the period, or null (not reached, or already). */
  readonly exhaustionMs: number | null;
}

export interface BudgetProjectionInput {
  /** History of the budget's scope up to `forecastStartMs`, in the budget's currency. */
  readonly series: SpendSeries;
  readonly unit: ForecastUnit;
  readonly timeZone: string;
  /** Start of the forecast unit holding `--as-of` (a unit boundary inside the period). */
  readonly forecastStartMs: number;
  readonly periodEndMs: number;
  /** Spend in the period before `forecastStartMs` (pico-units). */
  readonly spentBeforeForecastPico: bigint;
  /** The period's amount, rollover included (pico-units). */
  readonly amountPico: bigint;
  readonly intervalLevel: number;
}

/**
 * Projects a budget period's total: spend before the forecast start, plus the forecast of each unit
 * left (the unit in progress counts at least what it has already spent). The breach probability is
 * P(forecast total of the units left > amount − spend before them), from the forecast's calibrated
 * distribution. Null when the history is too short to forecast (fewer than two periods).
 */
export function projectBudgetPeriod(input: BudgetProjectionInput): BudgetProjection | null {
  const { unit, timeZone, periodEndMs, intervalLevel } = input;
  const unitStarts: number[] = [];
  for (
    let startMs = input.forecastStartMs;
    startMs < periodEndMs;
    startMs = nextPeriod(startMs, unit, timeZone).startMs
  ) {
    unitStarts.push(startMs);
  }
  const before = picoToNumber(input.spentBeforeForecastPico);
  const amount = picoToNumber(input.amountPico);
  if (unitStarts.length === 0) {
    return {
      method: 'none',
      projected: before,
      lower: before,
      upper: before,
      intervalLevel,
      breachProbability: before > amount ? 1 : 0,
      exhaustionMs: null,
    };
  }
  if (input.series.periods.length < 2) return null;
  const horizon = unitStarts.length;
  const forecast = forecastSpend(input.series, {
    unit,
    timeZone,
    forecastStartMs: input.forecastStartMs,
    horizon,
    method: 'auto',
    intervalLevel,
    growth: [],
  });
  const { points, distribution } = forecast.forecast;
  const current = picoToNumber(input.series.currentPeriodPico);
  // The unit in progress ends at least where it already is.
  const floorLift = Math.max(0, current - (points[0] ?? 0));
  const known = before + floorLift;
  const tail = (1 - intervalLevel) / 2;
  const isCalibrated = distribution.errors.length > 0;
  // The projection is the median of the calibrated distribution of the total (the method's point
  // forecast corrected by its backtest errors): it lies inside its band, and P(over) > 50% exactly
  // when it is over the amount. The exhaustion date follows the point path scaled to that median.
  const pointTotal = forecast.total.value;
  const forecastTotal = isCalibrated
    ? Math.max(0, horizonTotalQuantile(distribution, horizon, 0.5))
    : pointTotal;
  const scale = pointTotal > 0 ? forecastTotal / pointTotal : 1;
  let cumulative = before;
  let exhaustionMs: number | null = null;
  for (let step = 0; step < horizon && exhaustionMs === null; step++) {
    const value = step === 0 ? Math.max((points[0] ?? 0) * scale, current) : (points[step] ?? 0) * scale;
    if (cumulative < amount && cumulative + value >= amount && value > 0) {
      const startMs = unitStarts[step] ?? periodEndMs;
      const endMs = unitStarts[step + 1] ?? periodEndMs;
      exhaustionMs = Math.round(startMs + ((amount - cumulative) / value) * (endMs - startMs));
    }
    cumulative += value;
  }
  return {
    method: forecast.forecast.methodLabel,
    projected: known + forecastTotal,
    lower: isCalibrated ? known + horizonTotalQuantile(distribution, horizon, tail) : null,
    upper: isCalibrated ? known + horizonTotalQuantile(distribution, horizon, 1 - tail) : null,
    intervalLevel,
    breachProbability: probabilityTotalAbove(distribution, horizon, amount - known),
    exhaustionMs,
  };
}
