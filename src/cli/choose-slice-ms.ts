import { hasWholeHourOffsets, isAlwaysUtc, localParts } from '../model/zoned-time.ts';

const HOUR_MS = 3_600_000;
const QUARTER_HOUR_MS = 900_000;
const DAY_MS = 86_400_000;

/**
 * The slice length to read from the store for a range shown in `timeZone`: UTC calendar days are
 * UTC days (daily sums), zones with :30/:45 offsets need quarter-hour slices, all others hourly sums.
 */
export function chooseSliceMs(timeZone: string, fromMs: number, toMs: number, isHourly: boolean): number {
  const years = [localParts(fromMs, 'UTC').year, localParts(toMs, 'UTC').year];
  if (!isHourly && isAlwaysUtc(timeZone, years)) return DAY_MS;
  return hasWholeHourOffsets(timeZone, years) ? HOUR_MS : QUARTER_HOUR_MS;
}
