import { WEEKDAY_NAMES, type SpendHeatmap } from '../analysis/bin-spend-by-weekday-hour.ts';
import type { CurrencyConversion } from '../analysis/convert-currency.ts';
import type { ReproducibilityStamp } from '../analysis/reproducibility-stamp.ts';
import type { CostMode } from '../model/cost-mode.ts';
import type { UnpricedUsage } from '../model/unpriced-usage.ts';
import { formatAmountExact } from './format-money.ts';
import type { ReportRange } from './report-json.ts';

/**
 * `llmcost report heatmap --format json` (README "Usage pattern heatmap"): the 7 × 24 matrix of spend
 * per local weekday (Monday first) and hour, as exact decimal strings (`costExact`) and integer
 * pico-units as strings (`costPico`), with the totals per weekday and per hour.
 */
export interface HeatmapJson {
  readonly schemaVersion: 1;
  readonly view: 'heatmap';
  readonly currency: string;
  readonly moneyUnit: string;
  readonly costMode: CostMode;
  readonly exchangeRates: CurrencyConversion | null;
  readonly stamp: ReproducibilityStamp;
  readonly timeZone: string;
  readonly range: { readonly since: string | null; readonly until: string | null; readonly asOf: string };
  readonly weekdays: readonly string[];
  readonly hours: readonly number[];
  readonly costExact: readonly (readonly string[])[];
  readonly costPico: readonly (readonly string[])[];
  readonly weekdayTotalsExact: readonly string[];
  readonly hourTotalsExact: readonly string[];
  readonly totalExact: string;
  readonly totalPico: string;
  readonly records: number;
  readonly unpricedRecords: number;
  readonly unpriced: readonly UnpricedUsage[];
}

export function renderHeatmapJson(heatmap: SpendHeatmap, range: ReportRange): string {
  const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
  const json: HeatmapJson = {
    schemaVersion: 1,
    view: 'heatmap',
    currency: heatmap.currency,
    moneyUnit: `pico${heatmap.currency}`,
    costMode: heatmap.costMode,
    exchangeRates: heatmap.exchange,
    stamp: heatmap.stamp,
    timeZone: heatmap.timeZone,
    range: {
      since: iso(range.sinceMs),
      until: iso(range.untilMs),
      asOf: new Date(range.asOfMs).toISOString(),
    },
    weekdays: WEEKDAY_NAMES,
    hours: Array.from({ length: 24 }, (_, hour) => hour),
    costExact: heatmap.cells.map((row) => row.map(formatAmountExact)),
    costPico: heatmap.cells.map((row) => row.map(String)),
    weekdayTotalsExact: heatmap.weekdayTotals.map(formatAmountExact),
    hourTotalsExact: heatmap.hourTotals.map(formatAmountExact),
    totalExact: formatAmountExact(heatmap.totalPico),
    totalPico: heatmap.totalPico.toString(),
    records: heatmap.records,
    unpricedRecords: heatmap.unpricedRecords,
    unpriced: heatmap.unpriced,
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}
