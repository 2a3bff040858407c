import type { SpendForecast } from '../analysis/forecast-spend.ts';
import type { UnpricedUsage } from '../model/unpriced-usage.ts';
import { describeNote } from './describe-forecast-note.ts';
import { formatUsdEstimate } from './format-money.ts';
import { pluralize, truncateMiddle } from './format-number.ts';

/** What every text rendering of a forecast (table, Markdown) shows around the numbers. */
export interface ForecastTextContext {
  readonly unit: 'hour' | 'day' | 'week';
  readonly timeZone: string;
  readonly intervalLevel: number;
  readonly groupLabels: readonly string[];
  readonly unpriced: readonly UnpricedUsage[];
}

const percent = (share: number | null | undefined, digits = 0): string =>
  share === null || share === undefined || !Number.isFinite(share)
    ? '-'
    : `${(100 * share).toFixed(digits)}%`;
const decimal = (value: number | null | undefined): string =>
  value === null || value === undefined || !Number.isFinite(value) ? '-' : value.toFixed(2);
const money = (value: number | null): string => (value === null ? '-' : formatUsdEstimate(value));
const signedPercent = (growth: number): string =>
  `${growth >= 0 ? '+' : ''}${Math.round(growth * 1000) / 10}%`;

/** The heading line: what is forecast, over which periods, with which method. */
export function forecastHeading(result: SpendForecast, context: ForecastTextContext): string {
  const first = result.futurePeriods[0]?.label ?? '';
  const last = result.futurePeriods.at(-1)?.label ?? '';
  const pattern = result.pattern.traits.join(', ');
  return `Spend forecast per ${context.unit}, ${first} … ${last} (${pluralize(result.futurePeriods.length, context.unit)}, ${context.timeZone}): method ${result.forecast.methodLabel}; history ${pattern}`;
}

/** Rows of the per-period table: period, forecast, band low, band high. */
export function forecastRows(result: SpendForecast): string[][] {
  const { forecast } = result;
  return result.futurePeriods.map((period, index) => [
    period.label,
    formatUsdEstimate(forecast.points[index] ?? 0),
    money(forecast.lower?.[index] ?? null),
    money(forecast.upper?.[index] ?? null),
  ]);
}

/** The total row and one row per growth scenario. */
export function totalRows(result: SpendForecast): string[][] {
  return [
    ['Total', money(result.total.value), money(result.total.lower), money(result.total.upper)],
    ...result.scenarios.map((scenario) => [
      `Total ${signedPercent(scenario.growth)}`,
      money(scenario.total.value),
      money(scenario.total.lower),
      money(scenario.total.upper),
    ]),
  ];
}

/** The accuracy card: backtest MASE (and seasonal naive's), sMAPE, band coverage. */
export function accuracyCard(result: SpendForecast, context: ForecastTextContext): string {
  const accuracy = result.forecast.accuracy;
  if (accuracy === null) return 'Accuracy: not measured (history too short for a backtest); no band.';
  const level = Math.round(context.intervalLevel * 100);
  return (
    `Accuracy on this history (backtest, ${pluralize(accuracy.origins, 'origin')} × ${pluralize(accuracy.horizon, context.unit)}): ` +
    `MASE ${decimal(accuracy.mase)} (seasonal naive ${decimal(accuracy.maseSeasonalNaive)}), sMAPE ${decimal(accuracy.smape)}%, ` +
    `${level}% band held ${percent(accuracy.coverage)} of actuals.`
  );
}

/** History summary, notes, spend so far in the current period, and unpriced usage. */
export function forecastFootnotes(result: SpendForecast, context: ForecastTextContext): string[] {
  const { series } = result;
  const lines: string[] = [];
  const historyTotal = series.valuesUsd.reduce((sum, value) => sum + value, 0);
  lines.push(
    `History: ${pluralize(series.periods.length, context.unit)} from ${series.periods[0]?.label ?? '-'}, ${formatUsdEstimate(historyTotal)} spent.`,
  );
  if (series.currentPeriodPico > 0n) {
    lines.push(
      `${result.futurePeriods[0]?.label ?? ''} is in progress: ${formatUsdEstimate(Number(series.currentPeriodPico) / 1e12)} already spent (part of its forecast).`,
    );
  }
  for (const note of result.notes) lines.push(`Note: ${describeNote(note, context.unit)}.`);
  if (context.unpriced.length > 0) {
    const records = context.unpriced.reduce((sum, entry) => sum + entry.records, 0);
    lines.push(
      `* Unpriced usage is not in the forecast (no price, never counted as $0): ${pluralize(records, 'record')}:`,
      ...context.unpriced.map(
        (entry) =>
          `  ${entry.provider}/${entry.model}: ${pluralize(entry.records, 'record')}: ${entry.reason}`,
      ),
    );
  }
  return lines;
}

/** Rows of the per-group summary: group, method, total with band, backtest MASE and coverage. */
export function groupRows(groups: readonly SpendForecast[], width: number): string[][] {
  return groups.map((group) => [
    truncateMiddle(group.series.group.map((value) => value ?? '(none)').join(' / '), width),
    group.forecast.methodLabel,
    money(group.total.value),
    money(group.total.lower),
    money(group.total.upper),
    decimal(group.forecast.accuracy?.mase),
    percent(group.forecast.accuracy?.coverage),
  ]);
}
