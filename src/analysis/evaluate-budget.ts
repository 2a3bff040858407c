import {
  statusOfLevel,
  type Budget,
  type BudgetLevel,
  type BudgetStatus,
  type BudgetThreshold,
} from '../model/budget.ts';
import { picoToNumber } from '../model/money.ts';
import type { BudgetWindow } from './budget-period.ts';
import type { BudgetProjection } from './project-budget-period.ts';

const DAY_MS = 86_400_000;

/** A past period of a budget: its amount (rollover included) and what was spent. */
export interface BudgetHistoryEntry {
  readonly window: BudgetWindow;
  readonly amountPico: bigint;
  readonly spentPico: bigint;
}

export interface BudgetEvaluationInput {
  readonly budget: Budget;
  readonly currency: string;
  readonly timeZone: string;
  readonly window: BudgetWindow;
  readonly asOfMs: number;
  /** The amount of this period, rollover included (pico-units of `currency`). */
  readonly amountPico: bigint;
  readonly spentPico: bigint;
  readonly projection: BudgetProjection | null;
  readonly history: readonly BudgetHistoryEntry[];
  /** `--max-breach-probability` when the check judges the forecast (`--forecast`), else null. */
  readonly maxBreachProbability: number | null;
}

/** Where a budget stands at `--as-of`: spend, projection, thresholds crossed and the resulting level. */
export interface BudgetVerdict extends BudgetEvaluationInput {
  readonly level: BudgetLevel;
  readonly status: BudgetStatus;
  /** Thresholds reached (actual ones by spend so far, forecast ones by the projected total), ascending. */
  readonly crossed: readonly BudgetThreshold[];
  /** Whether the breach probability is over `maxBreachProbability`. */
  readonly isLikelyBreach: boolean;
  /** Amount minus spend (negative when over), pico-units. */
  readonly remainingPico: bigint;
  /** Spend / amount (1 = all of it). */
  readonly utilization: number;
  /** Average spend per day so far in the period (pico-units per day). */
  readonly burnRatePerDayPico: bigint;
  /** Time left in the period (ms, 0 when it is over). */
  readonly remainingMs: number;
  /** When the amount resets (a calendar period's end), null for rolling windows and custom dates. */
  readonly resetsAtMs: number | null;
  /** The projected (else the linear burn-rate) total stays within the amount; null before the period starts. */
  readonly isOnTrack: boolean | null;
  /** When spend reaches the amount at the projected pace: the forecast's, else the burn rate's; null if not. */
  readonly exhaustionMs: number | null;
}

/** `spent ≥ percent% of amount`, exactly (percent has at most three decimals). */
function isSpendAtLeast(spentPico: bigint, amountPico: bigint, percent: number): boolean {
  return spentPico * 100_000n >= amountPico * BigInt(Math.round(percent * 1000));
}

/**
 * Judges a budget period. Levels: crossing a threshold of 100% or more is `breach`; crossing the highest
 * threshold below 100% (90 by default) is `critical`; crossing any other is `warn`. With a
 * `maxBreachProbability`, a projected breach more likely than that is also `breach`.
 */
export function evaluateBudget(input: BudgetEvaluationInput): BudgetVerdict {
  const { budget, window, asOfMs, amountPico, spentPico, projection } = input;
  const crossed = budget.thresholds.filter((threshold) =>
    threshold.basis === 'actual'
      ? isSpendAtLeast(spentPico, amountPico, threshold.percent)
      : projection !== null && projection.projected >= (threshold.percent / 100) * picoToNumber(amountPico),
  );
  const criticalPercent = Math.max(
    -1,
    ...budget.thresholds.filter((threshold) => threshold.percent < 100).map((threshold) => threshold.percent),
  );
  const isLikelyBreach =
    input.maxBreachProbability !== null &&
    projection !== null &&
    projection.breachProbability > input.maxBreachProbability;
  const level: BudgetLevel =
    isLikelyBreach || crossed.some((threshold) => threshold.percent >= 100)
      ? 'breach'
      : crossed.some((threshold) => threshold.percent === criticalPercent)
        ? 'critical'
        : crossed.length > 0
          ? 'warn'
          : 'ok';

  const elapsedMs = Math.max(0, Math.min(asOfMs, window.endMs) - window.startMs);
  const burnRatePerDayPico = elapsedMs > 0 ? (spentPico * BigInt(DAY_MS)) / BigInt(elapsedMs) : 0n;
  const periodMs = window.endMs - window.startMs;
  const linearTotalPico = elapsedMs > 0 ? (spentPico * BigInt(periodMs)) / BigInt(elapsedMs) : null;
  const isOnTrack =
    projection !== null
      ? projection.projected <= picoToNumber(amountPico)
      : linearTotalPico === null
        ? null
        : linearTotalPico <= amountPico;
  let exhaustionMs = projection?.exhaustionMs ?? null;
  if (projection === null && spentPico < amountPico && burnRatePerDayPico > 0n) {
    const atMs = asOfMs + Number(((amountPico - spentPico) * BigInt(DAY_MS)) / burnRatePerDayPico);
    exhaustionMs = atMs < window.endMs ? atMs : null;
  }
  return {
    ...input,
    level,
    status: statusOfLevel(level),
    crossed,
    isLikelyBreach,
    remainingPico: amountPico - spentPico,
    utilization: amountPico > 0n ? Number((spentPico * 1_000_000n) / amountPico) / 1_000_000 : 0,
    burnRatePerDayPico,
    remainingMs: Math.max(0, window.endMs - asOfMs),
    resetsAtMs: budget.period.kind === 'calendar' ? window.endMs : null,
    isOnTrack,
    exhaustionMs,
  };
}
