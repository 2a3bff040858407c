import type { BudgetVerdict } from '../../analysis/evaluate-budget.ts';
import { picoToNumber } from '../../model/money.ts';
import { COST_ONLY_WEIGHTS, type StrategyWeights } from './strategy.ts';

/** Where one budget is heading: its projected period total against its amount. */
export interface BudgetOutlook {
  readonly name: string;
  /** Projected period total / amount (1 = exactly the amount); the forecast's, else the linear burn rate's. */
  readonly projectedUtilization: number;
}

/** Projected utilization at or below which a budget exerts no pressure. */
export const PRESSURE_START = 0.5;

/**
 * Budget pressure, 0–1: the largest over the budgets of clamp((u − 0.5) / 0.5, 0, 1), where u is a
 * budget's projected utilization. No pressure at or below half the amount, full pressure at the amount
 * or beyond, linear in between; 0 without budgets.
 */
export function budgetPressure(outlooks: readonly BudgetOutlook[]): number {
  let pressure = 0;
  for (const { projectedUtilization } of outlooks) {
    if (!Number.isFinite(projectedUtilization)) continue;
    const own = (projectedUtilization - PRESSURE_START) / (1 - PRESSURE_START);
    pressure = Math.max(pressure, Math.min(1, Math.max(0, own)));
  }
  return pressure;
}

/**
 * The adaptive strategy's weights at a pressure p: w(p) = (1 − p) · balanced + p · (cost 1, performance 0,
 * quality 0). At p = 0 they are the balanced weights; at p = 1 cost alone decides (within the quality
 * floor every strategy keeps).
 */
export function adaptiveWeights(balanced: StrategyWeights, pressure: number): StrategyWeights {
  const p = Math.min(1, Math.max(0, pressure));
  return {
    cost: (1 - p) * balanced.cost + p * COST_ONLY_WEIGHTS.cost,
    performance: (1 - p) * balanced.performance + p * COST_ONLY_WEIGHTS.performance,
    quality: (1 - p) * balanced.quality + p * COST_ONLY_WEIGHTS.quality,
  };
}

/**
 * Each budget's outlook: the forecast's projected total / amount where there is a forecast, else the
 * linear burn rate's (spent × period length / time elapsed) / amount. Budgets with no amount or no
 * time elapsed yet are left out.
 */
export function budgetOutlooks(verdicts: readonly BudgetVerdict[]): BudgetOutlook[] {
  return verdicts.flatMap((verdict) => {
    const amount = picoToNumber(verdict.amountPico);
    if (amount <= 0) return [];
    if (verdict.projection !== null)
      return [{ name: verdict.budget.name, projectedUtilization: verdict.projection.projected / amount }];
    const elapsedMs = Math.min(verdict.asOfMs, verdict.window.endMs) - verdict.window.startMs;
    if (elapsedMs <= 0) return [];
    const periodMs = verdict.window.endMs - verdict.window.startMs;
    const projected = (picoToNumber(verdict.spentPico) * periodMs) / elapsedMs;
    return [{ name: verdict.budget.name, projectedUtilization: projected / amount }];
  });
}
