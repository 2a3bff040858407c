import type { SpendForecast } from '../analysis/forecast-spend.ts';

const quote = (text: string): string => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
const number = (value: number | null): string => (value === null ? '' : String(value));

/**
 * One row per series and forecast period, then a `total` row per series: `series` is `total` or the
 * group (`model=gpt-4o`), amounts are dollars (floats, full precision).
 */
export function renderForecastCsv(
  total: SpendForecast,
  groups: readonly SpendForecast[],
  groupBy: readonly string[],
): string {
  const lines = ['series,period,period_start,value_usd,lower_usd,upper_usd,method'];
  const seriesName = (result: SpendForecast) =>
    result.series.group.length === 0
      ? 'total'
      : result.series.group.map((value, index) => `${groupBy[index] ?? ''}=${value ?? ''}`).join(';');
  for (const result of [total, ...groups]) {
    const name = quote(seriesName(result));
    const method = quote(result.forecast.methodLabel);
    result.futurePeriods.forEach((period, index) => {
      const value = result.forecast.points[index] ?? 0;
      lines.push(
        [
          name,
          quote(period.label),
          new Date(period.startMs).toISOString(),
          number(value),
          number(result.forecast.lower?.[index] ?? null),
          number(result.forecast.upper?.[index] ?? null),
          method,
        ].join(','),
      );
    });
    lines.push(
      [
        name,
        'total',
        '',
        number(result.total.value),
        number(result.total.lower),
        number(result.total.upper),
        method,
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}
