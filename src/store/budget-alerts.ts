import type { Store } from './open-store.ts';

/** An alert `budget check` raised: a threshold of a budget reached in one period. */
export interface BudgetAlertRow {
  readonly budget: string;
  readonly periodStartMs: number;
  /** `80`, `90:forecast` or `breach-probability`. */
  readonly threshold: string;
  readonly periodLabel: string;
  readonly level: string;
  readonly spentPico: bigint;
  readonly amountPico: bigint;
  readonly currency: string;
  readonly firedAtMs: number;
}

/** Whether this threshold of this budget already fired in this period. */
export function hasBudgetAlert(
  store: Store,
  key: Pick<BudgetAlertRow, 'budget' | 'periodStartMs' | 'threshold'>,
): boolean {
  return (
    store
      .prepare(
        'SELECT 1 FROM budget_alerts WHERE budget = @budget AND period_start_ms = @periodStartMs AND threshold = @threshold',
      )
      .get(key) !== undefined
  );
}

/** Records a fired alert (once: a second insert of the same key does nothing). */
export function insertBudgetAlert(store: Store, alert: BudgetAlertRow): void {
  store
    .prepare(
      `INSERT INTO budget_alerts (budget, period_start_ms, threshold, period_label, level, spent_pico,
         amount_pico, currency, fired_at_ms)
       VALUES (@budget, @periodStartMs, @threshold, @periodLabel, @level, @spentPico, @amountPico,
         @currency, @firedAtMs)
       ON CONFLICT DO NOTHING`,
    )
    .run(alert);
}

/** Every alert of a budget, oldest first. */
export function selectBudgetAlerts(store: Store, budget: string): BudgetAlertRow[] {
  return store
    .prepare(
      `SELECT budget, period_start_ms AS periodStartMs, threshold, period_label AS periodLabel, level,
         spent_pico AS spentPico, amount_pico AS amountPico, currency, fired_at_ms AS firedAtMs
       FROM budget_alerts WHERE budget = ? ORDER BY fired_at_ms, period_start_ms, threshold`,
    )
    .safeIntegers(true)
    .all(budget)
    .map((row) => {
      const raw = row as Record<string, bigint | string>;
      return {
        ...(raw as unknown as BudgetAlertRow),
        periodStartMs: Number(raw.periodStartMs),
        firedAtMs: Number(raw.firedAtMs),
      };
    });
}
