import type { Store } from './open-store.ts';

/** A budget period that has ended, as first recorded (its amount and spend then). */
export interface ClosedBudgetPeriodRow {
  readonly budget: string;
  readonly periodStartMs: number;
  readonly periodEndMs: number;
  readonly periodLabel: string;
  readonly amountPico: bigint;
  readonly spentPico: bigint;
  readonly currency: string;
  readonly recordedAtMs: number;
}

/** Records ended periods; one already recorded keeps its first figures (history is never rewritten). */
export function recordClosedBudgetPeriods(store: Store, rows: readonly ClosedBudgetPeriodRow[]): void {
  const insert = store.prepare(
    `INSERT INTO budget_periods (budget, period_start_ms, period_end_ms, period_label, amount_pico,
       spent_pico, currency, recorded_at_ms)
     VALUES (@budget, @periodStartMs, @periodEndMs, @periodLabel, @amountPico, @spentPico, @currency,
       @recordedAtMs)
     ON CONFLICT DO NOTHING`,
  );
  store.transaction(() => {
    for (const row of rows) insert.run(row);
  })();
}

/** The recorded periods of a budget, oldest first. */
export function selectClosedBudgetPeriods(store: Store, budget: string): ClosedBudgetPeriodRow[] {
  return store
    .prepare(
      `SELECT budget, period_start_ms AS periodStartMs, period_end_ms AS periodEndMs,
         period_label AS periodLabel, amount_pico AS amountPico, spent_pico AS spentPico, currency,
         recorded_at_ms AS recordedAtMs
       FROM budget_periods WHERE budget = ? ORDER BY period_start_ms`,
    )
    .safeIntegers(true)
    .all(budget)
    .map((row) => {
      const raw = row as Record<string, bigint | string>;
      return {
        ...(raw as unknown as ClosedBudgetPeriodRow),
        periodStartMs: Number(raw.periodStartMs),
        periodEndMs: Number(raw.periodEndMs),
        recordedAtMs: Number(raw.recordedAtMs),
      };
    });
}
