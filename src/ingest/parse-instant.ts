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
