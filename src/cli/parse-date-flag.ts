import { parseInstant } from '../ingest/parse-instant.ts';
import { zonedTimeToMs } from '../model/zoned-time.ts';
import { UsageError } from './errors.ts';

/** A date flag as given: a calendar date (read in the report's time zone) or an exact instant. */
export type DateFlag =
  | { readonly kind: 'date'; readonly year: number; readonly month: number; readonly day: number }
  | { readonly kind: 'instant'; readonly ms: number };

/** Parses `2026-10-01` or an ISO 8601 instant with zone (`2026-10-01T12:00:00Z`) for `flag`. */
export function parseDateFlag(text: string, flag: string): DateFlag {
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (date) {
    const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const probe = new Date(Date.UTC(year, month - 1, day));
    if (probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day)
      return { kind: 'date', year, month, day };
  } else if (/[T ]\d{2}:\d{2}/.test(text) && /(Z|[+-]\d{2}:?\d{2})$/.test(text)) {
    const ms = parseInstant(text);
    if (ms !== null) return { kind: 'instant', ms };
  }
  throw new UsageError(
    `${flag}: expected a date (2026-10-01) or an ISO 8601 instant with zone (2026-10-01T12:00:00Z), got "${text}"`,
  );
}

/** Start of the flag's day in the zone, or the instant itself. */
export function startOf(flag: DateFlag, timeZone: string): number {
  return flag.kind === 'instant' ? flag.ms : zonedTimeToMs(flag.year, flag.month, flag.day, 0, 0, timeZone);
}

/** Exclusive end: the start of the next day for a date (the date itself is included), else the instant. */
export function endOf(flag: DateFlag, timeZone: string): number {
  if (flag.kind === 'instant') return flag.ms;
  const next = new Date(Date.UTC(flag.year, flag.month - 1, flag.day + 1));
  return zonedTimeToMs(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), 0, 0, timeZone);
}
