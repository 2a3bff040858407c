/**
 * Calendar arithmetic in an explicit IANA time zone. Instants are epoch milliseconds (UTC); local
 * wall-clock parts come from one cached `Intl.DateTimeFormat` per zone (creating one per row is the
 * classic 70× slowdown), and offsets are cached per UTC hour.
 */
export interface LocalParts {
  readonly year: number;
  readonly month: number; // 1-12
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  readonly weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCache = new Map<string, Map<number, number>>();
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The zone's offset from UTC at an instant, in ms (positive east of Greenwich). */
function offsetMsAt(instantMs: number, timeZone: string): number {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return 0;
  let byHour = offsetCache.get(timeZone);
  if (byHour === undefined) {
    byHour = new Map();
    offsetCache.set(timeZone, byHour);
  }
  // Zone transitions happen on whole quarter hours; caching per quarter hour is exact.
  const quarter = Math.floor(instantMs / 900_000);
  const cached = byHour.get(quarter);
  if (cached !== undefined) return cached;
  const probe = quarter * 900_000;
  const parts = formatterFor(timeZone).formatToParts(new Date(probe));
  const value = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((part) => part.type === type)?.value);
  const asUtc = Date.UTC(
    value('year'),
    value('month') - 1,
    value('day'),
    value('hour'),
    value('minute'),
    value('second'),
  );
  const offset = asUtc - probe;
  byHour.set(quarter, offset);
  return offset;
}

export function localParts(instantMs: number, timeZone: string): LocalParts {
  const shifted = new Date(instantMs + offsetMsAt(instantMs, timeZone));
  const weekday = shifted.getUTCDay();
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    weekday: weekday === 0 ? 7 : weekday,
  };
}

/** The local calendar day of an instant, `YYYY-MM-DD`. */
export function localDate(instantMs: number, timeZone: string): string {
  const { year, month, day } = localParts(instantMs, timeZone);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The instant of a local wall-clock time. In a DST gap the time does not exist and the instant after
 * the gap is returned; in an overlap, the earlier instant.
 */
export function zonedTimeToMs(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  timeZone: string,
): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const first = wall - offsetMsAt(wall - DAY_MS / 2, timeZone);
  const second = wall - offsetMsAt(wall + DAY_MS / 2, timeZone);
  const candidates = [first, second].filter((ms) => ms + offsetMsAt(ms, timeZone) === wall);
  if (candidates.length > 0) return Math.min(...candidates);
  return Math.max(first, second);
}

/** Whether every offset of the zone in the given years is a whole number of hours (hourly rollups apply). */
export function hasWholeHourOffsets(timeZone: string, years: readonly number[]): boolean {
  return years.every((year) =>
    [0, 3, 6, 9].every((monthIndex) => offsetMsAt(Date.UTC(year, monthIndex, 1), timeZone) % HOUR_MS === 0),
  );
}

/** Whether the zone is UTC in all the given years (calendar days are UTC days: the daily rollup applies). */
export function isAlwaysUtc(timeZone: string, years: readonly number[]): boolean {
  return years.every((year) =>
    [0, 3, 6, 9].every((monthIndex) => offsetMsAt(Date.UTC(year, monthIndex, 1), timeZone) === 0),
  );
}
