import type { Dimension } from '../model/dimension.ts';
import type { SpendForecast } from '../analysis/forecast-spend.ts';
import type { UnpricedUsage } from '../model/unpriced-usage.ts';
import { picoToNumber } from '../model/money.ts';
import { describeNote } from './describe-forecast-note.ts';

/** A forecast figure in dollars (a float: forecasts are estimates, never summed into exact totals). */
interface ForecastValueJson {
  readonly value: number;
  readonly lower: number | null;
  readonly upper: number | null;
}

interface ForecastPointJson extends ForecastValueJson {
  /** Period label in the time zone (`2026-11-24`, `2026-W48`, `2026-11-24 13:00`). */
  readonly period: string;
  readonly periodStart: string;
}

interface AccuracyJson {
  /** Backtest MASE (scale: in-sample seasonal-naive error); below 1 beats seasonal naive's in-sample error. */
  readonly mase: number | null;
  /** Backtest sMAPE in percent (0–200). */
  readonly smape: number | null;
  /** Share (0–1) of backtest actuals inside the band (leave one origin out). */
  readonly coverage: number | null;
  readonly maseSeasonalNaive: number | null;
  readonly origins: number;
  /** Steps forecast from each backtest origin. */
  readonly backtestHorizon: number;
}

interface SeriesJson {
  readonly method: string;
  readonly horizon: number;
  readonly points: readonly ForecastPointJson[];
  readonly total: ForecastValueJson;
  readonly accuracy: AccuracyJson;
  readonly pattern: {
    readonly kind: string;
    readonly traits: readonly string[];
    readonly trendChange: number;
  };
  readonly notes: readonly { readonly kind: string; readonly message: string }[];
  readonly scenarios: readonly { readonly growth: number; readonly total: ForecastValueJson }[];
  readonly history: {
    readonly periods: number;
    readonly start: string | null;
    readonly total: number;
    readonly emptyPeriods: number;
    readonly unpricedRecords: number;
  };
  /** Spend already recorded in the first forecast period (in progress at `--as-of`). */
  readonly spentInCurrentPeriod: number;
  /** Candidate methods backtested, best first, with their backtest MASE. */
  readonly candidates: readonly { readonly method: string; readonly mase: number }[];
}

/** `llmcost forecast --format json`: the contract of issue 7 plus context. Money in dollars (floats). */
export interface ForecastJson extends SeriesJson {
  readonly schemaVersion: 1;
  readonly currency: 'USD';
  readonly by: string;
  readonly timeZone: string;
  readonly asOf: string;
  readonly forecastStart: string;
  /** Central band level in percent (80). */
  readonly interval: number;
  readonly groupBy: readonly Dimension[];
  readonly groups: readonly (SeriesJson & { readonly group: Readonly<Record<string, string | null>> })[];
  readonly unpriced: readonly UnpricedUsage[];
}

export interface ForecastJsonContext {
  readonly by: string;
  readonly timeZone: string;
  readonly asOfMs: number;
  readonly forecastStartMs: number;
  readonly intervalLevel: number;
  readonly groupBy: readonly Dimension[];
  readonly unit: string;
}

const iso = (ms: number): string => new Date(ms).toISOString();
const finiteOrNull = (value: number | null | undefined): number | null =>
  value === null || value === undefined || !Number.isFinite(value) ? null : value;

function seriesJson(result: SpendForecast, unit: string): SeriesJson {
  const { forecast, series } = result;
  const accuracy = forecast.accuracy;
  return {
    method: forecast.methodLabel,
    horizon: forecast.points.length,
    points: result.futurePeriods.map((period, index) => ({
      period: period.label,
      periodStart: iso(period.startMs),
      value: forecast.points[index] ?? 0,
      lower: forecast.lower?.[index] ?? null,
      upper: forecast.upper?.[index] ?? null,
    })),
    total: result.total,
    accuracy: {
      mase: finiteOrNull(accuracy?.mase),
      smape: finiteOrNull(accuracy?.smape),
      coverage: finiteOrNull(accuracy?.coverage),
      maseSeasonalNaive: finiteOrNull(accuracy?.maseSeasonalNaive),
      origins: accuracy?.origins ?? 0,
      backtestHorizon: accuracy?.horizon ?? 0,
    },
    pattern: {
      kind: result.pattern.kind,
      traits: result.pattern.traits,
      trendChange: result.pattern.trendChange,
    },
    notes: result.notes.map((note) => ({ ...note, message: describeNote(note, unit) })),
    scenarios: result.scenarios,
    history: {
      periods: series.periods.length,
      start: series.periods[0] === undefined ? null : iso(series.periods[0].startMs),
      total: picoToNumber(series.costPico.reduce((sum, cost) => sum + cost, 0n)),
      emptyPeriods: series.isEmpty.filter(Boolean).length,
      unpricedRecords: series.unpricedRecords,
    },
    spentInCurrentPeriod: picoToNumber(series.currentPeriodPico),
    candidates: forecast.ranking.map((candidate) => ({ method: candidate.label, mase: candidate.mase })),
  };
}

/** The JSON document: the total's forecast at the top level, one entry per group in `groups`. */
export function renderForecastJson(
  total: SpendForecast,
  groups: readonly SpendForecast[],
  unpriced: readonly UnpricedUsage[],
  context: ForecastJsonContext,
): string {
  const document: ForecastJson = {
    schemaVersion: 1,
    currency: 'USD',
    by: context.by,
    timeZone: context.timeZone,
    asOf: iso(context.asOfMs),
    forecastStart: iso(context.forecastStartMs),
    interval: Math.round(context.intervalLevel * 1000) / 10,
    groupBy: context.groupBy,
    ...seriesJson(total, context.unit),
    groups: groups.map((group) => ({
      group: Object.fromEntries(
        context.groupBy.map((dimension, index) => [dimension, group.series.group[index] ?? null]),
      ),
      ...seriesJson(group, context.unit),
    })),
    unpriced,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
