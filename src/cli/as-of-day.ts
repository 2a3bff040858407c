import { localDate } from '../model/zoned-time.ts';
import type { Settings } from './settings.ts';

/**
 * The calendar day of `--as-of` (else today) in the report's time zone, `YYYY-MM-DD`: the last day
 * before the exclusive `asOfMs`. Model retirements are judged on it.
 */
export function asOfDay(settings: Pick<Settings, 'asOfMs' | 'timeZone'>): string {
  return localDate(settings.asOfMs - 1, settings.timeZone);
}
