import { assessDataQuality, type DataQualityNote } from '../forecast/assess-data-quality.ts';
import { classifyPattern, type Pattern } from '../forecast/classify-pattern.ts';
import type { MethodSpec } from '../forecast/forecast-methods.ts';
import { forecastSeries, usablePeriods, type SeriesForecast } from '../forecast/forecast-series.ts';
import { applyGrowth, type GrowthScenario } from '../forecast/growth-scenario.ts';
import { horizonTotalQuantile } from '../forecast/predictive-distribution.ts';
import type { ForecastUnit, SpendSeries } from './build-spend-series.ts';
import { datedPeriodOf, nextPeriod, type DatedPeriod } from './period.ts';

/** Season lengths per period unit: a day and a week for hours, a week for days, a year for weeks. */
export const SEASONS_BY_UNIT: Readonly<Record<ForecastUnit, readonly number[]>> = {
  hour: [24, 168],
  day: [7],
  week: [52],
};

/** Rolling origins a spend forecast backtests (each one season apart). */
export const SPEND_BACKTEST_ORIGINS = 8;

export interface SpendForecastOptions {
  readonly unit: ForecastUnit;
  readonly timeZone: string;
  readonly forecastStartMs: number;
  /** Periods to forecast. */
  readonly horizon: number;
  readonly method: 'auto' | MethodSpec;
  /** Central band level, 0–1. */
  readonly intervalLevel: number;
  /** Capacity scenarios: +0.25 = usage 25% above the forecast. */
  readonly growth: readonly number[];
}

/** A forecast total (dollars) with its band; bounds are null when the band could not be calibrated. */
export interface ForecastTotal {
  readonly value: number;
  readonly lower: number | null;
  readonly upper: number | null;
}

export interface SpendForecast {
  readonly series: SpendSeries;
  readonly futurePeriods: readonly DatedPeriod[];
  readonly forecast: SeriesForecast;
  readonly total: ForecastTotal;
  readonly scenarios: readonly GrowthScenario[];
  readonly pattern: Pattern;
  readonly notes: readonly DataQualityNote[];
}

/** The `horizon` periods from the forecast start (a period start). */
export function futurePeriodsFrom(
  startMs: number,
  unit: ForecastUnit,
  timeZone: string,
  horizon: number,
): DatedPeriod[] {
  let period = datedPeriodOf(startMs, unit, timeZone);
  const periods = [period];
  while (periods.length < horizon) {
    period = nextPeriod(period.startMs, unit, timeZone);
    periods.push(period);
  }
  return periods;
}

/**
 * Forecasts one spend series: the method (`auto`: chosen by backtest), points with their band, the
 * horizon total with its band (from the backtest's summed errors, so persistent errors add up),
 * growth scenarios, the pattern of the history and data-quality notes.
 */
export function forecastSpend(series: SpendSeries, options: SpendForecastOptions): SpendForecast {
  const values = series.valuesUsd;
  const seasons = SEASONS_BY_UNIT[options.unit];
  const forecast = forecastSeries(values, {
    horizon: options.horizon,
    periods: seasons,
    method: options.method,
    intervalLevel: options.intervalLevel,
    isNonNegative: true,
    maxOrigins: SPEND_BACKTEST_ORIGINS,
  });
  const value = forecast.points.reduce((sum, point) => sum + point, 0);
  const tail = (1 - options.intervalLevel) / 2;
  const isCalibrated = forecast.distribution.errors.length > 0;
  const total: ForecastTotal = {
    value,
    lower: isCalibrated ? horizonTotalQuantile(forecast.distribution, options.horizon, tail) : null,
    upper: isCalibrated ? horizonTotalQuantile(forecast.distribution, options.horizon, 1 - tail) : null,
  };
  const usable = usablePeriods(values.length, seasons);
  return {
    series,
    futurePeriods: futurePeriodsFrom(
      options.forecastStartMs,
      options.unit,
      options.timeZone,
      options.horizon,
    ),
    forecast,
    total,
    scenarios: options.growth.map((growth) => applyGrowth(total, growth)),
    pattern: classifyPattern(values, usable[0] ?? seasons[0] ?? 1),
    notes: assessDataQuality({
      values,
      isEmpty: series.isEmpty,
      periods: usable.length > 0 ? usable : seasons,
      horizon: options.horizon,
      origins: SPEND_BACKTEST_ORIGINS,
    }),
  };
}
