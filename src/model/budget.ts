import type { DimensionFilter } from './dimension.ts';

/** Calendar units a budget period can follow (aligned in the budget's time zone). */
export const CALENDAR_BUDGET_UNITS = ['hourly', 'daily', 'weekly', 'monthly', 'quarterly', 'yearly'] as const;
export type CalendarBudgetUnit = (typeof CALENDAR_BUDGET_UNITS)[number];

/**
 * The time a budget's amount covers.
 * - `calendar`: hours, days, ISO weeks (Monday first), months, quarters or years of the budget's zone;
 *   the amount resets at each boundary.
 * - `rolling`: the last `days` local days, today included; it slides every day and never resets.
 * - `custom`: from `fromDate` to `toDate` (inclusive, `YYYY-MM-DD` in the zone); one period only.
 */
export type BudgetPeriod =
  | { readonly kind: 'calendar'; readonly unit: CalendarBudgetUnit }
  | { readonly kind: 'rolling'; readonly days: number }
  | { readonly kind: 'custom'; readonly fromDate: string; readonly toDate: string };

/** A share of the amount that raises an alert, judged on spend so far (`actual`) or on the projection. */
export interface BudgetThreshold {
  /** Percent of the period's amount (100 = the whole amount), > 0. */
  readonly percent: number;
  readonly basis: 'actual' | 'forecast';
}

/** What a budget does when it is over: `warn` only tells, `soft` asks scripts to slow down, `hard` denies. */
export const ENFORCEMENTS = ['warn', 'soft', 'hard'] as const;
export type Enforcement = (typeof ENFORCEMENTS)[number];

/** Unused amount carried into the next period; `capPico` bounds what is carried (null: no cap). */
export interface Rollover {
  readonly capPico: bigint | null;
}

/** A spending limit from the config file's `budgets` key. */
export interface Budget {
  readonly name: string;
  /** The amount per period in pico-units of `currency` (exact). */
  readonly amountPico: bigint;
  /** ISO 4217 code; null: the report currency (`--currency`, config `currency`, else USD). */
  readonly currency: string | null;
  /** Which usage counts (all filters hold); empty: all usage. */
  readonly where: readonly DimensionFilter[];
  readonly period: BudgetPeriod;
  /** IANA zone the period is aligned in; null: the report zone (`--tz`). */
  readonly timeZone: string | null;
  /** Ascending by percent. */
  readonly thresholds: readonly BudgetThreshold[];
  readonly enforcement: Enforcement;
  readonly rollover: Rollover | null;
  /** Name of the budget this one sits inside (a team budget inside the org's), or null. */
  readonly parent: string | null;
}

export const DEFAULT_THRESHOLDS: readonly BudgetThreshold[] = [50, 80, 90, 100].map((percent) => ({
  percent,
  basis: 'actual' as const,
}));

/** How bad a budget's state is, in order; `status` in JSON folds `critical` into `warn`. */
export const BUDGET_LEVELS = ['ok', 'warn', 'critical', 'breach'] as const;
export type BudgetLevel = (typeof BUDGET_LEVELS)[number];
export type BudgetStatus = 'ok' | 'warn' | 'breach';

export function statusOfLevel(level: BudgetLevel): BudgetStatus {
  return level === 'critical' ? 'warn' : level;
}

export function isLevelAtLeast(level: BudgetLevel, minimum: BudgetLevel): boolean {
  return BUDGET_LEVELS.indexOf(level) >= BUDGET_LEVELS.indexOf(minimum);
}

/** The text form of a period (what the config file holds). */
export function formatBudgetPeriod(period: BudgetPeriod): string {
  switch (period.kind) {
    case 'calendar':
      return period.unit;
    case 'rolling':
      return `rolling:${period.days}d`;
    case 'custom':
      return `${period.fromDate}..${period.toDate}`;
    default:
      return period satisfies never;
  }
}

/** `80` for an actual threshold, `90:forecast` for a forecast one (the config file's form). */
export function formatBudgetThreshold(threshold: BudgetThreshold): string {
  return threshold.basis === 'actual' ? String(threshold.percent) : `${threshold.percent}:forecast`;
}
