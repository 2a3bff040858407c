import {
  CALENDAR_BUDGET_UNITS,
  type BudgetPeriod,
  type BudgetThreshold,
  type CalendarBudgetUnit,
} from '../model/budget.ts';
import { parseDecimalToPico } from '../model/money.ts';

/**
 * Text forms of budget fields, shared by the config file and the `budget add` flags, so both accept
 * the same spelling. Each returns the value or a message saying what was expected.
 */
export type Parsed<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(message: string): Parsed<T> => ({ ok: false, message });

/** `500`, `12.50`, `$12.50`: an exact amount > 0 in pico-units. */
export function parseBudgetAmount(text: string): Parsed<bigint> {
  const pico = /^\$?\d+(\.\d+)?$/.test(text.trim())
    ? parseDecimalToPico(text.trim().replace(/^\$/, ''))
    : null;
  if (pico === null || pico <= 0n) return fail(`expected an amount > 0 such as 500 or 12.50, got "${text}"`);
  return ok(pico);
}

const isCalendarDate = (text: string): boolean => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const probe = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return probe.getUTCMonth() === Number(match[2]) - 1 && probe.getUTCDate() === Number(match[3]);
};

/** `monthly` (any calendar unit), `rolling:30d`, or custom dates `2026-01-01..2026-03-31`. */
export function parseBudgetPeriod(text: string): Parsed<BudgetPeriod> {
  const expected = `expected ${CALENDAR_BUDGET_UNITS.join(', ')}, rolling:<n>d (e.g. rolling:30d) or <from>..<to> dates (2026-01-01..2026-03-31), got "${text}"`;
  if ((CALENDAR_BUDGET_UNITS as readonly string[]).includes(text)) {
    return ok({ kind: 'calendar', unit: text as CalendarBudgetUnit });
  }
  const rolling = /^rolling:(\d+)d$/.exec(text);
  if (rolling) {
    const days = Number(rolling[1]);
    return days >= 1 && days <= 3660 ? ok({ kind: 'rolling', days }) : fail(expected);
  }
  const [fromDate = '', toDate = ''] = /^(\S+)\.\.(\S+)$/.exec(text)?.slice(1) ?? [];
  if (isCalendarDate(fromDate) && isCalendarDate(toDate)) {
    if (toDate < fromDate) return fail(`the period ends before it starts: "${text}"`);
    return ok({ kind: 'custom', fromDate, toDate });
  }
  return fail(expected);
}

/** `80` or `80:actual` (spend so far), `90:forecast` (projected period total). */
export function parseBudgetThreshold(text: string): Parsed<BudgetThreshold> {
  const match = /^(\d+(?:\.\d+)?)%?(?::(actual|forecast))?$/.exec(text.trim());
  const percent = match ? Number(match[1]) : Number.NaN;
  if (!match || !(percent > 0 && percent <= 1000)) {
    return fail(`expected a percentage such as 80, 80:actual or 90:forecast, got "${text}"`);
  }
  return ok({ percent, basis: match[2] === 'forecast' ? 'forecast' : 'actual' });
}

/** `50,80,90:forecast,100` → thresholds sorted by percent (actual before forecast on a tie). */
export function parseBudgetThresholdList(text: string): Parsed<BudgetThreshold[]> {
  const thresholds: BudgetThreshold[] = [];
  for (const part of text.split(',')) {
    const parsed = parseBudgetThreshold(part);
    if (!parsed.ok) return parsed;
    thresholds.push(parsed.value);
  }
  return ok(sortThresholds(thresholds));
}

export function sortThresholds(thresholds: readonly BudgetThreshold[]): BudgetThreshold[] {
  return [...thresholds].sort(
    (a, b) => a.percent - b.percent || (a.basis === b.basis ? 0 : a.basis === 'actual' ? -1 : 1),
  );
}
