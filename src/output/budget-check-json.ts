import type { BudgetVerdict } from '../analysis/evaluate-budget.ts';
import { formatBudgetThreshold, type BudgetLevel, type BudgetStatus } from '../model/budget.ts';
import { picoToDecimalString, picoToNumber } from '../model/money.ts';

/** An alert raised by this run of `budget check` (also what `--notify-command` reads on stdin). */
export interface BudgetAlertJson {
  readonly budget: string;
  /** `80`, `90:forecast` or `breach-probability`. */
  readonly threshold: string;
  readonly level: BudgetLevel;
  readonly period: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly currency: string;
  readonly spent: number;
  readonly amount: number;
  readonly projected: number | null;
  readonly breachProbability: number | null;
  readonly enforcement: string;
  readonly asOf: string;
}

/**
 * The public JSON contract of `llmcost budget check --format json` (issue 7). Money is in each budget's
 * `currency`: `spent`, `amount`, `projected` are decimal numbers (floats, for reading); `spentExact` and
 * `amountExact` are exact decimal strings. `breachProbability` is P(period total > amount), 0–1, null
 * without a forecast. `status` is ok|warn|breach; `level` tells warn from critical.
 */
export interface BudgetCheckJson {
  readonly schemaVersion: 1;
  readonly asOf: string;
  readonly budgets: readonly {
    readonly name: string;
    readonly status: BudgetStatus;
    readonly level: BudgetLevel;
    readonly spent: number;
    readonly amount: number;
    readonly projected: number | null;
    readonly breachProbability: number | null;
    readonly currency: string;
    readonly spentExact: string;
    readonly amountExact: string;
    readonly projectedLower: number | null;
    readonly projectedUpper: number | null;
    /** Band level of `projectedLower`/`projectedUpper`, percent. */
    readonly interval: number | null;
    readonly utilization: number;
    readonly period: { readonly label: string; readonly start: string; readonly end: string };
    readonly thresholdsReached: readonly string[];
    readonly enforcement: string;
  }[];
  /** Hierarchy warnings (a child over its parent). */
  readonly warnings: readonly string[];
  /** Alerts that fired for the first time in this run. */
  readonly alerts: readonly BudgetAlertJson[];
}

const iso = (ms: number): string => new Date(ms).toISOString();

export function budgetCheckJson(
  verdicts: readonly BudgetVerdict[],
  warnings: readonly string[],
  alerts: readonly BudgetAlertJson[],
  asOfMs: number,
): BudgetCheckJson {
  return {
    schemaVersion: 1,
    asOf: iso(asOfMs),
    budgets: verdicts.map((verdict) => ({
      name: verdict.budget.name,
      status: verdict.status,
      level: verdict.level,
      spent: picoToNumber(verdict.spentPico),
      amount: picoToNumber(verdict.amountPico),
      projected: verdict.projection?.projected ?? null,
      breachProbability: verdict.projection?.breachProbability ?? null,
      currency: verdict.currency,
      spentExact: picoToDecimalString(verdict.spentPico),
      amountExact: picoToDecimalString(verdict.amountPico),
      projectedLower: verdict.projection?.lower ?? null,
      projectedUpper: verdict.projection?.upper ?? null,
      interval: verdict.projection === null ? null : Math.round(verdict.projection.intervalLevel * 100),
      utilization: verdict.utilization,
      period: {
        label: verdict.window.label,
        start: iso(verdict.window.startMs),
        end: iso(verdict.window.endMs),
      },
      thresholdsReached: verdict.crossed.map(formatBudgetThreshold),
      enforcement: verdict.budget.enforcement,
    })),
    warnings,
    alerts,
  };
}

export function renderBudgetCheckJson(json: BudgetCheckJson): string {
  return `${JSON.stringify(json, null, 2)}\n`;
}
