import asciichart from 'asciichart';
import type { SpendForecast } from '../analysis/forecast-spend.ts';
import type { DisplayOptions } from './display-options.ts';
import { formatUsdEstimate } from './format-money.ts';

const LABEL_WIDTH = 11;
const HEIGHT = 12;

/** Averages consecutive groups of `size` values (the last group may be shorter). */
function bucketMeans(values: readonly number[], size: number): number[] {
  const means: number[] = [];
  for (let start = 0; start < values.length; start += size) {
    const part = values.slice(start, start + size);
    means.push(part.reduce((sum, value) => sum + value, 0) / part.length);
  }
  return means;
}

/**
 * History, forecast and band as an asciichart plot that fits `display.width`: the line is the
 * history then the forecast, the band is drawn with `·` (readable without colour), and a `^` under
 * the axis marks where the forecast starts. Long series show their most recent part, and points are
 * averaged in pairs (or more) when the forecast alone would not fit.
 */
export function renderForecastChart(result: SpendForecast, level: number, display: DisplayOptions): string {
  const { forecast } = result;
  const columns = Math.max(20, Math.min(display.width, 100) - LABEL_WIDTH - 2);
  const horizon = forecast.points.length;
  const history = result.series.valuesUsd;
  const bucket = Math.max(1, Math.ceil(horizon / Math.floor(columns * 0.6)));
  const shownHistory = Math.min(history.length, (columns - Math.ceil(horizon / bucket)) * bucket);
  const historyPart = bucketMeans(history.slice(history.length - shownHistory), bucket);
  const forecastPart = bucketMeans(forecast.points, bucket);
  const line = [...historyPart, ...forecastPart];
  const lowerPart = forecast.lower === null ? forecastPart : bucketMeans(forecast.lower, bucket);
  const upperPart = forecast.upper === null ? forecastPart : bucketMeans(forecast.upper, bucket);
  // Band series equal the line over the history, so they hide under it there.
  const lower = [...historyPart, ...lowerPart];
  const upper = [...historyPart, ...upperPart];
  const all = [...line, ...lower, ...upper];
  const config = {
    min: Math.min(...all),
    max: Math.max(...all),
    height: HEIGHT,
    offset: 2,
    padding: ' '.repeat(LABEL_WIDTH),
    format: (value: number) => formatUsdEstimate(value).padStart(LABEL_WIDTH),
  };
  const band = asciichart.plot([lower, upper], {
    ...config,
    symbols: ['┼', '┤', '·', '·', '·', '·', '·', '·', '·', ' '],
  });
  const main = asciichart.plot(line, config);
  const bandRows = band.split('\n');
  const merged = main.split('\n').map((row, rowIndex) => {
    const bandRow = bandRows[rowIndex] ?? '';
    // Chart rows hold box-drawing characters and ASCII only: one UTF-16 unit per column.
    return Array.from({ length: row.length }, (_, index) =>
      row[index] === ' ' ? (bandRow[index] ?? ' ') : row[index],
    ).join('');
  });
  const axisStart = LABEL_WIDTH + 2;
  const marker = `${' '.repeat(axisStart + historyPart.length - 1)}^ forecast from ${result.futurePeriods[0]?.label ?? ''}`;
  const scale = bucket > 1 ? `, each column the mean of ${bucket} periods` : '';
  const colored = display.color ? merged.map((row) => row.replaceAll('·', '\u001b[90m·\u001b[39m')) : merged;
  return [
    ...colored,
    marker,
    `${' '.repeat(axisStart)}─ spend per period, history then forecast   · ${Math.round(level * 100)}% band${scale}`,
  ].join('\n');
}
