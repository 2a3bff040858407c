import { localDate } from '../model/zoned-time.ts';
import { asOfDay } from './as-of-day.ts';
import { parseDateFlag } from './parse-date-flag.ts';
import type { Settings } from './settings.ts';

/** The instant prices are looked up at, and how to name it in output. */
export interface PriceDate {
  readonly atMs: number;
  /** `2026-11-23`, or the instant as given. */
  readonly label: string;
  /** The calendar day (`YYYY-MM-DD`) retirements are judged on: the date given, else that of the instant. */
  readonly day: string;
}

/**
 * Prices "on" a date are those in effect at the end of that day, so a period starting that day counts:
 * `--at 2025-06-10` (a UTC day, as price periods are dated) shows o3's price from that day on. Without
 * `--at`, the global `--as-of` (end of that day in `--tz`), else now.
 */
export function resolvePriceDate(
  at: string | undefined,
  asOf: string | undefined,
  settings: Pick<Settings, 'asOfMs' | 'timeZone'>,
  flagName = '--at',
): PriceDate {
  if (at !== undefined) {
    const flag = parseDateFlag(at, flagName);
    return flag.kind === 'instant'
      ? { atMs: flag.ms, label: at, day: localDate(flag.ms, settings.timeZone) }
      : { atMs: Date.UTC(flag.year, flag.month - 1, flag.day + 1) - 1, label: at, day: at };
  }
  const atMs = settings.asOfMs - 1;
  return { atMs, label: asOf ?? new Date(atMs).toISOString().slice(0, 10), day: asOfDay(settings) };
}
