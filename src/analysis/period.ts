import { localParts, zonedTimeToMs } from '../model/zoned-time.ts';

/** How usage is bucketed in time; calendar periods are aligned in an explicit IANA time zone. */
export type PeriodUnit = 'hour' | 'day' | 'week' | 'month' | 'none';

export const PERIOD_UNITS: readonly PeriodUnit[] = ['hour', 'day', 'week', 'month', 'none'];

/** One calendar period: its label (`2026-10-01`, `2026-W40`, `2026-10`, `2026-10-01 13:00`, `all`). */
export interface Period {
  readonly label: string;
  /** Start instant, or null for `none`. */
  readonly startMs: number | null;
}

const ALL: Period = { label: 'all', startMs: null };

const pad = (value: number): string => String(value).padStart(2, '0');

/** The period an instant falls in. Weeks are ISO weeks (Monday first, week-numbering year). */
export function periodOf(instantMs: number, unit: PeriodUnit, timeZone: string): Period {
  if (unit === 'none') return ALL;
  const local = localParts(instantMs, timeZone);
  switch (unit) {
    case 'hour':
      return {
        label: `${local.year}-${pad(local.month)}-${pad(local.day)} ${pad(local.hour)}:00`,
        startMs: zonedTimeToMs(local.year, local.month, local.day, local.hour, 0, timeZone),
      };
    case 'day':
      return {
        label: `${local.year}-${pad(local.month)}-${pad(local.day)}`,
        startMs: zonedTimeToMs(local.year, local.month, local.day, 0, 0, timeZone),
      };
    case 'week': {
      const monday = new Date(Date.UTC(local.year, local.month - 1, local.day - (local.weekday - 1)));
      const thursday = new Date(monday.getTime() + 3 * 86_400_000);
      const weekYear = thursday.getUTCFullYear();
      const week = Math.floor((thursday.getTime() - Date.UTC(weekYear, 0, 1)) / (7 * 86_400_000)) + 1;
      return {
        label: `${weekYear}-W${pad(week)}`,
        startMs: zonedTimeToMs(
          monday.getUTCFullYear(),
          monday.getUTCMonth() + 1,
          monday.getUTCDate(),
          0,
          0,
          timeZone,
        ),
      };
    }
    case 'month':
      return {
        label: `${local.year}-${pad(local.month)}`,
        startMs: zonedTimeToMs(local.year, local.month, 1, 0, 0, timeZone),
      };
    default:
      return unit satisfies never;
  }
}

/**
 * The instants a period label spans in a zone, [startMs, endMs): `2026-10` (a month), `2026-W40` (an ISO
 * week), `2026-10-05` (a day). Null for anything else.
 */
export function periodRange(label: string, timeZone: string): { startMs: number; endMs: number } | null {
  const month = /^(\d{4})-(\d{2})$/.exec(label);
  if (month) {
    const [year, value] = [Number(month[1]), Number(month[2])];
    if (value < 1 || value > 12) return null;
    return {
      startMs: zonedTimeToMs(year, value, 1, 0, 0, timeZone),
      endMs: zonedTimeToMs(value === 12 ? year + 1 : year, value === 12 ? 1 : value + 1, 1, 0, 0, timeZone),
    };
  }
  const week = /^(\d{4})-W(\d{2})$/.exec(label);
  if (week) {
    const [year, value] = [Number(week[1]), Number(week[2])];
    // ISO week 1 holds January 4th; its Monday starts the week-numbering year.
    const january4 = new Date(Date.UTC(year, 0, 4));
    const monday = new Date(january4.getTime() - ((january4.getUTCDay() + 6) % 7) * 86_400_000);
    const start = new Date(monday.getTime() + (value - 1) * 7 * 86_400_000);
    const end = new Date(start.getTime() + 7 * 86_400_000);
    if (value < 1 || periodOf(start.getTime() + 43_200_000, 'week', 'UTC').label !== label) return null;
    const at = (date: Date) =>
      zonedTimeToMs(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), 0, 0, timeZone);
    return { startMs: at(start), endMs: at(end) };
  }
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(label);
  if (day) {
    const [year, value, date] = [Number(day[1]), Number(day[2]), Number(day[3])];
    const probe = new Date(Date.UTC(year, value - 1, date));
    if (probe.getUTCMonth() !== value - 1 || probe.getUTCDate() !== date) return null;
    const next = new Date(Date.UTC(year, value - 1, date + 1));
    return {
      startMs: zonedTimeToMs(year, value, date, 0, 0, timeZone),
      endMs: zonedTimeToMs(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), 0, 0, timeZone),
    };
  }
  return null;
}

/** A period of an hour, a day or a week: it always has a start instant. */
export interface DatedPeriod extends Period {
  readonly startMs: number;
}

/** {@link periodOf} for the units that always have a start. */
export function datedPeriodOf(
  instantMs: number,
  unit: 'hour' | 'day' | 'week',
  timeZone: string,
): DatedPeriod {
  const period = periodOf(instantMs, unit, timeZone);
  return { label: period.label, startMs: period.startMs ?? instantMs };
}

/** Longer than any period of the unit (DST days are 23–25 h) and shorter than two of them. */
const STEP_PAST_START_MS: Readonly<Record<'hour' | 'day' | 'week', number>> = {
  hour: 3_600_000,
  day: 25.5 * 3_600_000,
  week: 7.5 * 86_400_000,
};

/** The period right after one that starts at `startMs` (hour, day or week; calendar-aligned in the zone). */
export function nextPeriod(startMs: number, unit: 'hour' | 'day' | 'week', timeZone: string): DatedPeriod {
  return datedPeriodOf(startMs + STEP_PAST_START_MS[unit], unit, timeZone);
}
