/**
 * Parses the timestamp shapes found in usage exports into epoch milliseconds (UTC), or null.
 *
 * - RFC 3339 / ISO 8601 with `Z` or an offset: as written.
 * - Zone-less date-times (`2026-10-01 12:00:00.123`, `2026-10-01T12:00`) and plain dates: read as UTC,
 *   because every export we read states UTC (FORMATS.md §10); never the machine's local zone.
 * - Numbers: Unix seconds (integer or fractional); values above 1e11 are taken as milliseconds.
 */
export function parseInstant(value: unknown): number | null {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) return null;
    return value > 1e11 ? Math.round(value) : Math.round(value * 1000);
  }
  if (typeof value !== 'string') return null;
  const fast = parseCanonicalUtc(value);
  if (fast !== null) return fast;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return parseInstant(Number(text));
  const match =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|z|[+-]\d{2}:?\d{2}|UTC)?$/.exec(
      text,
    );
  if (!match) return null;
  const [, year, month, day, hour = '00', minute = '00', second = '00', fraction = '', zone = 'Z'] = match;
  const millis = fraction === '' ? 0 : Math.round(Number(`0${fraction}`) * 1000);
  const utcMs = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
    millis,
  );
  const parsed = new Date(utcMs);
  if (
    Number.isNaN(utcMs) ||
    parsed.getUTCDate() !== Number(day) ||
    parsed.getUTCMonth() !== Number(month) - 1
  )
    return null;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return null;
  return utcMs - zoneOffsetMs(zone);
}

function zoneOffsetMs(zone: string): number {
  if (zone === 'Z' || zone === 'z' || zone === 'UTC') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
}

const DIGIT_0 = 48;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * The fast path for the shape machines write, `YYYY-MM-DDTHH:MM:SSZ` or `…SS.mmmZ` (`toISOString()`):
 * digits read in place, no regex, no Date. A regex and a Date per value dominated million-line
 * ingests. Null for anything else, including out-of-range fields, which the general rules then judge.
 */
export function parseCanonicalUtc(text: string): number | null {
  const length = text.length;
  if (length !== 20 && length !== 24) return null;
  if (text.charCodeAt(length - 1) !== 90 /* Z */) return null;
  if (text[4] !== '-' || text[7] !== '-' || text[10] !== 'T' || text[13] !== ':' || text[16] !== ':')
    return null;
  if (length === 24 && text[19] !== '.') return null;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  const millis = length === 24 ? digits(text, 20, 3) : 0;
  if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59) {
    return null;
  }
  if (second < 0 || second > 59 || millis < 0 || day > daysInMonth(year, month)) return null;
  return Date.UTC(year, month - 1, day, hour, minute, second, millis);
}

/** The number written by `count` ASCII digits at `start`, or -1 if any is not a digit. */
function digits(text: string, start: number, count: number): number {
  let value = 0;
  for (let index = start; index < start + count; index++) {
    const digit = text.charCodeAt(index) - DIGIT_0;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  const isLeap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && isLeap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 31);
}
