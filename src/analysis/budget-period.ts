import type { BudgetPeriod } from '../model/budget.ts';
import { localParts, zonedTimeToMs } from '../model/zoned-time.ts';

/** One period of a budget: the instants [startMs, endMs) its amount covers, and a label. */
export interface BudgetWindow {
  /** `2026-11-22 13:00`, `2026-11-22`, `2026-W47`, `2026-11`, `2026-Q4`, `2026`, `2026-10-24..2026-11-22`. */
  readonly label: string;
  readonly startMs: number;
  readonly endMs: number;
}

const pad = (value: number): string => String(value).padStart(2, '0');

/** A local calendar date, normalised (day 0 is the last of the previous month, month 13 next January). */
function localDate(year: number, month: number, day: number): { year: number; month: number; day: number } {
  const date = new Date(Date.UTC(year, month - 1, day));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** Midnight starting a local date (after a DST gap at midnight, the first instant that exists). */
function startOfDate(year: number, month: number, day: number, timeZone: string): number {
  const date = localDate(year, month, day);
  return zonedTimeToMs(date.year, date.month, date.day, 0, 0, timeZone);
}

const dateLabel = (year: number, month: number, day: number): string => {
  const date = localDate(year, month, day);
  return `${date.year}-${pad(date.month)}-${pad(date.day)}`;
};

/** ISO week label of a local date (the week-numbering year is the Thursday's). */
function isoWeekLabel(year: number, month: number, mondayDay: number): string {
  const thursday = new Date(Date.UTC(year, month - 1, mondayDay + 3));
  const weekYear = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(weekYear, 0, 1)) / (7 * 86_400_000)) + 1;
  return `${weekYear}-W${pad(week)}`;
}

function hourLabel(instantMs: number, timeZone: string): string {
  const local = localParts(instantMs, timeZone);
  return `${local.year}-${pad(local.month)}-${pad(local.day)} ${pad(local.hour)}:00`;
}

/** The zone's UTC offset at an instant, `+02:00`. */
function offsetLabel(instantMs: number, timeZone: string): string {
  const local = localParts(instantMs, timeZone);
  const offsetMinutes = Math.round(
    (Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute) -
      (instantMs - (((instantMs % 60_000) + 60_000) % 60_000))) /
      60_000,
  );
  const sign = offsetMinutes < 0 ? '-' : '+';
  const minutes = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/**
 * The period of `budgetPeriod` that holds `instantMs`, aligned in `timeZone`. Calendar periods start at
 * local midnight (or the hour) and end where the next one starts, so DST days are 23 or 25 hours and
 * months, quarters and leap years have their real lengths. A rolling window is the `days` local days
 * ending with the instant's day. A custom period is its dates whatever the instant.
 */
export function budgetPeriodAt(
  budgetPeriod: BudgetPeriod,
  instantMs: number,
  timeZone: string,
): BudgetWindow {
  const local = localParts(instantMs, timeZone);
  switch (budgetPeriod.kind) {
    case 'custom': {
      const [fromYear, fromMonth, fromDay] = budgetPeriod.fromDate.split('-').map(Number) as [
        number,
        number,
        number,
      ];
      const [toYear, toMonth, toDay] = budgetPeriod.toDate.split('-').map(Number) as [number, number, number];
      return {
        label: `${budgetPeriod.fromDate}..${budgetPeriod.toDate}`,
        startMs: startOfDate(fromYear, fromMonth, fromDay, timeZone),
        endMs: startOfDate(toYear, toMonth, toDay + 1, timeZone),
      };
    }
    case 'rolling': {
      const firstDay = local.day - (budgetPeriod.days - 1);
      return {
        label: `${dateLabel(local.year, local.month, firstDay)}..${dateLabel(local.year, local.month, local.day)}`,
        startMs: startOfDate(local.year, local.month, firstDay, timeZone),
        endMs: startOfDate(local.year, local.month, local.day + 1, timeZone),
      };
    }
    case 'calendar':
      break;
    default:
      return budgetPeriod satisfies never;
  }
  switch (budgetPeriod.unit) {
    case 'hourly': {
      // An hour is 60 real minutes from a local :00 (offsets are whole minutes), so a DST gap has no
      // period, and an overlap two with the same local hour: those two carry their UTC offset, so that
      // output, alert messages and the alert history tell them apart.
      const startMs = instantMs - local.minute * 60_000 - (((instantMs % 60_000) + 60_000) % 60_000);
      const label = hourLabel(startMs, timeZone);
      const isRepeated =
        hourLabel(startMs - 3_600_000, timeZone) === label ||
        hourLabel(startMs + 3_600_000, timeZone) === label;
      return {
        label: isRepeated ? `${label}${offsetLabel(startMs, timeZone)}` : label,
        startMs,
        endMs: startMs + 3_600_000,
      };
    }
    case 'daily':
      return {
        label: dateLabel(local.year, local.month, local.day),
        startMs: startOfDate(local.year, local.month, local.day, timeZone),
        endMs: startOfDate(local.year, local.month, local.day + 1, timeZone),
      };
    case 'weekly': {
      const monday = local.day - (local.weekday - 1);
      return {
        label: isoWeekLabel(local.year, local.month, monday),
        startMs: startOfDate(local.year, local.month, monday, timeZone),
        endMs: startOfDate(local.year, local.month, monday + 7, timeZone),
      };
    }
    case 'monthly':
      return {
        label: `${local.year}-${pad(local.month)}`,
        startMs: startOfDate(local.year, local.month, 1, timeZone),
        endMs: startOfDate(local.year, local.month + 1, 1, timeZone),
      };
    case 'quarterly': {
      const quarter = Math.floor((local.month - 1) / 3);
      return {
        label: `${local.year}-Q${quarter + 1}`,
        startMs: startOfDate(local.year, quarter * 3 + 1, 1, timeZone),
        endMs: startOfDate(local.year, quarter * 3 + 4, 1, timeZone),
      };
    }
    case 'yearly':
      return {
        label: String(local.year),
        startMs: startOfDate(local.year, 1, 1, timeZone),
        endMs: startOfDate(local.year + 1, 1, 1, timeZone),
      };
    default:
      return budgetPeriod.unit satisfies never;
  }
}

/**
 * The period right before `window` (for rolling windows, the `days` days before it: windows do not
 * overlap), or null for a custom period, which has no other.
 */
export function previousBudgetPeriod(
  budgetPeriod: BudgetPeriod,
  window: BudgetWindow,
  timeZone: string,
): BudgetWindow | null {
  if (budgetPeriod.kind === 'custom') return null;
  return budgetPeriodAt(budgetPeriod, window.startMs - 1, timeZone);
}

/** Up to `count` periods before `window`, oldest first. */
export function pastBudgetPeriods(
  budgetPeriod: BudgetPeriod,
  window: BudgetWindow,
  timeZone: string,
  count: number,
): BudgetWindow[] {
  const periods: BudgetWindow[] = [];
  for (
    let previous = previousBudgetPeriod(budgetPeriod, window, timeZone);
    previous !== null && periods.length < count;
    previous = previousBudgetPeriod(budgetPeriod, previous, timeZone)
  ) {
    periods.unshift(previous);
  }
  return periods;
}

/**
 * A period's nominal length in thousandths of an hour (a month is 365.2425 / 12 days), to compare the
 * amounts of budgets with different periods exactly in integers.
 */
export function nominalPeriodMilliHours(budgetPeriod: BudgetPeriod): bigint {
  switch (budgetPeriod.kind) {
    case 'rolling':
      return BigInt(budgetPeriod.days) * 24_000n;
    case 'custom': {
      const days =
        (Date.parse(`${budgetPeriod.toDate}T00:00:00Z`) - Date.parse(`${budgetPeriod.fromDate}T00:00:00Z`)) /
          86_400_000 +
        1;
      return BigInt(days) * 24_000n;
    }
    case 'calendar':
      return {
        hourly: 1_000n,
        daily: 24_000n,
        weekly: 168_000n,
        monthly: 730_485n,
        quarterly: 2_191_455n,
        yearly: 8_765_820n,
      }[budgetPeriod.unit];
    default:
      return budgetPeriod satisfies never;
  }
}
