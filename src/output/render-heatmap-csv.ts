import Papa from 'papaparse';
import { WEEKDAY_NAMES, type SpendHeatmap } from '../analysis/bin-spend-by-weekday-hour.ts';
import { formatAmountExact } from './format-money.ts';

const HOUR_FIELDS = Array.from({ length: 24 }, (_, hour) => `h${String(hour).padStart(2, '0')}`);

/**
 * The 7 × 24 matrix as CSV: one row per weekday (Monday first), one column per local hour (`h00` …
 * `h23`) and the weekday's `total`, exact decimals of the heatmap's currency. No totals row, as in
 * `report --format csv`, so columns sum cleanly.
 */
export function renderHeatmapCsv(heatmap: SpendHeatmap): string {
  const fields = ['weekday', ...HOUR_FIELDS, 'total'];
  const data = heatmap.cells.map((row, weekday) => [
    WEEKDAY_NAMES[weekday] ?? '',
    ...row.map(formatAmountExact),
    formatAmountExact(heatmap.weekdayTotals[weekday] ?? 0n),
  ]);
  return `${Papa.unparse({ fields, data }, { newline: '\n' })}\n`;
}
